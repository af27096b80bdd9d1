"""Only a report with nothing left to fill in is made to sign; anything else is a marked draft."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from baocao.cli import app

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"
PLAN_TEXT = REPO / "tests" / "fixtures" / "ke-hoach-2021.txt"  # the shared source plan
runner = CliRunner()

# What a workspace made from the bare plan text still lacks, where the clerk fills it in.
LEFT_TO_FILL = [
    "ws/baocao.yaml:9:12: E130 nguoi_ky.chuc_vu: còn chỗ cần điền [CHỨC VỤ NGƯỜI KÝ]",
    "ws/baocao.yaml:10:11: E130 nguoi_ky.ho_ten: còn chỗ cần điền [Họ và tên]",
    "ws/baocao.yaml:15:5: E130 noi_nhan: còn chỗ cần điền [Cơ quan cấp trên]",
    "ws/baocao.yaml:16:5: E130 noi_nhan: còn chỗ cần điền [KÝ HIỆU]",
    "ws/ke-hoach-2021.yaml:5:19: E130 co_quan_chu_quan: còn chỗ cần điền [CƠ QUAN CHỦ QUẢN]",
    "ws/ke-hoach-2021.yaml:6:19: E130 co_quan_ban_hanh: còn chỗ cần điền [CƠ QUAN BAN HÀNH]",
    "ws/ke-hoach-2021.yaml:7:10: E130 ky_hieu: còn chỗ cần điền [KÝ HIỆU]",
    "ws/ke-hoach-2021.yaml:8:11: E130 dia_danh: còn chỗ cần điền [Địa danh]",
    "ws/ke-hoach-2021.yaml:9:5: E130 so: còn chỗ cần điền [số], [KÝ HIỆU]",
    "ws/ke-hoach-2021.yaml:10:16: E130 ngay_ban_hanh: còn chỗ cần điền [ngày ban hành]",
    "ws/ke-hoach-2021.yaml:11:6: E130 ten: còn chỗ cần điền [tên kế hoạch]",
]


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def listed(output: str) -> list[str]:
    """The problem lines, each cut after the placeholder it names."""
    return [line.split(";")[0] for line in output.splitlines() if re.match(r"\S+:\d+:\d+: E", line)]


@pytest.fixture
def imported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """plan import of the source plan text, then init --plan: a new user's first workspace."""
    monkeypatch.chdir(tmp_path)
    code, _out, err = invoke("plan", "import", str(PLAN_TEXT), "-o", "ke-hoach.yaml")
    assert code == 0, err
    code, _out, err = invoke("init", "ws", "--plan", "ke-hoach.yaml")
    assert code == 0, err
    return tmp_path / "ws"


def test_validate_lists_every_placeholder_with_its_place(imported: Path) -> None:
    code, out, err = invoke("validate", "-w", "ws")
    assert code == 6
    assert listed(out) == LEFT_TO_FILL
    assert "Còn 11 chỗ cần điền" in err
    code, out, _err = invoke("validate", "-w", "ws", "--format", "json")
    assert code == 6
    problems = json.loads(out)
    assert {p["severity"] for p in problems if p["code"].startswith("E13")} == {"error"}


def test_compile_refuses_and_writes_nothing(imported: Path) -> None:
    before = sorted(p.relative_to(imported) for p in imported.rglob("*"))
    code, _out, err = invoke("compile", "-w", "ws", "--period", "6m")
    assert code == 6
    assert listed(err) == LEFT_TO_FILL
    assert "baocao compile --draft" in err
    after = sorted(p.relative_to(imported) for p in imported.rglob("*") if ".baocao" not in str(p))
    assert after == [p for p in before if ".baocao" not in str(p)]
    code, _out, err = invoke("compile", "-w", "ws", "--all")
    assert code == 6
    assert not (imported / "ket-qua").exists()


def test_draft_is_marked_in_the_header_the_file_name_and_the_summary(imported: Path) -> None:
    code, _out, err = invoke("compile", "-w", "ws", "--period", "6m", "--draft")
    assert code == 0, err
    assert "Đã lập bản dự thảo" in err
    docx = imported / "ket-qua" / "bao-cao-6-thang-2021-du-thao.docx"
    assert sorted(p.name for p in docx.parent.iterdir()) == [
        docx.name,
        docx.with_suffix(".json").name,
    ]
    document = Document(str(docx))
    assert document.paragraphs[0].text == "DỰ THẢO"
    assert document.paragraphs[0].style.name == "BC Draft Mark"
    text = "\n".join(p.text for p in document.paragraphs)
    # a placeholder shows as one, never as a plausible value
    assert "Thực hiện Kế hoạch số [số]/KH-[KÝ HIỆU] ngày [ngày ban hành] của" in text
    summary = json.loads(docx.with_suffix(".json").read_text(encoding="utf-8"))
    assert summary["draft"] is True
    assert [
        f"ws/{p['file']}:{p['line']}:{p['column']}: {p['code']}" for p in summary["placeholders"]
    ] == [line.split(" ", 2)[0] + " " + line.split(" ", 2)[1] for line in LEFT_TO_FILL]
    first = docx.read_bytes()
    docx.unlink()
    assert invoke("compile", "-w", "ws", "--period", "6m", "--draft")[0] == 0
    assert docx.read_bytes() == first  # same inputs, same bytes, drafts too


