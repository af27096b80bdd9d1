"""Vietnamese numbers, dates and name matching, as they appear in a signed report."""

from __future__ import annotations

import unicodedata
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from baocao.core.vietnamese import (
    end_of_body,
    fold_tone,
    format_count2,
    format_number,
    format_percent,
    header_date,
    nfc,
    number_symbol,
    percent_of,
    percent_text,
    round_percent,
    same_name,
    short_date,
)


def parse_vietnamese_number(text: str) -> Decimal:
    """What a reader does: drop the thousands dots, read the comma as the decimal point."""
    return Decimal(text.replace(".", "").replace(",", "."))


# --- nfc ---


def test_nfc_composes_decomposed_text() -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Thu Hà")
    assert decomposed != "Nguyễn Thị Thu Hà"
    assert nfc(decomposed) == "Nguyễn Thị Thu Hà"


# --- format_number ---


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0"),
        (7, "7"),
        (999, "999"),
        (1000, "1.000"),
        (26529, "26.529"),
        (1234567, "1.234.567"),
        (-1530, "-1.530"),
        (12116.71, "12.116,71"),
        (0.5, "0,5"),
        (3.0, "3"),
        (-0.0, "0"),
        (1e20, "100.000.000.000.000.000.000"),
        (10**28 + 1, "10.000.000.000.000.000.000.000.000.001"),  # beyond Decimal's 28 digits
        (Decimal("12116.71"), "12.116,71"),
        (Decimal("1.50"), "1,50"),
        (Decimal("-0.00"), "0,00"),
    ],
)
def test_format_number(value: int | float | Decimal, expected: str) -> None:
    assert format_number(value) == expected


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (12116.714, 2, "12.116,71"),
        (2.675, 2, "2,68"),  # half up on the written value, not the binary float below it
        (1234.5, 0, "1.235"),
        (-1234.5, 2, "-1.234,50"),
        (-0.004, 2, "0,00"),
        (7, 1, "7,0"),
    ],
)
def test_format_number_with_decimals(value: float, decimals: int, expected: str) -> None:
    assert format_number(value, decimals=decimals) == expected


@pytest.mark.parametrize("bad", ["12", None, True, [1]])
def test_format_number_rejects_non_numbers(bad: object) -> None:
    with pytest.raises(TypeError):
        format_number(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), Decimal("NaN")])
def test_format_number_rejects_non_finite(bad: float | Decimal) -> None:
    with pytest.raises(ValueError):
        format_number(bad)


@given(st.integers(min_value=-(10**30), max_value=10**30))
def test_format_number_round_trips_integers(n: int) -> None:
    text = format_number(n)
    assert parse_vietnamese_number(text) == n
    assert "," not in text


@given(st.decimals(allow_nan=False, allow_infinity=False, places=3, max_value=10**15))
def test_format_number_round_trips_decimals(d: Decimal) -> None:
    assert parse_vietnamese_number(format_number(d)) == d


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15))
def test_format_number_round_trips_floats(x: float) -> None:
    assert float(parse_vietnamese_number(format_number(x))) == x


@given(st.integers(min_value=0, max_value=10**12))
def test_format_number_groups_of_three(n: int) -> None:
    whole = format_number(n).split(".")
    assert 1 <= len(whole[0]) <= 3
    assert all(len(group) == 3 for group in whole[1:])


# --- format_count2 ---


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, "0"), (1, "01"), (3, "03"), (9, "09"), (10, "10"), (12, "12"), (1250, "1.250")],
)
def test_format_count2(value: int, expected: str) -> None:
    assert format_count2(value) == expected


def test_format_count2_rejects_fractions() -> None:
    with pytest.raises(TypeError):
        format_count2(3.0)  # type: ignore[arg-type]


# --- dates ---


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2021, 5, 5), "Tân Lập, ngày 05 tháng 5 năm 2021"),
        (date(2021, 1, 15), "Tân Lập, ngày 15 tháng 01 năm 2021"),
        (date(2021, 2, 1), "Tân Lập, ngày 01 tháng 02 năm 2021"),
        (date(2021, 3, 9), "Tân Lập, ngày 09 tháng 3 năm 2021"),
        (date(2021, 11, 12), "Tân Lập, ngày 12 tháng 11 năm 2021"),
        (date(2021, 12, 31), "Tân Lập, ngày 31 tháng 12 năm 2021"),
    ],
)
def test_header_date(day: date, expected: str) -> None:
    assert header_date("Tân Lập", day) == expected


