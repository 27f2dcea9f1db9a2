"""What learning needs from one protocol: its instance actions as compact, typed records.

:func:`digest_protocol` turns a protocol and its :class:`~autodsl.extract.models.Extraction`
into a :class:`ProtocolDigest`: one :class:`InstanceAction` per action (verb, named slot
values with quantities in canonical units — including, with role ``Measure``, the amounts
written with the materials it takes, by the translator's rule
:func:`autodsl.pdg.measures.action_measures` —, the kinds of materials it acts on and makes, the
earlier actions whose products it consumes, the words after the verb) plus the protocol's
syntactic evidence. Digests are small and picklable, so extraction can run in worker
processes and only digests travel back.

:func:`lemma_profiles` turns instances into one dense vector per verb (argument-type
signature and slot dimensions of the arguments the action holds, object head words, context
words, neighbouring verbs), weighted
by positive pointwise mutual information and reduced with TruncatedSVD, which the operation
clustering works on. Everything is derived from the corpus itself; no word vectors are used.

>>> from autodsl.extract.models import Action, Argument, Entity, Extraction
>>> from autodsl.corpus.models import Protocol, Step
>>> text = "T\\nSpin the cells."
>>> p = Protocol(id="p", title="T", text=text, format="text",
...              steps=[Step(index=1, text="Spin the cells.", start=2, end=17)])
>>> x = Extraction(protocol={"id": "p"},
...     entities=[Entity(id="T1", type="Reagent", start=11, end=16, text="cells")],
...     actions=[Action(id="A1", start=2, end=6, text="Spin", lemma="spin", step=1,
...                     args=[Argument(role="Acts-on", entity="T1")])])
>>> d = digest_protocol(p, x)
>>> d.actions[0].verb, d.actions[0].inputs, d.actions[0].context
('spin', ('cells',), ('the', 'cells'))
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Sequence

from autodsl.induce.slots import CONTROL_ROLES, INPUT_ROLES, MEASURE_ROLE, PRODUCT_ROLES, measure_slot_name, slot_name
from autodsl.induce.syntax import syntax_flags
from autodsl.induce.verbs import base_verb
from autodsl.pdg.measures import action_measures

if TYPE_CHECKING:
    from autodsl.corpus.models import Protocol
    from autodsl.extract.models import Extraction

__all__ = [
    "SlotValue",
    "InstanceAction",
    "ProtocolDigest",
    "instance_actions",
    "digest_protocol",
    "head_word",
    "lemma_profiles",
    "block_profiles",
    "ppmi",
    "BLOCK_WEIGHTS",
]

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'-]*")
_SENTENCE_END = re.compile(r"[.;!?]\s|\n")
CONTEXT_WORDS = 3
EXAMPLE_CHARS = 160
# what may precede an imperative verb at the start of a sentence: '3.', '**12|**', '(a)', '-'
_LEAD_IN = re.compile(r"[\s\d.)(|*#:>\-–•]*(?:[a-z]?[).:]\s*)?[\s*]*")


@dataclass(frozen=True, slots=True)
class SlotValue:
    """One named argument of an instance action."""

    name: str
    role: str
    type: str
    dimension: str | None = None
    value: float | tuple[float, float] | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class InstanceAction:
    """One occurrence of an operation in one protocol, reduced to what learning uses."""

    protocol: str
    lemma: str
    verb: str = ""
    index: int = 0
    step: int = 0
    slots: tuple[SlotValue, ...] = ()
    inputs: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    flow_from: tuple[int, ...] = ()
    context: tuple[str, ...] = ()
    sentence: str = ""
    start: int = 0
    end: int = 0
    surface: str = ""  # the verb as written ('Centrifuged')
    initial: bool = False  # it opens its sentence or step (imperative position)

    def __post_init__(self) -> None:
        if not self.verb:
            object.__setattr__(self, "verb", base_verb(self.lemma))


@dataclass(frozen=True, slots=True)
class ProtocolDigest:
    """A protocol's id, domains, size, instance actions and syntactic evidence."""

    id: str
    domains: tuple[str, ...] = ()
    steps: int = 0
    actions: tuple[InstanceAction, ...] = ()
    syntax: frozenset[str] = field(default_factory=frozenset)


def head_word(text: str) -> str:
    """The last word of a noun phrase, lower case ('the cell pellet' -> 'pellet').

    >>> head_word("PB1 Resuspension Buffer"), head_word("1.5 ml tubes")
    ('buffer', 'tubes')
    """
    words = _WORD.findall(text)
    return words[-1].lower() if words else ""