def test_draft_of_every_configured_report(imported: Path) -> None:
    code, _out, err = invoke("compile", "-w", "ws", "--all", "--draft")
    assert code == 0, err
    assert sorted(p.name for p in (imported / "ket-qua").glob("*.docx")) == [
        "bao-cao-6-thang-2021-du-thao.docx",
        "bao-cao-nam-2021-du-thao.docx",
    ]


def test_draft_named_by_the_user_still_says_it_is_one(imported: Path) -> None:
    code, _out, err = invoke("compile", "-w", "ws", "--draft", "-o", "bao-cao.docx")
    assert code == 0, err
    assert Path("bao-cao-du-thao.docx").is_file() and not Path("bao-cao.docx").exists()


def test_draft_with_a_template_that_knows_nothing_of_drafts(imported: Path) -> None:
    template = Document()
    template.add_paragraph("{{ trich_yeu }}")
    template.save("mau.docx")
    code, _out, err = invoke("compile", "-w", "ws", "--draft", "--template", "mau.docx")
    assert code == 0, err
    report = Document(str(imported / "ket-qua" / "bao-cao-6-thang-2021-du-thao.docx"))
    assert [p.text for p in report.paragraphs][:2] == [
        "DỰ THẢO",
        "Kết quả thực hiện Kế hoạch [tên kế hoạch] 6 tháng đầu năm 2021",
    ]


def test_status_works_while_placeholders_are_left(imported: Path) -> None:
    code, out, _err = invoke("status", "-w", "ws", "--as-of", "2021-05-05")
    assert code == 0
    assert "phong-tu-phap" in out


def test_filled_in_it_is_a_report_to_sign(imported: Path) -> None:
    fill = {
        "ws/baocao.yaml": [
            ("'[CHỨC VỤ NGƯỜI KÝ]'", "TRƯỞNG PHÒNG"),
            ("'[Họ và tên]'", "Nguyễn Thị Thu Hà"),
            ("'[Cơ quan cấp trên] (để b/c)'", "UBND huyện (để b/c)"),
            ("[KÝ HIỆU]", "PTP"),
        ],
        "ws/ke-hoach-2021.yaml": [
            ("'[CƠ QUAN CHỦ QUẢN]'", "UBND HUYỆN TÂN LẬP"),
            ("'[CƠ QUAN BAN HÀNH]'", "PHÒNG TƯ PHÁP"),
            ("'[KÝ HIỆU]'", "PTP"),
            ("'[Địa danh]'", "Tân Lập"),
            ("'[số]/KH-[KÝ HIỆU]'", "25/KH-PTP"),
            ("'[ngày ban hành]'", "2021-03-10"),
            ("'[tên kế hoạch]'", "tuyên truyền pháp luật năm 2021"),
        ],
    }
    for name, pairs in fill.items():
        path = Path(name)
        text = path.read_text(encoding="utf-8")
        for old, new in pairs:
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    code, out, _err = invoke("validate", "-w", "ws")
    assert code == 6  # the values are in, the marks are still there to confirm
    assert {line.split(": ")[1].split(" ")[0] for line in listed(out)} == {"E131"}
    for name in fill:
        path = Path(name)
        text = re.sub(r" # CẦN ĐIỀN[^\n]*", "", path.read_text(encoding="utf-8"))
        path.write_text(text, encoding="utf-8")
    code, out, err = invoke("compile", "-w", "ws", "--period", "6m")
    assert code == 0, out + err
    assert (imported / "ket-qua" / "bao-cao-6-thang-2021.docx").is_file()


def test_the_sample_workspace_is_ready_to_sign(tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "data", ignore=shutil.ignore_patterns("ket-qua"))
    code, out, _err = invoke("validate", "-w", str(tmp_path / "data"))
    assert code == 0 and " E1" not in out
    code, _out, err = invoke("compile", "-w", str(tmp_path / "data"), "--all")
    assert code == 0, err


def test_a_date_before_the_as_of_day_is_a_usage_error() -> None:
    code, _out, err = invoke(
        "compile", "-w", str(DATA), "--date", "2021-05-05", "--as-of", "2021-05-15", "-o", "x.docx"
    )
    assert code == 2
    assert "E135 ngày báo cáo 05/05/2021 sớm hơn ngày tính đến 15/05/2021" in err
    assert not Path("x.docx").exists()


def test_help_names_the_draft_exit_code() -> None:
    code, out, _err = invoke("compile", "--help")
    assert code == 0
    assert "6 còn chỗ cần điền, chỉ lập được bản dự thảo" in " ".join(out.split())
