"""baocao init: a workspace that validates as created, with editor schemas and log templates."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from baocao.cli import app
from baocao.errors import OutputError
from baocao.input.workspace import load_workspace
from baocao.plan.scaffold import SCHEMA_DIR, init_workspace
from baocao.plan.writing import SCHEMA_MODELINE, dump_yaml, yaml_writer
from plandocs import make_table_plan

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"
REAL = Path(__file__).resolve().parents[1] / "fixtures" / "ke-hoach-2021.txt"

XA = Path(__file__).resolve().parents[1] / "fixtures" / "ke-hoach-xa-2023.txt"


def yaml_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.yaml"))


def test_init_with_the_sample_plan(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    done = init_workspace(root)
    assert done.plan.year == 2021
    names = {p.relative_to(root).as_posix() for p in done.files}
    assert {"baocao.yaml", "ke-hoach-2021.yaml", "2021/xa-an-binh.yaml"} <= names
    assert {f"{SCHEMA_DIR}/ke-hoach.schema.json", f"{SCHEMA_DIR}/nhat-ky.schema.json"} <= names
    assert len(list((root / "2021").iterdir())) == len(done.plan.units) == 12
    workspace = load_workspace(root)  # what `baocao validate` runs
    assert len(workspace.logs) == 12
    assert workspace.warnings == []
    # the sample plan is the shipped one, kept as written
    plan_text = (root / "ke-hoach-2021.yaml").read_text(encoding="utf-8")
    assert plan_text.split("\n", 1)[1] == (DATA / "ke-hoach-2021.yaml").read_text(encoding="utf-8")


def test_every_yaml_file_points_at_an_existing_schema(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    init_workspace(root)
    files = yaml_files(root)
    assert len(files) == 14
    for path in files:
        raw = path.read_bytes()
        assert b"\r" not in raw and not raw.startswith(b"\xef\xbb\xbf")
        text = raw.decode("utf-8")
        assert unicodedata.is_normalized("NFC", text)
        first = text.split("\n", 1)[0]
        assert first.startswith(SCHEMA_MODELINE), path
        schema = (path.parent / first.removeprefix(SCHEMA_MODELINE)).resolve()
        assert schema.is_file(), path
    assert (
        (root / "2021" / "phong-tu-phap.yaml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=../.schema/nhat-ky.schema.json\n")
    )


def test_init_imports_a_text_plan(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    done = init_workspace(root, REAL)
    assert {w.code for w in done.warnings} == {"W503", "W504", "W507", "W512"}
    assert [u.code for u in done.plan.units] == ["phong-tu-phap"]
    text = (root / "ke-hoach-2021.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=.schema/ke-hoach.schema.json\n")
    assert "# KIỂM TRA: chỉ tiêu đề xuất" in text
    load_workspace(root)
    # comments and key order survive a round trip through ruamel
    for name in ("ke-hoach-2021.yaml", "baocao.yaml"):
        text = (root / name).read_text(encoding="utf-8")
        assert dump_yaml(yaml_writer().load(text)) == text


def test_init_imports_a_docx_plan(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    done = init_workspace(root, make_table_plan(tmp_path / "kh.docx"))
    assert done.plan.year == 2024
    # The task leads; "Phòng Tư pháp", only a partner, is not made a reporting unit.
    assert sorted(p.name for p in (root / "2024").iterdir()) == [
        "dai-truyen-thanh-huyen.yaml",
        "phong-van-hoa-va-thong-tin.yaml",
    ]
    load_workspace(root)


def test_init_copies_a_yaml_plan_keeping_its_comments(tmp_path: Path) -> None:
    source = tmp_path / "kh.yaml"
    source.write_text(
        "# yaml-language-server: $schema=old.json\n"
        + (DATA / "ke-hoach-2021.yaml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    root = tmp_path / "ws"
    init_workspace(root, source)
    copied = (root / "ke-hoach-2021.yaml").read_text(encoding="utf-8")
    assert copied == (
        "# yaml-language-server: $schema=.schema/ke-hoach.schema.json\n"
        + (DATA / "ke-hoach-2021.yaml").read_text(encoding="utf-8")
    )


def test_the_log_examples_are_valid_once_uncommented(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    done = init_workspace(root)
    example = re.compile(r"^  # (?!\S+\. )")  # every example line, not the task headings
    for path in (root / "2021").iterdir():
        lines = path.read_text(encoding="utf-8").split("\n")
        path.write_text("\n".join(example.sub("  ", line) for line in lines), encoding="utf-8")
    workspace = load_workspace(root)
    assert workspace.warnings == []  # every example date lies in its task's time frame
    log = workspace.log_for("xa-an-binh")
    assert log is not None
    assert [a.task for a in log.activities] == [t.code for t in done.plan.tasks]
    assert set(log.sent) == {"6m", "1y"}
    assert log.difficulties and log.proposals
    nv2 = next(a for a in log.activities if a.task == "NV2")
    assert dict(nv2.figures) == {"so_cuon_sach": 0, "so_to_gap": 0}


def test_init_never_overwrites_without_force(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    init_workspace(root)
    log = root / "2021" / "xa-an-binh.yaml"
    log.write_text(log.read_text(encoding="utf-8") + "# đã điền\n", encoding="utf-8")
    with pytest.raises(OutputError) as caught:
        init_workspace(root)
    assert caught.value.exit_code == 4
    assert len(caught.value.problems) == 18  # every file that exists is named
    assert {p.code for p in caught.value.problems} == {"E505"}
    assert log.read_text(encoding="utf-8").endswith("# đã điền\n")
    init_workspace(root, force=True)
    assert not log.read_text(encoding="utf-8").endswith("# đã điền\n")


def test_cli_init(tmp_path: Path) -> None:
    runner = CliRunner()
    root = tmp_path / "ws"
    result = runner.invoke(app, ["init", str(root), "--plan", str(REAL)])
    assert result.exit_code == 0, result.output
    assert "Đã tạo thư mục làm việc" in result.stderr
    assert "ke-hoach-2021.txt: W503" in result.stderr
    again = runner.invoke(app, ["init", str(root), "--plan", str(REAL)])
    assert again.exit_code == 4
    assert "baocao.yaml' đã có; dùng --force" in again.stderr
    file = tmp_path / "tep"
    file.write_text("x", encoding="utf-8")
    assert runner.invoke(app, ["init", str(file)]).exit_code == 4
    odd = tmp_path / "kh.pdf"
    odd.write_bytes(b"%PDF")
    refused = runner.invoke(app, ["init", str(tmp_path / "b"), "--plan", str(odd)])
    assert refused.exit_code == 1
    assert "E502" in refused.stderr and ".yaml" in refused.stderr


def test_init_from_a_document_without_header_is_refused_then_drafted(tmp_path: Path) -> None:
    runner = CliRunner()
    root = tmp_path / "ws"
    assert runner.invoke(app, ["init", str(root), "--plan", str(REAL)]).exit_code == 0
    result = runner.invoke(app, ["validate", "-w", str(root)])
    assert result.exit_code == 6, result.output
    assert "ke-hoach-2021.yaml:10:16: E130 ngay_ban_hanh" in result.stdout
    assert "baocao.yaml:9:12: E130 nguoi_ky.chuc_vu" in result.stdout


def sign(root: Path) -> None:
    """Fill in what init leaves to the clerk: the signer and the recipients."""
    config = root / "baocao.yaml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("'[CHỨC VỤ NGƯỜI KÝ]'", "TRƯỞNG PHÒNG").replace(
        "'[Họ và tên]'", "Nguyễn Thị Thu Hà"
    )
    text = re.sub(r" # CẦN ĐIỀN[^\n]*", "", text)
    text = text.replace("'[Cơ quan cấp trên] (để b/c)'", "UBND huyện (để b/c)")
    config.write_text(text, encoding="utf-8")


def test_init_then_fill_in_then_compile(tmp_path: Path) -> None:
    runner = CliRunner()
    root = tmp_path / "ws"
    assert runner.invoke(app, ["init", str(root)]).exit_code == 0
    refused = runner.invoke(app, ["compile", "-w", str(root), "--period", "6m"])
    assert refused.exit_code == 6
    assert not (root / "ket-qua").exists()
    sign(root)
    assert runner.invoke(app, ["validate", "-w", str(root)]).exit_code == 0
    for period in ("6m", "1y"):
        result = runner.invoke(app, ["compile", "-w", str(root), "--period", period])
        assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (root / "ket-qua").glob("*.docx")) == [
        "bao-cao-6-thang-2021.docx",
        "bao-cao-nam-2021.docx",
    ]
    # the configuration lists the plan's periods, so one command makes them all
    assert runner.invoke(app, ["compile", "-w", str(root), "--all"]).exit_code == 0


def test_imported_plan_drafts_with_its_placeholders(tmp_path: Path) -> None:
    import docx

    runner = CliRunner()
    root = tmp_path / "ws"
    assert runner.invoke(app, ["init", str(root), "--plan", str(XA)]).exit_code == 0
    assert runner.invoke(app, ["validate", "-w", str(root)]).exit_code == 6
    result = runner.invoke(app, ["compile", "-w", str(root), "--period", "6m", "--draft"])
    assert result.exit_code == 0, result.output
    report = docx.Document(str(root / "ket-qua" / "bao-cao-6-thang-2023-du-thao.docx"))
    cells = [c.text for t in report.tables for row in t.rows for c in row.cells]
    text = "\n".join([*(p.text for p in report.paragraphs), *cells])
    assert (
        "Thực hiện Kế hoạch số 12/KH-UBND ngày 15/02/2023 của Uỷ ban nhân dân xã Hòa Bình" in text
    )
    assert report.paragraphs[0].text == "DỰ THẢO"
    assert "[CHỨC VỤ NGƯỜI KÝ]" in text  # the signer left to fill in shows, never hides


def test_bundled_sample_is_the_shipped_plan() -> None:
    bundled = REPO / "src" / "baocao" / "samples" / "ke-hoach-2021.yaml"
    assert bundled.read_bytes() == (DATA / "ke-hoach-2021.yaml").read_bytes()


def test_init_refuses_an_invalid_yaml_plan_with_located_problems(tmp_path: Path) -> None:
    source = tmp_path / "kh.yaml"
    text = (DATA / "ke-hoach-2021.yaml").read_text(encoding="utf-8")
    source.write_text(text.replace("ky_hieu: PTP", "ky_hieu: ptp"), encoding="utf-8")
    result = CliRunner().invoke(app, ["init", str(tmp_path / "ws"), "--plan", str(source)])
    assert result.exit_code == 1
    assert "kh.yaml:8:10: E103 ky_hieu" in result.stderr
    assert not (tmp_path / "ws").exists()  # nothing written
