"""Verb lemmas for lab actions: 'centrifuged' -> 'centrifuge', 'pipetting' -> 'pipette'.

A small rule-based lemmatizer: irregular forms from a table, then suffix rules checked
against a vocabulary of lab verbs, so 'added' becomes 'add' (not 'adde') and 'placed'
becomes 'place'. Multi-word actions are lemmatized word by word; hyphenated or spaced
prefixes are joined ('re - suspend' -> 'resuspend', 'air - dry' -> 'air-dry').

>>> [lemmatize(w) for w in ["Centrifuged", "pipetting", "added", "spun", "dried", "Spin down"]]
['centrifuge', 'pipette', 'add', 'spin', 'dry', 'spin down']
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["lemmatize", "LAB_VERBS"]

LAB_VERBS = frozenset(
    """absorb acidify activate add adjust adsorb agitate aliquot allow amplify analyze anneal apply
    aspirate assay assemble attach autoclave balance bake beat bind blend block blot boil break
    bring calculate calcine cap centrifuge change check chill chop clamp clean clear clone close
    coat collect combine concentrate condense confirm connect cool count counterstain cover
    crush culture cut decant degas dehydrate denature deparaffinize deposit dialyze digest
    dilute discard disperse dispense dispose dissect dissociate dissolve distill distribute
    divide drain draw dry dump electroporate elute embed empty equilibrate evaporate examine
    excise expose extract fill filter fix flick float flush fold freeze grind grow harvest heat
    hold homogenize hybridize hydrate image immerse inactivate incubate infect inject inoculate
    insert invert isolate keep label layer leave let ligate load lyse make mark measure melt
    microfuge microwave mill mix monitor mount move neutralize observe obtain open overlay pass
    pellet perform permeabilize pick pipet pipette place plate pool pour precipitate preheat
    prepare press prewarm prewet process purify put quantify quench read reconstitute record
    recover reduce reflux rehydrate remove repeat replace rest resuspend retain return rinse
    rock rotate run save scrape seal select separate set settle shake sinter sit slice soak
    solidify sonicate spin spread stain stand start sterilize stir stop store streak submerge
    suspend swirl take tap thaw titrate transfer transform treat trim turn use vortex wait warm
    wash weigh wipe wrap ignite calcinate filtrate sieve determine pull verify proceed split
    synthesize follow ensure recirculate lay slide terminate protect increase decrease capture
    release spot push continue loosen dislodge withdraw sample sequence puncture tease screw
    pause prime shrink acquire enumerate evaluate disturb prefilter initiate form convert assess
    induce pulse track restimulate disaggregate tighten create suck estimate include archive
    exchange roll tilt secure disrupt subject import merge develop anesthetize clip lock switch
    squeeze facilitate dip vent plot adapt displace get reuse finish arrange direct work
    fragment remain adhere avoid visualize plug section design screen raise lift free snap pump
    polymerize uncap sink format need exceed seed feed thermocycle air-dry sediment prewash
    preincubate reincubate photograph scan note replicate resolve excite perfuse euthanize
    sacrifice anaesthetize score dry-load annotate align map electrophorese migrate stamp pierce""".split()
)

_IRREGULAR = {
    "spun": "spin", "kept": "keep", "made": "make", "took": "take", "taken": "take",
    "left": "leave", "held": "hold", "brought": "bring", "froze": "freeze", "frozen": "freeze",
    "shook": "shake", "shaken": "shake", "grew": "grow", "grown": "grow", "ran": "run",
    "put": "put", "let": "let", "set": "set", "cut": "cut", "sat": "sit", "stood": "stand",
    "ground": "grind", "broke": "break", "broken": "break", "drew": "draw", "drawn": "draw",
    "went": "go", "gave": "give", "given": "give", "got": "get", "gotten": "get",
    "was": "be", "were": "be", "is": "be", "are": "be", "been": "be", "laid": "lay",
    "pipetted": "pipette", "pipetting": "pipette", "pipets": "pipette", "pipet": "pipette",
    "rinsed": "rinse", "rinsing": "rinse", "stirred": "stir", "stirring": "stir",
    "fed": "feed", "wrote": "write", "written": "write", "chose": "choose", "chosen": "choose",
    "used": "use", "uses": "use", "sent": "send", "underwent": "undergo", "undergone": "undergo",
    "bled": "bleed", "spread": "spread", "sought": "seek", "lain": "lie", "lay": "lay", "dug": "dig",
    "stuck": "stick", "swung": "swing", "wound": "wind", "hung": "hang", "split": "split",
}
# stems that drop a final silent e before -ed/-ing: fabricat(ed), homogeniz(ed), plac(ed)...
_SILENT_E_STEMS = ("at", "iz", "yz", "ys", "c", "g", "v", "ur", "ut", "ud", "bl", "pl", "tl", "cl", "as", "ls",
                   "ps", "rs", "ns")
_PREFIX_JOIN = re.compile(r"\b(re|pre|de|post|sub|over|co|un)\s*-\s*(\w)")
_WORD = re.compile(r"[a-z][a-z']*")


@lru_cache(maxsize=8192)
def _lemma_word(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word in LAB_VERBS or len(word) <= 3:
        return word
    candidates: list[str] = []
    if word.endswith("ies"):
        candidates.append(word[:-3] + "y")
    if word.endswith("ied"):
        candidates.append(word[:-3] + "y")
    if word.endswith("eed"):
        # 'proceed', 'exceed' are base forms; 'agreed' is 'agree' + d
        return word[:-1] if word[:-1] in LAB_VERBS else word
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            candidates += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
                candidates.append(stem[:-1])
    if word.endswith("es"):
        candidates.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        candidates.append(word[:-1])
    for cand in candidates:
        if cand in LAB_VERBS:
            return cand
    # not a known verb: undo the regular suffix the plain way
    if word.endswith("ied") or word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("ing") and len(word) > 5:
        stem = word[:-3]
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
            return stem[:-1]
        return stem + "e" if stem.endswith(_SILENT_E_STEMS) else stem
    if word.endswith("ed") and len(word) > 4:
        stem = word[:-2]
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
            return stem[:-1]
        return stem + "e" if stem.endswith(_SILENT_E_STEMS) else stem
    return word


@lru_cache(maxsize=16384)  # action spans repeat ("Add", "Centrifuge"); the regexes cost more than the look-up
def lemmatize(action_text: str) -> str:
    """Lower-case base form of an action span (one or several words)."""
    text = _PREFIX_JOIN.sub(r"\1\2", action_text.lower())
    text = re.sub(r"\s*-\s*", "-", text)
    words = [w for w in re.split(r"\s+", text.strip()) if w]
    out = []
    for w in words:
        parts = w.split("-")
        out.append("-".join(_lemma_word(p) if _WORD.fullmatch(p) else p for p in parts))
    return " ".join(out)
