"""The companion spreadsheet: beside a report whose units are too many for its appendix.

What a clerk checks in Excel: one sheet per task and one of submissions, numbers that sum,
dates that sort, a frozen header with filters; and that the report and its summary name it.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import sys
from datetime import datetime
from pathlib import Path
from types import ModuleType

import pytest
from docx import Document
from openpyxl import load_workbook

from baocao import api
from baocao.errors import OutputError
from baocao.report.appendix import APPENDIX_MAX_UNITS, TOP_UNITS
from baocao.report.progress_text import UnitColumns

GEN = Path(__file__).resolve().parents[2] / "bench" / "gen.py"
UNITS = APPENDIX_MAX_UNITS * 2  # a quarter of them late: more than a sentence names


@functools.cache
def gen() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_gen", GEN)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_gen"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, api.Compiled]:
    """A workspace with more units than an appendix lists, and its annual report."""
    root = gen().generate(tmp_path_factory.mktemp("large") / "ws", units=UNITS, activities=12)
    return root, api.compile_report(root, "1y")


def test_the_spreadsheet_sits_beside_the_report_and_is_named_in_it(
    large: tuple[Path, api.Compiled],
) -> None:
    _root, done = large
    assert done.spreadsheet == done.output.with_suffix(".xlsx")
    assert done.spreadsheet.is_file()
    texts = [p.text for p in Document(str(done.output)).paragraphs]
    name = done.spreadsheet.name
    assert (
        f"Số liệu chi tiết của từng đơn vị ({UNITS} đơn vị) tại tệp {name} gửi kèm Báo cáo."
        in texts
    )
    summary = json.loads(done.output.with_suffix(".json").read_text(encoding="utf-8"))
    digest = hashlib.sha256(done.spreadsheet.read_bytes()).hexdigest()
    assert summary["spreadsheet"] == {"file": f"ket-qua/{name}", "sha256": digest}


def test_one_sheet_per_task_plus_totals_submissions_and_notes(
    large: tuple[Path, api.Compiled],
) -> None:
    root, done = large
    book = load_workbook(done.spreadsheet)
    codes = [task.code for task in api.validate(root).plan.tasks]
    assert book.sheetnames == ["Tổng hợp", *codes, "Gửi báo cáo", "Khó khăn, đề xuất"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert (
            sheet.auto_filter.ref
            == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
        )
        assert all(cell.font.bold for cell in sheet[1])


def test_figures_are_numbers_that_sum_to_the_reports_totals(
    large: tuple[Path, api.Compiled],
) -> None:
    _root, done = large
    book = load_workbook(done.spreadsheet)
    for result in done.aggregate.tasks:
        sheet = book[result.task.code]
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        assert len(rows) == UNITS
        for column, indicator in enumerate(result.task.counted, start=4):
            values = [row[column] for row in rows]
            assert all(isinstance(v, int) for v in values)
            assert sum(values) == result.totals[indicator.code]
        assert sum(row[3] for row in rows) == len(result.activities)
    totals = {
        (row[0], row[5]): row[7] for row in book["Tổng hợp"].iter_rows(min_row=2, values_only=True)
    }
    for result in done.aggregate.tasks:
        for indicator in result.task.counted:
            assert totals[(result.task.code, indicator.label)] == result.totals[indicator.code]


def test_submissions_are_dates_and_states(large: tuple[Path, api.Compiled]) -> None:
    _root, done = large
    sheet = load_workbook(done.spreadsheet)["Gửi báo cáo"]
    rows = list(sheet.iter_rows(min_row=2, values_only=False))
    by_code = {u.unit.code: u for u in done.aggregate.units}
    for stt, code, _name, sent, state, late in rows:
        unit = by_code[code.value]
        assert stt.value == list(by_code).index(code.value) + 1
        if unit.sent_on is None:
            assert sent.value is None
        else:
            assert isinstance(sent.value, datetime) and sent.value.date() == unit.sent_on
            assert sent.number_format == "DD/MM/YYYY"
        assert state.value == {"on_time": "Đúng hạn", "late": "Chậm"}.get(
            unit.submission, "Chưa gửi"
        )
        assert late.value == unit.days_late


def test_the_appendix_keeps_the_busiest_units_and_sums_the_others(
    large: tuple[Path, api.Compiled],
) -> None:
    root, done = large
    progress = api.build(api.validate(root), "1y").progress
    for table, result in zip(done.context.phu_luc.bang, done.aggregate.tasks, strict=True):
        rows = table.dong
        assert len(rows) == TOP_UNITS + 1
        # The table lists the units with activities or with a target of their own.
        columns = UnitColumns(result.task, progress.task(result.task.code))
        listed = sum(1 for unit in done.aggregate.units if columns.shows(unit))
        assert rows[-1].don_vi == f"Các đơn vị khác ({listed - TOP_UNITS} đơn vị)"
        for column, total in enumerate(table.tong):
            if table.cot[column].startswith("Tỷ lệ"):  # a share, never summed
                assert total == "-" and rows[-1].so[column] == "-"
                continue
            cells = [r.so[column] for r in rows if r.so[column] != "-"]
            assert sum(int(c.replace(".", "")) for c in cells) == int(total.replace(".", ""))
    assert done.context.phu_luc.nop.dong == []  # every unit's date is in the sheet


def test_the_body_counts_units_instead_of_naming_them(large: tuple[Path, api.Compiled]) -> None:
    _root, done = large
    for item in done.context.nhiem_vu:
        assert not any(line.startswith("Đơn vị thực hiện:") for line in item.doan)
        busiest = [p for p in item.doan if p.startswith("Các đơn vị thực hiện nhiều hoạt")]
        assert len(busiest) == 1, item.doan
    late = [u for u in done.aggregate.units if u.submission == "late"]
    assert len(late) > 10
    line = next(t for t in done.context.ton_tai if "gửi báo cáo chậm" in t)
    assert line.startswith(f"Có {len(late)} đơn vị gửi báo cáo chậm")
    assert f"(danh sách tại tệp {done.spreadsheet.name} kèm theo)" in line
    assert not any(u.unit.name in line for u in late)


def test_same_inputs_same_spreadsheet_bytes(
    large: tuple[Path, api.Compiled], tmp_path: Path
) -> None:
    root, done = large
    again = api.compile_report(root, "1y", output=tmp_path / "lai.docx")
    assert again.spreadsheet == tmp_path / "lai.xlsx"
    assert again.spreadsheet.read_bytes() == done.spreadsheet.read_bytes()


def test_an_unchanged_report_leaves_its_spreadsheet_alone(
    large: tuple[Path, api.Compiled],
) -> None:
    root, done = large
    before = done.spreadsheet.stat().st_mtime_ns
    again = api.compile_report(root, "1y")
    assert not again.changed
    assert done.spreadsheet.stat().st_mtime_ns == before


def test_a_spreadsheet_that_cannot_be_written_stops_the_report_whole(
    large: tuple[Path, api.Compiled], tmp_path: Path
) -> None:
    root, _done = large
    (tmp_path / "r.xlsx").mkdir()  # a folder where the spreadsheet should go
    with pytest.raises(OutputError):
        api.compile_report(root, "1y", output=tmp_path / "r.docx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.xlsx"]


def test_a_small_workspace_has_no_spreadsheet(sample_copy: Path) -> None:
    done = api.compile_report(sample_copy, "6m")
    assert done.spreadsheet is None
    assert not done.output.with_suffix(".xlsx").exists()
    summary = json.loads(done.output.with_suffix(".json").read_text(encoding="utf-8"))
    assert summary["spreadsheet"] is None


def test_beside_a_spreadsheet_the_body_tells_the_notes_most_units_raised(tmp_path: Path) -> None:
    root = gen().generate(tmp_path / "ws", units=UNITS, activities=4)
    for number, log in enumerate(sorted((root / "2021").glob("*.yaml"))):
        text = log.read_text(encoding="utf-8")
        head, _notes = text.split("\nkho_khan:\n", 1)
        shared = "  - Kinh phí dành cho công tác tuyên truyền còn hạn hẹp.\n" if number < 12 else ""
        own = f"  - Khó khăn riêng số {number + 1} của đơn vị.\n"
        log.write_text(f"{head}\nkho_khan:\n{shared}{own}", encoding="utf-8")
    done = api.compile_report(root, "1y")
    lines = [t for t in done.context.ton_tai if t.startswith("- ")]
    assert lines[0] == "- Kinh phí dành cho công tác tuyên truyền còn hạn hẹp (12 đơn vị)."
    assert len(lines) == 11  # the ten raised by most units, then where the others are
    assert lines[-1] == (
        f"- Các ý kiến khác ({UNITS + 1 - 10} ý kiến) tại tệp {done.spreadsheet.name} kèm theo."
    )
    rows = list(load_workbook(done.spreadsheet)["Khó khăn, đề xuất"].iter_rows(values_only=True))
    difficulties = {row[2] for row in rows[1:] if row[1] == "Khó khăn, vướng mắc"}
    assert len(difficulties) == UNITS + 1  # every note is in the sheet
