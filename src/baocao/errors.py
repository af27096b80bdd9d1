"""One error hierarchy for everything a user can get wrong, each problem with its place.

The core never prints: it raises a :class:`BaocaoError` carrying one or more
:class:`Problem` objects, and the CLI renders them once, in the user's language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path
from typing import Any, Literal

from baocao.messages import render_message

Severity = Literal["error", "warning"]


class ExitCode(IntEnum):
    """Process exit codes, the same for every command."""

    OK = 0
    INVALID_INPUT = 1
    USAGE = 2
    STRICT_WARNINGS = 3
    OUTPUT = 4
    LOCKED = 5
    DRAFT_ONLY = 6
    INTERNAL = 70


@dataclass(frozen=True)
class Place:
    """Where in the user's files something is: a file, then a line and column, or a cell.

    A text file is placed by line and column (``2021/xa-an-binh.yaml:14:7``); a
    spreadsheet by sheet and cell (``xa-an-binh.xlsx:Hoạt động!B7``), with ``line`` the
    row and ``column`` the column's number (B is 2), so places of both kinds sort alike.
    Any part may be unknown: a problem of a whole file has a file only.
    """

    file: str | None = None
    line: int | None = None
    column: int | None = None
    sheet: str | None = None

    @classmethod
    def cell(cls, file: str, sheet: str, ref: str) -> Place:
        """The place of cell ``ref`` ("B7") of ``sheet`` in ``file``."""
        match = _CELL.fullmatch(ref.upper())
        if match is None:
            raise ValueError(f"not a cell reference: {ref!r}")
        number = 0
        for letter in match["column"]:
            number = number * 26 + ord(letter) - ord("A") + 1
        return cls(file, int(match["row"]), number, sheet)

    @property
    def cell_ref(self) -> str | None:
        """The spreadsheet reference of this place ("B7"), when it is a cell."""
        if self.sheet is None or self.line is None or self.column is None:
            return None
        letters, number = "", self.column
        while number:
            number, rest = divmod(number - 1, 26)
            letters = chr(ord("A") + rest) + letters
        return f"{letters}{self.line}"

    def __str__(self) -> str:
        file = self.file or "<baocao>"
        if self.sheet is not None:
            cell = self.cell_ref or (str(self.line) if self.line is not None else "")
            return f"{file}:{self.sheet}!{cell}" if cell else f"{file}:{self.sheet}"
        parts = [file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def sort_key(self) -> tuple[str, str, int, int]:
        return (self.file or "", self.sheet or "", self.line or 0, self.column or 0)


_CELL = re.compile(r"(?P<column>[A-Z]{1,3})(?P<row>[1-9][0-9]*)")
NOWHERE = Place()


@dataclass(frozen=True)
class Problem:
    """One located finding: an error that stops the run, or a warning that does not."""

    code: str
    place: Place = NOWHERE
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)

    @property
    def file(self) -> str | None:
        return self.place.file

    @property
    def line(self) -> int | None:
        return self.place.line

    @property
    def column(self) -> int | None:
        return self.place.column

    @property
    def severity(self) -> Severity:
        return "warning" if self.code.startswith("W") else "error"

    def message(self, lang: str = "vi") -> str:
        return render_message(self.code, self.params, lang)

    def format(self, lang: str = "vi") -> str:
        return f"{self.place}: {self.code} {self.message(lang)}"

    def to_dict(self, lang: str = "vi") -> dict[str, Any]:
        """The problem as JSON data; a spreadsheet's place adds its sheet and cell."""
        data = {"file": self.file, "line": self.line, "column": self.column}
        if self.place.sheet is not None:
            data |= {"sheet": self.place.sheet, "cell": self.place.cell_ref}
        return data | {"code": self.code, "severity": self.severity, "message": self.message(lang)}

    def sort_key(self) -> tuple[str, str, int, int, str]:
        return (*self.place.sort_key(), self.code)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems ordered by file, line, column, code; exact repeats dropped."""
    return sorted(set(problems), key=Problem.sort_key)


class BaocaoError(Exception):
    """Root of every error a user can cause; carries the located problems."""

    exit_code: ExitCode = ExitCode.INVALID_INPUT

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sort_problems(problems)
        super().__init__("; ".join(p.format("en") for p in self.problems))

    @classmethod
    def one(
        cls,
        code: str,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        **params: Any,
    ) -> BaocaoError:
        return cls([Problem(code, Place(file, line, column), params)])

    @classmethod
    def at(cls, code: str, place: Place, **params: Any) -> BaocaoError:
        return cls([Problem(code, place, params)])

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


class InputError(BaocaoError):
    """The workspace's files (plan, logs, configuration) are not valid."""

    exit_code = ExitCode.INVALID_INPUT


class PlaceholderError(InputError):
    """Only placeholders are left: the workspace can make a draft, not a report to sign."""

    exit_code = ExitCode.DRAFT_ONLY


class OptionError(BaocaoError):
    """Command options that are wrong or contradict each other (a year not the plan's,
    --from after --to, a report dated before its data): the command line needs fixing.

    Checked by the library, so scripts calling :mod:`baocao.api` get the same answer;
    a problem's place is the option (``--year``) when it names one.
    """

    exit_code = ExitCode.USAGE


class TemplateError(BaocaoError):
    """The report template is broken or asks for data that does not exist."""

    exit_code = ExitCode.OUTPUT


class OutputError(BaocaoError):
    """A result could not be written (folder, permissions, full disk, missing converter)."""

    exit_code = ExitCode.OUTPUT


class WorkspaceLockedError(BaocaoError):
    """Another run holds the workspace."""

    exit_code = ExitCode.LOCKED


class Terminated(BaseException):
    """SIGTERM, as systemd or a scheduler stopping the run sends it (exit code 143).

    A BaseException, like KeyboardInterrupt for Ctrl-C: no ``except Exception`` stops
    the run from unwinding.
    """


def display_path(path: Path) -> str:
    """How a file is named in messages: relative to the current folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


class DisplayNames:
    """:func:`display_path` for the many files of a few folders, for one moment: the current
    folder and each file's folder are resolved once, and a file that is no link is its
    resolved folder and its own name."""

    def __init__(self) -> None:
        self.here = Path.cwd().resolve()
        self.folders: dict[Path, Path] = {}

    def __call__(self, path: Path) -> str:
        folder = self.folders.get(path.parent)
        if folder is None:
            folder = self.folders[path.parent] = path.parent.resolve()
        resolved = path.resolve() if path.is_symlink() else folder / path.name
        try:
            return resolved.relative_to(self.here).as_posix()
        except ValueError:
            return str(path)
