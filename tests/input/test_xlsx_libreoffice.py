"""A real spreadsheet program: forms re-saved by LibreOffice read and file like the originals."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.workbook import Workbook

from baocao import api
from baocao.core.models import Plan
from baocao.input.form_layout import plan_fingerprint
from baocao.plan.forms import form_bytes
from formkit import NAME, UNIT, edit, lines, read, refused

Convert = Callable[[bytes, str], bytes]
pytestmark = pytest.mark.slow  # each conversion starts LibreOffice


@pytest.fixture(scope="module")
def convert(tmp_path_factory: pytest.TempPathFactory) -> Convert:
    """Open a workbook in LibreOffice and save it as ``kind`` (xlsx, ods, xls)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    work = tmp_path_factory.mktemp("libreoffice")
    # A profile of its own: a user's running LibreOffice would otherwise take the job.
    profile = (work / "profile").as_uri()

    def run(data: bytes, kind: str) -> bytes:
        source, out = work / "in" / NAME, work / f"out-{kind}"
        source.parent.mkdir(exist_ok=True)
        out.mkdir(exist_ok=True)
        source.write_bytes(data)
        command = [soffice, f"-env:UserInstallation={profile}", "--headless"]
        command += ["--convert-to", kind, "--outdir", str(out), str(source)]
        subprocess.run(command, check=True, capture_output=True, timeout=180)
        result = out / f"{source.stem}.{kind}"
        converted = result.read_bytes()
        result.unlink()
        return converted

    return run


def test_resaved_form_reads_back_exactly_like_the_original(
    plan: Plan, form: bytes, log: dict[str, Any], convert: Convert
) -> None:
    resaved = convert(form, "xlsx")
    assert resaved != form
    original, again = read(form, plan), read(resaved, plan)
    assert lines(again) == lines(original) == []
    assert again.data == original.data == log
    assert again.places == original.places


def test_resaved_form_files_exactly_like_the_original(
    sample_copy: Path, tmp_path: Path, plan: Plan, convert: Convert
) -> None:
    """A unit fills its form in LibreOffice: filed, it gives the same log, byte for byte,
    and the same account of what changed, as the form saved by baocao itself."""

    def fill(wb: Workbook) -> None:
        ws = wb["NV1"]
        ws["A12"], ws["B12"], ws["C12"], ws["D12"] = (
            date(2021, 12, 3),
            "Tuyên truyền lưu động",
            1,
            40,
        )
        ws["D7"] = 80

    (sent,) = api.make_forms(sample_copy, UNIT, output=tmp_path / "gui" / NAME)
    filled = edit(sent.read_bytes(), fill)
    resaved = convert(filled, "xlsx")
    results = []
    for name, data in (("baocao", filled), ("libreoffice", resaved)):
        root = tmp_path / name
        shutil.copytree(sample_copy, root)
        path = tmp_path / f"{name}-{NAME}"
        path.write_bytes(data)
        (filed,) = api.receive([path], root, sent_on=date(2021, 11, 10))
        log = (root / "2021" / f"{UNIT}.yaml").read_bytes()
        results.append((log, filed.changes, filed.written))
    assert results[0] == results[1]
    assert results[0][1].count("NV1", "added") == results[0][1].count("NV1", "changed") == 1


def test_resaved_form_keeps_identity_formats_and_checks(
    plan: Plan, form: bytes, convert: Convert
) -> None:
    wb = load_workbook(io.BytesIO(convert(form, "xlsx")))
    assert wb["_baocao"].sheet_state in ("hidden", "veryHidden")
    assert wb["_baocao"]["B2"].value == plan_fingerprint(plan)
    ws = wb["NV1"]
    assert ws["A7"].number_format.lower() == "dd/mm/yyyy"
    # (Frozen panes are view settings, which a headless conversion has none of to save.)
    assert {dv.type for dv in ws.data_validations.dataValidation} == {"date", "whole"}


def test_per_period_lists_survive_a_resave(
    plan: Plan, log: dict[str, Any], convert: Convert
) -> None:
    log["kho_khan"] = {"6m": ["Thiếu tài liệu."], "1y": ["Thiếu kinh phí.", "Loa hỏng."]}
    again = read(convert(form_bytes(plan, UNIT, log), "xlsx"), plan)
    assert lines(again) == []
    assert again.data == log


def test_a_messy_form_is_read_right_after_libreoffice_computes_it(
    plan: Plan, form: bytes, convert: Convert
) -> None:
    def fill(wb: Workbook) -> None:
        ws = wb["NV1"]
        ws["A12"], ws["B12"], ws["C12"], ws["D12"] = (
            "3/12/2021",
            "Tuyên truyền lưu động",
            "1",
            "1.500",
        )
        ws["D7"] = "=60+12"  # saved by openpyxl with no computed value
        ws["A14"], ws["B14"], ws["C14"] = "=DATE(2021,12,20)", "Tổng kết", "=C12+1"

    filled = edit(form, fill)
    assert [p.code for p in read(filled, plan).problems] == ["E618", "W601", "E618", "E618"]
    again = read(convert(filled, "xlsx"), plan)
    assert lines(again) == [
        f"{NAME}:NV1!D12: W601 NV1.so_luot_nguoi: đã đọc «1.500» là 1500 (dấu chấm phân cách hàng nghìn); nên nhập số liền, không dấu chấm"
    ]
    activities = again.data["nhiem_vu"]["NV1"]
    assert activities[0]["so_lieu"] == {"so_buoi": 1, "so_luot_nguoi": 72}
    assert activities[-2:] == [
        {
            "ngay": date(2021, 12, 3),
            "noi_dung": "Tuyên truyền lưu động",
            "so_lieu": {"so_buoi": 1, "so_luot_nguoi": 1500},
        },
        {"ngay": date(2021, 12, 20), "noi_dung": "Tổng kết", "so_lieu": {"so_buoi": 2}},
    ]


@pytest.mark.parametrize(
    ("kind", "named"), [("ods", ".ods (OpenDocument)"), ("xls", ".xls (Excel 97–2003)")]
)
def test_saved_in_another_format(
    plan: Plan, form: bytes, convert: Convert, kind: str, named: str
) -> None:
    assert refused(convert(form, kind), plan, f"xa-an-binh.{kind}") == [
        f"xa-an-binh.{kind}: E602 tệp là bảng tính dạng {named}, baocao chỉ đọc được .xlsx; "
        "hãy mở tệp bằng Excel hoặc LibreOffice Calc, lưu lại dạng Excel .xlsx rồi gửi lại"
    ]
