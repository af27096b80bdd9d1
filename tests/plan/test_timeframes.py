"""Time frames as plans write them, read as date ranges; anything unclear is refused."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from baocao.plan.timeframes import DateRange, explicit_years, normalise, parse, read

D = date


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # the sample plan
        ("cả năm 2021", D(2021, 1, 1), D(2021, 12, 31)),
        ("quý IV năm 2021", D(2021, 10, 1), D(2021, 12, 31)),
        ("quý II, quý III năm 2021", D(2021, 4, 1), D(2021, 9, 30)),
        # other plans
        ("Quý I/2023", D(2023, 1, 1), D(2023, 3, 31)),
        ("quý 4/2023", D(2023, 10, 1), D(2023, 12, 31)),
        ("Quý II - quý III/2023", D(2023, 4, 1), D(2023, 9, 30)),
        ("Quý II – III năm 2023", D(2023, 4, 1), D(2023, 9, 30)),
        ("quý I và quý IV năm 2023", D(2023, 1, 1), D(2023, 12, 31)),
        ("tháng 6/2023", D(2023, 6, 1), D(2023, 6, 30)),
        ("Tháng 02/2024", D(2024, 2, 1), D(2024, 2, 29)),
        ("tháng 10 năm 2023", D(2023, 10, 1), D(2023, 10, 31)),
        ("tháng 3, 4 và 5/2025", D(2025, 3, 1), D(2025, 5, 31)),
        ("từ tháng 3 đến tháng 6 năm 2025", D(2025, 3, 1), D(2025, 6, 30)),
        ("Từ tháng 3/2025 đến hết tháng 6/2025", D(2025, 3, 1), D(2025, 6, 30)),
        ("tháng 11/2023 - tháng 02/2024", D(2023, 11, 1), D(2024, 2, 29)),
        ("trước ngày 30/9/2023", D(2023, 1, 1), D(2023, 9, 30)),
        ("Hoàn thành trước ngày 30 tháng 9 năm 2023", D(2023, 1, 1), D(2023, 9, 30)),
        ("chậm nhất ngày 15/7/2023", D(2023, 1, 1), D(2023, 7, 15)),
        ("trước tháng 6/2023", D(2023, 1, 1), D(2023, 5, 31)),
        ("trước quý III/2023", D(2023, 1, 1), D(2023, 6, 30)),
        ("đến hết tháng 6/2023", D(2023, 1, 1), D(2023, 6, 30)),
        ("từ tháng 10/2023", D(2023, 10, 1), D(2023, 12, 31)),
        ("ngày 09/11/2023", D(2023, 11, 9), D(2023, 11, 9)),
        ("6 tháng đầu năm 2023", D(2023, 1, 1), D(2023, 6, 30)),
        ("6 tháng cuối năm 2023", D(2023, 7, 1), D(2023, 12, 31)),
        ("năm 2023", D(2023, 1, 1), D(2023, 12, 31)),
        ("Trong năm 2023.", D(2023, 1, 1), D(2023, 12, 31)),
        ("giai đoạn 2021-2025", D(2021, 1, 1), D(2025, 12, 31)),
        ("Dự kiến quý III/2023", D(2023, 7, 1), D(2023, 9, 30)),
        # ranges written "A đến B" and "A-B", as plans write them
        ("Tháng 7 đến tháng 9/2025", D(2025, 7, 1), D(2025, 9, 30)),
        ("quý II đến quý III/2024", D(2024, 4, 1), D(2024, 9, 30)),
        ("Quý II–III/2024", D(2024, 4, 1), D(2024, 9, 30)),
        ("Quý II-III/2026", D(2026, 4, 1), D(2026, 9, 30)),
        ("Quý II - Quý IV/2026", D(2026, 4, 1), D(2026, 12, 31)),
        ("tháng 7-9/2025", D(2025, 7, 1), D(2025, 9, 30)),
        ("Tháng 6 - tháng 8/2023", D(2023, 6, 1), D(2023, 8, 31)),
        ("từ tháng 3 đến hết năm 2024", D(2024, 3, 1), D(2024, 12, 31)),
        ("trước ngày 30/6/2025", D(2025, 1, 1), D(2025, 6, 30)),
        ("6 tháng cuối năm 2024", D(2024, 7, 1), D(2024, 12, 31)),
        ("năm học 2025 - 2026", D(2025, 9, 1), D(2026, 5, 31)),
    ],
)
def test_phrases_read_as_ranges(text: str, start: date, end: date) -> None:
    year = start.year
    assert parse(text, year=year) == DateRange(start, end)


@pytest.mark.parametrize(
    "text",
    [
        "thường xuyên",
        "Thường xuyên.",
        "thường xuyên, liên tục",
        "hằng năm",
        "Hằng tháng",
        "hằng quý",
    ],
)
def test_ongoing_means_the_whole_plan_period(text: str) -> None:
    period = DateRange(D(2023, 3, 1), D(2023, 12, 31))
    assert parse(text, year=2023, period=period) == period
    assert parse(text, year=2023) == DateRange.year(2023)


def test_missing_year_is_the_plan_year() -> None:
    assert parse("quý II", year=2024) == DateRange(D(2024, 4, 1), D(2024, 6, 30))
    assert parse("trước ngày 30/9", year=2024) == DateRange(D(2024, 1, 1), D(2024, 9, 30))
    assert parse("cả năm", year=2024) == DateRange.year(2024)


def test_without_a_plan_year_only_explicit_years_are_read() -> None:
    assert parse("quý II", year=None) is None
    assert parse("thường xuyên", year=None) is None
    assert parse("quý II/2023", year=None) == DateRange(D(2023, 4, 1), D(2023, 6, 30))


def test_before_starts_at_the_plan_period() -> None:
    period = DateRange(D(2023, 4, 1), D(2023, 12, 31))
    assert parse("trước ngày 30/9/2023", year=2023, period=period) == DateRange(
        D(2023, 4, 1), D(2023, 9, 30)
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "theo yêu cầu",
        "khi có văn bản hướng dẫn",
        "năm 2021 và các năm tiếp theo",
        "cuối năm 2021",
        "quý V/2021",
        "tháng 13/2021",
        "31/2/2021",
        "ngày 31/4/2021",
        "1 lần",
        "vào quý",
        "trước",
        "năm 1800",
    ],
)
def test_unreadable_phrases_are_refused_not_guessed(text: str) -> None:
    assert parse(text, year=2021) is None


def test_word_boundaries() -> None:
    # "vào" is a filler word, not "và" + "o"; "trướcx" is no word at all.
    assert parse("vào quý II/2021", year=2021) == DateRange(D(2021, 4, 1), D(2021, 6, 30))
    assert parse("trướcx ngày 30/9/2021", year=2021) is None


def test_decomposed_text_reads_the_same() -> None:
    text = unicodedata.normalize("NFD", "quý II, quý III năm 2021")
    assert text != "quý II, quý III năm 2021"
    assert parse(text, year=2021) == DateRange(D(2021, 4, 1), D(2021, 9, 30))


def test_normalise() -> None:
    assert normalise("  Quý  II – quý III (năm 2021).") == "quý ii - quý iii năm 2021"


def test_explicit_years() -> None:
    assert explicit_years("quý IV năm 2021") == [2021]
    assert explicit_years("từ tháng 11/2023 đến tháng 2/2024") == [2023, 2024]
    assert explicit_years("thường xuyên") == []
    assert explicit_years("không rõ 2021") == []


@given(st.text(max_size=60))
def test_any_text_gives_a_range_or_none(text: str) -> None:
    found = parse(text, year=2021)
    assert found is None or found.start <= found.end


@given(st.integers(2000, 2099), st.integers(1, 4))
def test_every_quarter(year: int, quarter: int) -> None:
    roman = ["I", "II", "III", "IV"][quarter - 1]
    found = parse(f"quý {roman} năm {year}", year=year)
    assert found is not None
    assert (found.start.month, found.end.month) == (3 * quarter - 2, 3 * quarter)
    assert found.start.day == 1 and found.end.year == year


def test_quarter_ii_without_a_year_is_the_plan_year() -> None:
    assert parse("Quý II-III", year=2026) == DateRange(D(2026, 4, 1), D(2026, 9, 30))


def test_a_period_every_year_is_that_period() -> None:
    assert parse("quý I hằng năm", year=2025) == DateRange(D(2025, 1, 1), D(2025, 3, 31))


@pytest.mark.parametrize(
    ("text", "doubt"),
    [
        ("quý I và quý IV năm 2023", "không liền nhau"),
        ("tháng 6 và tháng 9/2025", "không liền nhau"),
        ("Tháng 10/2025 và tháng 3/2026", "không liền nhau"),
        ("năm học 2025 - 2026", "năm học"),
    ],
)
def test_a_range_that_is_not_what_the_text_says_carries_its_doubt(text: str, doubt: str) -> None:
    found = read(text, year=2025)
    assert found is not None and found.doubt is not None and doubt in found.doubt


@pytest.mark.parametrize(
    "text",
    ["quý II, quý III năm 2021", "Tháng 7 đến tháng 9/2025", "tháng 10, tháng 11/2024", "quý II"],
)
def test_a_plain_range_has_no_doubt(text: str) -> None:
    found = read(text, year=2025)
    assert found is not None and found.doubt is None
