"""The lab vocabulary reagent flow is resolved with: operation classes, product kinds, mentions.

Stage 2 (:mod:`autodsl.pdg.complete`) needs to know, for a verb, whether it throws material
away, separates it (a centrifugation makes a pellet and a supernatant), combines materials,
or starts something new; and, for a noun phrase, its head word, whether it points back
("the pellet", "it") or introduces something ("a new tube", "500 ul buffer").

>>> op_class("spin"), op_class("aspirate"), op_class("prepare"), op_class("add"), op_class("incubate")
('separate', 'discard', 'create', 'transfer', 'treat')
>>> m = mention("the cell pellet")
>>> m.head, sorted(m.words), m.definite, m.indefinite
('pellet', ['cell', 'pellet'], True, False)
>>> mention("250 ul PB3 Neutralization Buffer").fresh
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

__all__ = [
    "PURPOSE_BEFORE",
    "op_class",
    "drains",
    "action_class",
    "REMOVED_LIQUIDS",
    "Mention",
    "mention",
    "mention_in",
    "head_word",
    "word_heads",
    "second_material",
    "LIQUID_WORDS",
    "GENERIC_WORDS",
    "SUBSTANCE_WORDS",
    "CONTAINER_WORDS",
    "CONSUMABLE_WORDS",
    "COOLING_WORDS",
    "PRONOUNS",
    "PORTION_WORDS",
    "names_portion",
    "names_made",
    "DATA_WORDS",
    "names_data",
    "product_kind",
    "participle",
    "SOLUTION_WORDS",
]

_CLASSES: dict[str, tuple[str, ...]] = {
    "discard": ("discard", "dispose", "aspirate", "decant", "pour off", "pour out", "pipet off", "pipette off",
                "remove and discard", "throw", "throw away", "discarding", "pipet out", "pipette out",
                "suction", "vacuum", "drain", "wick", "blot off", "take away"),
    "separate": ("centrifuge", "spin", "spin down", "microfuge", "pellet", "recentrifuge", "re-centrifuge",
                 "re-spin", "respin", "ultracentrifuge", "centrifugation", "filter", "sediment", "separate"),
    "create": ("prepare", "make", "make up", "set up", "obtain", "label", "weigh out", "assemble", "dissolve",
               "start"),
    "transfer": ("add", "transfer", "pipette", "pipet", "load", "apply", "pour", "dispense", "place", "put",
                 "aliquot", "inoculate", "overlay", "spread", "plate", "streak", "inject", "layer", "insert",
                 "return", "move", "adding", "top up", "drop", "decant into", "distribute", "deposit",
                 "mix in", "pipette in", "pipet in"),
}
_CLASS_OF = {verb: name for name, verbs in _CLASSES.items() for verb in verbs}
# Discarding verbs that throw away the whole of what they name ("Discard the tube"); the other
# discarding verbs take the liquid out ("Drain the tube", "Aspirate the wells"): what is left stays.
_WHOLE_DISCARDS = frozenset({"discard", "dispose", "throw", "throw away", "discarding", "remove and discard",
                             "take away"})


@lru_cache(maxsize=4096)
def op_class(lemma: str) -> str:
    """How an operation moves material: discard | separate | create | transfer | treat.

    ``transfer`` moves what it acts on into a destination (the current material when the
    text names none); ``treat`` works on what it acts on (or the current material).

    Multi-word verbs ("vortex or pipette") take the class of their first known word.
    """
    verb = lemma.lower().strip()
    if verb in _CLASS_OF:
        return _CLASS_OF[verb]
    for word in re.split(r"[\s/-]+|\bor\b|\band\b", verb):
        if word in _CLASS_OF:
            return _CLASS_OF[word]
    return "treat"


def drains(lemma: str) -> bool:
    """Whether a discarding verb takes only the liquid out of what it names, leaving the rest.

    >>> drains("drain"), drains("pour off"), drains("discard"), drains("centrifuge")
    (True, True, False, False)
    """
    verb = lemma.lower().strip()
    return op_class(verb) == "discard" and verb not in _WHOLE_DISCARDS \
        and not verb.split()[:1] == ["discard"]


# Liquids that removing throws away ("remove the supernatant", "pipette off the medium").
REMOVED_LIQUIDS = frozenset({"supernatant", "supernate", "medium", "media", "liquid", "buffer", "ethanol",
                             "flow-through", "flowthrough", "wash", "fluid", "residual", "remainder", "solution"})
_REMOVING_VERBS = ("remove", "take", "draw", "suck", "pipette", "pipet")


def action_class(lemma: str, acted_on: Iterable[str] = ()) -> str:
    """:func:`op_class` of an action, except that removing a liquid discards it.

    ``acted_on``: the head words of what the action acts on.

    >>> action_class("remove", ["supernatant"]), action_class("remove", ["tube"])
    ('discard', 'treat')
    """
    kind = op_class(lemma)
    if kind == "treat" and lemma.split()[:1] and lemma.split()[0] in _REMOVING_VERBS:
        if any(head in REMOVED_LIQUIDS for head in acted_on):
            return "discard"
    return kind


# Words naming the liquid part of a separation, or liquids in general.
LIQUID_WORDS = frozenset(
    "supernatant supernate supernatants flow-through flowthrough flow filtrate eluate eluent liquid lysate "
    "solution medium media buffer ethanol wash aqueous phase layer fluid serum plasma water".split()
)
# Nouns that stand for "whatever we are working on" when nothing else matches.
GENERIC_WORDS = frozenset(
    "mixture mix sample solution suspension lysate reaction contents content material culture cells cell "
    "pellet supernatant liquid product extract digest eluate precipitate slurry homogenate suspension "
    "preparation specimen samples mixtures solutions cultures tissue dna rna protein proteins beads component "
    "components reagent reagents everything infection reactions".split()
)
# Generic words that name a substance one adds from a stock ("Add 2 ng of DNA"), not only what is
# worked on (heads are singular)
SUBSTANCE_WORDS = frozenset("dna rna protein bead reagent component".split())
CONTAINER_WORDS = frozenset(
    "tube tubes column columns plate plates well wells flask flasks dish dishes bottle bottles vial vials "
    "beaker beakers cuvette cuvettes slide slides falcon eppendorf microtube microcentrifuge container "
    "containers vessel vessels cartridge membrane filter reservoir chamber jar jars cup cups bag bags "
    "coverslip coverslips gel gels strip strips block".split()
)
# Consumables a kit has one puts into a container and works with ("Place a spin column in a
# collection tube"): what is placed, a material later steps load and spin, not an empty place.
CONSUMABLE_WORDS = frozenset("column cartridge filter insert membrane".split())
# Materials one sets work on to hold its temperature ("Incubate on ice", "Store on dry ice"):
# where the work happens when they are its site, never a reagent it takes (WLP often marks
# "ice" a Reagent); "Fill the bucket with ice" still takes ice.
COOLING_WORDS = frozenset({"ice"})
# Words for a measured part of what is worked on ("100 ul aliquots"): never a reagent of their own.
PORTION_WORDS = frozenset({"aliquot", "portion"})
# Words for a part taken of what is worked on when written with "a" ("Take a sample"); with
# "the" or on their own they name the material worked on itself ("Centrifuge the samples").
_SAMPLE_WORDS = frozenset({"sample", "subsample"})
# What a making verb makes, when written as its object ("Make a dilution of the virus prep"): the
# kinds of product verbs make, and words saying which one
_MADE_WORDS = frozenset({"dilution", "mixture", "mix", "solution", "suspension", "lysate", "digest", "extract",
                         "homogenate", "culture", "stock", "series", "reaction", "master"})
_MADE_MODIFIERS = frozenset({"serial", "working", "final", "fold"})
_MAKING_VERBS = frozenset({"make", "prepare", "make up", "set up", "assemble", "start"})
# Heads of phrases that name data, settings or records, not a material on a shelf ("the raw
# reads", "the program", "the contiguous sequence"): never a declared input.
DATA_WORDS = frozenset(
    "read data file files program software sequence sequences contig contigs image images result results "
    "curve equation spreadsheet database value values output report alignment alignments score scores "
    "signal spectrum spectra plot graph table parameter parameters setting settings count reading measurement "
    "titer titre absorbance weight".split()
)
PRONOUNS = frozenset("it them this these those they its everything all each both".split())

_DETERMINERS = frozenset("the a an this that these those each every both all any some its their your "
                         "of in into to from with for on onto at by and or".split())
_DEFINITE = frozenset("the this that these those its their each both said resulting remaining previous same "
                      "above aforementioned".split())
# "2 ul of each primer" takes from every one of several stocks, not from one particular material
_DISTRIBUTIVE = frozenset({"each", "both"})
_INDEFINITE = frozenset("a an new fresh clean another sterile empty separate second additional".split())
# what comes right before a verb that says the purpose of the one before it: "Invert the tube
# to [mix]", "Centrifuge at 300 x g in order to [pellet] the cells" (search the text between them)
PURPOSE_BEFORE = re.compile(r"\b(?:in order to|so as to|to)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_QUANTITY = re.compile(r"^[\d.,/\-–~]+%?$|^[\d.]+[x×]$|^[\d.,]+-(?:u|µ|μ|m|n)?[lLgM]$|^(?:u|µ|μ|m|n|p)?[lLgM]$|^(?:ml|ul|µl|μl|mg|ug|µg|ng|mm|um|µm|nm|"
                       r"x|×|v/v|w/v|%|volumes?|vol|µm|mm|cm|min|h|hr|s|sec|°c|c|equal|half|excess)$",
                       re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z0-9µμ°%][A-Za-z0-9µμ°%'+\-]*")
_PLURAL_KEEP = ("ss", "us", "is", "ys")


# Lab shorthand for a word the lists above know ("wash ppt once with acetone"): checked in
# corpora/ (WLP, X-WLP, Protocol Exchange); "sup" and "S/N" are not taken, as they more often
# mean "supplemented" and "signal-to-noise" there than "supernatant".
_ABBREVIATIONS = {"ppt": "precipitate", "ppts": "precipitate"}


def _singular(word: str) -> str:
    if word in _ABBREVIATIONS:
        return _ABBREVIATIONS[word]
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(_PLURAL_KEEP):
        return word[:-1]
    return word


@dataclass(frozen=True)
class Mention:
    """A noun phrase as flow resolution sees it."""

    text: str
    head: str
    words: frozenset[str]
    definite: bool
    indefinite: bool
    fresh: bool
    pronoun: bool
    portion_of_definite: bool = False  # "100 ul of the supernatant": a portion of a particular material

    @property
    def generic(self) -> bool:
        """Whether it names no particular material ('the mixture', 'the tube', 'it')."""
        return self.pronoun or self.head in GENERIC_WORDS or self.head in CONTAINER_WORDS or not self.words


# a capital letter after a word labels it ("Buffer A", "Solution C"): part of the name, not an
# article or a unit
_LABEL = re.compile(r"[A-Z]")
_NUMBER_LABEL = re.compile(r"\d{1,2}")


@lru_cache(maxsize=8192)
def mention(text: str) -> Mention:
    """Analyse a noun phrase: head word, content words (singular, lower case), determiners.

    >>> [sorted(mention(t).words) for t in ("Buffer A", "Buffer C", "the 4 C room", "extraction buffer 2")]
    [['a', 'buffer'], ['buffer', 'c'], ['room'], ['2', 'buffer', 'extraction']]
    >>> mention("Buffer A").head, mention("Buffer A").indefinite, mention("a tube").indefinite
    ('buffer', False, True)
    """
    written = _WORD.findall(text)
    tokens = [t.lower() for t in written]
    labels = {i for i in range(1, len(written)) if _LABEL.fullmatch(written[i])
              and written[i - 1][0].isalpha() and not _QUANTITY.match(tokens[i - 1])}
    # a number closing the phrase labels it too: "extraction buffer 2" is not "extraction buffer 1"
    last = len(written) - 1
    if last >= 1 and _NUMBER_LABEL.fullmatch(written[last]) and written[last - 1][0].isalpha() \
            and tokens[last - 1] not in _DETERMINERS and not _QUANTITY.match(tokens[last - 1]):
        labels.add(last)
    first = tokens[0] if tokens else ""
    kept = [(i, t if i in labels else _singular(t)) for i, t in enumerate(tokens) if i in labels or (
            t not in _DETERMINERS and not _QUANTITY.match(t) and t not in PRONOUNS and t not in _INDEFINITE)]
    content = [t for _, t in kept]
    # a label names which one ("Buffer [A]"); the word it labels says what it is
    kinds = [t for i, t in kept if i not in labels]
    pronoun = bool(tokens) and all(t in PRONOUNS or t in _DETERMINERS for t in tokens)
    fresh = bool(tokens) and bool(_QUANTITY.match(first)) and first not in ("x", "equal", "half", "excess")
    head = kinds[-1] if kinds else content[-1] if content else (tokens[-1] if tokens else "")
    after_amount = next((t for t in tokens if not _QUANTITY.match(t) and t != "of"), "")
    return Mention(
        text=text, head=head, words=frozenset(content), definite=first in _DEFINITE,
        indefinite=any(t in _INDEFINITE for i, t in enumerate(tokens[:3]) if i not in labels), fresh=fresh,
        pronoun=pronoun,
        portion_of_definite=fresh and after_amount in _DEFINITE - _DISTRIBUTIVE,
    )


_LEAD_WORDS = _DEFINITE | _INDEFINITE | frozenset("a an all some any every your our one".split())
_CONTEXT_WORD = re.compile(r"[^\s()\[\],;:]+")
_ARTICLES = frozenset("the a an this that these those its their your our".split())
_ADJECTIVES = _INDEFINITE - _ARTICLES - {"another"}


def names_portion(m: Mention) -> bool:
    """Whether a phrase names a part of what is worked on, no reagent of its own ("100 ul
    aliquots", "a sample"; not "the sample", which is what is worked on).

    >>> names_portion(mention("100 ul aliquots")), names_portion(mention("a sample")), names_portion(mention("a new sample"))
    (True, True, False)
    """
    if m.head in PORTION_WORDS and m.words <= PORTION_WORDS:
        return True
    first = m.text.lower().split()[:2]
    return m.words <= _SAMPLE_WORDS and bool(m.words) and first[:1] in (["a"], ["an"], ["another"]) \
        and not (len(first) > 1 and first[1] in _INDEFINITE)


def names_made(lemma: str, m: Mention) -> bool:
    """Whether the object of a making verb names what it makes, not an input: "Make a dilution
    of the virus prep", "Prepare a master mix" (never "the dilution", or a named solution:
    "Prepare 1 M Tris solution" takes what is named).

    >>> names_made("make", mention("a dilution")), names_made("make", mention("the dilution"))
    (True, False)
    >>> names_made("prepare", mention("Tris solution")), names_made("add", mention("a mixture"))
    (False, False)
    """
    return " ".join(lemma.lower().split()) in _MAKING_VERBS and not (m.definite or m.pronoun) \
        and m.head in _MADE_WORDS and bool(m.words) and m.words <= _MADE_WORDS | _MADE_MODIFIERS


def names_data(m: Mention) -> bool:
    """Whether a phrase names data or a setting rather than a material ("the raw reads").

    >>> names_data(mention("the raw reads")), names_data(mention("raw milk"))
    (True, False)
    """
    return m.head in DATA_WORDS


def mention_in(text: str, start: int, end: int) -> Mention:
    """The mention ``text[start:end]`` read with the determiners and amount written before it.

    Extracted spans leave out articles and amounts ("the [tube]", "250 ul of [buffer]"),
    yet whether a phrase points back or brings something new depends on them.

    >>> m = mention_in("Add 200 uL glycerol to the screw top tube.", 27, 41)
    >>> m.text, m.definite
    ('the screw top tube', True)
    >>> mention_in("Add 200 uL glycerol to it.", 11, 19).fresh
    True
    >>> mention_in("5. Separate the layers.", 16, 22).text
    'the layers'
    """
    left = text[max(0, start - 40):start]
    left = left[left.rfind("\n") + 1:]  # a line break ends a step: "5." on the next line is no amount
    words = [(m.start(), m.group()) for m in _CONTEXT_WORD.finditer(left)]
    cut = len(left)
    i = len(words) - 1
    article = False
    while i >= 0:
        offset, word = words[i]
        lower = word.lower()
        if article and lower in _ADJECTIVES:
            break  # an adjective comes after the article, never before it: "*Separate* the layers" is a verb
        article = article or lower in _ARTICLES
        if lower in _LEAD_WORDS or _QUANTITY.match(lower):
            cut = offset
        elif lower == "of" and i > 0 and _QUANTITY.match(words[i - 1][1].lower()):
            cut = offset
        else:
            break
        i -= 1
    prefix = left[cut:].strip()
    return mention(f"{prefix} {text[start:end]}" if prefix else text[start:end])


# Prepositions after which a noun phrase names a second material beside its head: "the organic
# layer *over* anhydrous magnesium sulfate" (the drying agent), "the cells *in* PBS".
_BESIDE = re.compile(r"\s+(?:over|with|in|containing)\s+", re.IGNORECASE)


def second_material(text: str) -> tuple[int, int] | None:
    """Where a noun phrase names a second material after its head, as (end of the head part,
    start of the second material) in ``text``; None when it names one.

    The second part must be a material: not a container ("the cells in the flask"), not a
    place or amount, not a generic word ("the pellet in suspension").

    >>> t = "organic layer over anhydrous magnesium sulfate"
    >>> cut = second_material(t); t[:cut[0]], t[cut[1]:]
    ('organic layer', 'anhydrous magnesium sulfate')
    >>> second_material("cells in the flask"), second_material("pellet in suspension"), second_material("in PBS")
    (None, None, None)
    """
    found = _BESIDE.search(text)
    if found is None or not mention(text[:found.start()]).words:
        return None
    other = mention(text[found.end():])
    if not other.words or other.generic or other.head in CONTAINER_WORDS or other.pronoun:
        return None
    return found.start(), found.end()


def word_heads(text: str) -> list[str]:
    """Each word of ``text`` as a one-word mention's head would be (lower case, singular): cheap
    enough to scan whole sentences with.

    >>> word_heads("Add buffer to the Tubes.")
    ['add', 'buffer', 'to', 'the', 'tube']
    """
    return [_singular(t.lower()) for t in _WORD.findall(text)]


def head_word(text: str) -> str:
    """The head word of a noun phrase ('the cell pellet' -> 'pellet').

    >>> head_word("1.5 ml microcentrifuge tubes")
    'tube'
    """
    return mention(text).head


_KIND_OF_VERB = {
    "add": "mixture", "combine": "mixture", "mix": "mixture", "pool": "mixture", "transfer": None,
    "resuspend": "suspension", "suspend": "suspension", "re-suspend": "suspension", "lyse": "lysate",
    "elute": "eluate", "dilute": "dilution", "digest": "digest", "precipitate": "precipitate",
    "extract": "extract", "homogenize": "homogenate", "dissolve": "solution", "prepare": "solution",
    "make": "solution", "filter": "filtrate", "wash": None, "ligate": "ligation", "amplify": "amplicon",
    "grow": "culture", "grow up": "culture", "culture": "culture", "inoculate": "culture",
}


def product_kind(lemma: str, inputs: int) -> str | None:
    """The kind of product a verb makes ('resuspend' -> 'suspension'), None to keep the input's kind.

    >>> product_kind("add", 2), product_kind("incubate", 1)
    ('mixture', None)
    """
    verb = lemma.lower()
    if verb in _KIND_OF_VERB:
        return _KIND_OF_VERB[verb]
    if op_class(verb) == "transfer" and inputs > 1:
        return "mixture"
    return None


# Words that may name a solution prepared just before ("Prepare 1 M Tris. Filter the solution").
SOLUTION_WORDS = frozenset({"solution", "mixture", "mix", "buffer", "reagent", "preparation", "medium", "stock",
                             "contents", "content", "it"})


_IRREGULAR_PARTICIPLES = {
    "spin": "spun", "make": "made", "keep": "kept", "freeze": "frozen", "shake": "shaken", "grow": "grown",
    "put": "put", "set": "set", "reset": "reset", "preset": "preset", "cut": "cut", "leave": "left",
    "hold": "held", "break": "broken", "run": "run", "rerun": "rerun", "let": "let", "get": "got",
    "take": "taken", "give": "given", "draw": "drawn", "withdraw": "withdrawn", "stand": "stood",
    "sit": "sat", "bring": "brought", "lay": "laid", "overlay": "overlaid", "split": "split",
    "spread": "spread", "shed": "shed", "rise": "risen", "stick": "stuck", "swing": "swung",
    "feed": "fed", "light": "lit", "dig": "dug", "hang": "hung", "sink": "sunk", "wind": "wound",
    "write": "written", "read": "read", "seek": "sought", "forget": "forgotten", "beat": "beaten",
    "respin": "respun", "re-spin": "re-spun", "undergo": "undergone", "choose": "chosen",
}
# verbs of more than one syllable stressed on the last: their final consonant doubles
_STRESSED_LAST = frozenset(
    "transfer refer prefer infer confer defer occur recur incur submit admit omit permit transmit emit commit "
    "compel propel expel repel control patrol equip pipet regret embed abut rebut outfit".split()
)
_DOUBLING_PREFIXES = ("re-", "re", "un", "pre")
_CVC = re.compile(r"^[^aeiou]*(?:qu|[aeiou])[^aeiouwxy]$")


def _doubles(word: str) -> bool:
    """Whether the final consonant doubles before -ed ("stir" -> "stirred", "transfer" -> "transferred")."""
    if word in _STRESSED_LAST or _CVC.match(word):
        return True
    return any(word.startswith(p) and len(word) - len(p) >= 3 and _CVC.match(word[len(p):])
               for p in _DOUBLING_PREFIXES)


def participle(lemma: str) -> str:
    """'incubate' -> 'incubated', 'spin' -> 'spun': the state an operation leaves a material in.

    >>> participle("spin"), participle("incubate"), participle("dry")
    ('spun', 'incubated', 'dried')
    >>> participle("transfer"), participle("stir"), participle("filter"), participle("pellet"), participle("break")
    ('transferred', 'stirred', 'filtered', 'pelleted', 'broken')
    """
    word = lemma.split()[0].lower() if lemma.split() else "treated"
    if word in _IRREGULAR_PARTICIPLES:
        return _IRREGULAR_PARTICIPLES[word]
    if word.endswith("e"):
        return word + "d"
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ied"
    if _doubles(word):
        return word + word[-1] + "ed"
    return word + "ed"
