"""The compiled report as the head of office reads it, for both periods of the sample."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from ruamel.yaml import YAML

from baocao import api
from baocao.errors import TemplateError

DATA = Path(__file__).resolve().parents[2] / "data"
WINDOWS = {
    "6m": (date(2021, 1, 1), date(2021, 4, 30)),
    "1y": (date(2021, 1, 1), date(2021, 11, 10)),
}


def as_date(value: object) -> date:
    if isinstance(value, date):
        return value
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", str(value))
    if m:
        return date(int(m[3]), int(m[2]), int(m[1]))
    return date.fromisoformat(str(value))


def sums_from_files(period: str) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str, str]]]:
    """(task, indicator) totals and (task, unit name, indicator) totals, read independently."""
    start, end = WINDOWS[period]
    yaml = YAML(typ="safe", pure=True)
    plan = yaml.load((DATA / "ke-hoach-2021.yaml").read_text(encoding="utf-8"))
    names = {u["ma"]: u["ten"] for u in plan["don_vi"]}
    by_task: Counter[tuple[str, str]] = Counter()
    by_unit: Counter[tuple[str, str, str]] = Counter()
    for path in (DATA / "2021").glob("*.yaml"):
        log = yaml.load(path.read_text(encoding="utf-8"))
        for task, items in log["nhiem_vu"].items():
            for item in items:
                if start <= as_date(item["ngay"]) <= end:
                    for key, value in (item.get("so_lieu") or {}).items():
                        by_task[(task, key)] += value
                        by_unit[(task, names[log["don_vi"]], key)] += value
    return by_task, by_unit


def vn(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@pytest.fixture(scope="module", params=["6m", "1y"])
def compiled(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    out = tmp_path_factory.mktemp(request.param) / "bao-cao.docx"
    api.compile_report(DATA, request.param, output=out)
    return request.param, out


def body_texts(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


def test_outline_in_order(compiled: tuple[str, Path]) -> None:
    period, path = compiled
    texts = body_texts(path)
    headings = [
        "BÁO CÁO",
        "I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI",
        "II. KẾT QUẢ THỰC HIỆN",
        "1. Tuyên truyền phòng, chống xâm hại tình dục trẻ em",
        "III. ĐÁNH GIÁ CHUNG",
        "1. Ưu điểm",
        "2. Tồn tại, hạn chế",
        "3. Nguyên nhân",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
        "V. ĐỀ XUẤT, KIẾN NGHỊ",
        "PHỤ LỤC",
    ]
    positions = [texts.index(h) for h in headings]
    assert positions == sorted(positions)
    name = "6 tháng đầu năm 2021" if period == "6m" else "năm 2021"
    assert texts[1].endswith(f"trên môi trường mạng xã hội {name}")
    body_end = [t for t in texts[: texts.index("PHỤ LỤC")] if t.strip()][-1]
    assert body_end.endswith("./.")


def test_header_and_signature_cells(compiled: tuple[str, Path]) -> None:
    period, path = compiled
    doc = Document(str(path))
    left, right = (c.text.split("\n") for c in doc.tables[0].rows[0].cells)
    assert left[:2] == ["UBND HUYỆN TÂN LẬP", "PHÒNG TƯ PHÁP"]
    assert left[-1] == "Số:      /BC-PTP"
    assert right[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    # The office's own deadline (han_bao_cao), after every unit's report it includes.
    day = "ngày 15 tháng 5 năm 2021" if period == "6m" else "ngày 15 tháng 11 năm 2021"
    assert right[-1] == f"Tân Lập, {day}"
    recipients, signer = (c.text.split("\n") for c in doc.tables[1].rows[0].cells)
    assert recipients == [
        "Nơi nhận:",
        "- UBND huyện (để b/c);",
        "- Sở Tư pháp (để b/c);",
        "- Các cơ quan, đơn vị có liên quan;",
        "- Lưu: VT, PTP.",
    ]
    assert signer[0] == "TRƯỞNG PHÒNG" and signer[-1] == "Nguyễn Thị Thu Hà"


def test_appendix_figures_equal_sums_of_the_files(compiled: tuple[str, Path]) -> None:
    period, path = compiled
    by_task, by_unit = sums_from_files(period)
    ws = api.validate(DATA)
    agg = api.build(ws, period).aggregate
    due = [r.task for r in agg.tasks if r.status != "not_due"]  # a task not due has a note
    heads = ("STT", "Đơn vị")
    tables = [
        t for t in Document(str(path)).tables if tuple(c.text for c in t.rows[0].cells[:2]) == heads
    ][:-1]  # the last one lists the submissions
    assert len(tables) == len(due)
    for task, table in zip(due, tables, strict=True):
        rows = [[c.text for c in row.cells] for row in table.rows]
        head = rows[0]
        # an indicator's column, by its heading; target columns may follow it
        where = {
            ind.code: head.index(f"{ind.label[:1].upper()}{ind.label[1:]} ({ind.unit_of_measure})")
            for ind in task.counted
        }
        total = rows[-1]
        assert total[1] == "Tổng cộng" or "Tổng cộng" in total[:2]
        assert {c: total[i] for c, i in where.items()} == {
            c: vn(by_task[(task.code, c)]) for c in where
        }
        for row in rows[1:-1]:
            unit = row[1]
            assert {c: row[i] for c, i in where.items()} == {
                c: vn(by_unit[(task.code, unit, c)]) for c in where
            }


def test_sentences_carry_the_same_totals(compiled: tuple[str, Path]) -> None:
    period, path = compiled
    by_task, _ = sums_from_files(period)
    text = "\n".join(body_texts(path))
    assert f"{vn(by_task[('NV1', 'so_buoi')])} buổi tuyên truyền" in text
    assert f"{vn(by_task[('NV1', 'so_luot_nguoi')])} lượt người tham dự" in text


def test_quarter_four_task_not_yet_due_only_in_the_six_month_report(
    compiled: tuple[str, Path],
) -> None:
    period, path = compiled
    texts = body_texts(path)
    item = texts.index("4. Hưởng ứng Ngày Pháp luật")
    not_due = (
        "Nhiệm vụ hưởng ứng Ngày Pháp luật thực hiện trong quý IV năm 2021, chưa đến thời gian "
        "triển khai trong kỳ báo cáo."
    )
    assert (texts[item + 1] == not_due) == (period == "6m")


def test_unit_that_never_reported_is_listed(compiled: tuple[str, Path]) -> None:
    period, path = compiled
    submissions = Document(str(path)).tables[-1]
    assert submissions.rows[0].cells[2].text == "Ngày gửi báo cáo"
    rows = [[c.text for c in row.cells] for row in submissions.rows][1:]
    assert len(rows) == len(api.validate(DATA).plan.units)
    silent = [name for _n, name, sent, state in rows if state == "Chưa gửi" and not sent]
    assert silent == (["UBND xã Phú Mỹ"] if period == "6m" else ["Huyện Đoàn", "UBND xã Phú Mỹ"])


def test_styles_of_headings_and_body(compiled: tuple[str, Path]) -> None:
    _period, path = compiled
    doc = Document(str(path))
    by_text = {p.text: p for p in doc.paragraphs}
    heading = by_text["II. KẾT QUẢ THỰC HIỆN"]
    assert heading.style.font.bold or all(r.bold for r in heading.runs)
    body = next(p for p in doc.paragraphs if p.text.startswith("Thực hiện Kế hoạch số"))
    fmt = (
        body.paragraph_format
        if body.paragraph_format.first_line_indent
        else body.style.paragraph_format
    )
    assert fmt.first_line_indent is not None
    assert 1.0 <= fmt.first_line_indent.cm <= 1.27
    fonts = {
        s.font.name for s in doc.styles if getattr(s, "font", None) is not None and s.font.name
    }
    assert fonts == {"Times New Roman"}


def test_text_from_units_reaches_the_report_literally(sample_copy: Path, tmp_path: Path) -> None:
    log = sample_copy / "2021" / "xa-an-binh.yaml"
    hostile = 'Phối hợp A & B <c> "q" {{ 7*7 }} {% for x in y %} </w:t> xong'
    text = log.read_text(encoding="utf-8").replace(
        "kho_khan:\n  6m:\n", f"kho_khan:\n  6m:\n    - '{hostile}'\n", 1
    )
    log.write_text(text, encoding="utf-8")
    out = tmp_path / "r.docx"
    api.compile_report(sample_copy, "6m", output=out)
    assert any(hostile in t for t in body_texts(out))


def test_same_inputs_give_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    api.compile_report(DATA, "6m", output=first)
    api.compile_report(DATA, "6m", output=second)
    assert (
        hashlib.sha256(first.read_bytes()).digest() == hashlib.sha256(second.read_bytes()).digest()
    )


def test_template_with_unknown_field_fails_and_keeps_the_previous_report(tmp_path: Path) -> None:
    import zipfile
    from importlib.resources import files

    packaged = Path(str(files("baocao") / "templates" / "bao-cao.docx"))
    broken = tmp_path / "mau.docx"
    with zipfile.ZipFile(packaged) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"{{ trich_yeu }}", b"{{ trich_yeu_sai }}", 1)
                assert b"trich_yeu_sai" in data
            dst.writestr(item, data)
    out = tmp_path / "r.docx"
    api.compile_report(DATA, "6m", output=out)
    before = out.read_bytes()
    with pytest.raises(TemplateError) as caught:
        api.compile_report(DATA, "6m", output=out, template=broken)
    assert "trich_yeu_sai" in caught.value.problems[0].message()
    assert out.read_bytes() == before


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_report_opens_in_libreoffice(compiled: tuple[str, Path], tmp_path: Path) -> None:
    period, path = compiled
    pdf = tmp_path / "r.pdf"
    from baocao.report.render import docx_to_pdf

    docx_to_pdf(path, pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdfinfo") is None or shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdfinfo, pdftotext) is not installed")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info)[1])  # type: ignore[index]
    assert pages >= 5
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = " ".join(text.split())
    for phrase in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "UBND xã Phú Mỹ",
        "Nguyễn Thị Thu Hà",
        "10.096" if period == "6m" else "17.168",
    ):
        assert phrase in text


def test_a_template_made_before_the_submissions_table_still_renders(tmp_path: Path) -> None:
    """A clerk's own template, adapted from an earlier packaged one, keeps working: the
    context still has the fields it asks for (the list of units that have not sent)."""
    old = Path(__file__).resolve().parents[1] / "fixtures" / "mau-bao-cao-cu.docx"
    out = tmp_path / "r.docx"
    api.compile_report(DATA, "6m", output=out, template=old)
    texts = body_texts(out)
    assert texts[texts.index("Đơn vị chưa gửi báo cáo:") + 1] == "- UBND xã Phú Mỹ"
    assert "1. Tuyên truyền phòng, chống xâm hại tình dục trẻ em" in texts
