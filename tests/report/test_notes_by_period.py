"""Units' difficulties and proposals belong to a period, from the log to each report."""

from __future__ import annotations

from pathlib import Path

import pytest

from baocao import api
from baocao.core.models import WHOLE_YEAR, notes_for
from conftest import found, validate

DATA = Path(__file__).resolve().parents[2] / "data"
SCHOOL_YEAR = "năm học 2021 - 2022"  # begins in September: no six-month report may cite it


def cited(period: str, root: Path = DATA) -> list[str]:
    """Every line of sections III-V and the appendix's list of unit proposals."""
    context = api.build(api.validate(root), period).context
    lines = context.ton_tai + context.phuong_huong + context.de_xuat
    return lines + [item for group in context.kien_nghi for item in group.muc]


def test_the_six_month_report_cites_only_the_first_half() -> None:
    six, year = cited("6m"), cited("1y")
    assert not [line for line in six if SCHOOL_YEAR in line]
    assert [line for line in year if SCHOOL_YEAR in line]
    assert set(six) != set(year)


def test_a_log_carries_both_halves_of_the_year() -> None:
    log = api.validate(DATA).log_for("phong-giao-duc")
    assert log is not None and WHOLE_YEAR not in log.difficulties
    assert len(notes_for(log.difficulties, "6m")) == 1
    assert len(notes_for(log.difficulties, "1y")) == 2
    assert notes_for(log.difficulties, "q1") == ()


def whole_year_list(root: Path) -> Path:
    """xa-an-binh's notes written the old way: one list for the whole year."""
    log = root / "2021" / "xa-an-binh.yaml"
    text = log.read_text(encoding="utf-8")
    head = text.split("\n# Khó khăn", 1)[0]
    log.write_text(
        head + "\nkho_khan:\n  - Kinh phí dành cho công tác tuyên truyền còn hạn hẹp.\n",
        encoding="utf-8",
    )
    return log


def test_a_plain_list_is_the_whole_year_with_a_warning_in_a_six_month_report(
    sample_copy: Path,
) -> None:
    log = whole_year_list(sample_copy)
    line = log.read_text(encoding="utf-8").splitlines().index("kho_khan:") + 1
    problems, refused = validate(sample_copy)
    assert not refused and "W208" not in {p.code for p in problems}  # valid as it stands
    ws = api.validate(sample_copy)
    six = api.build(ws, "6m")
    assert any("Kinh phí dành cho công tác tuyên truyền" in t for t in six.context.ton_tai)
    warned = [p for p in six.warnings if p.code == "W208"]
    assert [(p.line, p.column) for p in warned] == [(line, 1)]
    assert warned[0].message() == (
        "kho_khan ghi một danh sách chung cho cả năm nên được trích cả vào báo cáo 6 tháng đầu "
        "năm 2021; để tách theo kỳ, ghi các ý dưới 6m:, 1y: …"
    )
    year = api.build(ws, "1y")
    assert any("Kinh phí dành cho công tác tuyên truyền" in t for t in year.context.ton_tai)
    assert not [p for p in year.warnings if p.code == "W208"]


@pytest.mark.parametrize("key", ["kho_khan", "de_xuat"])
def test_a_period_the_plan_does_not_have_is_located(ws: Path, key: str) -> None:
    log = ws / "2021" / "xa-an-binh.yaml"
    with log.open("a", encoding="utf-8") as out:
        out.write(f"{key}:\n  6M:\n    - Kinh phí còn hạn hẹp.\n")
    problems, refused = validate(ws)
    assert refused
    assert found(problems) == [("E115", "ws/2021/xa-an-binh.yaml", 13, 3)]
    assert problems[0].message() == "kỳ báo cáo '6M' không có trong kế hoạch — có phải '6m'?"


def test_notes_of_a_period_survive_the_cache(sample_copy: Path) -> None:
    first = api.validate(sample_copy).log_for("phong-giao-duc")
    again = api.validate(sample_copy).log_for("phong-giao-duc")  # read from the cache
    assert first is not None and again is not None
    assert again.difficulties == first.difficulties
    assert again.whole_year_places == first.whole_year_places
