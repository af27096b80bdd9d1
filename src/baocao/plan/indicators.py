"""Proposing a task's indicators from how the plan words its expected product.

Plans say what a task produces ("sách, tờ gấp pháp luật được phát hành"), not
which figures units report. The proposal reads the product first, then the task
title, and falls back to a count of activities. It is only a proposal: the
importer marks every list for review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Proposal:
    """An indicator to propose: key, label and unit of measure (as in the plan YAML)."""

    code: str
    label: str
    unit: str


def _p(code: str, label: str, unit: str) -> Proposal:
    return Proposal(code, label, unit)


AUDIENCE = _p("so_luot_nguoi", "lượt người tham dự", "lượt người")
GENERIC = _p("so_hoat_dong", "hoạt động được thực hiện", "hoạt động")

# (pattern, indicators, strong). A strong rule names a countable product; the weak
# one ("tuyên truyền") is used only when nothing strong is named. Patterns are tried
# in this order and the text each one matches is taken out, so "hội nghị tập huấn"
# is a training conference and not also a plain conference.
_RULES: list[tuple[str, tuple[Proposal, ...], bool]] = [
    (r"tờ gấp|tờ rơi", (_p("so_to_gap", "tờ gấp được cấp phát", "tờ"),), True),
    (
        r"(?<!chính )(?<!danh )\bsách\b|sổ tay|cẩm nang",
        (_p("so_cuon_sach", "cuốn sách được cấp phát", "cuốn"),),
        True,
    ),
    (
        r"(?:hội nghị |lớp )?(?:tập huấn|bồi dưỡng)",
        (
            _p("so_hoi_nghi", "hội nghị tập huấn", "hội nghị"),
            _p("so_hoc_vien", "lượt người được tập huấn", "lượt người"),
        ),
        True,
    ),
    (
        r"hội nghị|hội thảo|tọa đàm|toạ đàm",
        (_p("so_hoi_nghi", "hội nghị", "hội nghị"), AUDIENCE),
        True,
    ),
    (r"cuộc thi|hội thi", (_p("so_cuoc_thi", "cuộc thi", "cuộc"), AUDIENCE), True),
    (r"tin,? bài|bài viết|tin tức", (_p("so_tin_bai", "tin, bài", "tin, bài"),), True),
    (
        r"phát thanh|truyền thanh",
        (_p("so_luot_phat_thanh", "lượt phát thanh", "lượt"),),
        True,
    ),
    (
        r"trang thông tin điện tử|cổng thông tin",
        (_p("so_bai_dang_web", "bài đăng trên trang thông tin điện tử", "bài"),),
        True,
    ),
    (
        r"pa ?nô|áp phích|băng rôn|khẩu hiệu",
        (_p("so_khau_hieu", "pa nô, áp phích, băng rôn, khẩu hiệu", "cái"),),
        True,
    ),
    (r"tài liệu", (_p("so_tai_lieu", "tài liệu được cấp phát", "bản"),), True),
    (r"kiểm tra|giám sát", (_p("so_cuoc_kiem_tra", "cuộc kiểm tra", "cuộc"),), True),
    (r"hòa giải|hoà giải", (_p("so_vu_hoa_giai", "vụ việc hòa giải", "vụ việc"),), True),
    (
        r"trợ giúp pháp lý|tư vấn pháp luật|tư vấn|vụ việc",
        (_p("so_vu_viec", "vụ việc trợ giúp pháp lý, tư vấn pháp luật", "vụ việc"),),
        True,
    ),
    (
        r"tuyên truyền|phổ biến|truyền thông|nói chuyện",
        (_p("so_buoi", "buổi tuyên truyền", "buổi"), AUDIENCE),
        False,
    ),
]
_COMPILED = [(re.compile(p, re.IGNORECASE), found, strong) for p, found, strong in _RULES]


def _matches(text: str, *, strong: bool) -> list[Proposal]:
    """Indicators named in ``text`` by rules of one strength, in the order written."""
    hits: list[tuple[int, int, Proposal]] = []
    remaining = text
    for order, (pattern, found, is_strong) in enumerate(_COMPILED):
        if is_strong != strong:
            continue
        match = pattern.search(remaining)
        if match is None:
            continue
        for sub, proposal in enumerate(found):
            hits.append((match.start(), order * 10 + sub, proposal))
        remaining = pattern.sub(lambda m: " " * len(m.group(0)), remaining)
    hits.sort(key=lambda hit: (hit[0], hit[1]))
    out: list[Proposal] = []
    for _, _, proposal in hits:
        if proposal.code not in {p.code for p in out}:
            out.append(proposal)
    return out


def propose(product: str | None, title: str) -> tuple[list[Proposal], str]:
    """The proposed indicators and the wording they were read from."""
    for text, strong in ((product, True), (title, True), (product, False), (title, False)):
        if text:
            found = _matches(text, strong=strong)
            if found:
                return found, text
    return [GENERIC], product or title
