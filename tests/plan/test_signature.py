"""The signature block of a plan: its recipients and signer, and where the body ends."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from baocao.cli import app
from baocao.input.workspace import load_workspace
from baocao.input.yamlio import load
from baocao.plan.document import read_plan_document, text_blocks
from baocao.plan.importer import read_draft
from baocao.plan.letterhead import is_name, read_signature

BODY = (
    "II. NHIỆM VỤ\n1. Tuyên truyền pháp luật\n- Chủ trì: Phòng Tư pháp;\n"
    "- Thời gian: năm 2024.\n"
    "III. TỔ CHỨC THỰC HIỆN\n"
    "Các đơn vị báo cáo 6 tháng (trước ngày 10/6) về Phòng Tư pháp./.\n"
)


def signature_of(text: str) -> tuple[tuple[str, str, str], list[str]]:
    blocks = list(text_blocks(text))
    found = read_signature(blocks)
    authority = " ".join(t for t, _ in found.authority)
    signer = (authority, found.title[0] if found.title else "", found.name[0] if found.name else "")
    return signer, [t for t, _ in found.recipients]


@pytest.mark.parametrize(
    "text",
    [
        # two columns kept apart by tabs, the name on the "Lưu" line
        "Nơi nhận:\tKT. CHỦ TỊCH\n- UBND tỉnh (b/c);\tPHÓ CHỦ TỊCH\n- Lưu: VT, VP.\tNguyễn Văn An\n",
        # by runs of spaces (a .txt aligned by hand), no-break ones too
        "Nơi nhận:            KT. CHỦ TỊCH\n- UBND tỉnh (b/c);\u00a0\u00a0\u00a0\u00a0PHÓ CHỦ TỊCH\n"
        "- Lưu: VT, VP.\n\n                      Nguyễn Văn An\n",
        # by one space only: the copy lost its tabs
        "Nơi nhận: KT. CHỦ TỊCH\n- UBND tỉnh (b/c); PHÓ CHỦ TỊCH\n- Lưu: VT, VP. Nguyễn Văn An\n",
        # one column after the other, with "(Đã ký)"
        "Nơi nhận:\n- UBND tỉnh (b/c);\n- Lưu: VT, VP.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)\n"
        "Nguyễn Văn An\n",
    ],
)
def test_signer_and_recipients_in_text_layouts(text: str) -> None:
    assert signature_of(text) == (
        ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An"),
        ["UBND tỉnh (b/c)", "Lưu: VT, VP"],
    )


def test_a_body_signs_for_itself_and_a_head_signs_alone() -> None:
    assert signature_of(
        "Nơi nhận:\tTM. BAN THƯỜNG VỤ HUYỆN ĐOÀN\n- Các cơ sở Đoàn;\tBÍ THƯ\n"
        "- Lưu: VP Huyện Đoàn.\tHoàng Minh Đức\n"
    )[0] == ("TM. BAN THƯỜNG VỤ HUYỆN ĐOÀN", "BÍ THƯ", "Hoàng Minh Đức")
    assert signature_of("Nơi nhận:\t\tGIÁM ĐỐC\n- Lưu: VT.\n\t\tĐỗ Văn Khánh\n")[0] == (
        "",
        "GIÁM ĐỐC",
        "Đỗ Văn Khánh",
    )


def test_names() -> None:
    assert is_name("Nguyễn Thị Thu Hà") and is_name("TS. Lê Văn Bình")
    assert not is_name("PHÓ CHỦ TỊCH") and not is_name("Lưu: VT") and not is_name("Hà")


def test_section_iii_stops_at_the_signature(tmp_path: Path) -> None:
    path = tmp_path / "kh.txt"
    path.write_text(
        BODY + "Nơi nhận:\tKT. TRƯỞNG PHÒNG\n- Lưu: VT.\tPHÓ TRƯỞNG PHÒNG\n\n\tPhạm Thị Lan\n",
        encoding="utf-8",
    )
    draft = read_draft(read_plan_document(path))
    assert [t for t, _ in draft.organisation] == [
        "Các đơn vị báo cáo 6 tháng (trước ngày 10/6) về Phòng Tư pháp./."
    ]
    assert draft.signature.name == ("Phạm Thị Lan", 10)


def make_docx_plan(path: Path) -> Path:
    """A .docx whose signature block is the usual borderless two-column table, and whose
    task table comes after it, in an appendix."""
    document = docx.Document()
    for line in (
        "KẾ HOẠCH",
        "Cải cách hành chính năm 2026",
        "II. NHIỆM VỤ",
        "Các nhiệm vụ tại Phụ lục kèm theo.",
        "III. TỔ CHỨC THỰC HIỆN",
        "Các phòng báo cáo 6 tháng, năm (trước ngày 10/6 và 10/12) về Văn phòng./.",
    ):
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.text = "Nơi nhận:"
    for line in ("- UBND tỉnh (b/c);", "- Lưu: VT, VP."):
        left.add_paragraph(line)
    right.text = "KT. CHỦ TỊCH"
    for line in ("PHÓ CHỦ TỊCH", "", "Nguyễn Văn An"):
        right.add_paragraph(line)
    document.add_paragraph("PHỤ LỤC")
    tasks = document.add_table(rows=2, cols=4)
    for cell, text in zip(
        tasks.rows[0].cells, ("TT", "Nhiệm vụ", "Chủ trì", "Thời gian"), strict=True
    ):
        cell.text = text
    for cell, text in zip(
        tasks.rows[1].cells, ("1", "Rà soát thủ tục", "Văn phòng", "Quý II"), strict=True
    ):
        cell.text = text
    document.save(str(path))
    return path


def test_init_carries_the_plans_signer_and_recipients_into_the_configuration(
    tmp_path: Path,
) -> None:
    runner = CliRunner()
    root = tmp_path / "ws"
    source = make_docx_plan(tmp_path / "kh.docx")
    result = runner.invoke(app, ["init", str(root), "--plan", str(source)])
    assert result.exit_code == 0, result.output
    plan = load(root / "ke-hoach-2026.yaml").data
    assert plan["nguoi_ky"] == {
        "quyen_han": "KT. CHỦ TỊCH",
        "chuc_vu": "PHÓ CHỦ TỊCH",
        "ho_ten": "Nguyễn Văn An",
    }
    assert plan["noi_nhan"] == ["UBND tỉnh (b/c)", "Lưu: VT, VP"]
    assert plan["nhiem_vu"][0]["ten"] == "Rà soát thủ tục"  # the table after the signature
    config_text = (root / "baocao.yaml").read_text(encoding="utf-8")
    assert "quyen_han: KT. CHỦ TỊCH # KIỂM TRA: người ký kế hoạch" in config_text
    assert "noi_nhan: # KIỂM TRA: chép từ nơi nhận của kế hoạch" in config_text
    config = load_workspace(root).config
    assert (config.signer.title, config.signer.name) == ("PHÓ CHỦ TỊCH", "Nguyễn Văn An")
    assert config.recipients == ["UBND tỉnh (b/c)", "Lưu: VT, VP"]