def test_header_date_normalises_the_place() -> None:
    place = unicodedata.normalize("NFD", "Hòa Bình")
    assert header_date(place, date(2021, 5, 5)) == "Hòa Bình, ngày 05 tháng 5 năm 2021"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2021, 2, 24), "24/02/2021"),
        (date(2021, 4, 30), "30/04/2021"),
        (date(2021, 5, 5), "05/05/2021"),
        (date(2021, 12, 14), "14/12/2021"),
    ],
)
def test_short_date(day: date, expected: str) -> None:
    assert short_date(day) == expected


# --- number and symbol ---


@pytest.mark.parametrize(
    ("symbol", "expected"),
    [("/BC-PTP", "     /BC-PTP"), ("05/BC-PTP", "05/BC-PTP"), (" /BC-UBND ", "     /BC-UBND")],
)
def test_number_symbol(symbol: str, expected: str) -> None:
    assert number_symbol(symbol) == expected


# --- end of body ---


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đề nghị UBND huyện bố trí kinh phí", "Đề nghị UBND huyện bố trí kinh phí./."),
        ("Không có.", "Không có./."),
        ("Đề nghị Sở Tư pháp hỗ trợ;", "Đề nghị Sở Tư pháp hỗ trợ./."),
        ("Đã xong./.", "Đã xong./."),
        ("(để b/c) ", "(để b/c)./."),
    ],
)
def test_end_of_body(text: str, expected: str) -> None:
    assert end_of_body(text) == expected


# --- tone placement and names ---


@pytest.mark.parametrize(
    ("new_style", "old_style"),
    [
        ("hoà", "hòa"),
        ("Hoà Bình", "Hòa Bình"),
        ("HOÀ", "HÒA"),
        ("thuý", "thúy"),
        ("Thuỷ", "Thủy"),
        ("khoẻ", "khỏe"),
        ("xoè", "xòe"),
        ("hoá đơn", "hóa đơn"),
        ("tuỳ", "tùy"),
        ("loạ", "lọa"),
        ("oã", "õa"),
        ("uỵ", "ụy"),
    ],
)
def test_fold_tone_moves_new_style_to_old(new_style: str, old_style: str) -> None:
    assert fold_tone(new_style) == old_style
    assert fold_tone(old_style) == old_style


@pytest.mark.parametrize(
    "word",
    # Same in both styles: a final consonant or vowel follows, or "qu" is the consonant.
    ["hoàn", "ngoài", "hoạt", "ngoặc", "quý", "Quỳnh", "huỳnh", "khuỷu", "thuế", "quà", "của"],
)
def test_fold_tone_leaves_words_that_do_not_differ(word: str) -> None:
    assert fold_tone(word) == word


def test_fold_tone_accepts_decomposed_input() -> None:
    assert fold_tone(unicodedata.normalize("NFD", "Thuý")) == "Thúy"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("UBND xã Hoà Bình", "UBND xã Hòa Bình"),
        ("Nguyễn Thị Thuý", "nguyễn thị thúy"),
        ("  UBND   xã An Bình ", "UBND xã An Bình"),
        (unicodedata.normalize("NFD", "Trường Mầm non Hoa Hồng"), "TRƯỜNG MẦM NON HOA HỒNG"),
        ("ĐOÀN THANH NIÊN", "Đoàn thanh niên"),
    ],
)
def test_same_name(a: str, b: str) -> None:
    assert same_name(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("UBND xã An Bình", "UBND xã An Binh"),  # a missing tone is a different name
        ("Hòa", "Hoa"),
        ("UBND xã Phú Mỹ", "UBND xã Phú My"),
    ],
)
def test_same_name_keeps_tones_significant(a: str, b: str) -> None:
    assert not same_name(a, b)


# --- percentages -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (87.5, "87,5%"),
        (128, "128%"),
        (Decimal("100.0"), "100%"),
        (99.96, "99,9%"),  # toward zero: a target not met never reads 100%
        (87.46, "87,4%"),
        (0.04, "0%"),
        (1234.56, "1.234,5%"),
        (-3.57, "-3,5%"),
    ],
)
def test_format_percent(value: float | Decimal, text: str) -> None:
    assert format_percent(value) == text


def test_percent_text_is_the_figure_without_the_sign() -> None:
    assert percent_text(Decimal("43.75")) == "43,7"
    assert percent_text(50) == "50"


def test_percent_of() -> None:
    assert percent_of(7, 8) == Decimal("87.5")
    assert percent_of(2, 3) == Decimal("66.6")
    assert percent_of(3, 0) is None
    assert percent_of(0, 5) == Decimal("0.0")


@given(st.integers(0, 10**9), st.integers(1, 10**9))
def test_a_share_never_reads_higher_than_it_is(part: int, whole: int) -> None:
    stated = percent_of(part, whole)
    assert stated is not None
    assert stated * whole <= Decimal(part) * 100 < (stated + Decimal("0.1")) * whole
    assert round_percent(stated) == stated
