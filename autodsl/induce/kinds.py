"""Kinds of lab work that never share an operation, whatever their arguments: verb -> kind.

Effects (:mod:`autodsl.induce.effects`) say what a verb does to material in X-WLP's coarse
terms, where heating and cooling are both a ``temp_treat_op`` and filtering is, like
centrifuging, a separation. Used with the same arguments (a sample, a temperature, a time),
*heat* and *cool* profile alike, and so do *image* and *cut* (a sample on a slide). A
scientist never calls them one operation. This small hand table names the kinds that
usage cannot tell apart and that must stay apart:

* opposite directions — ``heat`` against ``cool``, ``open`` against ``close``, ``attach``
  against ``detach``. *Thaw* is in neither: thawing on ice or at room temperature holds a
  sample at a temperature, like *incubate* (as a ``heat`` verb it printed
  ``HEAT(…, site: "ice")``);
* two ways of one effect — ``spin`` (centrifuging) against ``filter``;
* ``disrupt``, breaking material apart by force (*sonicate*, *homogenize*, *grind*, *shear*),
  against ``immerse``, holding it in a liquid (*soak*, *submerge*, *dip*): used alike (a
  sample, a liquid or a device, a time), bioengineering seated *soak* with *sonicate*;
* kinds of lab work every domain names as one thing that the sampler scattered into
  operations of unrelated verbs: ``stain`` (bioengineering *stain* sat with *fix* and *fill*),
  ``fix``, ``concentrate`` (removing solvent: *evaporate*, *concentrate*, *speedvac*),
  ``denature`` (wetlab *denature* sat in TAKE), ``inactivate`` (in TILT) and ``activate``
  (in PRECIPITATE);
* round 9: ``wait`` (letting material stand: wetlab *stand* sat in SAMPLE, *sit*, *leave*,
  *wait* with *dry*), ``elute`` (wetlab *elute* sat in REMOVE) and ``sterilize`` (genetics
  *sterilize* sat in CUT, wetlab's in TURN);
* round 10: ``grow`` (culturing: *culture* sat with *dry*), ``dialyze`` (wetlab and genetics
  *dialyze* sat with *grow* and *rotate*) and ``anesthetize`` (with *purify*, *perfuse*);
* round 11: ``lyse`` (genetics *lyse* sat in PRESS), ``transfect`` (*transfect, transform,
  transduce* in PURIFY), ``dissect`` (in PASS) and ``precipitate`` (genetics: in AMPLIFY). Not
  annealing (*anneal, hybridize*, in genetics ROTATE): as a kind it cost ecology held-out
  coverage (docs/spec.md, round 11);
* round 12: ``amplify`` (PCR: genetics *pcr* sat in ROTATE, bioengineering *amplify* with
  *equilibrate*), ``electroporate`` (in genetics DIVIDE) and ``agitate`` (*rotate, rock, nutate*
  on a rotator or rocker: genetics *rotate* sat with *anneal*, *rock* in PRESS);
* ``observe``: recording, measuring and analysing data (*calculate*, *image*, *photograph*,
  *record*, *weigh*), which does nothing to material. This kind is *exclusive*
  (:data:`EXCLUSIVE_KINDS`): such a verb shares an operation only with verbs known to be
  of its kind, and a verb of unknown kind never joins an operation of observing verbs.

An operation of a kind is named by the kind's plain name when one of its verbs is that name
(:func:`operation_kind`, :func:`kind_name`, :data:`KIND_NAMES`: HEAT, MEASURE).

Verbs of two kinds never share an operation; a verb of no kind (*incubate*, *store*) may
join any operation except an exclusive kind's. A verb with a negating or reversative
prefix (``un``, ``de``, ``dis``) of a verb of a directional kind takes the opposite kind
(*uncap*, *unseal*, *disconnect*), so the table need not list every such form.

>>> verb_kind("heat"), verb_kind("chill"), verb_kind("incubate"), verb_kind("uncap"), verb_kind("spin down")
('heat', 'cool', None, 'open', 'spin')
>>> kinds_conflict("heat", "cool"), kinds_conflict("heat", None), kinds_conflict("observe", None)
(True, False, True)
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Mapping, Sequence

from autodsl.induce.verbs import PARTICLES

__all__ = [
    "KINDS",
    "OPPOSITE_KINDS",
    "EXCLUSIVE_KINDS",
    "KIND_NAMES",
    "KIND_SHARE",
    "verb_kind",
    "kinds_conflict",
    "operation_kind",
    "kind_name",
]

KINDS: dict[str, frozenset[str]] = {
    "heat": frozenset(
        """heat warm boil autoclave preheat prewarm bake melt defrost microwave reflux calcine
        sinter heat-inactivate heat-shock heat-denature heat-cure""".split()
    )
    | {"heat inactivate", "heat shock", "heat denature", "warm up", "heat up", "bring to a boil"},
    "cool": frozenset(
        """cool chill freeze refrigerate precool prechill ice snap-freeze flash-freeze snap-cool
        snap-chill supercool cryopreserve""".split()
    )
    | {"snap freeze", "flash freeze", "snap cool", "cool down", "place on ice", "put on ice"},
    "open": frozenset("open reopen uncap unseal unscrew unwrap uncover unlock".split()),
    "close": frozenset("close cap recap seal reseal screw wrap stopper lock plug parafilm".split()),
    "attach": frozenset("attach connect reconnect".split()),
    "detach": frozenset("detach disconnect".split()),
    "spin": frozenset(
        "centrifuge spin microcentrifuge microfuge ultracentrifuge recentrifuge centrifugate respin pellet repellet".split()
    )
    | {"spin down", "pulse spin", "pulse-spin"},
    "filter": frozenset("filter prefilter filtrate sieve ultrafilter".split())
    | {"filter sterilize", "filter-sterilize", "filter sterilise", "vacuum filter"},
    # breaking material apart by force: cells, tissue, DNA (not lysing: a buffer lyses too; not
    # triturating: pipetting up and down disperses cells; not mincing: cutting)
    "disrupt": frozenset(
        """sonicate ultrasonicate homogenize homogenise dounce grind regrind pulverize pulverise
        macerate crush disrupt shear bead-beat""".split()
    )
    | {"bead beat", "dounce homogenize"},
    # holding material in a liquid (not 'immerse': X-WLP's annotators call immersing a slide or a
    # tissue in a bath a transfer, its effect, and it stays with 'add' and 'place')
    "immerse": frozenset("submerge submerse soak presoak dip bathe steep".split()),
    # round 8: lab work every domain names as one thing, which the sampler scattered into
    # operations of other work (see the module docstring). Staining colours material with a dye
    # or antibody (not destaining, which washes it out: an operation of its own)
    "stain": frozenset(
        "stain restain counterstain immunostain costain co-stain prestain poststain".split()
    ),
    # fixing preserves cells or tissue (not filling: both are X-WLP transfers, and bioengineering
    # seated fix 228 with fill 178)
    "fix": frozenset("fix refix postfix post-fix fixate".split()) | {"post fix"},
    # removing solvent: evaporating it and concentrating a solution by evaporation are one step
    # ("concentrate the filtrate on a rotary evaporator"); not drying (material, not a solution)
    "concentrate": frozenset(
        """evaporate concentrate reconcentrate rotavap rotovap rotary-evaporate speedvac speed-vac
        evaporat""".split()
    )
    | {"speed vac", "rotary evaporate", "vacuum concentrate", "evaporate off"},
    # unfolding nucleic acids or proteins ("denature at 98 °C") (heat-denature is heating)
    "denature": frozenset("denature redenature predenature".split()),
    # stopping an enzyme or agent from acting ("inactivate the trypsin"); heat-inactivate is
    # heating
    "inactivate": frozenset("inactivate deactivate inactive".split()),
    # making a membrane, beads, an enzyme or cells ready to act ("activate the membrane in
    # methanol"): bioengineering seated activate with precipitate and quench
    "activate": frozenset("activate reactivate preactivate".split()),
    # round 9: more lab work every domain names as one thing, scattered by the sampler.
    # Waiting: letting material stand for a time ("let stand for 1 min", "allow to sit for 30 s
    # at RT", "leave at room temperature for 10 min"). *Leave* is in: in Protocol Exchange most
    # of its instances wait with a time or a temperature, and the sampler already seated it
    # with *wait* and *sit*; "leave the lid open" and "leaving the pellet" are its rarer uses
    # (X-WLP types 21 of 22 aligned *leave*, *wait*, *sit*, *stand* ``time_op``). Not *pause*:
    # Protocol Exchange's pauses are "PAUSE POINT" notes and pausing a video or a survey; not
    # *settle*: letting particles sink separates them (medical has a SETTLE of its own)
    "wait": frozenset("wait stand sit rest leave".split()) | {"let stand", "let sit", "let rest", "stand by"},
    # eluting releases bound material from a column or beads (wetlab seated *elute* with
    # *remove*; X-WLP types it ``remove_op``, as *remove*, so agreement holds)
    "elute": frozenset("elute reelute re-elute".split()),
    # killing microbes on a surface or a tool, by a chemical or UV light: not *autoclave* (heat)
    # nor *filter sterilize* (filter), kinds of their own (genetics seated *sterilize* with *cut*)
    "sterilize": frozenset(
        "sterilize sterilise resterilize resterilise surface-sterilize uv-sterilize disinfect decontaminate".split()
    )
    | {"surface sterilize", "uv sterilize"},
    # round 10: growing cells or organisms over hours or days ("culture cells in flasks at 37 °C
    # for 5 hours"): the sampler seated *culture* with *dry* (bioengineering, medical, wetlab),
    # *cultivate* with *equilibrate* (medical). Not *expand*: most of its instances grow cells
    # ("expand the clones until …"), but about a third of its Protocol Exchange mentions expand a
    # software option, a track, a search or a set, or swell tissue ("expand sections"). Not
    # *passage*, splitting cells into fresh vessels (bioengineering PASSAGE); *subculture* is in:
    # "propagate … by subculture every 4 weeks" keeps a culture growing, and the sampler seated
    # it with *culture*
    "grow": frozenset(
        """grow regrow outgrow culture coculture co-culture preculture subculture cultivate precultivate
        propagate""".split()
    ),
    # removing small solutes through a membrane against a buffer ("dialyze against PBS at 4 °C"):
    # the sampler seated *dialyze* with *grow* and *rotate* (wetlab, genetics), *rehydrate*
    # (bioengineering) and *treat* (materials)
    "dialyze": frozenset("dialyze dialyse redialyze redialyse step-dialyze microdialyze".split())
    | {"step dialyze"},
    # putting an animal under anaesthesia ("anesthetize the mouse with isoflurane"): the sampler
    # seated it with *purify* (bioengineering, genetics) and *perfuse* (medical). Not *euthanize*
    # nor *sacrifice*: killing the animal is other work
    "anesthetize": frozenset(
        "anesthetize anaesthetize anesthetise anaesthetise reanesthetize reanaesthetize sedate".split()
    )
    | {"deeply anesthetize", "deeply anaesthetize"},
    # round 11: lab work the sampler seated with other work. Lysing breaks cells open with a
    # buffer or an enzyme ("lyse the cells in RIPA buffer"; not *disrupt*, by force): genetics
    # seated *lyse* with *press*, bioengineering with *purify*
    "lyse": frozenset("lyse relyse re-lyse lyze prelyse".split()),
    # putting DNA or a virus into cells: transfecting, transducing and transforming bacteria or
    # yeast ("transform 1 µl of the ligation into DH10B cells"); genetics and bioengineering
    # seated them with *purify*. *Transform* also converts data ("transform the data to log2
    # scale"), but 55 of 63 imperative "transform" in Protocol Exchange put DNA into cells. Not
    # *electroporate*: a technique a scientist names apart (bioengineering has ELECTROPORATE),
    # and electroporating also fuses or permeabilizes cells
    "transfect": frozenset(
        """transfect cotransfect co-transfect retransfect transduce cotransduce co-transduce transform
        retransform cotransform co-transform""".split()
    ),
    # cutting an organ or tissue out of an animal or a plant ("dissect the brain in cold PBS"): it
    # sat with *pass*, *pull*, *scrape* (PASS in bioengineering, genetics and medical)
    "dissect": frozenset("dissect microdissect redissect".split()),
    # bringing a solute out of solution ("precipitate the DNA with ethanol"): genetics seated it
    # with *amplify*. *Immunoprecipitate* is in: precipitating a protein with an antibody, and the
    # learner's variants already count it with *precipitate*
    "precipitate": frozenset(
        "precipitate reprecipitate coprecipitate co-precipitate immunoprecipitate co-immunoprecipitate".split()
    ),
    # round 12: lab work the sampler seated with other work. Amplifying DNA by PCR ("amplify for
    # 15 cycles using the following program", "PCR amplify the library"): genetics seated *pcr*
    # with *rotate* and *anneal*, bioengineering *amplify* with *equilibrate*, ecology with *purify*
    "amplify": frozenset("amplify reamplify re-amplify preamplify pre-amplify pcr-amplify".split())
    | {"pcr amplify"},
    # putting DNA into cells by an electric pulse ("electroporate the cells using the Neon
    # system"): a technique a scientist names apart from chemical transfection; genetics seated it
    # with *divide* and *induce*, bioengineering with *excite* and *irradiate*
    "electroporate": frozenset(
        "electroporate electrotransform electro-transform electrotransfect nucleofect electropermeabilize".split()
    ),
    # agitating material on a rotator or rocker for a time ("rotate at 4 °C for 3 h", "rock the
    # plate gently"): genetics seated *rotate* with *anneal, hybridize, pcr*, *rock* with *press*,
    # medical *rotate* with *divide*. Not *shake*, *invert*, *swirl*: mixing (MIX)
    "agitate": frozenset("rotate rock tumble nutate agitate".split()) | {"gentle rock", "rock back"},
    "observe": frozenset(
        """calculate compute record plot graph image photograph scan analyze analyse quantify quantitate
        measure count read observe visualize visualise examine inspect monitor evaluate assess estimate
        determine score compare normalize tabulate document weigh reweigh photodocument micrograph
        videotape film export download upload annotate check recheck verify confirm""".split()
    )
    | {"take a picture", "take pictures", "take a photo", "read out"},
}
# directional kinds and their opposites: a reversative prefix turns one into the other
OPPOSITE_KINDS = {"heat": "cool", "cool": "heat", "open": "close", "close": "open", "attach": "detach",
                  "detach": "attach"}
EXCLUSIVE_KINDS = frozenset({"observe"})
_KIND_OF = {verb: kind for kind, verbs in KINDS.items() for verb in verbs}
# measuring out an amount portions a material (a preparation), it records nothing
_PORTIONING = frozenset({"weigh out", "measure out", "count out"})
# 'un' + 'cap', 'dis' + 'connect': prefixes that undo a directional verb
_UNDOING = ("un", "dis", "de")
# The verbs a scientist names an operation of each kind by, in order of preference; a kind not
# listed is named by its own name (heat -> HEAT, filter -> FILTER).
KIND_NAMES: dict[str, tuple[str, ...]] = {
    "cool": ("cool", "chill", "freeze"),
    "close": ("close", "seal", "cap"),
    "attach": ("attach", "connect"),
    "detach": ("detach", "disconnect"),
    "spin": ("centrifuge", "spin"),
    "observe": ("measure", "check", "image", "observe"),
    # no one plain word: sonicating and homogenizing are techniques a scientist names apart, so
    # the operation takes its most frequent verb
    "disrupt": (),
    "immerse": ("soak", "submerge", "dip"),
    "concentrate": ("concentrate", "evaporate"),
    "grow": ("grow", "culture", "cultivate"),
}
# an operation is of a kind when verbs of that kind make up this share of its instances (as
# for effects): a few 'refrigerate' in an operation of 'incubate' and 'store' make no COOL
KIND_SHARE = 0.3


@lru_cache(maxsize=8192)
def verb_kind(verb: str) -> str | None:
    """The kind of a verb (a key of :data:`KINDS`), or None when the table does not say.

    Phrasal forms take the kind of their verb (``spin down``, ``cool down``), and an
    undoing prefix on a directional verb its opposite (``uncap`` -> ``open``).

    >>> verb_kind("filter sterilize"), verb_kind("disconnect"), verb_kind("unseal"), verb_kind("destain")
    ('filter', 'detach', 'open', None)
    >>> verb_kind("weigh"), verb_kind("weigh out")
    ('observe', None)
    >>> verb_kind("let stand"), verb_kind("sterilise"), verb_kind("autoclave"), verb_kind("pause")
    ('wait', 'sterilize', 'heat', None)
    """
    verb = " ".join(verb.lower().split())
    if verb in _PORTIONING:
        return None
    if verb in _KIND_OF:
        return _KIND_OF[verb]
    words = verb.split()
    while len(words) > 1 and words[-1] in PARTICLES:
        words = words[:-1]
        if " ".join(words) in _KIND_OF:
            return _KIND_OF[" ".join(words)]
    if len(words) == 1:
        for prefix in _UNDOING:
            base = _KIND_OF.get(words[0][len(prefix):]) if words[0].startswith(prefix) else None
            if base in OPPOSITE_KINDS:
                return OPPOSITE_KINDS[base]
    return None


def kinds_conflict(a: str | None, b: str | None) -> bool:
    """Whether verbs of kinds ``a`` and ``b`` (None: unknown) may not share an operation."""
    if a is None or b is None:
        return (a or b) in EXCLUSIVE_KINDS
    return a != b


def operation_kind(verbs: Mapping[str, int]) -> str | None:
    """The kind of an operation whose verbs have these instance counts, or None.

    The kind whose verbs make up at least :data:`KIND_SHARE` of the instances (verbs of two
    kinds never share an operation, so there is at most one).

    >>> operation_kind({"heat": 196, "prewarm": 108, "incorporate": 10}), operation_kind({"incubate": 800, "cool": 34})
    ('heat', None)
    """
    total = sum(verbs.values())
    of_kind: Counter[str] = Counter()
    for verb, count in verbs.items():
        kind = verb_kind(verb)
        if kind is not None:
            of_kind[kind] += count
    if not of_kind:
        return None
    kind, count = min(of_kind.items(), key=lambda kv: (-kv[1], kv[0]))
    return kind if count >= KIND_SHARE * total else None


def kind_name(kind: str, verbs: Sequence[str]) -> str | None:
    """The plain name of ``kind`` (:data:`KIND_NAMES`) that is one of ``verbs``, or None.

    >>> kind_name("heat", ["prewarm", "heat", "boil"]), kind_name("observe", ["check", "calculate", "measure"])
    ('heat', 'measure')
    >>> print(kind_name("cool", ["snap freeze", "flash freeze"]))
    None
    """
    return next((name for name in KIND_NAMES.get(kind, (kind,)) if name in verbs), None)
