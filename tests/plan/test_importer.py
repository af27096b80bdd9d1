"""Importing plan documents: the real 2021 plan, and plans written the other ways plans are.

Fixtures (tests/fixtures/):
- ke-hoach-2021.txt: the real plan, byte for byte ("-Thời gian" without a space, no header).
- ke-hoach-xa-2023.txt: a commune plan with a letterhead, a title over two lines, "Mục đích"/
  "Yêu cầu" sub-headings in I, a heading broken over two lines, tasks 1.1, 1.2 under groups,
  "Cơ quan chủ trì", "Thời gian hoàn thành", "Sản phẩm", en-dash bullets, fields inline in
  parentheses, a field inherited from the group, a missing time frame and an unreadable one.
- ke-hoach-so-2025.txt: a department plan saved with a UTF-8 BOM, CRLF and decomposed (NFD)
  text; "Chủ trì", "Thời gian", "Kết quả", "•" bullets, tasks a), b) under a group, "Nội dung:",
  lettered items that are content, unit names with commas, an extra section (KINH PHÍ).
- .docx plans made by tests/plandocs.py: a task table with group rows, a letterhead table
  and Word list numbering; a plan typed with automatic numbering only.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from baocao.cli import app
from baocao.core.models import Plan
from baocao.errors import InputError
from baocao.input.yamlio import load
from baocao.plan.build import Built, HeaderOptions, build_plan
from baocao.plan.document import read_plan_document
from baocao.plan.importer import read_draft, split_fields
from baocao.plan.indicators import propose
from baocao.plan.schedule import deadlines
from baocao.plan.units import unit_names
from baocao.plan.writing import dump_yaml, yaml_writer
from plandocs import make_numbered_plan, make_table_plan

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REAL = FIXTURES / "ke-hoach-2021.txt"
XA = FIXTURES / "ke-hoach-xa-2023.txt"
SO = FIXTURES / "ke-hoach-so-2025.txt"
SHIPPED = Path(__file__).resolve().parents[2] / "data" / "ke-hoach-2021.yaml"


def imported(path: Path, options: HeaderOptions | None = None) -> Built:
    return build_plan(read_draft(read_plan_document(path)), options)


def codes(built: Built) -> list[str]:
    return [w.code for w in built.warnings]


def warning(built: Built, code: str) -> str:
    return next(w.format() for w in built.warnings if w.code == code)


# --- the real plan -----------------------------------------------------------------


def test_real_plan_reproduces_the_shipped_plan_field_by_field() -> None:
    shipped = Plan.model_validate(load(SHIPPED).data)
    plan = imported(REAL).plan
    assert plan.year == shipped.year == 2021
    assert plan.purposes == shipped.purposes
    assert plan.organisation == shipped.organisation
    assert [t.code for t in plan.tasks] == [t.code for t in shipped.tasks]
    for got, want in zip(plan.tasks, shipped.tasks, strict=True):
        assert got.title == want.title, got.code
        assert got.details == want.details, got.code
        assert got.lead == want.lead, got.code
        assert got.partners == want.partners, got.code
        assert got.time_frame == want.time_frame, got.code
        assert (got.start, got.end) == (want.start, want.end), got.code
        assert got.product == want.product, got.code
    assert plan.schedule.preset == shipped.schedule.preset
    assert {k: p.due for k, p in plan.schedule.periods.items()} == {
        k: p.due for k, p in shipped.schedule.periods.items()
    }
    assert plan.schedule.periods["6m"].window_end == shipped.schedule.periods["6m"].window_end


def test_real_plan_indicators_are_proposed_and_marked_for_review() -> None:
    built = imported(REAL)
    indicators = {t.code: [i.code for i in t.indicators] for t in built.plan.tasks}
    assert indicators == {
        "NV1": ["so_buoi", "so_luot_nguoi"],  # "báo cáo": read from the title instead
        "NV2": ["so_cuon_sach", "so_to_gap"],  # "sách, tờ gấp"
        "NV3": ["so_tin_bai"],  # "tin, bài"
        "NV4": ["so_buoi", "so_luot_nguoi"],
        "NV5": ["so_hoi_nghi", "so_hoc_vien"],  # "hội nghị tập huấn"
        # "trợ giúp pháp lý, tư vấn pháp luật": the text speaks of both
        "NV6": ["so_vu_tro_giup_phap_ly", "so_luot_tu_van"],
    }
    text = dump_yaml(built.tree)
    assert text.count('chi_tieu: # KIỂM TRA: chỉ tiêu đề xuất từ "') == 6
    assert (
        'chi_tieu: # KIỂM TRA: chỉ tiêu đề xuất từ "sách, tờ gấp pháp luật được phát hành"' in text
    )


def test_real_plan_header_placeholders_validate_and_are_listed() -> None:
    built = imported(REAL)
    assert codes(built) == ["W503", "W504", "W512", "W507"]  # W512: no signer, no recipients
    plan = built.plan
    assert plan.parent_body == "[CƠ QUAN CHỦ QUẢN]"
    assert plan.issuer == "[CƠ QUAN BAN HÀNH]"
    assert (plan.issuer_abbr, plan.number, plan.place) == (
        "[KÝ HIỆU]",
        "[số]/KH-[KÝ HIỆU]",
        "[Địa danh]",
    )
    # Never a made-up date that would pass for the real one.
    assert plan.issued_on == "[ngày ban hành]"
    assert plan.title == "[tên kế hoạch]"
    text = dump_yaml(built.tree)
    assert "co_quan_ban_hanh: '[CƠ QUAN BAN HÀNH]' # CẦN ĐIỀN: cơ quan ban hành" in text
    assert "ngay_ban_hanh: '[ngày ban hành]' # CẦN ĐIỀN: ngày ban hành" in text
    assert warning(built, "W503").endswith(
        "ke-hoach-2021.txt: W503 văn bản không có cơ quan chủ quản, cơ quan ban hành, chữ viết tắt cơ quan, số, ký hiệu, "
        "ngày ban hành, địa danh, tên kế hoạch; đã ghi giá trị tạm trong ngoặc vuông, cần điền "
        "(hoặc dùng --co-quan-chu-quan, --co-quan, --ky-hieu, --so, --ngay, --dia-danh, --ten)"
    )
    # The only unit the text names is proposed, for review.
    assert [(u.code, u.name) for u in plan.units] == [("phong-tu-phap", "Phòng Tư pháp")]
    assert (
        "don_vi: # KIỂM TRA: văn bản không liệt kê đơn vị báo cáo; đề xuất các đơn vị chủ trì"
        in text
    )
    # No signature block in the text: the plan says nothing of a signer or recipients.
    assert (plan.signer, plan.recipients) == (None, [])


def test_header_options_fill_what_the_text_lacks() -> None:
    options = HeaderOptions(
        parent_body="UBND huyện Tân Lập",
        issuer="Phòng Tư pháp",
        number="25/KH-PTP",
        issued_on="10/03/2021",
        place="Tân Lập",
        title="tuyên truyền phòng, chống tội phạm xâm hại tình dục trẻ em trên môi trường mạng xã hội năm 2021",
    )
    built = imported(REAL, options)
    shipped = Plan.model_validate(load(SHIPPED).data)
    plan = built.plan
    assert plan.parent_body == shipped.parent_body
    assert plan.issuer == shipped.issuer
    assert plan.issuer_name == shipped.issuer_name == "Phòng Tư pháp"  # as the text writes it
    assert plan.issuer_abbr == "PTP"  # from --so
    assert (plan.number, plan.issued_on, plan.place, plan.title) == (
        shipped.number,
        shipped.issued_on,
        shipped.place,
        shipped.title,
    )
    assert "W503" not in codes(built)
    assert "# CẦN ĐIỀN:" not in dump_yaml(built.tree)


def test_bad_options_are_refused() -> None:
    with pytest.raises(InputError) as caught:
        imported(REAL, HeaderOptions(issuer_abbr="ptp"))
    assert caught.value.problems[0].code == "E507"
    with pytest.raises(InputError) as caught:
        imported(REAL, HeaderOptions(issued_on="31/02/2021"))
    assert "--ngay" in caught.value.problems[0].message()


def test_imported_yaml_round_trips_with_its_comments(tmp_path: Path) -> None:
    text = dump_yaml(imported(REAL).tree)
    assert dump_yaml(yaml_writer().load(text)) == text
    target = tmp_path / "kh.yaml"
    target.write_text(text, encoding="utf-8")
    Plan.model_validate(load(target).data)


# --- a commune plan ------------------------------------------------------------------


def test_commune_plan_header_and_purposes() -> None:
    built = imported(XA)
    plan = built.plan
    assert plan.parent_body is None  # one body in the letterhead: no parent
    assert plan.issuer == "UỶ BAN NHÂN DÂN XÃ HÒA BÌNH"
    assert plan.issuer_name == "Uỷ ban nhân dân xã Hòa Bình"  # for sentences in the report
    assert (plan.issuer_abbr, plan.number, plan.place) == ("UBND", "12/KH-UBND", "Hòa Bình")
    assert plan.issued_on == date(2023, 2, 15)
    assert plan.title == "phổ biến, giáo dục pháp luật và hòa giải ở cơ sở trên địa bàn xã năm 2023"
    assert plan.year == 2023
    assert plan.purposes == [
        "Nâng cao nhận thức, ý thức chấp hành pháp luật của cán bộ và Nhân dân trên địa bàn xã.",
        "Kịp thời đưa các văn bản pháp luật mới đến với người dân, nhất là các văn bản liên quan "
        "trực tiếp đến đời sống hằng ngày.",
        "Bám sát nhiệm vụ chính trị của địa phương; bảo đảm thiết thực, hiệu quả.",
    ]
    assert "W503" not in codes(built)


def test_commune_plan_tasks() -> None:
    built = imported(XA)
    tasks = {t.code: t for t in built.plan.tasks}
    assert list(tasks) == ["NV1.1", "NV1.2", "NV1.3", "NV2.1", "NV2.2", "NV2.3"]
    first = tasks["NV1.1"]
    assert first.title == (
        "Tổ chức hội nghị phổ biến pháp luật cho cán bộ, công chức và người có uy tín trong cộng đồng"
    )
    assert first.lead == "Công chức Tư pháp - Hộ tịch"
    assert first.partners == "Ủy ban Mặt trận Tổ quốc xã; Hội Liên hiệp Phụ nữ xã"
    assert (first.time_frame, first.start, first.end) == (
        "Quý I/2023",
        date(2023, 1, 1),
        date(2023, 3, 31),
    )
    assert first.product == "hội nghị được tổ chức"
    assert tasks["NV1.2"].partners is None
    assert (tasks["NV1.2"].start, tasks["NV1.2"].end) == (date(2023, 6, 1), date(2023, 6, 30))
    inline = tasks["NV1.3"]
    assert inline.title == "Tuyên truyền trên hệ thống truyền thanh xã"
    assert (inline.lead, inline.partners, inline.time_frame, inline.product) == (
        "Đài Truyền thanh xã",
        "các thôn",
        "thường xuyên",
        "tin, bài được phát",
    )
    assert (inline.start, inline.end) == (date(2023, 1, 1), date(2023, 12, 31))
    # The lead given once for group 2 belongs to each of its tasks.
    assert {tasks[c].lead for c in ("NV2.1", "NV2.2", "NV2.3")} == {"Công chức Tư pháp - Hộ tịch"}
    assert (tasks["NV2.1"].start, tasks["NV2.1"].end) == (date(2023, 1, 1), date(2023, 9, 30))
    text = dump_yaml(built.tree)
    assert "nhiem_vu:\n  # 1. Công tác phổ biến, giáo dục pháp luật\n  - ma: NV1.1" in text
    assert "\n  # 2. Công tác hòa giải ở cơ sở\n  - ma: NV2.1" in text


def test_commune_plan_unreadable_and_missing_time_frames_are_flagged() -> None:
    built = imported(XA)
    tasks = {t.code: t for t in built.plan.tasks}
    unreadable = tasks["NV2.2"]
    assert unreadable.time_frame == "theo hướng dẫn của cấp trên"  # kept verbatim
    assert (unreadable.start, unreadable.end) == (date(2023, 1, 1), date(2023, 12, 31))
    assert warning(built, "W501").endswith(
        "ke-hoach-xa-2023.txt:40: W501 NV2.2: không hiểu thời gian 'theo hướng dẫn của cấp trên'; "
        "đã giữ nguyên văn và tạm ghi cả năm 2023 cho tu_ngay, den_ngay — cần kiểm tra"
    )
    missing = tasks["NV2.3"]
    assert missing.time_frame == "[chưa ghi thời gian]"
    assert warning(built, "W502").endswith(
        "ke-hoach-xa-2023.txt:42: W502 NV2.3: văn bản không ghi 'Thời gian thực hiện'; "
        "đã ghi giá trị tạm, cần điền"
    )
    text = dump_yaml(built.tree)
    assert (
        "tu_ngay: 2023-01-01 # KIỂM TRA: không hiểu 'theo hướng dẫn của cấp trên', "
        "tạm ghi cả thời gian kế hoạch" in text
    )
    assert "thoi_gian: '[chưa ghi thời gian]' # CẦN ĐIỀN" in text


def test_commune_plan_reporting_deadlines() -> None:
    periods = imported(XA).plan.schedule.periods
    assert {k: p.due for k, p in periods.items()} == {"6m": (10, 6), "1y": (10, 11)}
    assert periods["6m"].window_end == (31, 5)


# --- a department plan saved with BOM, CRLF and NFD ------------------------------------


def test_department_fixture_really_is_bom_crlf_nfd() -> None:
    raw = SO.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    text = raw.decode("utf-8-sig")
    assert unicodedata.normalize("NFC", text) != text


def test_department_plan() -> None:
    built = imported(SO)
    plan = built.plan
    assert (plan.parent_body, plan.issuer, plan.issuer_name) == (
        "UBND TỈNH BÌNH PHÚ",
        "SỞ TƯ PHÁP",
        "Sở Tư pháp",
    )
    assert (plan.number, plan.issued_on, plan.year) == ("45/KH-STP", date(2025, 1, 20), 2025)
    assert plan.purposes[0] == "Bảo đảm người được trợ giúp pháp lý được tiếp cận dịch vụ kịp thời."
    for text in [plan.title, *plan.purposes, *(t.title for t in plan.tasks)]:
        assert unicodedata.is_normalized("NFC", text)
    tasks = {t.code: t for t in plan.tasks}
    assert list(tasks) == ["NV1a", "NV1b", "NV2", "NV3"]
    leaflets = tasks["NV1a"]
    assert leaflets.lead == "Trung tâm Trợ giúp pháp lý nhà nước"
    assert leaflets.partners == "Sở Văn hóa, Thể thao và Du lịch; Báo Bình Phú"
    assert (leaflets.start, leaflets.end) == (date(2025, 3, 1), date(2025, 6, 30))
    assert leaflets.product == "10.000 tờ gấp được phát hành"
    assert [i.code for i in leaflets.indicators] == ["so_to_gap"]
    assert tasks["NV1b"].time_frame == "Quý II/2025"
    assert tasks["NV2"].details == (
        "tư vấn, trợ giúp pháp lý miễn phí cho người dân; tiếp nhận yêu cầu trợ giúp"
    )
    # a), b) without fields of their own are the content of task 3, not tasks.
    assert tasks["NV3"].details == (
        "a) Kiểm tra tại Trung tâm Trợ giúp pháp lý nhà nước b) Kiểm tra tại các Chi nhánh"
    )
    assert tasks["NV3"].lead == "Phòng Phổ biến, giáo dục pháp luật"
    assert len(plan.organisation) == 2  # III. KINH PHÍ is not organisation
    assert {k: p.due for k, p in plan.schedule.periods.items()} == {"6m": (15, 6), "1y": (15, 12)}
    # "Các phòng, đơn vị thuộc Sở" report: the leads are proposed; partners never silently.
    assert [u.name for u in plan.units] == [
        "Trung tâm Trợ giúp pháp lý nhà nước",
        "Văn phòng Sở",
        "Phòng Phổ biến, giáo dục pháp luật",
    ]
    text = dump_yaml(built.tree)
    assert (
        "# Đơn vị phối hợp, chưa đưa vào: Sở Văn hóa, Thể thao và Du lịch; Báo Bình Phú; "
        "Hội Nông dân tỉnh\ndon_vi: # KIỂM TRA" in text
    )


@pytest.mark.parametrize("source", [REAL, XA, SO])
def test_encoding_and_line_ends_do_not_change_the_result(source: Path, tmp_path: Path) -> None:
    text = source.read_bytes().decode("utf-8-sig")
    plain = unicodedata.normalize("NFC", text).replace("\r\n", "\n")
    variants = {
        "plain.txt": plain.encode(),
        "windows.txt": b"\xef\xbb\xbf" + plain.replace("\n", "\r\n").encode(),
        "nfd.txt": unicodedata.normalize("NFD", plain).encode(),
        "old-mac.txt": plain.replace("\n", "\r").encode(),
    }
    results = set()
    for name, data in variants.items():
        path = tmp_path / name
        path.write_bytes(data)
        results.add(dump_yaml(imported(path).tree).replace(name, "X"))
    assert len(results) == 1


# --- .docx -------------------------------------------------------------------------


def test_docx_task_table(tmp_path: Path) -> None:
    built = imported(make_table_plan(tmp_path / "ke-hoach.docx"))
    plan = built.plan
    assert (plan.parent_body, plan.issuer, plan.issuer_abbr) == (
        "UBND HUYỆN AN PHÚ",
        "PHÒNG VĂN HÓA VÀ THÔNG TIN",
        "VHTT",
    )
    assert (plan.place, plan.issued_on, plan.year) == ("An Phú", date(2024, 1, 5), 2024)
    assert plan.title == "tuyên truyền pháp luật trên địa bàn huyện năm 2024"
    # Word's own list numbers are not in the text: the purposes come out clean.
    assert plan.purposes == [
        "Nâng cao hiểu biết pháp luật của Nhân dân.",
        "Bảo đảm thiết thực, tiết kiệm.",
    ]
    tasks = {t.code: t for t in plan.tasks}
    assert list(tasks) == ["NV1", "NV2", "NV3", "NV4"]
    first = tasks["NV1"]
    assert first.title == "Tổ chức hội nghị tập huấn cho báo cáo viên"
    assert first.details == "Kỹ năng tuyên truyền trên mạng xã hội."
    assert (first.lead, first.partners) == (
        "Phòng Văn hóa và Thông tin",
        "Phòng Tư pháp; UBND các xã",
    )
    assert (first.start, first.end) == (date(2024, 1, 1), date(2024, 3, 31))
    assert [i.code for i in first.indicators] == ["so_hoi_nghi", "so_hoc_vien"]
    assert tasks["NV2"].partners is None
    assert [i.code for i in tasks["NV2"].indicators] == ["so_cuon_sach"]
    assert (tasks["NV4"].start, tasks["NV4"].end) == (date(2024, 1, 1), date(2024, 12, 15))
    assert {k: p.due for k, p in plan.schedule.periods.items()} == {"6m": (15, 6), "1y": (5, 12)}
    text = dump_yaml(built.tree)
    assert "  # I. Tuyên truyền trực tiếp\n  - ma: NV1" in text
    assert "  # II. Tuyên truyền trên phương tiện thông tin đại chúng\n  - ma: NV3" in text


def test_docx_with_automatic_numbering(tmp_path: Path) -> None:
    built = imported(make_numbered_plan(tmp_path / "ke-hoach.docx"))
    tasks = built.plan.tasks
    assert [(t.code, t.title, t.lead, t.time_frame) for t in tasks] == [
        ("NV1", "Tổ chức cuộc thi tìm hiểu pháp luật trực tuyến", "Phòng Tư pháp", "tháng 9/2026"),
        ("NV2", "Kiểm tra việc thực hiện", "Phòng Tư pháp", "quý IV/2026"),
    ]
    assert built.plan.year == 2026  # from the time frames: the document names no other year
    assert built.plan.purposes == ["Phổ biến kịp thời các luật mới."]
    # No reporting duty in the text: placeholder deadlines, said out loud.
    assert "W506" in codes(built)
    assert "W509" in codes(built)  # no TỔ CHỨC THỰC HIỆN section


# --- other shapes ------------------------------------------------------------------


def test_task_table_in_a_text_file(tmp_path: Path) -> None:
    path = tmp_path / "bang.txt"
    path.write_text(
        "II. NHIỆM VỤ\n"
        "| STT | Nội dung | Chủ trì | Phối hợp | Thời gian | Sản phẩm |\n"
        "|---|---|---|---|---|---|\n"
        "| 1 | Tổ chức tọa đàm | Hội Luật gia | | tháng 5/2024 | tọa đàm |\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Báo cáo 6 tháng trước ngày 20/6, báo cáo năm trước ngày 20/12.\n",
        encoding="utf-8",
    )
    plan = imported(path).plan
    assert [(t.code, t.title, t.lead, t.start) for t in plan.tasks] == [
        ("NV1", "Tổ chức tọa đàm", "Hội Luật gia", date(2024, 5, 1))
    ]
    assert [i.code for i in plan.tasks[0].indicators] == ["so_hoi_nghi", "so_luot_nguoi"]


def test_no_named_unit_gives_one_placeholder(tmp_path: Path) -> None:
    path = tmp_path / "kh.txt"
    path.write_text(
        "II. NHIỆM VỤ\n1. Tuyên truyền pháp luật\n- Chủ trì: các đơn vị;\n- Thời gian: năm 2024\n",
        encoding="utf-8",
    )
    built = imported(path)
    assert [(u.code, u.name) for u in built.plan.units] == [("don-vi-1", "[Tên đơn vị báo cáo]")]
    assert "W505" in codes(built)
    assert "# CẦN ĐIỀN: danh sách đơn vị báo cáo" in dump_yaml(built.tree)
    # no product: indicators from the title, and the missing field said
    assert "W502" in codes(built)
    assert [i.code for i in built.plan.tasks[0].indicators] == ["so_buoi", "so_luot_nguoi"]


def test_missing_lead_gets_a_placeholder(tmp_path: Path) -> None:
    path = tmp_path / "kh.txt"
    path.write_text("II. NHIỆM VỤ\n1. Rà soát văn bản\n- Thời gian: quý I/2024\n", encoding="utf-8")
    built = imported(path)
    assert built.plan.tasks[0].lead == "[đơn vị chủ trì]"
    assert [i.code for i in built.plan.tasks[0].indicators] == ["so_hoat_dong"]
    assert "W502 NV1: văn bản không ghi 'Đơn vị chủ trì'" in warning(built, "W502")


# --- errors ------------------------------------------------------------------------


def test_no_task_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "kh.txt"
    path.write_text("I. MỤC ĐÍCH\n1. Nâng cao nhận thức.\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        imported(path)
    assert [p.code for p in caught.value.problems] == ["E503"]


def test_no_year_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "kh.txt"
    path.write_text("II. NHIỆM VỤ\n1. Tuyên truyền\n- Thời gian: thường xuyên\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        imported(path)
    assert [p.code for p in caught.value.problems] == ["E504"]
    assert imported(path, HeaderOptions(year=2026)).plan.tasks[0].start == date(2026, 1, 1)


def test_legacy_encoding_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "kh.txt"
    # "Tuyên truyền" as Windows-1258 saves it: not UTF-8.
    path.write_bytes(b"II. NHIEM VU\n1. Tuy\xean truy\xean\xd2n\n")
    with pytest.raises(InputError) as caught:
        imported(path)
    problem = caught.value.problems[0]
    assert (problem.code, problem.line, problem.column) == ("E001", 2, 7)


def test_broken_docx_and_other_formats(tmp_path: Path) -> None:
    broken = tmp_path / "kh.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError) as caught:
        imported(broken)
    assert caught.value.problems[0].code == "E501"
    pdf = tmp_path / "kh.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    with pytest.raises(InputError) as caught:
        imported(pdf)
    assert caught.value.problems[0].message().startswith("chưa đọc được tệp dạng '.pdf'")


# --- pieces ------------------------------------------------------------------------


def test_split_fields() -> None:
    assert split_fields("Chủ trì: Phòng Tư pháp; Phối hợp: Công an huyện; Thời gian: quý II") == (
        "",
        [("lead", "Phòng Tư pháp"), ("partners", "Công an huyện"), ("time", "quý II")],
    )
    assert split_fields("Cơ quan, đơn vị chủ trì: UBND xã")[1] == [("lead", "UBND xã")]
    assert split_fields("Kết quả, sản phẩm: báo cáo.")[1] == [("product", "báo cáo")]
    assert split_fields("phối hợp với các ngành")[1] == []


@pytest.mark.parametrize(
    ("product", "title", "expected"),
    [
        ("tờ gấp được cấp phát", "", ["so_to_gap"]),
        ("sách, tờ gấp pháp luật", "", ["so_cuon_sach", "so_to_gap"]),
        ("hội nghị tập huấn được thực hiện", "", ["so_hoi_nghi", "so_hoc_vien"]),
        ("hội nghị được tổ chức", "", ["so_hoi_nghi", "so_luot_nguoi"]),
        ("tin, bài phổ biến pháp luật", "", ["so_tin_bai"]),
        ("hoàn thiện chính sách", "Rà soát", ["so_hoat_dong"]),
        ("báo cáo kết quả", "Tuyên truyền pháp luật", ["so_buoi", "so_luot_nguoi"]),
        ("báo cáo kết quả", "Rà soát văn bản", ["so_hoat_dong"]),
        (None, "Tổ chức cuộc thi", ["so_cuoc_thi", "so_luot_nguoi"]),
    ],
)
def test_indicator_proposals(product: str | None, title: str, expected: list[str]) -> None:
    assert [p.code for p in propose(product, title)[0]] == expected


def test_deadlines() -> None:
    found = deadlines(["báo cáo 6 tháng (trước ngày 05/5), năm (trước ngày 12/11) gửi về"])
    assert found.due == {"6m": (5, 5), "1y": (12, 11)}
    assert deadlines(["Báo cáo 6 tháng đầu năm trước ngày 15 tháng 6"]).due == {"6m": (15, 6)}
    assert deadlines(["hoàn thành trước ngày 30/9"]).due == {}  # no report: not a deadline


def test_unit_names() -> None:
    assert unit_names("Sở Văn hóa, Thể thao và Du lịch; Công an tỉnh, Báo Bình Phú") == [
        "Sở Văn hóa, Thể thao và Du lịch",
        "Công an tỉnh",
        "Báo Bình Phú",
    ]


# --- the command ---------------------------------------------------------------------


def test_cli_import_writes_then_refuses_to_overwrite(tmp_path: Path) -> None:
    runner = CliRunner()
    target = tmp_path / "ke-hoach.yaml"
    result = runner.invoke(app, ["plan", "import", str(XA), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "ke-hoach-xa-2023.txt:40: W501 NV2.2" in result.stderr
    assert "Đã ghi" in result.stderr and "6 nhiệm vụ" in result.stderr
    written = target.read_bytes()
    Plan.model_validate(load(target).data)

    target.write_text("# sửa tay\n", encoding="utf-8")
    again = runner.invoke(app, ["plan", "import", str(XA), "-o", str(target)])
    assert again.exit_code == 4
    assert "E505 tệp '" in again.stderr and "ke-hoach.yaml' đã có; dùng --force" in again.stderr
    assert target.read_text(encoding="utf-8") == "# sửa tay\n"  # untouched

    forced = runner.invoke(app, ["plan", "import", str(XA), "-o", str(target), "--force"])
    assert forced.exit_code == 0
    assert target.read_bytes() == written
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_cli_import_options_and_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    target = tmp_path / "kh.yaml"
    result = runner.invoke(
        app,
        [
            "plan",
            "import",
            str(REAL),
            "-o",
            str(target),
            "--co-quan",
            "Phòng Tư pháp",
            "--so",
            "25/KH-PTP",
            "--strict",
        ],
    )
    assert result.exit_code == 3  # written, but warnings remain under --strict
    assert load(target).data["ky_hieu"] == "PTP"
    missing = runner.invoke(
        app, ["plan", "import", str(tmp_path / "khong-co.txt"), "-o", str(target), "--force"]
    )
    assert missing.exit_code == 1
    assert "E011" in missing.stderr


# --- whatever the text, a plan or a located error ------------------------------------

_PIECES = [
    "I. MỤC ĐÍCH, YÊU CẦU",
    "II. NHIỆM VỤ",
    "III. TỔ CHỨC THỰC HIỆN",
    "1. Tuyên truyền pháp luật",
    "1.1. Tập huấn",
    "a) Phát tờ gấp",
    "- Đơn vị chủ trì: Phòng Tư pháp;",
    "– Cơ quan phối hợp: các xã, Công an huyện",
    "-Thời gian: quý II năm 2021",
    "Thời gian hoàn thành: trước ngày 31/2",
    "Sản phẩm: (tin, bài)",
    "(Chủ trì: ; Thời gian: )",
    "| STT | Nội dung | Chủ trì |",
    "| 1 | | |",
    "báo cáo 6 tháng (trước ngày 05/5), năm (trước ngày 32/13)",
    "KẾ HOẠCH",
    "Số: /KH-",
    ", ngày 99 tháng 99 năm 2021",
    "",
    "\u0301\u200b\x07",
]


@pytest.mark.slow
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=30)), max_size=25))
def test_any_document_gives_a_valid_plan_or_a_located_error(
    tmp_path: Path, lines: list[str]
) -> None:
    path = tmp_path / "kh.txt"
    path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    try:
        built = imported(path, HeaderOptions(year=2021))
    except InputError as error:
        assert error.problems and all(p.code.startswith("E") for p in error.problems)
        return
    text = dump_yaml(built.tree)
    assert Plan.model_validate(yaml_writer().load(text)) == built.plan


def test_a_task_number_used_twice_gets_a_free_code(tmp_path: Path) -> None:
    path = tmp_path / "kh.txt"
    path.write_text(
        "II. NHIỆM VỤ\n1. Tuyên truyền\n- Thời gian: năm 2024\n"
        "1. Tập huấn\n- Thời gian: quý II/2024\n",
        encoding="utf-8",
    )
    built = imported(path)
    assert [t.code for t in built.plan.tasks] == ["NV1", "NV2"]
    assert warning(built, "W508").endswith(
        ":4: W508 Tập huấn: số thứ tự nhiệm vụ bị trùng; đã đặt mã NV2"
    )
