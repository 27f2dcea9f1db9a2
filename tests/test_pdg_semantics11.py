"""An amount of a phrase the extractor left untagged names a material (issue 4, round 18):
"Pellet [3 ml] of overnight culture" takes the culture as a declared input, in that amount,
when the operation would otherwise take nothing; the material's span is the phrase's.
"""

from pdg_helpers import program, statements


def test_an_amount_of_an_untagged_phrase_is_the_input_of_an_operation_with_nothing_else():
    pdg, text = program("{Pellet} [3 ml:Amount/Mention] of overnight culture in a "
                        "[microcentrifuge tube:Location/Site] for [2 min:Time/Setting].\n"
                        "{Discard} the [supernatant:Reagent/Acts-on].", unheld=True)
    culture = next(n for n, d in pdg.nodes("material") if d["label"] == "overnight culture")
    data = pdg.graph.nodes[culture]
    start, end = data["span"]
    assert pdg.text[start:end] == "overnight culture"
    assert data["role"] == "input" and data["quantity"]["text"] == "3 ml"
    assert 'input overnight_culture "overnight culture" 3 ml' in text
    assert "= PELLET(overnight_culture," in statements(text)[0]


def test_the_phrase_is_not_taken_when_there_is_a_material_to_work_on():
    # the current material reaches the operation: "5 ml of fresh medium" stays unread rather
    # than guessed into the flow (the rule is narrow on purpose)
    pdg, text = program("{Spin} the [cells:Reagent/Acts-on].\n"
                        "{Resuspend} in [5 ml:Amount/Mention] of fresh medium.", unheld=True)
    assert not [d for _, d in pdg.nodes("material") if d["label"] == "fresh medium"]


def test_generic_words_and_containers_are_no_material():
    for phrase in ("each", "the same", "tubes"):
        pdg, _ = program(f"{{Aliquot}} [100 µl:Amount/Mention] of {phrase} on ice.", unheld=True)
        assert not [d for _, d in pdg.nodes("material") if d["label"] == phrase], phrase
