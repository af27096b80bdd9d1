"""Indicators and targets proposed from a plan's own wording, in any field of work."""

from __future__ import annotations

from pathlib import Path

import pytest

from baocao.plan.build import build_plan
from baocao.plan.document import read_plan_document
from baocao.plan.importer import read_draft
from baocao.plan.indicators import indicator_code, propose
from baocao.plan.writing import dump_yaml


def proposed(product: str | None, title: str = "") -> list[tuple[str, str, object]]:
    return [(p.label, p.unit, p.target) for p in propose(product, title)[0]]


@pytest.mark.parametrize(
    ("product", "expected"),
    [
        # counted nouns, in their own words, with their number as the target
        ("05 lớp tập huấn", ("lớp tập huấn", "lớp", 5)),
        ("ít nhất 30 cơ sở được kiểm tra", ("cơ sở được kiểm tra", "cơ sở", 30)),
        ("12 km kênh, mương được nạo vét", ("km kênh, mương được nạo vét", "km", 12)),
        ("3,5 km đường giao thông", ("km đường giao thông", "km", 3.5)),
        ("kết nạp ít nhất 30 hội viên mới", ("hội viên mới", "hội viên", 30)),
        ("10 lớp bồi dưỡng với 1.500 lượt cán bộ", ("lớp bồi dưỡng", "lớp", 10)),
        # percentages, of what the text counts
        ("100% học sinh có học bạ số", ("tỷ lệ học sinh có học bạ số", "%", 100)),
        ("Phấn đấu 90% hồ sơ được số hóa", ("tỷ lệ hồ sơ được số hóa", "%", 90)),
        (
            "Tỷ lệ hồ sơ trực tuyến toàn trình đạt 80%",
            ("tỷ lệ hồ sơ trực tuyến toàn trình", "%", 80),
        ),
        ("chỉ số hài lòng đạt từ 85% trở lên", ("chỉ số hài lòng", "%", 85)),
        # "Số …" names the figure itself
        (
            "Số hộ dân được di dời, sơ tán đến nơi an toàn",
            ("hộ dân được di dời, sơ tán đến nơi an toàn", "hộ", None),
        ),
        # the usual words take the number written before them
        (
            "tổ chức ít nhất 02 hội nghị phổ biến pháp luật",
            ("hội nghị phổ biến pháp luật", "hội nghị", 2),
        ),
        ("3.000 tờ gấp pháp luật", ("tờ gấp pháp luật", "tờ", 3000)),
        ("01 cuộc diễn tập", ("cuộc diễn tập", "cuộc", 1)),
    ],
)
def test_indicators_from_the_products_own_words(
    product: str, expected: tuple[str, str, object]
) -> None:
    assert expected in proposed(product)


@pytest.mark.parametrize(
    ("product", "title"),
    [
        ("100% trường THPT có tổ tư vấn tâm lý học đường", "Triển khai hoạt động tư vấn tâm lý"),
        ("Báo cáo thống kê", "Thống kê, báo cáo các vụ việc bạo lực học đường"),
        ("100% học sinh có nguy cơ được tư vấn, hỗ trợ kịp thời", "Tư vấn tâm lý học đường"),
        ("danh sách hộ dân", "Tổ chức diễn tập phòng, chống thiên tai"),
    ],
)
def test_no_legal_aid_indicator_unless_the_text_speaks_of_it(product: str, title: str) -> None:
    labels = " ".join(label for label, _, _ in proposed(product, title))
    assert "trợ giúp pháp lý" not in labels and "pháp luật" not in labels


def test_legal_aid_where_the_text_says_so() -> None:
    found = proposed(
        "tư vấn pháp luật cho ít nhất 300 lượt người; trợ giúp pháp lý miễn phí 40 vụ việc"
    )
    assert found == [
        ("lượt người được tư vấn pháp luật", "lượt người", 300),
        ("vụ việc trợ giúp pháp lý", "vụ việc", 40),
    ]


