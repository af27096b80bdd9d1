"""The settings of one run: what the environment says, read once, at the edge.

The command line builds :class:`Settings` from the environment when it starts and
hands it down; nothing below it reads the environment. Scripts calling the library
get the defaults, or pass their own.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PDF_TIMEOUT_SECONDS = 180.0
"""How long LibreOffice may take to make a PDF unless told otherwise."""


@dataclass(frozen=True)
class Settings:
    """How this run reads, checks and writes; every field has a documented default."""

    workspace: Path | None = None
    """The workspace when ``-w`` is not given (``BAOCAO_WORKSPACE``); else ./ or ./data/."""
    cache: bool = True
    """Keep checked logs in ``.baocao-cache/`` between runs (``BAOCAO_CACHE=0``: no)."""
    jobs: int | None = None
    """Processes that check logs (``BAOCAO_JOBS``); None: one per core for many files."""
    fast_yaml: bool = True
    """Read ordinary YAML files with LibYAML first (``BAOCAO_FAST_YAML=0``: never)."""
    pdf_timeout: float = PDF_TIMEOUT_SECONDS
    """Seconds LibreOffice may take to make a PDF (``BAOCAO_PDF_TIMEOUT``)."""
    debug: bool = False
    """Show the traceback of an internal error (``BAOCAO_DEBUG``)."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """The settings ``environ`` (default: this process's environment) asks for.

        A value that makes no sense (``BAOCAO_JOBS=many``) is the default, never an error:
        a scheduled run must not fail over a typo in its unit file.
        """
        env = os.environ if environ is None else environ
        workspace = env.get("BAOCAO_WORKSPACE", "")
        jobs = env.get("BAOCAO_JOBS", "").strip()
        return cls(
            workspace=Path(workspace) if workspace else None,
            cache=env.get("BAOCAO_CACHE", "1") != "0",
            jobs=int(jobs) if jobs.isdigit() else None,
            fast_yaml=env.get("BAOCAO_FAST_YAML", "1") != "0",
            pdf_timeout=_seconds(env.get("BAOCAO_PDF_TIMEOUT", "")),
            debug=bool(env.get("BAOCAO_DEBUG")),
        )


def _seconds(raw: str) -> float:
    """A positive number of seconds ("600", "0,5"), else the default timeout."""
    try:
        value = float(raw.strip().replace(",", "."))
    except ValueError:
        return PDF_TIMEOUT_SECONDS
    return value if 0 < value < float("inf") else PDF_TIMEOUT_SECONDS
