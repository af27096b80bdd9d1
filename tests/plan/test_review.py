"""`plan import` ends with one list of every marked value beside the words it came from."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from baocao.cli import app
from baocao.errors import display_path
from baocao.plan.tasks import short_name

CORPUS = Path(__file__).resolve().parent / "corpus" / "docs"
DOCUMENTS = [
    CORPUS / "04-phong-tu-phap-huyen-pbgdpl-2024.txt",
    CORPUS / "13-phong-gddt-huyen-duoi-nuoc-2023.docx",
]
MARK = re.compile(r"# (KIỂM TRA|CẦN ĐIỀN)\b")


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.stem[:2])
def test_every_marked_line_is_in_the_list_with_its_source(document: Path, tmp_path: Path) -> None:
    target = tmp_path / "kh.yaml"
    result = CliRunner().invoke(app, ["plan", "import", str(document), "-o", str(target)])
    assert result.exit_code == 0, result.output
    lines = target.read_text(encoding="utf-8").split("\n")
    header = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    marked = {n + 1 for n, line in enumerate(lines) if n >= header and MARK.search(line)}
    entries = re.findall(r"kh\.yaml:(\d+)  ", result.stdout)
    listed = {int(n) for n in entries}
    assert listed == marked  # one pass over the list covers every mark in the file
    assert f"Cần xem lại {len(entries)} giá trị" in result.stdout
    for number in listed:
        kind = MARK.search(lines[number - 1])
        assert kind is not None
        assert re.search(rf"kh\.yaml:{number}  {kind.group(1)}  ", result.stdout)
    # each entry quotes the document: file and line, then the sentence
    assert f"← {display_path(document)}:" in result.stdout
    assert "giá trị cần xem lại (ở trên)." in result.stderr


def test_the_list_as_json_for_tools(tmp_path: Path) -> None:
    document = DOCUMENTS[0]
    target = tmp_path / "kh.yaml"
    result = CliRunner().invoke(
        app, ["plan", "import", str(document), "-o", str(target), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found["output"].endswith("kh.yaml")
    entries = {entry["key"]: entry for entry in found["review"]}
    hoi_nghi = entries["nhiem_vu[NV1].chi_tieu[so_hoi_nghi].muc_tieu"]
    assert hoi_nghi == {
        "line": hoi_nghi["line"],
        "key": "nhiem_vu[NV1].chi_tieu[so_hoi_nghi].muc_tieu",
        "mark": "KIỂM TRA",
        "reason": '"ít nhất 02 hội nghị phổ biến pháp luật"',
        "value": "2",
        "source": {
            "line": 20,
            "text": "• Sản phẩm: tổ chức ít nhất 02 hội nghị phổ biến pháp luật.",
        },
    }
    lines = target.read_text(encoding="utf-8").split("\n")
    assert lines[hoi_nghi["line"] - 1].strip().startswith("muc_tieu: 2 # KIỂM TRA")
    signer = entries["nguoi_ky"]
    assert signer["value"] == "KT. TRƯỞNG PHÒNG / PHÓ TRƯỞNG PHÒNG / Phạm Thị Lan"
    assert "người ký báo cáo" in signer["reason"]


@pytest.mark.parametrize(
    ("title", "short"),
    [
        ("Tổ chức hội nghị phổ biến pháp luật", None),  # short already
        (
            "Tổ chức tập huấn, bồi dưỡng cho chủ thể thực hiện công tác phổ biến, giáo dục pháp luật",
            "Tổ chức tập huấn, bồi dưỡng",
        ),
        (
            "Hưởng ứng Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam (09/11)",
            "Hưởng ứng Ngày Pháp luật",
        ),
        (
            "Đánh giá, công nhận xã, thị trấn đạt chuẩn tiếp cận pháp luật năm 2024",
            "Đánh giá, công nhận xã, thị trấn đạt chuẩn tiếp cận pháp luật",
        ),
        (
            "Tổ chức hội nghị phổ biến các luật mới được Quốc hội khóa XV thông qua tại kỳ họp",
            "Tổ chức hội nghị phổ biến các luật mới",
        ),
    ],
)
def test_short_names_for_the_reports_headings(title: str, short: str | None) -> None:
    assert short_name(title) == short


def test_a_short_name_is_proposed_and_marked(tmp_path: Path) -> None:
    target = tmp_path / "kh.yaml"
    result = CliRunner().invoke(app, ["plan", "import", str(DOCUMENTS[0]), "-o", str(target)])
    assert result.exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert (
        "    ten_ngan: Hưởng ứng Ngày Pháp luật # KIỂM TRA: tên ngắn đề xuất, "
        "dùng làm tiêu đề trong báo cáo\n" in text
    )


def test_the_readme_shows_what_the_list_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```\n(ke-hoach\.yaml:.*?)```", readme, re.DOTALL)
    assert example is not None
    (tmp_path / "ke-hoach.txt").write_bytes(DOCUMENTS[0].read_bytes())
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["plan", "import", "ke-hoach.txt", "-o", "ke-hoach.yaml"])
    assert result.exit_code == 0
    assert example.group(1) in result.stdout
