"""Where the workspace's reports go: checked before anything is written.

The configuration names the results folder (``thu_muc_ket_qua``) and, per report of
``compile --all``, a file name (``ten_tep``). A results folder outside the workspace or
a file name with a folder in it would let a configuration write anywhere the scheduled
user can; two reports with one file would overwrite each other on every run. A report
meant for another place is written with ``compile -o``, given on the command line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from baocao.atomic import NAME_MAX_BYTES
from baocao.core import keys
from baocao.core.models import ReportJob, WorkspaceConfig
from baocao.errors import Problem
from baocao.input.yamlio import Document
from baocao.messages import Say

__all__ = ["check_config_targets", "check_jobs", "name_problem"]

_NOT_DOCX = Say("phải có đuôi .docx", "it must end in .docx")
_HAS_FOLDER = Say(
    "chỉ ghi tên tệp, không ghi thư mục (báo cáo luôn nằm trong thư mục kết quả)",
    "give a file name only, no folder (reports go to the results folder)",
)
_CONTROL = Say("có ký tự điều khiển", "it holds control characters")


def name_problem(name: str) -> Say | None:
    """Why ``name`` cannot be a report's file name in the results folder, or None."""
    if "/" in name or "\\" in name or name in (".", "..") or PureWindowsPath(name).drive:
        return _HAS_FOLDER
    if any(unicodedata.category(c) == "Cc" for c in name):
        return _CONTROL
    if not name.lower().endswith(".docx"):
        return _NOT_DOCX
    size = len(name.encode("utf-8"))
    if size > NAME_MAX_BYTES:
        return Say(
            f"dài {size} byte, tối đa {NAME_MAX_BYTES}",
            f"{size} bytes long, at most {NAME_MAX_BYTES}",
        )
    return None


def _outside(folder: str) -> bool:
    """Whether a results folder, as written, leaves the workspace (absolute, or '..')."""
    posix, windows = PurePosixPath(folder), PureWindowsPath(folder)
    if posix.is_absolute() or windows.is_absolute() or windows.drive or windows.root:
        return True
    return ".." in posix.parts or ".." in windows.parts


def check_config_targets(config: WorkspaceConfig, doc: Document) -> list[Problem]:
    """The results folder lies inside the workspace; every ``ten_tep`` is a .docx name."""
    problems = []
    if _outside(config.output_dir):
        params = {"field": keys.OUTPUT_DIR, "got": config.output_dir}
        problems.append(Problem("E122", doc.place((keys.OUTPUT_DIR,)), params))
    for index, job in enumerate(config.jobs):
        why = None if job.output is None else name_problem(job.output)
        if why is not None:
            found: dict[str, Any] = {"field": keys.FILE_NAME, "detail": why}
            found["got"] = _shorten(job.output or "")
            problems.append(Problem("E120", doc.place((keys.JOBS, index, keys.FILE_NAME)), found))
    return problems


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


def check_jobs(
    jobs: Sequence[tuple[ReportJob, int | None, str | None]], doc: Document
) -> list[Problem]:
    """Each report of ``compile --all`` in its plan's year, and one file per report.

    ``jobs`` gives each job with its plan's year and the file name it writes (None
    when its plan could not be read: that job fails on its own). Names are compared
    as a Windows or macOS folder would: case and Unicode form ignored.
    """
    problems = []
    first: dict[str, int] = {}
    for index, (job, plan_year, name) in enumerate(jobs):
        if plan_year is not None and job.year is not None and job.year != plan_year:
            params = {"field": keys.YEAR, "got": job.year, "year": plan_year}
            problems.append(Problem("E123", doc.place((keys.JOBS, index, keys.YEAR)), params))
        if name is None:
            continue
        key = unicodedata.normalize("NFC", name).casefold()
        if key in first:
            other_line, _column = doc.locate((keys.JOBS, first[key]))
            params = {"file": name, "other_line": other_line}
            problems.append(Problem("E121", doc.place((keys.JOBS, index)), params))
        else:
            first[key] = index
    return problems
