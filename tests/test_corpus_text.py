"""Step splitting of plain-text and markdown protocols, and the JSON markup cleaner."""

from pathlib import Path

import pytest

from autodsl.corpus import load_protocol
from autodsl.corpus.jsonproto import clean_markup, domain_slug, parse_json_protocol
from autodsl.corpus.text import parse_text_protocol, split_steps

DATA = Path(__file__).parent / "data" / "corpus"


def steps_of(text: str) -> list[tuple[str | None, str, str | None]]:
    """(label, text, section) of each step of a protocol text; checks every span."""
    protocol = parse_text_protocol(text, "t")
    for step in protocol.steps:
        assert protocol.text[step.start : step.end] == step.text
    return [(s.label, s.text, s.section) for s in protocol.steps]


CASES = {
    "one per line": (
        "Miniprep\nSpin the culture.\nDiscard the supernatant.\n",
        [(None, "Spin the culture.", None), (None, "Discard the supernatant.", None)],
    ),
    "numbered with dot and paren": (
        "Miniprep\n1. Spin the culture.\n2) Discard the supernatant.\n",
        [("1.", "Spin the culture.", None), ("2)", "Discard the supernatant.", None)],
    ),
    "parenthesised numbers": (
        "T\n(1) Thaw on ice.\n(2) Mix gently.\n",
        [("(1)", "Thaw on ice.", None), ("(2)", "Mix gently.", None)],
    ),
    "Step N: and Step N.": (
        "T\nStep 1: Thaw cells.\nStep 2. Add medium.\nSTEP 3 Count.\n",
        [
            ("Step 1:", "Thaw cells.", None),
            ("Step 2.", "Add medium.", None),
            ("STEP 3", "Count.", None),
        ],
    ),
    "bullets": (
        "T\n- Add buffer.\n* Mix.\n\u2022 Spin.\n+ Store.\n",
        [
            ("-", "Add buffer.", None),
            ("*", "Mix.", None),
            ("\u2022", "Spin.", None),
            ("+", "Store.", None),
        ],
    ),
    "multi-line numbered step, indented continuation": (
        "T\n1. Resuspend the pellet\n   in 250 ul P1.\n2. Add P2.\n",
        [("1.", "Resuspend the pellet\n   in 250 ul P1.", None), ("2.", "Add P2.", None)],
    ),
    "multi-line step, unnumbered continuation": (
        "T\n1. Resuspend the pellet\nin 250 ul P1.\n2. Add P2.\n",
        [("1.", "Resuspend the pellet\nin 250 ul P1.", None), ("2.", "Add P2.", None)],
    ),
    "indented continuation after a blank line": (
        "T\n1. Mix.\n\n   Keep on ice.\n2. Spin.\n",
        [("1.", "Mix.\n\n   Keep on ice.", None), ("2.", "Spin.", None)],
    ),
    "label alone on its line": (
        "T\n1.\nAdd buffer.\n2. Spin.\n",
        [("1.", "Add buffer.", None), ("2.", "Spin.", None)],
    ),
    "blank lines between steps": (
        "T\n\n1. Mix.\n\n\n2. Spin.\n\n",
        [("1.", "Mix.", None), ("2.", "Spin.", None)],
    ),
    "unnumbered paragraph after a blank line is its own step": (
        "T\n1. Mix.\n\nNote that the pellet is loose.\n",
        [("1.", "Mix.", None), (None, "Note that the pellet is loose.", None)],
    ),
    "markdown headings": (
        "# Gel\n## Casting\n1. Dissolve agarose.\n## Running\n1. Load samples.\n",
        [("1.", "Dissolve agarose.", "Casting"), ("1.", "Load samples.", "Running")],
    ),
    "colon and capitals headings": (
        "T\nMaterials:\nBuffer P1\nPROCEDURE\n1. Spin.\n2. Mix.\nNotes:\nKeep on ice.\n",
        [("1.", "Spin.", "PROCEDURE"), ("2.", "Mix.", "PROCEDURE"), (None, "Keep on ice.", "Notes")],
    ),
    "description before numbered steps is not a step": (
        "Miniprep\n\nIsolates plasmid DNA from E. coli.\n\n1. Spin.\n2. Add P1.\n",
        [("1.", "Spin.", None), ("2.", "Add P1.", None)],
    ),
    "unnumbered protocol keeps every line": (
        "T\nSpin.\nAdd P1.\n",
        [(None, "Spin.", None), (None, "Add P1.", None)],
    ),
    "bold heading": (
        "T\n**Lysis**\n1. Add P2.\n",
        [("1.", "Add P2.", "Lysis")],
    ),
    "decimal at line start is not a label": (
        "T\n1.5 ml tubes are used throughout.\n",
        [(None, "1.5 ml tubes are used throughout.", None)],
    ),
    "lettered sub-steps": (
        "T\n1. Prepare buffers\na) Dissolve NaCl.\nb) Adjust pH.\n",
        [
            ("1.", "Prepare buffers", None),
            ("a)", "Dissolve NaCl.", None),
            ("b)", "Adjust pH.", None),
        ],
    ),
    "CRLF line ends": (
        "T\r\n1. Mix.\r\n   Gently.\r\n2. Spin.\r\n",
        [("1.", "Mix.\r\n   Gently.", None), ("2.", "Spin.", None)],
    ),
    "rules are not steps": (
        "T\n---\n1. Mix.\n***\n2. Spin.\n",
        [("1.", "Mix.", None), ("2.", "Spin.", None)],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_step_splitting(name):
    text, expected = CASES[name]
    assert steps_of(text) == expected


def test_title_is_first_line_or_markdown_heading():
    assert parse_text_protocol("\n\nMiniprep\nSpin.\n", "x").title == "Miniprep"
    assert (
        parse_text_protocol("# Plasmid miniprep\n1. Spin.\n", "x", "markdown").title
        == "Plasmid miniprep"
    )


def test_no_title_line_when_first_line_is_a_step():
    p = parse_text_protocol("1. Spin.\n2. Mix.\n", "quick")
    assert p.title == "quick"
    assert [s.text for s in p.steps] == ["Spin.", "Mix."]


def test_steps_are_numbered_from_one_across_regions_and_sections_carry_over():
    text = "**Prep**\n1. Mix.\n\n2. Spin."
    second = text.index("2.")
    steps = split_steps(text, [(0, second - 2), (second, len(text))])
    assert [(s.index, s.text, s.section) for s in steps] == [
        (1, "Mix.", "Prep"),
        (2, "Spin.", "Prep"),
    ]


def test_markdown_file_fixture():
    p = load_protocol(DATA / "mixed" / "good.md")
    assert (p.format, p.id, p.title) == ("markdown", "good", "Gel electrophoresis")
    assert [(s.label, s.section) for s in p.steps] == [
        ("1.", "Casting"),
        ("2.", "Casting"),
        ("-", "Running"),
        ("-", "Running"),
    ]
    assert p.steps[0].text == "Dissolve 1 g agarose\n   in 100 ml TAE."


def test_clean_markup():
    raw = (
        "<p>Add 2x10<sup>6</sup> cells, 5&nbsp;&#xB5;l MgCl<sub>2</sub> \\(1 M\\) "
        "<strong>now</strong>.</p>"
    )
    assert clean_markup(raw) == "Add 2x10^6 cells, 5 µl MgCl2 (1 M) **now**."
    assert clean_markup("<ul><li>1. Mix</li><li>2. Spin</li></ul>") == "1. Mix\n\n2. Spin"
    assert (
        clean_markup('<a href="#figures" data-url="x">See figure in Figures section.</a>Spin')
        == "Spin"
    )
    # text in angle brackets that is not an HTML tag stays
    assert clean_markup("replace <username> with yours") == "replace <username> with yours"


@pytest.mark.parametrize(
    ("area", "slug"),
    [
        ("Molecular Biology & Genetics", "genetics"),
        ("Biomedical & Clinical Research", "medical"),
        ("Ecology & Environmental Biology", "ecology"),
        ("Bioengineering & Technology", "bioengineering"),
        ("Bioinformatics & Computational Biology", "bioinformatics"),
        ("Computational Chemistry", "bioinformatics"),
        ("Plant Science & Agriculture", "plant-science-agriculture"),
    ],
)
def test_domain_slugs(area, slug):
    assert domain_slug(area) == slug


def test_json_text_is_title_and_chunks_joined_by_blank_lines():
    p = parse_json_protocol(
        {
            "title": "<p>T</p>",
            "procedures": ["**A**\n1) Mix.", "", "2) Spin."],
            "bigAreas": ["Foo Bar", "Foo Bar"],
        },
        "protocol_9",
    )
    assert p.text == "T\n\n**A**\n1) Mix.\n\n2) Spin."
    assert [(s.label, s.text, s.section) for s in p.steps] == [
        ("1)", "Mix.", "A"),
        ("2)", "Spin.", "A"),
    ]
    assert p.domains == ("foo-bar",)