def test_events_the_title_counts() -> None:
    assert proposed("Báo cáo thống kê", "Thống kê, báo cáo các vụ việc bạo lực học đường") == [
        ("vụ việc bạo lực học đường", "vụ việc", None)
    ]


@pytest.mark.parametrize(
    "product",
    [
        "báo cáo kết quả kiểm kê đất đai năm 2024",
        "Xây dựng cơ sở dữ liệu giai đoạn 2026 - 2030",
        "Phủ sóng 4G/5G; an toàn thông tin cấp độ 3",
        "Quyết định số 12 của UBND tỉnh",
        "80% học sinh lớp 3 biết bơi",
        "Hưởng ứng Ngày Môi trường thế giới 05/6",
    ],
)
def test_years_periods_and_names_are_not_targets(product: str) -> None:
    targets = [t for _, unit, t in proposed(product) if t is not None and unit != "%"]
    assert targets == []


def test_a_rate_or_a_per_unit_figure_is_not_written_as_a_total() -> None:
    assert [t for _, _, t in proposed("phát sóng 02 kỳ/tháng")] == [None]
    found = propose("mỗi trường tổ chức ít nhất 02 buổi tuyên truyền", "")[0]
    assert [(p.target, p.words) for p in found] == [
        (None, "cho mỗi đơn vị: ít nhất 02 buổi tuyên truyền")
    ]


def test_indicator_codes_are_keys() -> None:
    assert indicator_code("số lớp tập huấn") == "so_lop_tap_huan"
    assert (
        indicator_code("tỷ lệ hồ sơ được số hóa đúng hạn và trước hạn") == "ty_le_ho_so_duoc_so_hoa"
    )
    assert indicator_code("100%") == "chi_tieu_100"


def test_targets_are_written_marked_with_their_words(tmp_path: Path) -> None:
    path = tmp_path / "kh.txt"
    path.write_text(
        "I. MỤC ĐÍCH, YÊU CẦU, CHỈ TIÊU\n1. Mục đích\nNâng cao hiểu biết pháp luật.\n"
        "2. Chỉ tiêu\n- Phấn đấu 90% xã, phường đạt chuẩn tiếp cận pháp luật năm 2026.\n"
        "- 100% cán bộ ngành y tế được tập huấn.\n"
        "II. NHIỆM VỤ\n"
        "1. Tập huấn nghiệp vụ cho công chức cấp xã\n- Chủ trì: Sở Tư pháp;\n"
        "- Thời gian: Quý II/2026;\n- Sản phẩm: 02 hội nghị tập huấn.\n"
        "2. Đánh giá, công nhận xã, phường đạt chuẩn tiếp cận pháp luật năm 2026\n"
        "- Chủ trì: UBND các xã, phường;\n- Thời gian: quý IV/2026;\n"
        "- Sản phẩm: Quyết định công nhận.\n",
        encoding="utf-8",
    )
    built = build_plan(read_draft(read_plan_document(path)))
    first, second = built.plan.tasks
    assert [(i.code, i.target) for i in first.indicators] == [
        ("so_hoi_nghi", 2),
        ("so_hoc_vien", None),
    ]
    assert [(i.label, i.unit_of_measure, i.target) for i in second.indicators][-1] == (
        "tỷ lệ xã, phường đạt chuẩn tiếp cận pháp luật",
        "%",
        90,
    )
    text = dump_yaml(built.tree)
    assert 'muc_tieu: 2 # KIỂM TRA: "02 hội nghị tập huấn"' in text
    assert "muc_tieu: 90 # KIỂM TRA: chỉ tiêu của kế hoạch gắn với nhiệm vụ NV2:" in text
    # a target that matches no task is said, not attached at random
    unmatched = next(w for w in built.warnings if w.code == "W513")
    assert "100% cán bộ ngành y tế được tập huấn" in unmatched.message()
    assert "năm 2026" in second.title and all(i.target != 2026 for i in second.indicators)
