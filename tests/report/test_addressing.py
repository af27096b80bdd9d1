"""Section V asks the bodies the report goes to; what units ask of the office stays with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from baocao import api
from baocao.core.models import Plan, WorkspaceConfig
from baocao.report.addressing import addressee, classify, office_names, superiors
from baocao.report.aggregate import Note

DATA = Path(__file__).resolve().parents[2] / "data"


def config(*recipients: str) -> WorkspaceConfig:
    return WorkspaceConfig.model_validate({"noi_nhan": list(recipients)})


def plan(issuer: str, abbr: str, name: str | None = None) -> Plan:
    sample = api.validate(DATA).plan
    return sample.model_copy(update={"issuer": issuer, "issuer_abbr": abbr, "issuer_name": name})


def test_superiors_are_the_recipients_to_report_to() -> None:
    found = superiors(
        config(
            "UBND huyện (để b/c)",
            "- Sở Tư pháp tỉnh Long An (để báo cáo);",
            "Thường trực Huyện ủy (b/c)",
            "Ban Tuyên giáo Huyện ủy để b/c",
            "Các cơ quan, đơn vị có liên quan",
            "Lưu: VT, PTP",
        )
    )
    assert found == [
        "UBND huyện",
        "Sở Tư pháp tỉnh Long An",
        "Thường trực Huyện ủy",
        "Ban Tuyên giáo Huyện ủy",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đề nghị UBND huyện hỗ trợ kinh phí.", "UBND huyện"),
        ("Kiến nghị Ủy ban nhân dân huyện bố trí kinh phí.", "UBND huyện"),
        ("Kính đề nghị Uỷ ban nhân dân huyện quan tâm.", "UBND huyện"),
        ("Đề nghị Sở Tư pháp cung cấp tài liệu.", "Sở Tư pháp tỉnh Long An"),
        ("đề xuất với sở tư pháp tỉnh Long An tổ chức tập huấn", "Sở Tư pháp tỉnh Long An"),
        ("Đề nghị UBND tỉnh quan tâm.", None),  # another body with the same head
        ("Đề nghị các nhà trường và gia đình phối hợp.", None),
        ("Đề nghị bố trí kinh phí hỗ trợ tư vấn tâm lý.", None),
        ("Đề nghị Sở Thông tin và Truyền thông tổ chức tập huấn.", None),
        ("Tăng cường phối hợp với UBND huyện.", None),  # names it, but does not ask it
    ],
)
def test_addressee_is_the_body_named_after_the_request(text: str, expected: str | None) -> None:
    assert addressee(text, ["UBND huyện", "Sở Tư pháp tỉnh Long An"]) == expected


def test_the_office_is_recognised_by_name_capitals_or_abbreviation() -> None:
    office = office_names(plan("PHÒNG TƯ PHÁP", "PTP", "Phòng Tư pháp"))
    for text in (
        "Đề nghị Phòng Tư pháp cử báo cáo viên.",
        "Đề nghị PHÒNG TƯ PHÁP cử báo cáo viên.",
        "Đề nghị PTP cử báo cáo viên.",
    ):
        assert addressee(text, office), text


def test_a_commune_office_is_not_the_district_committee_it_reports_to() -> None:
    """UBND xã, abbreviated UBND, reporting to UBND huyện: the shared 'UBND' is no match."""
    commune = plan("ỦY BAN NHÂN DÂN XÃ HÒA BÌNH", "UBND", "Ủy ban nhân dân xã Hòa Bình")
    notes = (
        Note("Đề nghị UBND huyện hỗ trợ kinh phí in tài liệu.", ("Trường THCS Hòa Bình",)),
        Note("Đề nghị UBND xã Hòa Bình bố trí loa truyền thanh.", ("Ấp 1",)),
        Note("Đề nghị Ủy ban nhân dân xã Hòa Bình cử cán bộ dự.", ("Ấp 2",)),
    )
    sorted_ = classify(notes, commune, config("UBND huyện (để b/c)", "Lưu: VT, UBND"))
    assert [n.units for n in sorted_.upward] == [("Trường THCS Hòa Bình",)]
    assert [n.units for n in sorted_.to_office] == [("Ấp 1",), ("Ấp 2",)]
    assert sorted_.other == ()


# --- the sample's reports --------------------------------------------------------------


def without_clerks_proposals(root: Path) -> None:
    for path in (root / "dien-giai").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.split("\nde_xuat:", 1)[0] + "\n", encoding="utf-8")


def test_section_v_carries_only_what_units_ask_of_the_bodies_above(sample_copy: Path) -> None:
    without_clerks_proposals(sample_copy)
    context = api.build(api.validate(sample_copy), "6m").context
    assert context.de_xuat == [
        # the office's own proposal, in its own voice
        "- Đề nghị Sở Tư pháp cung cấp thêm tài liệu, video clip tuyên truyền về phòng, chống "
        "xâm hại trẻ em trên môi trường mạng để sử dụng thống nhất trên địa bàn huyện.",
        "- Đề nghị UBND huyện hỗ trợ kinh phí nâng cấp hệ thống loa truyền thanh ở các khu phố "
        "(đề xuất của UBND thị trấn Tân Lập).",
    ]
    groups = {g.ten: g.muc for g in context.kien_nghi}
    assert list(groups) == ["Đối với Phòng Tư pháp", "Đề xuất khác"]
    assert all(m.startswith("- Đề nghị Phòng Tư pháp") for m in groups["Đối với Phòng Tư pháp"])
    assert any("các nhà trường và gia đình" in m for m in groups["Đề xuất khác"])
    assert any("Sở Thông tin và Truyền thông" in m for m in groups["Đề xuất khác"])
    assert (
        context.phuong_huong.count(
            "Xem xét, giải quyết các kiến nghị của các đơn vị đối với Phòng Tư pháp "
            "(chi tiết tại Phụ lục)."
        )
        == 1
    )


@pytest.mark.parametrize("period", ["6m", "1y"])
def test_the_clerks_proposals_override_and_no_unit_proposal_is_lost(period: str) -> None:
    ws = api.validate(DATA)
    built = api.build(ws, period)
    narrative = ws.narratives[(2021, period)]
    assert built.context.de_xuat == list(narrative.proposals)
    listed = [item for group in built.context.kien_nghi for item in group.muc]
    for note in built.aggregate.proposals:
        assert sum(item.startswith(f"- {note.text.rstrip('.')}") for item in listed) == 1, note
    assert "Đối với cơ quan cấp trên" in [g.ten for g in built.context.kien_nghi]
