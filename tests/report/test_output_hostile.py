"""Hostile rendering and output: what reaches the report, and what a failed run leaves.

The other half of the hostile corpus (tests/test_hostile.py is the input half). Every
case goes through the command line and checks the documented exit code, the exact
problems (code, file, line, column), that no traceback escapes, that every input file is
byte-identical afterwards and, when the run fails, that the previous report and its
summary are byte-identical too, with no stray file beside them.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import unicodedata
import zipfile
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from lxml import etree
from typer.testing import CliRunner, Result

from baocao.cli import app
from baocao.lock import LOCK_NAME, workspace_lock
from baocao.settings import PDF_TIMEOUT_SECONDS, Settings
from conftest import Found, snapshot

REPORT = "ws/ket-qua/bao-cao-6-thang-2021.docx"
SUMMARY = "ws/ket-qua/bao-cao-6-thang-2021.json"
PDF = "ws/ket-qua/bao-cao-6-thang-2021.pdf"
LOG = "ws/2021/xa-an-binh.yaml"
UNIT = "UBND xã An Bình"

# Everything a template engine or an XML writer could take for markup.
MARKUP = "A & B < C > D \"q\" 's' {{ 7*7 }} {% for x in y %} {# c </w:t> ]]> <w:p> x"


# --- helpers ---------------------------------------------------------------------------


def quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def files_of(ws: Path) -> dict[str, str]:
    """sha256 of every file of the workspace, results and hidden files included.

    The lock file is left out: it records who held the workspace last.
    """
    return {name: digest for name, digest in snapshot(ws).items() if name != LOCK_NAME}


def inputs_of(ws: Path) -> dict[str, str]:
    return {k: v for k, v in files_of(ws).items() if not k.startswith("ket-qua/")}


def compile_(ws: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    """`baocao compile -w ws ARGS`: no traceback, and no input file changed."""
    before = inputs_of(ws)
    result = CliRunner().invoke(app, ["compile", "-w", "ws", *args], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.stdout + result.stderr
    assert inputs_of(ws) == before, "an input file changed"
    return result


Reported = dict[str, Any]


def refused(
    ws: Path, args: list[str], expected: list[Found], exit_code: int = 4, **kw: Any
) -> list[Reported]:
    """The run fails with ``exit_code`` and exactly ``expected``; not one file changed."""
    before = files_of(ws)
    result = compile_(ws, *args, "--format", "json", **kw)
    assert result.exit_code == exit_code, result.stderr
    problems: list[Reported] = json.loads(result.stderr)
    assert [(p["code"], p["file"], p["line"], p["column"]) for p in problems] == expected
    for problem in problems:
        assert unicodedata.is_normalized("NFC", problem["message"])
    assert files_of(ws) == before, "a file changed although the run failed"
    return problems


def texts(path: Path) -> list[str]:
    """The report's paragraphs (table cells included), once the .docx proved sound.

    Sound: a zip whose every entry reads back, every XML part well-formed for a strict
    parser, and python-docx opens it.
    """
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(archive.read(name))
    document = Document(str(path))
    found = [p.text for p in document.paragraphs]

    def cells(tables: Any) -> Iterator[str]:
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    yield from (p.text for p in cell.paragraphs)
                    yield from cells(cell.tables)

    return found + list(cells(document.tables))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def summary_of(ws: Path) -> dict[str, Any]:
    summary: dict[str, Any] = json.loads(Path(SUMMARY).read_text(encoding="utf-8"))
    assert summary["report"] == {
        "file": "ket-qua/bao-cao-6-thang-2021.docx",
        "sha256": sha256(Path(REPORT)),
    }
    return summary


def change_a_figure(ws: Path) -> None:
    """An edit to a log, so that the next run has a new report to write."""
    edit(ws / "2021" / "xa-an-binh.yaml", "so_buoi: 1\n", "so_buoi: 2\n")


@pytest.fixture
def done(ws: Path) -> Path:
    """The minimal workspace with its 6-month report made: the "previous report"."""
    result = compile_(ws, "-q")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (ws / "ket-qua").iterdir()) == [
        "bao-cao-6-thang-2021.docx",
        "bao-cao-6-thang-2021.json",
    ]
    return ws


# --- text that looks like markup reaches the report literally ---------------------------


def in_activity(ws: Path) -> None:
    edit(ws / "2021" / "xa-an-binh.yaml", "Tuyên truyền tại ấp Bình Đông", quoted(MARKUP))


def in_difficulty(ws: Path) -> None:
    append(ws / "2021" / "xa-an-binh.yaml", f"kho_khan:\n  6m:\n    - {quoted(MARKUP)}\n")


def in_proposal(ws: Path) -> None:
    # Addressed to a body the report goes to "để b/c", so that section V carries it.
    proposal = quoted(f"Đề nghị UBND huyện {MARKUP}")
    append(ws / "2021" / "xa-an-binh.yaml", f"de_xuat:\n  6m:\n    - {proposal}\n")


def in_narrative(ws: Path) -> None:
    (ws / "dien-giai").mkdir()
    (ws / "dien-giai" / "2021-6m.yaml").write_text(
        f"ky: 6m\nnam: 2021\nchi_dao:\n  - {quoted(MARKUP)}\n", encoding="utf-8"
    )


def in_plan_title(ws: Path) -> None:
    edit(ws / "ke-hoach.yaml", "ten: tuyên truyền pháp luật năm 2021", f"ten: {quoted(MARKUP)}")


def in_unit_name(ws: Path) -> None:
    edit(ws / "ke-hoach.yaml", f"ten: {UNIT}", f"ten: {quoted(MARKUP)}")


def in_signer(ws: Path) -> None:
    edit(ws / "baocao.yaml", "ho_ten: Nguyễn Thị Thu Hà", f"ho_ten: {quoted(MARKUP)}")


def in_recipient(ws: Path) -> None:
    edit(ws / "baocao.yaml", "  - UBND huyện (để b/c)", f"  - {quoted(MARKUP)}")


FIGURES = "(01 buổi tuyên truyền, 65 lượt người tham dự)"


@pytest.mark.parametrize(
    ("put", "paragraphs"),
    [
        pytest.param(
            in_activity, [f"- Ngày 12/03/2021, {UNIT}: {MARKUP} {FIGURES}."], id="activity"
        ),
        pytest.param(in_difficulty, [f"- {MARKUP} ({UNIT})."], id="difficulty"),
        pytest.param(
            in_proposal,
            [f"- Đề nghị UBND huyện {MARKUP} (đề xuất của {UNIT})./."],
            id="proposal",
        ),
        pytest.param(in_narrative, [MARKUP], id="narrative"),
        pytest.param(
            in_plan_title,
            [f"Kết quả thực hiện Kế hoạch {MARKUP} 6 tháng đầu năm 2021"],
            id="plan-title",
        ),
        pytest.param(
            in_unit_name,
            [
                f"Trong kỳ, {MARKUP} đã thực hiện 01 hoạt động, kết quả: 01 buổi tuyên truyền, "
                "65 lượt người tham dự.",
                MARKUP,
                f"- Ngày 12/03/2021, {MARKUP}: Tuyên truyền tại ấp Bình Đông {FIGURES}.",
            ],
            id="unit-name",
        ),
        pytest.param(in_signer, [MARKUP], id="signer"),
        pytest.param(in_recipient, [f"- {MARKUP};"], id="recipient"),
    ],
)
def test_markup_in_a_text_field_is_printed_literally(
    ws: Path, put: Any, paragraphs: list[str]
) -> None:
    put(ws)
    result = compile_(ws)
    assert result.exit_code == 0, result.stderr
    found = texts(Path(REPORT))
    for paragraph in paragraphs:
        assert paragraph in found


def test_a_100000_character_paragraph_renders_whole(ws: Path) -> None:
    text = ("Tuyên truyền pháp luật cho người dân ở ấp. " * 2_400).strip()
    assert len(text) >= 100_000
    (ws / "dien-giai").mkdir()
    (ws / "dien-giai" / "2021-6m.yaml").write_text(
        f"ky: 6m\nnam: 2021\nchi_dao:\n  - {text}\n", encoding="utf-8"
    )
    result = compile_(ws)
    assert result.exit_code == 0, result.stderr
    assert text in texts(Path(REPORT))


# --- characters XML cannot hold --------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "column", "count"),
    [
        pytest.param("Tuyên\x01 truyền", 22, 1, id="raw-x01"),
        pytest.param("Tuyên\x0b truyền", 22, 1, id="raw-x0b"),
        pytest.param("Tuyên\x1f truyền", 22, 1, id="raw-x1f"),
        pytest.param("Tuyên\ufffe truyền", 22, 1, id="raw-ufffe"),
        pytest.param('"Tuyên\\x01\\x0b\\x1f\\uFFFE truyền"', 17, 4, id="escaped"),
        # Was E103 with an English detail: a lone surrogate cannot be stored in any text.
        pytest.param('"Tuyên\\uD800 truyền"', 17, 1, id="escaped-lone-surrogate"),
    ],
)
def test_control_characters_are_dropped_with_a_warning(
    ws: Path, written: str, column: int, count: int
) -> None:
    edit(ws / "2021" / "xa-an-binh.yaml", "Tuyên truyền tại ấp Bình Đông", written)
    result = compile_(ws)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"{LOG}:8:{column}: W205 NV1.noi_dung: đã bỏ {count} ký tự ẩn hoặc ký tự điều khiển "
        "(không in ra được)",
        f"Đã lập báo cáo: {REPORT}",
    ]
    assert f"- Ngày 12/03/2021, {UNIT}: Tuyên truyền {FIGURES}." in texts(Path(REPORT))


# --- templates ---------------------------------------------------------------------------

DEFAULT_TEMPLATE = files("baocao").joinpath("templates", "bao-cao.docx")


def template(name: str, tag: str | None = "{{ trich_yeu }}", *, part: bool = True) -> str:
    """The packaged template with its subject tag replaced by ``tag``, as mau/<name>.

    ``part=False`` leaves word/document.xml out of the package.
    """
    path = Path("mau") / name
    path.parent.mkdir(exist_ok=True)
    with zipfile.ZipFile(str(DEFAULT_TEMPLATE)) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                if not part:
                    continue
                if tag is not None:
                    assert b"{{ trich_yeu }}" in data
                    data = data.replace(b"{{ trich_yeu }}", tag.encode(), 1)
            target.writestr(item, data)
    return path.as_posix()


def not_a_docx(name: str, content: bytes) -> str:
    path = Path("mau") / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(content)
    return path.as_posix()


NOT_DOCX = "tệp mẫu không phải tài liệu Word .docx hợp lệ ({})"


@pytest.mark.parametrize(
    ("make", "detail"),
    [
        pytest.param(
            lambda: not_a_docx("ghi-chu.docx", "Nội dung báo cáo\n".encode()),
            "không phải tệp .docx: có thể là tệp văn bản, PDF hay tệp khác được đổi đuôi "
            "thành .docx",
            id="text-renamed",
        ),
        pytest.param(
            lambda: not_a_docx("cat-do.docx", DEFAULT_TEMPLATE.read_bytes()[:3000]),
            "tệp .docx bị hỏng hoặc không đầy đủ (có thể tải về hay sao chép chưa xong)",
            id="truncated-zip",
        ),
        pytest.param(lambda: not_a_docx("rong.docx", b""), "tệp rỗng", id="empty"),
        pytest.param(
            lambda: template("khong-noi-dung.docx", part=False),
            "thiếu phần nội dung word/document.xml: tệp nén này không phải tài liệu Word",
            id="no-document-part",
        ),
        pytest.param(
            lambda: not_a_docx("word-2003.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)),
            "đây là tệp Word 97–2003 (.doc); hãy mở bằng Word và lưu lại dạng .docx",
            id="word-97-renamed",
        ),
        pytest.param(
            lambda: (Path("mau") / "thu-muc.docx").mkdir(parents=True) or "mau/thu-muc.docx",
            "đây là một thư mục, không phải tệp",
            id="folder",
        ),
    ],
)
def test_template_that_is_not_a_word_document(done: Path, make: Any, detail: str) -> None:
    name = make()
    problems = refused(done, ["--template", name], [("E301", name, None, None)])
    assert problems[0]["message"] == NOT_DOCX.format(detail)


def test_missing_template(done: Path) -> None:
    problems = refused(
        done, ["--template", "mau/khong-co.docx"], [("E305", "mau/khong-co.docx", None, None)]
    )
    assert problems[0]["message"] == "không tìm thấy tệp mẫu báo cáo"


def test_template_with_an_unknown_field(done: Path) -> None:
    name = template("truong-la.docx", "{{ so_van_ban_den }}")
    problems = refused(done, ["--template", name], [("E302", name, None, None)])
    assert (
        problems[0]["message"] == "mẫu dùng trường 'so_van_ban_den' không có trong dữ liệu báo cáo"
    )


def test_template_with_a_jinja_syntax_error(done: Path) -> None:
    name = template("cu-phap.docx", "{% for x in %}")
    problems = refused(done, ["--template", name], [("E303", name, None, None)])
    assert problems[0]["message"] == (
        "lỗi cú pháp thẻ Jinja trong mẫu: thiếu biểu thức trong thẻ; ở đoạn: «{% for x in %}»"
    )


@pytest.mark.parametrize(
    ("tag", "detail"),
    [
        ("{{ ''.__class__.__mro__ }}", "truy cập thuộc tính '__class__' của Python"),
        ("{{ cycler.__init__.__globals__ }}", "truy cập thuộc tính '__init__' của Python"),
        (
            "{{ lipsum.__globals__['os'].popen('id').read() }}",
            "truy cập thuộc tính '__globals__' của Python",
        ),
        ("{{ self.__init__.__globals__ }}", "truy cập thuộc tính '__init__' của Python"),
        ("{{ '{0.__class__}'.format(trich_yeu) }}", "truy cập thuộc tính '__class__' của Python"),
        ("{{ trich_yeu|attr('__class__') }}", "truy cập thuộc tính '__class__' của Python"),
        # Resource exhaustion is E310: tests/report/test_template_limits.py.
    ],
    ids=[
        "mro",
        "cycler-globals",
        "lipsum-os",
        "self-globals",
        "format-attribute",
        "attr-filter",
    ],
)
def test_template_escaping_the_sandbox_is_refused(done: Path, tag: str, detail: str) -> None:
    name = template("thoat.docx", tag)
    started = time.monotonic()
    problems = refused(done, ["--template", name], [("E309", name, None, None)])
    assert problems[0]["message"] == (
        f"mẫu có thẻ bị chặn vì lý do an toàn: {detail}; mẫu báo cáo chỉ được đặt dữ liệu "
        "báo cáo vào văn bản"
    )
    assert time.monotonic() - started < 20


def test_previous_report_given_as_its_own_template(done: Path) -> None:
    # It would be read, then replaced by its own rendering: the template destroyed.
    problems = refused(done, ["--template", REPORT], [("E412", REPORT, None, None)])
    assert problems[0]["message"] == (
        f"tệp kết quả sẽ ghi đè lên tệp đầu vào {REPORT}; hãy chọn tên hoặc thư mục khác"
    )


# --- where the report goes --------------------------------------------------------------


def test_output_is_an_existing_folder(done: Path) -> None:
    problems = refused(done, ["-o", "ws/ket-qua"], [("E402", "ws/ket-qua", None, None)])
    assert problems[0]["message"] == "đường dẫn kết quả là một thư mục; hãy ghi cả tên tệp"


def test_output_into_a_missing_folder(done: Path) -> None:
    target = "ws/chua-tao/bao-cao.docx"
    problems = refused(done, ["-o", target], [("E406", target, None, None)])
    assert problems[0]["message"] == "thư mục 'ws/chua-tao' không tồn tại"


@pytest.mark.parametrize(
    ("target", "shown"),
    [
        ("ws/ke-hoach.yaml", ".yaml"),
        ("ws/ket-qua/bao-cao.doc", ".doc"),
        ("ws/bao-cao", "không có đuôi"),
    ],
)
def test_output_that_is_not_a_docx(done: Path, target: str, shown: str) -> None:
    # "-o ws/ke-hoach.yaml" used to replace the plan with the report.
    problems = refused(done, ["-o", target], [("E411", target, None, None)])
    assert problems[0]["message"] == f"tệp báo cáo phải có đuôi .docx (nhận được: {shown})"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_output_onto_a_link_to_the_plan(done: Path) -> None:
    os.symlink(Path("ws/ke-hoach.yaml").resolve(), "ws/ket-qua/ke-hoach.docx")
    refused(
        done, ["-o", "ws/ket-qua/ke-hoach.docx"], [("E412", "ws/ket-qua/ke-hoach.docx", None, None)]
    )


def refuse_temp_files(monkeypatch: pytest.MonkeyPatch, error: OSError) -> None:
    real_open = os.open

    def refuse(path: Any, flags: int, mode: int = 0o777, **kw: Any) -> int:
        if str(path).endswith(".tmp"):
            raise error
        return real_open(path, flags, mode, **kw)

    monkeypatch.setattr(os, "open", refuse)


def test_folder_not_writable(done: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    change_a_figure(done)
    refuse_temp_files(monkeypatch, PermissionError(errno.EACCES, "Permission denied"))
    problems = refused(done, [], [("E407", REPORT, None, None)])
    assert problems[0]["message"] == (
        "không có quyền ghi tệp (tệp đang mở trong Word, hoặc thư mục chỉ đọc?)"
    )


def test_report_open_in_word_cannot_be_replaced(
    done: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On Windows an open file cannot be replaced: the rename fails, not the write.
    change_a_figure(done)

    def locked(src: Any, dst: Any) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    refused(done, [], [("E407", REPORT, None, None)])


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_read_only_results_folder(done: Path) -> None:
    change_a_figure(done)
    folder = done / "ket-qua"
    folder.chmod(0o555)
    try:
        refused(done, [], [("E407", REPORT, None, None)])
    finally:
        folder.chmod(0o755)


class FillsUp:
    """A file whose disk fills halfway through the write."""

    def __init__(self, handle: Any) -> None:
        self.handle = handle

    def __getattr__(self, name: str) -> Any:
        return getattr(self.handle, name)

    def write(self, data: bytes) -> int:
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        raise OSError(errno.ENOSPC, "No space left on device")


def test_disk_full_while_writing(done: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    change_a_figure(done)
    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **kw: FillsUp(real_fdopen(fd, *a, **kw)))
    problems = refused(done, [], [("E403", REPORT, None, None)])
    assert problems[0]["message"] == "ổ đĩa đầy, không ghi được tệp kết quả"


def test_disk_full_at_fsync(done: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    change_a_figure(done)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    refused(done, [], [("E403", REPORT, None, None)])


def test_disk_full_at_the_summary_changes_neither_file(
    done: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The report and its summary are written as one: the report's new bytes are ready
    # on disk when the summary's fail, and neither replaces the previous one.
    change_a_figure(done)
    names: dict[int, str] = {}
    real_open, real_fsync = os.open, os.fsync

    def tracking_open(path: Any, flags: int, mode: int = 0o777, **kw: Any) -> int:
        fd = real_open(path, flags, mode, **kw)
        names[fd] = str(path)
        return fd

    def fsync(fd: int) -> None:
        if ".json." in names.get(fd, ""):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "open", tracking_open)
    monkeypatch.setattr(os, "fsync", fsync)
    refused(done, [], [("E403", SUMMARY, None, None)])
    monkeypatch.setattr(os, "fsync", real_fsync)  # the disk has room again
    assert compile_(done).exit_code == 0
    summary_of(done)


# --- runs that are stopped while writing ------------------------------------------------

SLOW_WRITE = """
import os, sys, time
from pathlib import Path

