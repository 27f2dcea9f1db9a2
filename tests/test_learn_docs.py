"""docs/spec.md carries the current JSON Schema of the spec and documents every field."""

import json
import re
from pathlib import Path

from autodsl.induce.spec import DslSpec, OperationSpec, SlotSpec

DOC = Path(__file__).resolve().parents[1] / "docs" / "spec.md"
REGENERATE = (
    "regenerate the block with: python -c \"import json; from autodsl.induce.spec import DslSpec; "
    "print(json.dumps(DslSpec.model_json_schema(), indent=2, sort_keys=True))\""
)


def test_schema_in_docs_is_current():
    text = DOC.read_text(encoding="utf-8")
    match = re.search(r"## JSON Schema\n.*?```json\n(.*?)\n```", text, flags=re.DOTALL)
    assert match, "docs/spec.md has no JSON Schema block"
    assert json.loads(match.group(1)) == DslSpec.model_json_schema(), REGENERATE


def test_every_field_is_documented():
    text = DOC.read_text(encoding="utf-8")
    for model in (DslSpec, OperationSpec, SlotSpec):
        for field in model.model_fields:
            assert f"`{field}`" in text, f"{model.__name__}.{field} is not documented in docs/spec.md"


def test_every_field_has_a_description():
    schema = DslSpec.model_json_schema()
    for name, definition in [("DslSpec", schema), *schema["$defs"].items()]:
        for field, prop in definition["properties"].items():
            assert prop.get("description"), f"{name}.{field} has no description"
