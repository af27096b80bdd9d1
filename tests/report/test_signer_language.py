"""Sentences and written dates."""

from __future__ import annotations

from datetime import date

import pytest
from signer import find_dates, sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Một câu. Câu hai! Câu ba?", ["Một câu.", "Câu hai!", "Câu ba?"]),
        ("1. Ưu điểm", ["1. Ưu điểm"]),
        ("II. KẾT QUẢ THỰC HIỆN", ["II. KẾT QUẢ THỰC HIỆN"]),
        (
            "Cấp phát 1.500 tờ gấp. 3 đơn vị gửi chậm.",
            ["Cấp phát 1.500 tờ gấp.", "3 đơn vị gửi chậm."],
        ),
        ("Đề nghị UBND huyện hỗ trợ./.", ["Đề nghị UBND huyện hỗ trợ./."]),
    ],
)
def test_sentences(text, expected):
    assert [s for _, s in sentences(text)] == expected


def test_sentence_offsets_point_into_the_text():
    text = "Câu một.  Câu hai."
    assert [text[o : o + len(s)] for o, s in sentences(text)] == ["Câu một.", "Câu hai."]


@pytest.mark.parametrize(
    ("text", "kind", "day"),
    [
        ("ngày 05/3/2021", "numeric", date(2021, 3, 5)),
        ("ngày 5-3-2021", "numeric", date(2021, 3, 5)),
        ("gửi 2021-03-05", "iso", date(2021, 3, 5)),
        ("ngày 5 tháng 3 năm 2021", "spelled", date(2021, 3, 5)),
        ("trước ngày 05/5", "short", date(2021, 5, 5)),
        ("trong tháng 6/2021", "month", date(2021, 6, 1)),
        ("trong tháng 6 năm 2021", "month", date(2021, 6, 1)),
        ("năm học 2021 - 2022", "school_year", date(2021, 9, 1)),
    ],
)
def test_find_dates(text, kind, day):
    (mention,) = find_dates(text, year=2021)
    assert (mention.kind, mention.day) == (kind, day)
    assert text[mention.start : mention.end] == mention.written


def test_not_dates():
    text = "26.529 lượt người, 12.116,71 ha, Kế hoạch số 25/KH-PTP, năm 2022, quý IV năm 2021"
    assert find_dates(text, year=2021) == []


def test_impossible_date_is_found_without_a_day():
    (mention,) = find_dates("ngày 31/02/2021")
    assert mention.day is None


def test_spelled_date_is_one_mention():
    assert len(find_dates("Tân Lập, ngày 05 tháng 5 năm 2021")) == 1
