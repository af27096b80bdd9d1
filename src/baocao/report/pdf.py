"""The report's PDF: LibreOffice converts the written .docx, in the background, bounded.

LibreOffice is optional: without it the .docx is the report and the PDF is an error of
its own (E404). A conversion runs in its own LibreOffice profile, in a process group that
is ended whole when it takes too long, and its PDF replaces the previous one atomically.

On POSIX a small watcher (:mod:`baocao.report.soffice_watch`) stands between baocao and
LibreOffice: when baocao stops — done, timed out, Ctrl-C, SIGTERM, or killed outright —
the watcher ends LibreOffice's whole group and deletes its profile.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import suppress
from pathlib import Path

from baocao.atomic import check_output, write_atomic
from baocao.core.vietnamese import format_number
from baocao.errors import OutputError, display_path
from baocao.messages import Say
from baocao.settings import PDF_TIMEOUT_SECONDS

__all__ = ["PDF_TIMEOUT_SECONDS", "docx_to_pdf"]


def _find_soffice() -> str | None:
    for candidate in ("soffice", "libreoffice"):
        found = shutil.which(candidate)
        if found:
            return found
    return None


_WATCH = Path(__file__).with_name("soffice_watch.py")


def _tail(text: str, lines: int = 5) -> str:
    return " | ".join(text.strip().splitlines()[-lines:])


def _status(watch: subprocess.Popen[bytes], limit: float, name: str) -> int:
    """The exit status the watcher reports for LibreOffice, waiting ``limit`` seconds."""
    assert watch.stdout is not None
    deadline = time.monotonic() + limit
    said = b""
    while not said.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise OutputError.one("E408", file=name, seconds=format_number(limit))
        ready, _, _ = select.select([watch.stdout], [], [], remaining)
        if ready:
            chunk = os.read(watch.stdout.fileno(), 256)
            if not chunk:
                break
            said += chunk
    text = said.decode("utf-8", errors="replace").strip()
    if text.lstrip("-").isdigit():
        return int(text)
    detail = text.removeprefix("start: ") or Say(
        "LibreOffice không chạy được", "LibreOffice could not be started"
    )
    raise OutputError.one("E405", file=name, detail=detail)


def _release(watch: subprocess.Popen[bytes]) -> None:
    """Let the watcher go: it ends LibreOffice's group and deletes the work folder."""
    with suppress(OSError):
        if watch.stdin is not None:
            watch.stdin.close()
    try:
        watch.wait(timeout=30)
    except subprocess.TimeoutExpired:  # pragma: no cover - a watcher that does not answer
        watch.kill()
        watch.wait()
    if watch.stdout is not None:
        watch.stdout.close()


def _logs(work: Path) -> str:
    """What LibreOffice printed, its errors first, for the message of a failure."""
    for stream in ("stderr", "stdout"):
        with suppress(OSError):
            text = (work / f"{stream}.log").read_bytes()[-8192:].decode("utf-8", "replace")
            if text.strip():
                return _tail(text)
    return ""


def _run_watched(
    command: list[str], work: Path, produced: Path, limit: float, name: str
) -> tuple[int, str, bytes]:
    """LibreOffice's exit status, what it said and the PDF, run under the watcher (POSIX)."""
    try:
        watch = subprocess.Popen(
            [sys.executable, "-I", str(_WATCH), str(work), *command],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl-C is baocao's to handle, then it lets go
        )
    except OSError as exc:
        raise OutputError.one("E405", file=name, detail=str(exc)) from exc
    try:
        status = _status(watch, limit, name)
        made = produced.read_bytes() if produced.is_file() else b""
        return status, _logs(work), made
    finally:  # done, timed out, or stopped by a signal: LibreOffice and its profile go
        _release(watch)


def _run_direct(command: list[str], limit: float, name: str) -> tuple[int, str]:
    """LibreOffice's exit status and what it said, run directly (Windows)."""
    try:
        proc = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
    except FileNotFoundError as exc:
        raise OutputError.one("E404", file=name) from exc
    except OSError as exc:
        raise OutputError.one("E405", file=name, detail=str(exc)) from exc
    try:
        stdout, stderr = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired as exc:
        proc.kill()
        proc.communicate()
        raise OutputError.one("E408", file=name, seconds=format_number(limit)) from exc
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    said = _tail(stderr.decode("utf-8", "replace")) or _tail(stdout.decode("utf-8", "replace"))
    return proc.returncode, said


def docx_to_pdf(
    docx: Path,
    pdf: Path,
    *,
    timeout: float = PDF_TIMEOUT_SECONDS,
    soffice: str | None = None,
) -> None:
    """Convert ``docx`` to ``pdf`` with LibreOffice in headless mode, atomically.

    Each call uses its own LibreOffice profile, so parallel runs do not clash; the
    profile and every LibreOffice process are gone when this returns or raises.
    Raises :class:`OutputError` when LibreOffice is missing (E404), fails (E405) or
    takes longer than ``timeout`` seconds (E408).
    """
    docx, pdf = Path(docx), Path(pdf)
    limit = timeout
    name = display_path(pdf)
    exe = shutil.which(soffice) if soffice is not None else _find_soffice()
    if exe is None:
        raise OutputError.one("E404", file=name)
    check_output(pdf)
    if not docx.is_file():
        detail = Say(f"không thấy tệp {display_path(docx)}", f"{display_path(docx)} not found")
        raise OutputError.one("E405", file=name, detail=detail)
    with tempfile.TemporaryDirectory(prefix="baocao-pdf-", ignore_cleanup_errors=True) as tmp:
        work = Path(tmp).resolve()  # the watcher deletes it, profile and all
        produced = work / "out" / f"{docx.stem}.pdf"
        # Absolute paths only: a report named "-x.docx" must not read as an option.
        command = [
            exe,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work / "out"),
            str(docx.resolve()),
        ]
        if os.name == "posix":
            status, said, made = _run_watched(command, work, produced, limit, name)
        else:  # pragma: no cover - Windows
            status, said = _run_direct(command, limit, name)
            made = produced.read_bytes() if produced.is_file() else b""
    if status != 0 or not made:
        silent = (
            Say(f"LibreOffice dừng với mã {status}", f"exit status {status}")
            if status
            else Say("LibreOffice không tạo ra tệp PDF", "LibreOffice produced no PDF")
        )
        raise OutputError.one("E405", file=name, detail=said or silent)
    write_atomic(pdf, made)
