"""The report's PDF: LibreOffice converts the written .docx, in the background, bounded.

LibreOffice is optional: without it the .docx is the report and the PDF is an error of
its own (E404). A conversion runs in its own LibreOffice profile, in a process group that
is ended whole when it takes too long, and its PDF replaces the previous one atomically.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
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


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    # soffice is a launcher: the real converter is its child, so end the whole group.
    if os.name == "posix":
        with suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
    else:
        proc.kill()


def _tail(stream: bytes, lines: int = 5) -> str:
    text = stream.decode("utf-8", errors="replace").strip()
    return " | ".join(text.splitlines()[-lines:])


def docx_to_pdf(
    docx: Path,
    pdf: Path,
    *,
    timeout: float = PDF_TIMEOUT_SECONDS,
    soffice: str | None = None,
) -> None:
    """Convert ``docx`` to ``pdf`` with LibreOffice in headless mode, atomically.

    Each call uses its own LibreOffice profile, so parallel runs do not clash.
    Raises :class:`OutputError` when LibreOffice is missing (E404), fails (E405) or
    takes longer than ``timeout`` seconds (E408).
    """
    docx, pdf = Path(docx), Path(pdf)
    limit = timeout
    name = display_path(pdf)
    exe = soffice or _find_soffice()
    if exe is None:
        raise OutputError.one("E404", file=name)
    check_output(pdf)
    if not docx.is_file():
        detail = Say(f"không thấy tệp {display_path(docx)}", f"{display_path(docx)} not found")
        raise OutputError.one("E405", file=name, detail=detail)
    with tempfile.TemporaryDirectory(prefix="baocao-pdf-") as tmp:
        profile = Path(tmp, "profile")
        outdir = Path(tmp, "out")
        command = [
            exe,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(docx),
        ]
        try:
            proc = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=os.name == "posix",
            )
        except FileNotFoundError as exc:
            raise OutputError.one("E404", file=name) from exc
        except OSError as exc:
            raise OutputError.one("E405", file=name, detail=str(exc)) from exc
        with proc:
            try:
                stdout, stderr = proc.communicate(timeout=limit)
            except subprocess.TimeoutExpired as exc:
                _kill_group(proc)
                proc.communicate()
                raise OutputError.one("E408", file=name, seconds=format_number(limit)) from exc
        produced = outdir / f"{docx.stem}.pdf"
        if proc.returncode != 0 or not produced.is_file() or produced.stat().st_size == 0:
            status = proc.returncode
            silent = (
                Say(f"LibreOffice dừng với mã {status}", f"exit status {status}")
                if status
                else Say("LibreOffice không tạo ra tệp PDF", "LibreOffice produced no PDF")
            )
            said = _tail(stderr) or _tail(stdout) or silent
            raise OutputError.one("E405", file=name, detail=said)
        write_atomic(pdf, produced.read_bytes())