flag = Path(sys.argv.pop(1))
real_fdopen = os.fdopen


class Slow:
    # Writes half of each result, says so, then waits to be stopped.
    def __init__(self, handle):
        self.handle = handle

    def __getattr__(self, name):
        return getattr(self.handle, name)

    def write(self, data):
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        flag.write_text("writing", encoding="utf-8")
        time.sleep(60)
        return self.handle.write(data[len(data) // 2 :])


def slow_results(fd, mode="r", *a, **kw):
    handle = real_fdopen(fd, mode, *a, **kw)
    return Slow(handle) if mode == "wb" else handle  # results, not the lock's note


os.fdopen = slow_results
from baocao.cli import main

sys.argv[0] = "baocao"
main()
"""


def start_slow_compile(tmp_path: Path) -> subprocess.Popen[str]:
    flag = tmp_path / "writing.flag"
    env = {**os.environ, "BAOCAO_LANG": "vi"}
    env.pop("BAOCAO_DEBUG", None)
    run = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITE, str(flag), "compile", "-w", "ws"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
    )
    deadline = time.monotonic() + 60
    while not flag.exists():
        assert run.poll() is None, run.communicate()
        assert time.monotonic() < deadline, "the run never started writing"
        time.sleep(0.05)
    return run


def temp_files(ws: Path) -> list[str]:
    return sorted(p.name for p in (ws / "ket-qua").iterdir() if p.name.endswith(".tmp"))


@pytest.mark.skipif(os.name != "posix", reason="sends POSIX signals")
def test_run_killed_mid_write(done: Path, tmp_path: Path) -> None:
    change_a_figure(done)
    before = files_of(done)
    run = start_slow_compile(tmp_path)
    run.send_signal(signal.SIGKILL)
    run.communicate(timeout=30)
    # What SIGKILL cannot clean: a hidden, half-written temporary file. Nothing else.
    left = temp_files(done)
    assert len(left) == 1 and left[0].startswith(".bao-cao-6-thang-2021.docx.")
    assert {k: v for k, v in files_of(done).items() if not k.endswith(".tmp")} == before
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(done / "ket-qua" / left[0])
    # The next run removes it and writes the report whole.
    result = compile_(done)
    assert result.exit_code == 0
    assert temp_files(done) == []
    assert (
        "- Ngày 12/03/2021, UBND xã An Bình: Tuyên truyền tại ấp Bình Đông (02 buổi"
        in "\n".join(texts(Path(REPORT)))
    )
    summary_of(done)


@pytest.mark.skipif(os.name != "posix", reason="sends POSIX signals")
def test_run_stopped_by_sigterm_mid_write(done: Path, tmp_path: Path) -> None:
    # systemd's stop and a scheduler's time limit send SIGTERM: the run unwinds.
    change_a_figure(done)
    before = files_of(done)
    run = start_slow_compile(tmp_path)
    run.send_signal(signal.SIGTERM)
    out, err = run.communicate(timeout=30)
    assert (run.returncode, out, err) == (143, "", "Đã dừng.\n")
    assert files_of(done) == before


def test_leftover_temporary_files_are_removed_when_nothing_changed(done: Path) -> None:
    out = done / "ket-qua"
    report_mtime = (out / "bao-cao-6-thang-2021.docx").stat().st_mtime_ns
    for name in (
        ".bao-cao-6-thang-2021.docx.0123abcd.tmp",
        ".bao-cao-6-thang-2021.json.89abcdef.tmp",
    ):
        (out / name).write_bytes(b"PK\x03\x04 half")
    keep = [".bao-cao-6-thang-2021.docx.ghi-chu.tmp", "bao-cao-6-thang-2021.docx.0123abcd.tmp"]
    for name in keep:  # not ours: a clerk's files with look-alike names
        (out / name).write_bytes(b"x")
    result = compile_(done)
    assert result.stderr == f"Không thay đổi, giữ nguyên: {REPORT}\n"
    assert temp_files(done) == sorted(keep)
    assert (out / "bao-cao-6-thang-2021.docx").stat().st_mtime_ns == report_mtime


@pytest.mark.skipif(os.name != "posix", reason="flock is POSIX")
def test_temporary_file_of_a_living_writer_is_left_alone(done: Path) -> None:
    import fcntl

    stale = done / "ket-qua" / ".bao-cao-6-thang-2021.docx.0123abcd.tmp"
    with stale.open("wb") as held:  # another run, still writing this file
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        change_a_figure(done)
        assert compile_(done).exit_code == 0
        assert stale.exists()


# --- PDF ---------------------------------------------------------------------------------


def fake_soffice(tmp_path: Path, body: str) -> dict[str, str]:
    """An environment whose PATH finds a fake LibreOffice running ``body`` first."""
    folder = tmp_path / "fake-bin"
    folder.mkdir()
    script = folder / "soffice"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return {"PATH": f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"}


def check_docx_written_without_pdf(ws: Path) -> None:
    assert "(02 buổi tuyên truyền" in "\n".join(texts(Path(REPORT)))  # the new report
    assert summary_of(ws)["pdf"] is None


def test_pdf_without_libreoffice(done: Path, tmp_path: Path) -> None:
    change_a_figure(done)
    (tmp_path / "empty-bin").mkdir()
    result = compile_(done, "--pdf", env={"PATH": str(tmp_path / "empty-bin")})
    assert result.exit_code == 4
    assert result.stderr == (
        f"{PDF}: E404 không tìm thấy LibreOffice (soffice) để chuyển sang PDF; hãy cài LibreOffice\n"
    )
    check_docx_written_without_pdf(done)
    assert not Path(PDF).exists()


@pytest.mark.skipif(os.name != "posix", reason="uses a shell script as a fake LibreOffice")
def test_pdf_conversion_fails(done: Path, tmp_path: Path) -> None:
    change_a_figure(done)
    Path(PDF).write_bytes(b"%PDF the previous one")
    env = fake_soffice(tmp_path, 'echo "Error: source file could not be loaded" >&2; exit 1')
    result = compile_(done, "--pdf", env=env)
    assert result.exit_code == 4
    assert result.stderr == (
        f"{PDF}: E405 LibreOffice không chuyển được sang PDF: Error: source file could not be loaded\n"
    )
    check_docx_written_without_pdf(done)
    assert Path(PDF).read_bytes() == b"%PDF the previous one"


@pytest.mark.skipif(os.name != "posix", reason="uses a shell script as a fake LibreOffice")
def test_pdf_conversion_hangs(done: Path, tmp_path: Path) -> None:
    change_a_figure(done)
    env = {**fake_soffice(tmp_path, "sleep 60"), "BAOCAO_PDF_TIMEOUT": "0,5"}
    started = time.monotonic()
    result = compile_(done, "--pdf", env=env)
    assert time.monotonic() - started < 20
    assert result.exit_code == 4
    assert result.stderr == f"{PDF}: E408 LibreOffice chuyển sang PDF quá 0,5 giây, đã dừng\n"
    check_docx_written_without_pdf(done)


@pytest.mark.parametrize("value", ["", "abc", "0", "-5", "nan", "inf"])
def test_pdf_timeout_setting_that_is_not_a_positive_number(value: str) -> None:
    settings = Settings.from_env({"BAOCAO_PDF_TIMEOUT": value})
    assert settings.pdf_timeout == PDF_TIMEOUT_SECONDS


# --- a locked workspace ------------------------------------------------------------------


def test_locked_workspace_changes_nothing(done: Path) -> None:
    change_a_figure(done)
    with workspace_lock(done):
        problems = refused(done, [], [("E410", f"ws/{LOCK_NAME}", None, None)], exit_code=5)
    assert problems[0]["message"].startswith("một lần chạy khác đang lập báo cáo")


# --- the summary beside the report -------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b'{"format": "baocao-summary/1", "fingerprint": ', id="cut-short"),
        pytest.param(
            b'{"format": "baocao-summary/1", "fingerprint": 5, "report": [], "pdf": "x"}',
            id="wrong-shapes",
        ),
    ],
)
def test_damaged_summary_is_rebuilt(done: Path, content: bytes) -> None:
    report = Path(REPORT).read_bytes()
    Path(SUMMARY).write_bytes(content)
    result = compile_(done)
    assert (result.exit_code, result.stderr) == (0, f"Đã lập báo cáo: {REPORT}\n")
    assert Path(REPORT).read_bytes() == report
    summary_of(done)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(bytes(range(256)) * 4, id="garbage-bytes"),
        pytest.param(b"", id="empty"),
        # Was an internal error (exit 70): the JSON reader's recursion limit.
        pytest.param(b"[" * 200_000, id="nested-200000-deep"),
    ],
)
def test_summary_overwritten_by_another_file_needs_force(done: Path, content: bytes) -> None:
    # No longer baocao's summary (its first field is gone): the three files beside it
    # are someone else's until --force says otherwise.
    report = Path(REPORT).read_bytes()
    Path(SUMMARY).write_bytes(content)
    change_a_figure(done)
    refused(done, [], [("E505", REPORT, None, None), ("E505", SUMMARY, None, None)])
    result = compile_(done, "--force")
    assert (result.exit_code, result.stderr) == (0, f"Đã lập báo cáo: {REPORT}\n")
    assert Path(REPORT).read_bytes() != report
    summary_of(done)


def test_summary_that_is_a_folder(done: Path) -> None:
    Path(SUMMARY).unlink()
    Path(SUMMARY).mkdir()
    change_a_figure(done)
    problems = refused(done, [], [("E402", SUMMARY, None, None)])
    assert problems[0]["message"] == "đường dẫn kết quả là một thư mục; hãy ghi cả tên tệp"


def test_report_edited_by_hand_is_made_again(done: Path) -> None:
    original = Path(REPORT).read_bytes()
    document = Document(REPORT)
    document.add_paragraph("Số liệu sửa tay")
    document.save(REPORT)
    result = compile_(done)
    assert (result.exit_code, result.stderr) == (0, f"Đã lập báo cáo: {REPORT}\n")
    assert Path(REPORT).read_bytes() == original  # same inputs, same bytes
    summary_of(done)


# --- the installed command ---------------------------------------------------------------


def baocao(*args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("baocao")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "baocao"]
    env = {**os.environ, "BAOCAO_LANG": "vi"}
    env.pop("BAOCAO_DEBUG", None)
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=300,
        check=False,
    )


def test_command_with_a_broken_template_exits_4(done: Path) -> None:
    name = not_a_docx("bao-cao-mau.docx", b"PK\x03\x04 cut short")
    before = files_of(done)
    run = baocao("compile", "-w", "ws", "--template", name)
    assert (run.returncode, run.stdout, run.stderr) == (
        4,
        "",
        f"{name}: E301 {NOT_DOCX.format('tệp .docx bị hỏng hoặc không đầy đủ (có thể tải về hay sao chép chưa xong)')}\n",
    )
    assert files_of(done) == before


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_command_markup_everywhere_survives_libreoffice(ws: Path) -> None:
    for put in (in_activity, in_difficulty, in_narrative, in_unit_name, in_signer, in_recipient):
        put(ws)
    before = inputs_of(ws)
    run = baocao("compile", "-w", "ws", "--pdf")
    assert run.returncode == 0, run.stderr
    assert inputs_of(ws) == before
    assert texts(Path(REPORT)).count(MARKUP) >= 3
    assert summary_of(ws)["pdf"]["sha256"] == sha256(Path(PDF))
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not installed: the PDF was made, its text not checked")
    text = subprocess.run(
        ["pdftotext", PDF, "-"], capture_output=True, text=True, encoding="utf-8", check=True
    ).stdout
    assert " ".join(text.split()).count(MARKUP) >= 3
