"""A report is true on its date: its default date, and nothing in it dated after that day."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from ruamel.yaml import YAML

from baocao import api
from baocao.errors import OptionError

DATA = Path(__file__).resolve().parents[2] / "data"
LATE_UNIT = "Hội Liên hiệp Phụ nữ huyện"  # the sample's 6-month report sent on 12/05/2021


def texts(path: Path) -> list[str]:
    doc = Document(str(path))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return [p.text for p in doc.paragraphs] + cells


def without_office_deadline(root: Path) -> None:
    plan = root / "ke-hoach-2021.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(re.sub(r"\n +han_bao_cao: .*", "", text), encoding="utf-8")


def figures_from_files(root: Path, end: date, skip: set[str]) -> Counter[tuple[str, str]]:
    """(task, indicator) totals of the 6-month window, read without baocao."""
    yaml = YAML(typ="safe", pure=True)
    totals: Counter[tuple[str, str]] = Counter()
    for path in (root / "2021").glob("*.yaml"):
        log = yaml.load(path.read_text(encoding="utf-8"))
        if log["don_vi"] in skip:
            continue
        for task, items in log["nhiem_vu"].items():
            for item in items:
                day = item["ngay"]
                if isinstance(day, str):
                    d, m, y = map(int, day.split("/"))
                    day = date(y, m, d)
                if date(2021, 1, 1) <= day <= end:
                    for key, value in (item.get("so_lieu") or {}).items():
                        totals[(task, key)] += value
    return totals


# --- the default date -------------------------------------------------------------------


@pytest.mark.parametrize(("period", "day"), [("6m", date(2021, 5, 15)), ("1y", date(2021, 11, 15))])
def test_sample_reports_are_dated_on_the_office_deadline(period: str, day: date) -> None:
    built = api.build(api.validate(DATA), period)
    assert (built.report_date, built.as_of) == (day, day)
    assert built.warnings == [p for p in built.warnings if p.code == "W208"]


def test_without_office_deadline_the_date_is_the_last_submission_it_includes(
    sample_copy: Path,
) -> None:
    without_office_deadline(sample_copy)
    ws = api.validate(sample_copy)
    six = api.build(ws, "6m")
    assert six.report_date == date(2021, 5, 12)  # the late unit's day, not the deadline 05/05
    assert not [p for p in six.warnings if p.code == "W206"]
    year = api.build(ws, "1y")
    assert year.report_date == date(2021, 11, 12)  # every unit in time: the units' deadline


def test_a_placeholder_deadline_dates_the_report_on_the_window_end(sample_copy: Path) -> None:
    plan = sample_copy / "ke-hoach-2021.yaml"
    text = plan.read_text(encoding="utf-8").replace("han_nop: 05/5", "han_nop: '[ngày/tháng]'")
    plan.write_text(re.sub(r"\n +han_bao_cao: 15/5", "", text), encoding="utf-8")
    built = api.build(api.load_workspace(sample_copy), "6m")
    assert built.window.due is None
    assert built.report_date == date(2021, 5, 12)  # the last report received, after 30/04


# --- nothing after the report's date --------------------------------------------------------

_DATE = re.compile(r"\b(\d{2})/(\d{2})/(\d{4})\b")
_HEADER_DATE = re.compile(r"ngày (\d{2}) tháng (\d{1,2}) năm (\d{4})")


@pytest.mark.parametrize("period", ["6m", "1y"])
def test_the_report_states_no_date_after_its_own(period: str, tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    done = api.compile_report(DATA, period, output=out)
    body = texts(out)
    header = next(m for t in body if (m := _HEADER_DATE.search(t)))
    dated = date(int(header[3]), int(header[2]), int(header[1]))
    assert dated == done.report_date
    stated = [date(int(y), int(m), int(d)) for t in body for d, m, y in _DATE.findall(t)]
    assert stated and max(stated) <= dated


def test_as_of_the_units_deadline_the_late_unit_has_not_sent(tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    done = api.compile_report(DATA, "6m", output=out, as_of=date(2021, 5, 5))
    assert done.report_date == date(2021, 5, 5)
    late = next(u for u in done.aggregate.units if u.unit.name == LATE_UNIT)
    assert (late.submission, late.sent_on, late.days_late) == ("not_due", None, None)
    assert sum(late.activity_counts.values()) == 0
    expected = figures_from_files(DATA, date(2021, 4, 30), skip={"hoi-phu-nu"})
    for task in done.aggregate.tasks:
        for code, total in task.totals.items():
            assert total == expected[(task.task.code, code)], (task.task.code, code)
    body = "\n".join(texts(out))
    assert "chậm 7 ngày" not in body and "12/05/2021" not in body
    # its difficulties had not arrived either
    assert "hội viên lớn tuổi" not in body
    warned = [p for p in done.warnings if p.code == "W206"]
    assert [(Path(str(p.file)).resolve(), p.line, p.column) for p in warned] == [
        (DATA / "2021" / "hoi-phu-nu.yaml", 6, 7)
    ]
    assert warned[0].message() == (
        f"{LATE_UNIT} gửi báo cáo kỳ này ngày 12/05/2021, sau ngày báo cáo 05/05/2021: "
        "chưa tính vào báo cáo, coi như chưa gửi"
    )


def test_a_date_before_a_submission_leaves_it_out_as_not_sent(tmp_path: Path) -> None:
    done = api.compile_report(DATA, "6m", output=tmp_path / "r.docx", report_date=date(2021, 5, 10))
    late = next(u for u in done.aggregate.units if u.unit.name == LATE_UNIT)
    assert late.submission == "not_sent"  # past the deadline, and nothing had arrived
    assert [p.code for p in done.warnings].count("W206") == 1


def test_a_date_inside_the_window_ends_the_data_there(tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    done = api.compile_report(DATA, "6m", output=out, report_date=date(2021, 4, 20))
    assert done.window.end == date(2021, 4, 20)
    cut = next(p for p in done.warnings if p.code == "W207")
    assert cut.message() == (
        "ngày báo cáo 20/04/2021 trước ngày cuối kỳ số liệu 30/04/2021: "
        "số liệu chỉ tính đến ngày 20/04/2021"
    )
    assert any("đến ngày 20/04/2021) như sau:" in t for t in texts(out))


def test_a_date_before_the_as_of_day_is_refused() -> None:
    ws = api.validate(DATA)
    with pytest.raises(OptionError) as caught:
        api.build(ws, "6m", report_date=date(2021, 5, 5), as_of=date(2021, 5, 15))
    assert [p.code for p in caught.value.problems] == ["E135"]
    with pytest.raises(OptionError) as caught:
        api.build(ws, "6m", report_date=date(2020, 12, 1))
    assert [p.code for p in caught.value.problems] == ["E136"]


def test_status_as_of_counts_a_report_sent_later_as_not_yet_sent() -> None:
    report = api.status(DATA, "6m", as_of=date(2021, 5, 5))
    late = next(u for u in report.units if u.name == LATE_UNIT)
    assert (late.status, late.sent_on, set(late.activities.values())) == ("not_due", None, {0})
    after = api.status(DATA, "6m", as_of=date(2021, 5, 12))
    late = next(u for u in after.units if u.name == LATE_UNIT)
    assert (late.status, late.days_late) == ("late", 7)
