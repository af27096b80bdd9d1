"""baocao nhan through the API: what units send, checked whole, filed as their YAML logs."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl.workbook import Workbook

from baocao import api
from baocao.core.models import Plan
from baocao.core.period import Period
from baocao.errors import InputError, OutputError, WorkspaceLockedError
from baocao.input.filing import HISTORY_DIR, keep_previous, receipt_period
from baocao.input.workspace import load_workspace
from baocao.lock import workspace_lock
from formkit import NAME, UNIT, cells, edit, workspace_files

NOV_10 = date(2021, 11, 10)


@pytest.fixture
def root(sample_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the sample workspace at ./sample, so that messages name sample/..."""
    monkeypatch.chdir(sample_copy.parent)
    return sample_copy


def sent_form(root: Path, change: Callable[[Workbook], Any] | None = None) -> Path:
    """The unit's form as baocao makes it, changed as the unit changes it, received."""
    (made,) = api.make_forms(root, UNIT, output=root.parent / "gui" / NAME, force=True)
    received = root.parent / "nhan" / NAME
    received.parent.mkdir(exist_ok=True)
    received.write_bytes(edit(made.read_bytes(), change) if change else made.read_bytes())
    return received


def log_file(root: Path, unit: str = UNIT) -> Path:
    return root / "2021" / f"{unit}.yaml"


def history(root: Path, unit: str = UNIT) -> list[Path]:
    folder = root / "2021" / HISTORY_DIR / unit
    return sorted(folder.iterdir()) if folder.exists() else []


def refused(*args: Any, **options: Any) -> list[str]:
    with pytest.raises(InputError) as caught:
        api.receive(*args, **options)
    return [p.format() for p in caught.value.problems]


# --- a form filed ------------------------------------------------------------------------


def add_and_correct(wb: Workbook) -> None:
    ws = wb["NV1"]
    ws["A12"], ws["B12"], ws["C12"], ws["D12"] = date(2021, 12, 3), "Tuyên truyền lưu động", 1, 40
    ws["D7"] = 80  # was 72
    wb["NV2"].delete_rows(8)  # the activity of 16/09/2021


def test_a_form_is_filed_into_the_log_keeping_its_comments(root: Path) -> None:
    before = log_file(root).read_text(encoding="utf-8")
    (filed,) = api.receive([sent_form(root, add_and_correct)], root, sent_on=NOV_10)
    after = log_file(root).read_text(encoding="utf-8")
    assert filed.written and not filed.created
    assert after.startswith("# Nhật ký hoạt động năm 2021 của UBND xã An Bình.\n")
    assert "\nngay_gui:\n  6m: 2021-05-04\n" in after  # blank lines and layout kept
    assert "    - ngay: 15/04/2021\n" in after  # the date as the clerk wrote it
    changed = [line for line in _diff(before, after) if line[0] in "+-"]
    assert changed == [
        "-        so_luot_nguoi: 72",
        "+        so_luot_nguoi: 80",
        "+    - ngay: 2021-12-03",
        "+      noi_dung: Tuyên truyền lưu động",
        "+      so_lieu:",
        "+        so_buoi: 1",
        "+        so_luot_nguoi: 40",
        "-    - ngay: 2021-09-16",
        "-      noi_dung: Bổ sung sách hỏi - đáp pháp luật về trẻ em cho tủ sách pháp luật của xã và các ấp",
        "-      so_lieu:",
        "-        so_cuon_sach: 35",
    ]
    assert api.validate(root).log_for(UNIT) is not None


def test_what_changed_per_task(root: Path) -> None:
    (filed,) = api.receive([sent_form(root, add_and_correct)], root, sent_on=NOV_10)
    changes = filed.changes
    assert list(changes.tasks) == ["NV1", "NV2"]
    (corrected, added) = changes.tasks["NV1"]
    assert (corrected.kind, corrected.shown.day, corrected.figures()) == (
        "changed",
        date(2021, 1, 22),
        [("so_luot_nguoi", 72, 80)],
    )
    assert (added.kind, added.shown.text, added.figures()) == (
        "added",
        "Tuyên truyền lưu động",
        [("so_buoi", None, 1), ("so_luot_nguoi", None, 40)],
    )
    ((removed),) = changes.tasks["NV2"]
    assert (removed.kind, removed.shown.day) == ("removed", date(2021, 9, 16))
    assert changes.sent == [] and changes.lists == {}


def test_the_previous_log_is_kept_and_never_written_over(root: Path) -> None:
    original = log_file(root).read_bytes()
    (filed,) = api.receive([sent_form(root, add_and_correct)], root, sent_on=NOV_10)
    assert history(root) == [filed.previous]
    assert filed.previous is not None and filed.previous.read_bytes() == original
    second = log_file(root).read_bytes()
    (again,) = api.receive([sent_form(root, cells("NV1", D7=81))], root, sent_on=NOV_10)
    assert len(history(root)) == 2 and again.previous is not None
    assert again.previous.read_bytes() == second
    assert filed.previous.read_bytes() == original  # the first version is still there


