"""Wording a signer keeps: short names, one date style, named days, lists, names in a sentence."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from baocao.core.wording import (
    SHORT_TITLE_MAX,
    in_sentence,
    join_items,
    named_days,
    short_title,
    tidy,
    unify_dates,
)


@pytest.mark.parametrize(
    ("title", "short"),
    [
        (
            "Đẩy mạnh công tác tuyên truyền phòng, chống tội phạm xâm hại tình dục trẻ em",
            "Đẩy mạnh công tác tuyên truyền phòng, chống tội phạm xâm hại tình dục trẻ em",
        ),
        (
            "Hỗ trợ tài liệu cho các đối tượng thực hiện công tác phổ biến, giáo dục pháp luật; "
            "các ban, ngành cấp huyện, UBND các xã, thị trấn và Nhân dân thông qua hình thức cấp "
            "phát miễn phí để tổ chức tuyên truyền",
            "Hỗ trợ tài liệu cho các đối tượng thực hiện công tác phổ biến, giáo dục pháp luật",
        ),
        (
            "Tuyên truyền phòng, chống tội phạm xâm hại tình dục trẻ em trên môi trường mạng trên "
            "Đài Phát thanh, trên Trang thông tin điện tử các cơ quan, đơn vị, địa phương, tin bài…",
            "Tuyên truyền phòng, chống tội phạm xâm hại tình dục trẻ em trên môi trường mạng",
        ),
        (
            "Tổ chức tập huấn, bồi dưỡng cho chủ thể thực hiện công tác phổ biến, giáo dục pháp "
            "luật chuyên sâu theo từng chuyên đề, lĩnh vực nhằm nâng cao hiệu quả công tác",
            "Tổ chức tập huấn, bồi dưỡng",
        ),
        ("Trợ giúp pháp lý, tư vấn pháp luật…", "Trợ giúp pháp lý, tư vấn pháp luật"),
    ],
)
def test_short_title_cuts_at_a_phrase(title: str, short: str) -> None:
    assert short_title(title) == short


@given(st.text(alphabet="abcđ ơ,;ưÂ.…", min_size=1, max_size=400).filter(str.strip))
def test_short_title_is_never_longer_than_a_heading_line(title: str) -> None:
    short = short_title(title)
    assert len(short) <= SHORT_TITLE_MAX
    assert short == short.strip()


def test_a_title_without_spaces_is_cut_at_the_limit() -> None:
    assert short_title("x" * 200) == "x" * SHORT_TITLE_MAX


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ngày 10/3/2021 và 2/4/2021", "ngày 10/03/2021 và 02/04/2021"),
        ("ngày 10/03/2021", "ngày 10/03/2021"),
        ("Công văn số 118/PTP, Kế hoạch 25/KH-PTP", "Công văn số 118/PTP, Kế hoạch 25/KH-PTP"),
        ("31/2/2021 không có thật", "31/2/2021 không có thật"),
        ("tỷ lệ 3/5 xã", "tỷ lệ 3/5 xã"),
    ],
)
def test_dates_in_running_text_are_written_one_way(text: str, expected: str) -> None:
    assert unify_dates(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tuyên truyền thông qua “Ngày pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam”",
            "Tuyên truyền thông qua “Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam”",
        ),
        ("hưởng ứng ngày Pháp Luật năm 2021", "hưởng ứng Ngày Pháp luật năm 2021"),
        ("nước cộng hoà xã hội chủ nghĩa việt nam", "nước Cộng hoà xã hội chủ nghĩa Việt Nam"),
        ("tháng Hành động vì Trẻ em", "Tháng hành động vì trẻ em"),
        ("mỗi ngày một buổi", "mỗi ngày một buổi"),
    ],
)
def test_named_days_are_capitalised_one_way(text: str, expected: str) -> None:
    assert named_days(text) == expected


def test_tidy_normalises_spaces_nfc_dates_and_names() -> None:
    decomposed = "Ngày  pha\u0301p luật,\tngày 9/11/2021"
    assert tidy(decomposed) == "Ngày Pháp luật, ngày 09/11/2021"


def test_list_items_holding_commas_are_joined_by_semicolons() -> None:
    assert join_items(["77 buổi tuyên truyền", "10.096 lượt người"]) == (
        "77 buổi tuyên truyền, 10.096 lượt người"
    )
    assert join_items(["62 tin, bài được biên tập", "279 lượt phát thanh"]) == (
        "62 tin, bài được biên tập; 279 lượt phát thanh"
    )
    assert join_items(["A", "", "B"]) == "A, B"


@pytest.mark.parametrize(
    ("name", "inside"),
    [
        ("Tuyên truyền phòng, chống xâm hại", "tuyên truyền phòng, chống xâm hại"),
        ("Hưởng ứng Ngày Pháp luật", "hưởng ứng Ngày Pháp luật"),
        ("Ngày Pháp luật Việt Nam", "Ngày Pháp luật Việt Nam"),
        ("UBND xã An Bình", "UBND xã An Bình"),
        ("Luật Trẻ em năm 2016", "Luật Trẻ em năm 2016"),
        ("Tháng hành động vì trẻ em", "Tháng hành động vì trẻ em"),
    ],
)
def test_a_name_inside_a_sentence_keeps_only_its_proper_capitals(name: str, inside: str) -> None:
    assert in_sentence(name) == inside