def _sentence_around(text: str, start: int, end: int, lo: int, hi: int) -> str:
    """The sentence holding ``text[start:end]``, inside ``[lo, hi)``, clipped for examples."""
    left = lo
    for m in _SENTENCE_END.finditer(text, lo, start):
        left = m.end()
    m = _SENTENCE_END.search(text, end, hi)
    right = m.start() + 1 if m else hi
    sentence = " ".join(text[left:right].split())
    return sentence if len(sentence) <= EXAMPLE_CHARS else sentence[: EXAMPLE_CHARS - 1].rstrip() + "…"


def _opens_sentence(text: str, start: int, lo: int) -> bool:
    """Whether only numbering, bullets or markup stand between the sentence's start and ``start``."""
    left = lo
    for m in _SENTENCE_END.finditer(text, lo, start):
        left = m.end()
    return _LEAD_IN.fullmatch(text[left:start]) is not None


def instance_actions(extraction: "Extraction", protocol: "Protocol | None" = None) -> tuple[InstanceAction, ...]:
    """The instance actions of an extraction; context words and sentences need ``protocol``."""
    text = protocol.text if protocol is not None else ""
    pid = protocol.id if protocol is not None else str(extraction.protocol.get("id", ""))
    entities = {e.id: e for e in extraction.entities}
    action_index = {a.id: i for i, a in enumerate(extraction.actions)}
    step_bounds = {s.index: (s.start, s.end) for s in protocol.steps} if protocol is not None else {}
    # amounts written with a material, which the translator makes slots of the action taking it
    measured = action_measures(text, extraction) if text else {}
    instances = []
    for i, action in enumerate(extraction.actions):
        slots: list[SlotValue] = []
        inputs: list[str] = []
        products: list[str] = []
        flow_from: list[int] = []
        for arg in action.args:
            if arg.role in CONTROL_ROLES:
                continue
            if arg.entity in action_index:
                # the argument is an earlier action: this action works on its product
                if arg.role in PRODUCT_ROLES:
                    continue
                flow_from.append(action_index[arg.entity])
                if arg.role in INPUT_ROLES:
                    inputs.append("product")
                else:
                    slots.append(SlotValue(name=slot_name(arg.role, "Product", None), role=arg.role,
                                           type="Product", text="(product)"))
                continue
            ent = entities.get(arg.entity)
            if ent is None:
                continue
            if arg.role in INPUT_ROLES:
                inputs.append(head_word(ent.text) or ent.type.lower())
            elif arg.role in PRODUCT_ROLES:
                products.append(head_word(ent.text) or ent.type.lower())
            else:
                q = ent.quantity
                slots.append(
                    SlotValue(
                        name=slot_name(arg.role, ent.type, q.dimension if q else None),
                        role=arg.role,
                        type=ent.type,
                        dimension=q.dimension if q else None,
                        value=q.value if q else None,
                        text=ent.text,
                    )
                )
        for q, what in measured.get(action.id, ()):
            assert q.quantity is not None  # measures() only pairs quantities
            slots.append(SlotValue(
                name=measure_slot_name(q.type, q.quantity.dimension, final=what == "final"),
                role=MEASURE_ROLE, type=q.type, dimension=q.quantity.dimension, value=q.quantity.value, text=q.text))
        context: tuple[str, ...] = ()
        sentence = ""
        initial = False
        if text:
            lo, hi = step_bounds.get(action.step, (0, len(text)))
            after = _WORD.findall(text[action.end : min(max(hi, action.end), action.end + 60)])
            context = tuple(w.lower() for w in after[:CONTEXT_WORDS])
            sentence = _sentence_around(text, action.start, action.end, lo, max(hi, action.end))
            initial = _opens_sentence(text, action.start, lo)
        instances.append(
            InstanceAction(
                protocol=pid,
                lemma=action.lemma,
                index=i,
                step=action.step,
                slots=tuple(slots),
                inputs=tuple(inputs),
                products=tuple(products),
                flow_from=tuple(sorted(set(flow_from))),
                context=context,
                sentence=sentence,
                start=action.start,
                end=action.end,
                surface=action.text,
                initial=initial,
            )
        )
    return tuple(instances)


def digest_protocol(protocol: "Protocol", extraction: "Extraction") -> ProtocolDigest:
    """The :class:`ProtocolDigest` of a protocol from its extraction."""
    return ProtocolDigest(
        id=protocol.id,
        domains=tuple(protocol.domains),
        steps=len(protocol.steps),
        actions=instance_actions(extraction, protocol),
        syntax=syntax_flags(protocol, extraction),
    )