def test_versions_kept_in_the_same_second_get_a_number(root: Path) -> None:
    now = datetime(2021, 11, 10, 8, 30, 5)
    first, second = keep_previous(log_file(root), now), keep_previous(log_file(root), now)
    assert [first.name, second.name] == ["2021-11-10T08-30-05.yaml", "2021-11-10T08-30-05-2.yaml"]


def test_history_through_a_link_is_refused(root: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / "2021" / HISTORY_DIR).symlink_to(elsewhere)
    before = log_file(root).read_bytes()
    with pytest.raises(OutputError) as caught:
        api.receive([sent_form(root, add_and_correct)], root, sent_on=NOV_10)
    assert [p.format() for p in caught.value.problems] == [
        f"sample/2021/{HISTORY_DIR}: E624 'sample/2021/{HISTORY_DIR}' không phải là thư mục "
        "thật (là liên kết hoặc tệp); baocao không lưu bản trước của nhật ký vào đó"
    ]
    assert log_file(root).read_bytes() == before
    assert list(elsewhere.iterdir()) == []


def test_filing_the_same_submission_twice_changes_nothing(root: Path) -> None:
    received = sent_form(root, add_and_correct)
    api.receive([received], root, sent_on=NOV_10)
    before = workspace_files(root)
    (again,) = api.receive([received], root, sent_on=date(2021, 12, 1))
    assert not again.written and not again.changes
    assert workspace_files(root) == before


def test_an_unchanged_form_changes_nothing(root: Path) -> None:
    before = workspace_files(root)
    (filed,) = api.receive([sent_form(root)], root)
    assert not filed.written and not filed.changes
    assert workspace_files(root) == before


def test_check_only_writes_nothing(root: Path) -> None:
    before = workspace_files(root)
    (filed,) = api.receive([sent_form(root, add_and_correct)], root, check_only=True)
    assert filed.written and filed.changes.count("NV1", "added") == 1
    assert workspace_files(root) == before


def test_the_units_notes_are_handed_back(root: Path) -> None:
    (filed,) = api.receive([sent_form(root, cells("NV1", E8="Số liệu ước tính"))], root)
    assert [(str(place), text) for place, text in filed.notes] == [
        (f"nhan/{NAME}:NV1!E8", "Số liệu ước tính")
    ]


# --- submission dates ----------------------------------------------------------------------


def test_the_period_of_a_date_received(plan: Plan) -> None:
    # 6 tháng due 05/5, năm due 12/11
    assert receipt_period(plan, date(2021, 5, 4)) == Period.HALF_YEAR
    assert receipt_period(plan, date(2021, 5, 20)) == Period.HALF_YEAR  # a little late
    assert receipt_period(plan, date(2021, 8, 25)) == Period.YEAR
    assert receipt_period(plan, date(2022, 1, 10)) == Period.YEAR


def _no_dates(wb: Workbook) -> None:
    wb["Thông tin"]["B17"] = wb["Thông tin"]["B18"] = None


def test_a_date_is_recorded_when_the_form_gives_none(root: Path) -> None:
    log_file(root, "xa-an-binh").unlink()  # a unit with no log yet
    (filed,) = api.receive([sent_form(root, _no_dates)], root, sent_on=date(2021, 5, 6))
    assert filed.created and filed.recorded == (Period.HALF_YEAR, date(2021, 5, 6))
    assert filed.changes.sent == [("6m", None, date(2021, 5, 6))]
    log = api.validate(root).log_for(UNIT)
    assert log is not None and log.sent == {Period.HALF_YEAR: date(2021, 5, 6)}


def test_the_forms_own_date_comes_first(root: Path) -> None:
    def sent_on_may_3(wb: Workbook) -> None:
        wb["Thông tin"]["B17"] = "03/05/2021"

    (filed,) = api.receive([sent_form(root, sent_on_may_3)], root, sent_on=date(2021, 5, 6))
    assert filed.recorded is None
    assert filed.changes.sent == [("6m", date(2021, 5, 4), date(2021, 5, 3))]


def test_dates_already_recorded_are_kept(root: Path) -> None:
    (filed,) = api.receive([sent_form(root, _no_dates)], root, sent_on=date(2021, 5, 20))
    assert not filed.written and filed.recorded is None
    log = api.validate(root).log_for(UNIT)
    assert log is not None and log.sent[Period.YEAR] == NOV_10


