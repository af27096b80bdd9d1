"""The report context is a typed contract: documented field by field, and what templates get."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document

from baocao import api
from baocao.report.contract import MODELS, ReportContext
from rendering import edited_template, full_context, texts

REPO = Path(__file__).resolve().parents[2]
DOC = (REPO / "docs" / "mau-bao-cao.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_field_is_documented_for_template_authors(model: type) -> None:
    sections = re.split(r"\n### ", DOC)
    section = next(s for s in sections if s.split("\n", 1)[0].endswith(f"({model.__name__})"))
    documented = re.findall(r"^\| `([a-z_0-9]+)` \|", section, flags=re.MULTILINE)
    assert documented == list(model.model_fields)
    for name, info in model.model_fields.items():
        assert info.description, f"{model.__name__}.{name} has no description"


def test_every_part_of_the_contract_is_in_the_list() -> None:
    def parts(model: type) -> set[str]:
        found = {model.__name__}
        for info in model.model_fields.values():
            for kind in re.findall(r"[A-Z][A-Za-z]+", str(info.annotation)):
                child = next((m for m in MODELS if m.__name__ == kind), None)
                if child is not None and child.__name__ not in found:
                    found |= parts(child)
        return found

    assert parts(ReportContext) == {m.__name__ for m in MODELS}


def test_the_rendering_tests_context_keeps_to_the_contract() -> None:
    ReportContext.model_validate(full_context())


def test_a_context_with_a_field_the_contract_does_not_have_is_refused() -> None:
    with pytest.raises(ValueError, match="ten_khac"):
        ReportContext.model_validate({**full_context(), "ten_khac": "x"})


def test_a_clerks_template_can_name_the_period(sample_copy: Path, tmp_path: Path) -> None:
    template = edited_template(tmp_path, "Kỳ: {{ ky }} — {{ ten_ky }} — {{ nam }}")
    out = tmp_path / "bao-cao.docx"
    done = api.compile_report(sample_copy, "6m", output=out, template=template)
    assert isinstance(done.context, ReportContext)
    assert "Kỳ: 6m — 6 tháng đầu năm 2021 — 2021" in texts(Document(str(out)))
