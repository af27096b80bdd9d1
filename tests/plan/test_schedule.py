"""Reporting deadlines and reporting units read from a plan's organisation section."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from baocao.cli import app
from baocao.core.window import window_for
from baocao.plan.build import Built, build_plan
from baocao.plan.document import read_plan_document
from baocao.plan.importer import read_draft
from baocao.plan.schedule import deadlines
from baocao.plan.units import unit_names
from baocao.plan.writing import dump_yaml


def imported(tmp_path: Path, organisation: str, tasks: str = "") -> Built:
    path = tmp_path / "kh.txt"
    path.write_text(
        "II. NHIỆM VỤ\n"
        + (
            tasks
            or "1. Tuyên truyền pháp luật\n- Chủ trì: Phòng Tư pháp;\n- Phối hợp: Công an xã;\n"
            "- Thời gian: năm 2025\n"
        )
        + "III. TỔ CHỨC THỰC HIỆN\n"
        + organisation,
        encoding="utf-8",
    )
    return build_plan(read_draft(read_plan_document(path)))


@pytest.mark.parametrize(
    ("text", "due"),
    [
        (
            "báo cáo 6 tháng (trước ngày 05/5), năm (trước ngày 12/11)",
            {"6m": (5, 5), "1y": (12, 11)},
        ),
        ("báo cáo 6 tháng, năm (trước ngày 10/6 và 10/12)", {"6m": (10, 6), "1y": (10, 12)}),
        (
            "báo cáo 6 tháng đầu năm chậm nhất ngày 20 tháng 6, báo cáo năm chậm nhất ngày 20 tháng 11",
            {"6m": (20, 6), "1y": (20, 11)},
        ),
        ("báo cáo kết quả thực hiện năm 2025 (trước ngày 10/12/2025)", {"1y": (10, 12)}),
        (
            "báo cáo quý trước ngày 10 của tháng cuối quý",
            {"q1": (10, 3), "q2": (10, 6), "q3": (10, 9), "q4": (10, 12)},
        ),
        (
            "báo cáo định kỳ hằng quý (trước ngày 05 của tháng đầu quý sau) và năm (trước ngày 10/12)",
            {"q1": (5, 4), "q2": (5, 7), "q3": (5, 10), "q4": (5, 1), "1y": (10, 12)},
        ),
        ("báo cáo quý I trước ngày 15/3", {"q1": (15, 3)}),
        (
            "Báo cáo quý I, quý II, quý III, quý IV lần lượt trước ngày 15/3, 15/6, 15/9, 15/12",
            {"q1": (15, 3), "q2": (15, 6), "q3": (15, 9), "q4": (15, 12)},
        ),
        (
            "Chế độ báo cáo: định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày 15/12)",
            {"6m": (15, 6), "1y": (15, 12)},
        ),
        (
            "gửi báo cáo sơ kết 6 tháng trước ngày 15/6, tổng kết năm trước ngày 15/12",
            {"6m": (15, 6), "1y": (15, 12)},
        ),
        ("Báo cáo năm gửi trước ngày 10/01 năm sau", {"1y": (10, 1)}),
    ],
)
def test_deadline_wordings(text: str, due: dict[str, tuple[int, int]]) -> None:
    found = deadlines([text])
    assert found.due == due
    assert found.doubts == {} and found.unread == []


def test_dates_without_a_period_are_read_by_month_and_marked() -> None:
    found = deadlines(["báo cáo kết quả trước ngày 15/6 và ngày 15/12 hằng năm"])
    assert found.due == {"6m": (15, 6), "1y": (15, 12)}
    assert set(found.doubts) == {"6m", "1y"}


@pytest.mark.parametrize(
    "sentence",
    [
        "báo cáo theo học kỳ: học kỳ I trước ngày 10/01/2026, cả năm học trước ngày 20/5/2026",
        "các khu phố báo cáo nhanh tình hình thiệt hại trước 16 giờ hằng ngày",
        "Năm 2028, các đơn vị gửi báo cáo sơ kết trước ngày 15/10/2028",
        "UBND các xã báo cáo tháng trước ngày 25 hằng tháng",
    ],
)
def test_a_deadline_sentence_not_understood_is_quoted_not_guessed(sentence: str) -> None:
    found = deadlines([sentence])
    assert found.due == {}
    assert found.unread == [sentence]


def test_a_second_different_deadline_for_a_period_is_reported() -> None:
    found = deadlines(["báo cáo năm trước ngày 10/12.", "Báo cáo năm trước ngày 20/12."])
    assert found.due == {"1y": (10, 12)}
    assert found.unread == ["Báo cáo năm trước ngày 20/12."]


def test_quarters_get_windows_that_meet_and_due_dates_compile_accepts(tmp_path: Path) -> None:
    built = imported(
        tmp_path, "Các đơn vị báo cáo quý trước ngày 10 của tháng cuối quý và năm trước ngày 10/12."
    )
    plan = built.plan
    assert list(plan.schedule.periods) == ["q1", "q2", "q3", "q4", "1y"]
    windows = [window_for(plan, q) for q in ("q1", "q2", "q3", "q4")]
    assert [(w.start, w.end, w.due) for w in windows] == [
        (date(2024, 12, 1), date(2025, 2, 28), date(2025, 3, 10)),
        (date(2025, 3, 1), date(2025, 5, 31), date(2025, 6, 10)),
        (date(2025, 6, 1), date(2025, 8, 31), date(2025, 9, 10)),
        (date(2025, 9, 1), date(2025, 11, 30), date(2025, 12, 10)),
    ]
    text = dump_yaml(built.tree)
    assert "den_ngay: 29/2 # KIỂM TRA: hạn nộp 10/3 trong quý" in text


def test_a_quarter_due_after_it_keeps_the_calendar_quarter(tmp_path: Path) -> None:
    plan = imported(
        tmp_path, "Báo cáo hằng quý (trước ngày 05 của tháng đầu quý sau) gửi về UBND xã."
    ).plan
    q4 = window_for(plan, "q4")
    assert (q4.start, q4.end, q4.due) == (date(2025, 10, 1), date(2025, 12, 31), date(2026, 1, 5))


def test_no_period_is_invented(tmp_path: Path) -> None:
    built = imported(tmp_path, "Các đơn vị triển khai thực hiện Kế hoạch này./.")
    assert built.plan.schedule.periods == {}
    assert "W506" in [w.code for w in built.warnings]
    assert "ky: {} # CẦN ĐIỀN: văn bản không ghi hạn gửi báo cáo" in dump_yaml(built.tree)


def test_an_unread_deadline_is_a_warning_quoting_it(tmp_path: Path) -> None:
    built = imported(
        tmp_path,
        "1. Báo cáo 6 tháng trước ngày 15/6.\n"
        "2. Khi có thiên tai, các thôn báo cáo nhanh trước 16 giờ hằng ngày.\n",
    )
    assert list(built.plan.schedule.periods) == ["6m"]
    warning = next(w for w in built.warnings if w.code == "W511")
    assert warning.line == 8
    assert '"Khi có thiên tai, các thôn báo cáo nhanh trước 16 giờ hằng ngày."' in warning.message()


def test_an_imported_quarterly_plan_compiles_every_quarter(tmp_path: Path) -> None:
    document = tmp_path / "kh.txt"
    document.write_text(
        "II. NHIỆM VỤ\n1. Tuyên truyền pháp luật\n- Chủ trì: Phòng Tư pháp;\n"
        "- Thời gian: năm 2025;\n- Sản phẩm: 04 hội nghị.\n"
        "III. TỔ CHỨC THỰC HIỆN\nPhòng Tư pháp báo cáo quý trước ngày 10 của tháng cuối quý./.\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    root = tmp_path / "ws"
    assert runner.invoke(app, ["init", str(root), "--plan", str(document)]).exit_code == 0
    # The document has no letterhead: what it lacks is left to fill in, so drafts only.
    assert runner.invoke(app, ["validate", "-w", str(root)]).exit_code == 6
    for quarter in ("q1", "q2", "q3", "q4"):
        result = runner.invoke(app, ["compile", "-w", str(root), "--period", quarter, "--draft"])
        assert result.exit_code == 0, result.output
    assert len(list((root / "ket-qua").glob("bao-cao-quy-*-2025-du-thao.docx"))) == 4


# --- reporting units -----------------------------------------------------------------


TASKS = (
    "1. Tuyên truyền\n(Chủ trì: Phòng Văn hóa - Xã hội; phối hợp: Công an xã, Đoàn Thanh niên xã;"
    " thời gian: năm 2025)\n"
    "2. Kiểm tra\n(Chủ trì: Công an xã; phối hợp: các thôn; thời gian: quý II/2025)\n"
    "3. Tập huấn\n(Chủ trì: các trường học; thời gian: quý III/2025)\n"
)


def units(built: Built) -> list[str]:
    return [u.name for u in built.plan.units]


def test_units_the_text_names_as_reporting_are_the_reporting_units(tmp_path: Path) -> None:
    built = imported(
        tmp_path,
        "Trường THCS Hòa An, Trường Tiểu học Hòa An và Công an xã báo cáo kết quả 6 tháng "
        "(trước ngày 10/6) về UBND xã./.",
        TASKS,
    )
    assert units(built) == ["Trường THCS Hòa An", "Trường Tiểu học Hòa An", "Công an xã"]
    assert "W504" not in [w.code for w in built.warnings]


def test_otherwise_the_leads_are_proposed_and_partners_are_only_listed(tmp_path: Path) -> None:
    built = imported(
        tmp_path, "Các cơ quan, đơn vị báo cáo kết quả 6 tháng (trước ngày 10/6)./.", TASKS
    )
    assert units(built) == ["Phòng Văn hóa - Xã hội", "Công an xã"]
    text = dump_yaml(built.tree)
    assert "# Đơn vị chủ trì ghi chung, chưa đưa vào: các trường học" in text
    assert "# Đơn vị phối hợp, chưa đưa vào: Đoàn Thanh niên xã" in text
    assert "don_vi: # KIỂM TRA: văn bản không liệt kê đơn vị báo cáo" in text


def test_the_leads_of_tasks_named_as_reporting(tmp_path: Path) -> None:
    built = imported(
        tmp_path,
        "Các cơ quan chủ trì nhiệm vụ báo cáo kết quả 6 tháng (trước ngày 10/6)./.",
        TASKS,
    )
    assert units(built) == ["Phòng Văn hóa - Xã hội", "Công an xã"]
    assert "don_vi: # KIỂM TRA: văn bản giao đơn vị chủ trì báo cáo" in dump_yaml(built.tree)


def test_unit_names_with_commas_and_a_last_va() -> None:
    assert unit_names("Sở Văn hóa, Thể thao và Du lịch; Công an tỉnh, Báo Bình Phú") == [
        "Sở Văn hóa, Thể thao và Du lịch",
        "Công an tỉnh",
        "Báo Bình Phú",
    ]
    assert unit_names("Văn phòng HĐND và UBND xã, Phòng Kinh tế và Công an xã") == [
        "Văn phòng HĐND và UBND xã",
        "Phòng Kinh tế",
        "Công an xã",
    ]