def test_the_period_can_be_given(root: Path) -> None:
    log_file(root).unlink()
    (filed,) = api.receive(
        [sent_form(root, _no_dates)], root, sent_on=date(2021, 5, 20), period="1y"
    )
    assert filed.recorded == (Period.YEAR, date(2021, 5, 20))
    plan_lines = (root / "ke-hoach-2021.yaml").read_text(encoding="utf-8").splitlines()
    schedule_line = plan_lines.index("  ky:") + 1
    assert refused([sent_form(root)], root, period="q3") == [
        f"sample/ke-hoach-2021.yaml:{schedule_line}:3: E115 kỳ báo cáo 'q3' không có trong "
        "kế hoạch (kế hoạch có: 6m, 1y)"
    ]


def test_today_when_no_date_is_given(root: Path) -> None:
    log_file(root).unlink()
    (filed,) = api.receive([sent_form(root, _no_dates)], root)
    assert filed.recorded is not None and filed.recorded[1] == date.today()


# --- YAML logs ---------------------------------------------------------------------------

UNIT_YAML = """\
# Nhật ký xã Tân Hòa gửi lại
don_vi: xa-tan-hoa   # mã đơn vị
nam: 2021
nhiem_vu:
  NV1:
    - ngay: 12/03/2021   # ngày tuyên truyền
      noi_dung: Tuyên truyền tại ấp 1
      so_lieu:
        so_buoi: 1
"""


def test_a_yaml_log_is_filed_as_the_unit_wrote_it(root: Path, tmp_path: Path) -> None:
    sent = tmp_path / "xa-tan-hoa.yaml"
    sent.write_text(UNIT_YAML, encoding="utf-8")
    log_file(root, "xa-tan-hoa").unlink()
    (filed,) = api.receive([sent], root, sent_on=date(2021, 5, 4))
    assert filed.created and filed.previous is None
    lines = UNIT_YAML.splitlines()
    expected = [*lines[:3], "ngay_gui:", "  6m: 2021-05-04", *lines[3:]]
    assert log_file(root, "xa-tan-hoa").read_text(encoding="utf-8").splitlines() == expected


def test_a_yaml_log_with_its_date_is_copied_byte_for_byte(root: Path, tmp_path: Path) -> None:
    sent = tmp_path / "xa-an-binh.yaml"
    text = (
        log_file(root).read_text(encoding="utf-8").replace("so_luot_nguoi: 72", "so_luot_nguoi: 73")
    )
    sent.write_text(text, encoding="utf-8")
    (filed,) = api.receive([sent], root, sent_on=NOV_10)
    assert log_file(root).read_text(encoding="utf-8") == text
    assert [c.figures() for c in filed.changes.tasks["NV1"]] == [[("so_luot_nguoi", 72, 73)]]


def test_a_resent_log_keeps_the_dates_recorded(root: Path, tmp_path: Path) -> None:
    sent = tmp_path / "xa-tan-hoa.yaml"
    sent.write_text(UNIT_YAML, encoding="utf-8")
    (filed,) = api.receive([sent], root, sent_on=NOV_10)
    assert filed.recorded is None and filed.changes.sent == []
    text = log_file(root, "xa-tan-hoa").read_text(encoding="utf-8")
    assert "ngay_gui:\n  6m: 2021-05-03\n  1y: 2021-11-09\n" in text
    again = api.receive([sent], root, sent_on=date(2021, 12, 1))
    assert not again[0].written


# --- refused: nothing changes -------------------------------------------------------------


def test_every_problem_of_every_file_and_nothing_written(root: Path, tmp_path: Path) -> None:
    bad_yaml = tmp_path / "xa-tan-hoa.yaml"
    bad_yaml.write_text(UNIT_YAML.replace("so_buoi: 1", "so_buoi: -5"), encoding="utf-8")
    bad_form = sent_form(root, cells("NV1", D7="nhiều", A12="30/02/2021", B12="Tuyên truyền"))
    before = workspace_files(root)
    assert refused([bad_form, bad_yaml], root) == [
        f"nhan/{NAME}:NV1!D7: E104 NV1.so_luot_nguoi: phải là số nguyên không âm, tối đa 1.000.000.000 (nhận được nhiều)",
        f"nhan/{NAME}:NV1!A12: E105 NV1.ngay: ngày không hợp lệ (nhận được 30/02/2021); viết theo dạng 2021-03-15 hoặc 15/03/2021",
        "xa-tan-hoa.yaml:9:18: E104 NV1.so_buoi: phải là số nguyên không âm, tối đa 1.000.000.000 (nhận được -5)",
    ]
    assert workspace_files(root) == before


