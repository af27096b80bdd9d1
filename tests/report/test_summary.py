"""The summary model: documented field by field, and written as it reads back."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from baocao import api
from baocao.core import summary
from baocao.core.summary import Summary
from baocao.report.summary import parse_summary

DOC = (Path(__file__).resolve().parents[2] / "docs" / "tom-tat-json.md").read_text(encoding="utf-8")
MODELS = [
    summary.Summary,
    summary.PlanInfo,
    summary.Span,
    summary.FileDigest,
    summary.TemplateDigest,
    summary.ComparedWith,
    summary.TaskEntry,
    summary.IndicatorEntry,
    summary.UnitTargetEntry,
    summary.UnitEntry,
    summary.WarningEntry,
    summary.HighlightEntry,
    summary.Reach,
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_field_is_documented(model: type[BaseModel]) -> None:
    sections = re.split(r"\n### ", DOC)
    section = next(s for s in sections if s.split("\n", 1)[0].endswith(f"({model.__name__})"))
    documented = re.findall(r"^\| `([a-z_0-9]+)` \|", section, flags=re.MULTILINE)
    assert documented == list(model.model_fields)
    for name, info in model.model_fields.items():
        assert info.description, f"{model.__name__}.{name} has no description"


def test_written_summary_reads_back_the_same(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "ws"
    shutil.copytree(Path(__file__).resolve().parents[2] / "data", root)
    done = api.compile_report(root, "1y")
    assert done.summary is not None
    raw = done.summary.read_bytes()
    read = parse_summary(raw, "bao-cao-nam-2021.json")
    assert isinstance(read, Summary)
    assert json.loads(raw) == read.model_dump(mode="json")
    nv5 = read.task("NV5")
    assert nv5 is not None and nv5.outcome == "exceeded"


def test_the_summary_is_written_as_json_indents_it(tmp_path: Path) -> None:
    """The writer's own indenting gives json.dumps(indent=2)'s text, byte for byte."""
    import shutil

    root = tmp_path / "ws"
    shutil.copytree(Path(__file__).resolve().parents[2] / "data", root)
    done = api.compile_report(root, "1y")
    assert done.summary is not None
    raw = done.summary.read_bytes()
    data = json.loads(raw)
    assert raw == (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(alphabet=st.characters(codec="utf-8")),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.one_of(st.text(max_size=8), st.integers(), st.booleans(), st.none()),
            inner,
            max_size=4,
        )
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(value=JSON)
def test_any_json_value_is_indented_as_json_does(value: Any) -> None:
    from baocao.report.summary_writer import _indented

    parts: list[str] = []
    _indented(value, "\n", parts.append)
    assert "".join(parts) == json.dumps(value, ensure_ascii=False, indent=2)


SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "tom-tat-json.schema.json"


def test_the_json_schema_in_docs_is_made_from_the_model() -> None:
    from baocao.core.summary import json_schema_text

    assert SCHEMA_FILE.read_text(encoding="utf-8") == json_schema_text(), (
        "docs/tom-tat-json.schema.json is out of date: python docs/build_summary_schema.py"
    )


def test_a_written_summary_is_valid_by_the_json_schema_and_wrong_ones_are_not(
    tmp_path: Path,
) -> None:
    import shutil

    import jsonschema

    root = tmp_path / "ws"
    shutil.copytree(Path(__file__).resolve().parents[2] / "data", root)
    done = api.compile_report(root, "6m")
    assert done.summary is not None
    data = json.loads(done.summary.read_bytes())
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert list(validator.iter_errors(data)) == []
    for broken in (
        {**data, "format": "baocao-summary/2"},
        {**data, "extra": 1},
        {**data, "tasks": [{**data["tasks"][0], "activities": "many"}]},
        {**data, "window": {"start": "30/6/2021", "end": data["window"]["end"]}},
    ):
        assert list(validator.iter_errors(broken)), broken