def _instance_tokens(inst: InstanceAction, previous: str | None, following: str | None) -> dict[str, list[str]]:
    """Feature tokens of one instance, by block.

    Amounts of its materials (role ``Measure``) are left out: they come with the reagent
    whatever the verb, and with them held-out coverage fell (docs/spec.md, step 4).
    """
    signature = [f"slot:{s.name}" for s in inst.slots if s.role != MEASURE_ROLE] + [f"in:{len(inst.inputs)}"]
    if inst.products:
        signature.append("makes")
    if "product" in inst.inputs:
        signature.append("in:product")
    dims = [f"dim:{s.dimension}" for s in inst.slots if s.dimension and s.role != MEASURE_ROLE]
    objects = [f"obj:{w}" for w in inst.inputs if w != "product"] + [f"prod:{w}" for w in inst.products]
    context = [f"ctx:{w}" for w in inst.context]
    neighbours = ([f"prev:{previous}"] if previous else []) + ([f"next:{following}"] if following else [])
    return {"signature": signature + dims, "objects": objects, "context": context, "neighbours": neighbours}


# How much each feature block counts in a verb's profile: argument structure first.
BLOCK_WEIGHTS = {"signature": 1.0, "objects": 0.8, "context": 0.8, "neighbours": 0.6}


def ppmi(counts: Any, smoothing: float = 0.75) -> Any:
    """Positive pointwise mutual information of a sparse verb x feature count matrix.

    ``max(0, log P(v, f) / (P(v) P_s(f)))`` with the feature distribution smoothed
    (``P_s(f)`` proportional to ``count(f) ** smoothing``), so what a verb shares with every
    verb ('the', 'cells') weighs nothing and what is particular to it weighs most.
    >>> from scipy import sparse
    >>> ppmi(sparse.csr_matrix([[2.0, 1.0], [0.0, 1.0]])).toarray().round(2)
    array([[0.29, 0.  ],
           [0.  , 0.69]])
    """
    import numpy as np
    from scipy import sparse

    m = counts.tocoo()
    total = m.data.sum()
    row_p = np.asarray(counts.sum(axis=1)).ravel() / total
    col = np.asarray(counts.sum(axis=0)).ravel() ** smoothing
    col_p = col / col.sum()
    values = np.log((m.data / total) / (row_p[m.row] * col_p[m.col]))
    keep = values > 0
    return sparse.csr_matrix((values[keep], (m.row[keep], m.col[keep])), shape=counts.shape)


def block_profiles(
    digests: Sequence[ProtocolDigest], keys: Sequence[str], key_of: dict[str, str]
) -> dict[str, Any]:
    """Per feature block, one sparse row per key: the PPMI profile of its instances, L2-normed.

    ``key_of`` maps an instance's verb to its key (instances whose verb has none are
    skipped as items, but still count as neighbours). Blocks without any token are left out.
    """
    import numpy as np
    from scipy import sparse
    from sklearn.preprocessing import normalize

    row_of = {k: i for i, k in enumerate(keys)}
    rows: dict[str, list[int]] = {block: [] for block in BLOCK_WEIGHTS}
    tokens: dict[str, list[str]] = {block: [] for block in BLOCK_WEIGHTS}
    for digest in digests:
        acts = digest.actions
        for j, inst in enumerate(acts):
            key = key_of.get(inst.verb)
            if key is None:
                continue
            prev = acts[j - 1].verb if j else None
            nxt = acts[j + 1].verb if j + 1 < len(acts) else None
            row = row_of[key]
            for block, found in _instance_tokens(inst, prev, nxt).items():
                rows[block].extend([row] * len(found))
                tokens[block].extend(found)
    blocks = {}
    for block in BLOCK_WEIGHTS:
        if not tokens[block]:
            continue
        # columns in order of first appearance: fixed by the (ordered) digests
        vocab: dict[str, int] = {}
        cols = [vocab.setdefault(tok, len(vocab)) for tok in tokens[block]]
        m = sparse.coo_matrix(
            (np.ones(len(cols)), (np.array(rows[block]), np.array(cols))), shape=(len(keys), len(vocab))
        ).tocsr()
        blocks[block] = normalize(ppmi(m))
    return blocks


def lemma_profiles(
    digests: Sequence[ProtocolDigest], keys: Sequence[str], key_of: dict[str, str], *, dims: int, seed: int
) -> Any:
    """One row per key: PPMI profiles of its instances' feature tokens, SVD-reduced, L2-normed.

    ``key_of`` maps an instance's verb to its key (instances whose verb has none are
    skipped as items, but still count as neighbours). Returns a ``(len(keys), d)`` array.
    """
    import numpy as np
    from scipy import sparse
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    from threadpoolctl import threadpool_limits

    blocks = block_profiles(digests, keys, key_of)
    stacked = sparse.hstack([blocks[b] * w for b, w in BLOCK_WEIGHTS.items() if b in blocks]).tocsr()
    d = min(dims, stacked.shape[1] - 1, len(keys) - 1)
    if d < 2:
        return normalize(stacked.toarray())
    with threadpool_limits(limits=1):  # same float sums on every machine
        reduced = TruncatedSVD(n_components=d, random_state=seed).fit_transform(stacked)
    return normalize(np.asarray(reduced))