def test_files_that_are_not_submissions(root: Path, tmp_path: Path) -> None:
    note = tmp_path / "ghi-chu.docx"
    note.write_bytes(b"PK\x03\x04")
    old_excel = tmp_path / "xa-an-binh.xls"
    old_excel.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    assert refused([note, old_excel, tmp_path / "khong-co.xlsx"], root) == [
        "ghi-chu.docx: E014 không đọc được tệp dạng '.docx' (đọc được: .json, .ods, .xls, .xlsb, .xlsm, .xlsx, .yaml, .yml)",
        "khong-co.xlsx: E011 không tìm thấy tệp 'khong-co.xlsx'",
        "xa-an-binh.xls: E602 tệp là bảng tính dạng .xls (Excel 97–2003), baocao chỉ đọc được .xlsx; hãy mở tệp bằng Excel hoặc LibreOffice Calc, lưu lại dạng Excel .xlsx rồi gửi lại",
    ]


def test_another_units_file(root: Path, tmp_path: Path) -> None:
    sent = tmp_path / "xa-tan-hoa.yaml"
    sent.write_text(UNIT_YAML, encoding="utf-8")
    assert refused([sent_form(root), sent], root, unit=UNIT) == [
        "xa-tan-hoa.yaml:2:9: E611 tệp của đơn vị xa-tan-hoa, không phải của đơn vị xa-an-binh đã chỉ định (--don-vi)"
    ]


def test_two_files_of_one_unit(root: Path, tmp_path: Path) -> None:
    sent = tmp_path / "an-binh.yaml"
    sent.write_text(log_file(root).read_text(encoding="utf-8"), encoding="utf-8")
    assert refused([sent_form(root), sent], root) == [
        f"an-binh.yaml:2:9: E623 đơn vị xa-an-binh có hai tệp trong cùng một lần nhận (tệp kia: nhan/{NAME}); hãy nhận từng tệp một"
    ]


def test_strict_refuses_warnings(root: Path) -> None:
    received = sent_form(root, cells("NV1", D7="1.500"))
    before = workspace_files(root)
    assert [line.split()[1] for line in refused([received], root, strict=True)] == ["W601"]
    assert workspace_files(root) == before


def test_another_run_holds_the_workspace(root: Path) -> None:
    received = sent_form(root, add_and_correct)
    with workspace_lock(root), pytest.raises(WorkspaceLockedError):
        api.receive([received], root)
    api.receive([received], root, check_only=True)  # a check takes no lock


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_a_log_that_cannot_be_written(root: Path) -> None:
    received = sent_form(root, add_and_correct)
    folder = root / "2021"
    folder.chmod(0o555)
    try:
        with pytest.raises(OutputError):
            api.receive([received], root)
    finally:
        folder.chmod(0o755)


def _diff(before: str, after: str) -> list[str]:
    import difflib

    return list(difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm=""))[2:]


def test_a_log_path_that_is_a_folder(root: Path, tmp_path: Path) -> None:
    (root / "2021" / "xa-phu-my.yaml").mkdir()
    sent = tmp_path / "phu-my.yaml"
    sent.write_text(UNIT_YAML.replace("xa-tan-hoa", "xa-phu-my"), encoding="utf-8")
    with pytest.raises(OutputError) as caught:
        api.receive([sent], root, sent_on=NOV_10)
    assert [p.code for p in caught.value.problems] == ["E402"]


def test_a_template_log_keeps_its_guidance(tmp_path: Path) -> None:
    root = tmp_path / "moi"
    api.init_workspace(root)
    form = api.make_forms(root, UNIT, output=tmp_path / NAME)[0]
    form.write_bytes(edit(form.read_bytes(), cells("Thông tin", B21="Thiếu kinh phí.")))
    (filed,) = api.receive([form], root, sent_on=date(2021, 5, 4))
    text = log_file(root).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../.schema/nhat-ky.schema.json\n")
    assert "kho_khan:\n  - Thiếu kinh phí.\n" in text
    assert "\nde_xuat:\n  # " in text  # left empty, under its commented example
    assert filed.changes.lists == {"kho_khan": (1, 0)}
    # the new workspace's signer is still to be filled in: only a report needs it
    assert load_workspace(root).log_for(UNIT) is not None


def test_a_log_with_errors_is_replaced_and_kept(root: Path) -> None:
    received = sent_form(root, add_and_correct)
    broken = log_file(root).read_text(encoding="utf-8").replace("so_buoi: 2", "so_buoi: hai")
    log_file(root).write_text(broken, encoding="utf-8")  # edited by hand since
    (filed,) = api.receive([received], root, sent_on=NOV_10)
    assert filed.unreadable and filed.previous is not None
    assert filed.previous.read_text(encoding="utf-8") == broken
    assert filed.changes.count("NV1", "added") == 6  # five kept and one new: nothing to compare
    assert api.validate(root).log_for(UNIT) is not None
