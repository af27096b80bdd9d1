"""Rendering the report: text from the workspace stays data, and a broken template is a clear error."""

from __future__ import annotations

import importlib.util
import zipfile
from datetime import datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from baocao.errors import TemplateError
from baocao.report.render import make_jinja_env
from rendering import (
    REPO,
    all_paragraphs,
    edited_template,
    full_context,
    render,
    texts,
)

# --- escaping and data safety ------------------------------------------------------------

TRICKY = "A & B <c> \"q\" {{ 7*7 }} {% for x in y %} </w:t> {_{ x }_} {_% y %_} 's'"


def test_text_is_printed_literally(tmp_path: Path) -> None:
    context = full_context()
    context["chi_dao"] = [TRICKY]
    context["nguoi_ky"]["ho_ten"] = "Lê Thị <Hoa> & Cộng sự"
    context["phu_luc"]["bang"][0]["dong"][0]["don_vi"] = "Tổ hòa giải <ấp 1> & 2"
    doc = Document(str(render(tmp_path / "escape.docx", context)))
    all_text = texts(doc)
    assert TRICKY in all_text
    assert "Lê Thị <Hoa> & Cộng sự" in all_text
    assert "Tổ hòa giải <ấp 1> & 2" in all_text


def test_none_value_is_an_error_not_the_word_none(tmp_path: Path) -> None:
    context = full_context()
    context["trich_yeu"] = None
    with pytest.raises(TemplateError) as info:
        render(tmp_path / "none.docx", context)
    assert info.value.problems[0].code == "E307"


def test_sandbox_blocks_python_internals() -> None:
    env = make_jinja_env()
    with pytest.raises(Exception, match="unsafe"):
        env.from_string("{{ ''.__class__.__mro__ }}").render()


def test_env_filters() -> None:
    env = make_jinja_env()
    template = env.from_string(
        "{{ n|so }} | {{ x|so }} | {{ c|so2 }} | {{ d|ngay }} | {{ t|ket }} | {{ s|so_hieu }}"
    )
    out = template.render(
        n=26529, x=12116.71, c=3, d=datetime(2021, 2, 24).date(), t="Không có.", s="/BC-PTP"
    )
    assert out == "26.529 | 12.116,71 | 03 | 24/02/2021 | Không có./. |      /BC-PTP"
    assert env.from_string("{{ p|phan_tram }}").render(p=87.46) == "87,4%"


# --- template errors ---------------------------------------------------------------------


def test_unknown_field_names_the_field(tmp_path: Path) -> None:
    template = edited_template(tmp_path, "Tổng số: {{ khong_ton_tai }}")
    with pytest.raises(TemplateError) as info:
        render(tmp_path / "out.docx", template=template)
    problem = info.value.problems[0]
    assert problem.code == "E302"
    assert problem.file == str(template)
    assert "khong_ton_tai" in problem.message("vi")
    assert "khong_ton_tai" in problem.message("en")
    assert not (tmp_path / "out.docx").exists()


def test_missing_nested_key_names_it(tmp_path: Path) -> None:
    context = full_context()
    del context["nguoi_ky"]["ho_ten"]
    with pytest.raises(TemplateError) as info:
        render(tmp_path / "out.docx", context)
    assert info.value.problems[0].code == "E302"
    assert info.value.problems[0].params["field"] == "ho_ten"


def test_missing_list_is_an_error(tmp_path: Path) -> None:
    context = full_context()
    del context["ton_tai"]
    with pytest.raises(TemplateError) as info:
        render(tmp_path / "out.docx", context)
    assert info.value.problems[0].params["field"] == "ton_tai"


def test_jinja_syntax_error_quotes_the_paragraph(tmp_path: Path) -> None:
    template = edited_template(tmp_path, "Danh sách: {% for x in %}{{ x }}{% endfor %}")
    with pytest.raises(TemplateError) as info:
        render(tmp_path / "out.docx", template=template)
    problem = info.value.problems[0]
    assert problem.code == "E303"
    assert "Danh sách: {% for x in %}" in problem.message("vi")


def test_unclosed_tag_is_an_error_not_missing_text(tmp_path: Path) -> None:
    # docxtpl would join it with the following paragraphs and drop them silently.
    template = edited_template(tmp_path, "Số liệu: {{ trich_yeu ")
    with pytest.raises(TemplateError) as info:
        render(tmp_path / "out.docx", template=template)
    problem = info.value.problems[0]
    assert problem.code == "E308"
    assert problem.message("vi") == (
        "thẻ '{{' chưa được đóng bằng '}}' trong cùng đoạn: «Số liệu: {{ trich_yeu»"
    )


def test_wrong_filter_input_is_a_template_error(tmp_path: Path) -> None:
    template = edited_template(tmp_path, "{{ trich_yeu|so }}")
    with pytest.raises(TemplateError) as info:
        render(tmp_path / "out.docx", template=template)
    assert info.value.problems[0].code == "E304"


def test_text_file_as_template(tmp_path: Path) -> None:
    template = tmp_path / "mau.docx"
    template.write_text("Đây không phải tệp Word", encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        render(tmp_path / "out.docx", template=template)
    assert info.value.problems[0].code == "E301"
    assert info.value.problems[0].file == str(template)


def test_zip_that_is_not_a_docx_as_template(tmp_path: Path) -> None:
    template = tmp_path / "mau.docx"
    with zipfile.ZipFile(template, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    with pytest.raises(TemplateError) as info:
        render(tmp_path / "out.docx", template=template)
    assert info.value.problems[0].code == "E301"


def test_missing_template(tmp_path: Path) -> None:
    with pytest.raises(TemplateError) as info:
        render(tmp_path / "out.docx", template=tmp_path / "khong-co.docx")
    assert info.value.problems[0].code == "E305"


# --- the template file itself ------------------------------------------------------------


def load_builder() -> Any:
    spec = importlib.util.spec_from_file_location(
        "build_template", REPO / "templates" / "build_template.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (REPO / "templates").is_dir(), reason="needs the source tree")
def test_committed_templates_match_the_builder() -> None:
    built = load_builder().build()
    assert (REPO / "templates" / "bao-cao.docx").read_bytes() == built
    assert files("baocao").joinpath("templates", "bao-cao.docx").read_bytes() == built


def test_template_defines_named_styles() -> None:
    doc = Document(str(files("baocao").joinpath("templates", "bao-cao.docx")))
    names = {style.name for style in doc.styles}
    for name in ("BC Body", "BC Heading 1", "BC Heading 2", "BC Recipient", "BC Data Table"):
        assert name in names
    used = {p.style.name for p in all_paragraphs(doc)}
    assert all(name.startswith("BC ") for name in used), used
