"""The summary JSON written beside every report: its model and its reader.

The summary is what a higher level or another system consumes, what an audit compares,
and what next year's report is compared with (``compile --so-sanh``): period, window,
totals, indicators against their targets and against the earlier year, per-unit
figures and submission states, warnings, and the SHA-256 of every input. It holds no
clock time, so an unchanged report has an unchanged summary. Keys are English, for
other systems; docs/tom-tat-json.md describes every field.

Versions: ``baocao-summary/1`` (no indicators, targets or comparison) is still read;
``baocao-summary/2`` is written. A file of another version, of another program, or
damaged is refused with a clear error when a user names it, and silently rebuilt when
it is the report's own earlier summary. :mod:`baocao.report.summary_writer` builds it.
"""

from __future__ import annotations

import json
import stat
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from baocao.core.period import Period
from baocao.errors import InputError, Place, Problem
from baocao.input.files import decode_text, read_bytes
from baocao.messages import Say
from baocao.report.aggregate import Submission, TaskStatus

FORMAT_PREFIX = "baocao-summary/"
VERSION = 2
FORMAT = f"{FORMAT_PREFIX}{VERSION}"
READABLE_VERSIONS = (1, 2)
# A summary is a few MB even for a thousand units; a larger file is not one of ours.
MAX_SUMMARY_BYTES = 64 * 1024 * 1024

Number = int | float


class _Entry(BaseModel):
    """A part of the summary: nothing unknown, nothing changed once read."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class PlanInfo(_Entry):
    """The plan the report is on."""

    number: str = Field(description="Number and symbol of the plan: 25/KH-PTP")
    title: str = Field(description="Title of the plan, after the word 'Kế hoạch'")
    issuer: str = Field(description="Issuing body, in capitals")
    year: int = Field(description="Plan year")


class Span(_Entry):
    """A range of days, both ends included."""

    start: date = Field(description="First day")
    end: date = Field(description="Last day")


class FileDigest(_Entry):
    """A file and the SHA-256 of its bytes."""

    file: str = Field(description="Path relative to the workspace, with forward slashes")
    sha256: str = Field(description="SHA-256 of the file's bytes, hexadecimal")


class TemplateDigest(_Entry):
    """The report template used."""

    sha256: str = Field(description="SHA-256 of the template's bytes")


class WarningEntry(_Entry):
    """A warning found while reading the workspace (as `baocao validate --format json`)."""

    file: str | None = Field(description="File, relative to the workspace")
    line: int | None = Field(description="Line, from 1")
    column: int | None = Field(description="Column, from 1")
    code: str = Field(description="Stable code, e.g. W201")
    severity: Literal["error", "warning"] = Field(
        description="'warning' in warnings; 'error' for a draft's placeholders"
    )
    message: str = Field(description="The message in Vietnamese")


class UnitTargetEntry(_Entry):
    """A target given to one unit for an indicator, and where the unit stands."""

    unit: str = Field(description="Unit code")
    target: Number = Field(description="The unit's target for the plan's whole time frame")
    to_date: int = Field(
        description="What the unit did from the plan year's start to the window's end"
    )
    achieved: float | None = Field(
        description="to_date as a percentage of target, rounded toward zero to one decimal; "
        "null when the target is 0"
    )
    met: bool = Field(description="to_date >= target")


class IndicatorEntry(_Entry):
    """One indicator of a task: its value, against its target, against the earlier year."""

    code: str = Field(description="Indicator code, as in the plan")
    label: str = Field(description="Indicator name, as in the plan")
    unit: str = Field(description="Unit of measure; '%' for a ratio indicator")
    kind: Literal["count", "ratio"] = Field(
        description="count: summed from units' figures; ratio: a percentage baocao computes"
    )
    value: Number | None = Field(
        description="In the window: the total (count) or the percentage (ratio, rounded toward "
        "zero to one decimal); null for a ratio with nothing to divide by"
    )
    part: int | None = Field(None, description="Ratio only: the numerator in the window")
    whole: int | None = Field(None, description="Ratio only: the denominator in the window")
    to_date: Number | None = Field(
        description="Like value, from the plan year's first day (summary 'since') to the "
        "window's end: what targets are measured with"
    )
    target: Number | None = Field(
        None,
        description="Target for the plan's whole time frame (muc_tieu, or the sum of "
        "the units' targets); null when the plan sets none",
    )
    achieved: float | None = Field(
        None, description="Count only: to_date as a percentage of target, rounded toward zero"
    )
    met: bool | None = Field(None, description="to_date >= target; null without a target")
    unit_targets: list[UnitTargetEntry] = Field(
        default_factory=list, description="Targets given to single units, in the plan's order"
    )
    earlier: Number | None = Field(
        None, description="Value in the same period of the earlier year compared with"
    )
    change: Literal["up", "down", "same", "new"] | None = Field(
        None,
        description="Against the earlier year; 'new': not in the earlier summary; "
        "null when no comparison was asked for or a value is missing",
    )
    change_amount: float | None = Field(
        None,
        description="Count: the change in percent of the earlier value; ratio: the "
        "change in percentage points; rounded toward zero; null when the earlier value is 0",
    )


class TaskEntry(_Entry):
    """One plan task over the window."""

    code: str = Field(description="Task code, as in the plan")
    title: str = Field(description="Task title, as in the plan")
    status: TaskStatus = Field(
        description="done: time frame over, something done; in_progress; not_due: starts "
        "after the window; not_done: due, nothing reported"
    )
    outcome: Literal["exceeded", "completed", "not_met"] | None = Field(
        None,
        description="Against its targets once its time frame has ended: 'exceeded' "
        "(every target met, one at least gone beyond), 'completed', 'not_met'; null before "
        "the end or without targets",
    )
    activities: int = Field(description="Activities in the window")
    units: list[str] = Field(description="Codes of the units that did something, plan order")
    totals: dict[str, int] = Field(description="Counted indicators' totals in the window")
    indicators: list[IndicatorEntry] = Field(
        default_factory=list, description="Every indicator (counts and ratios); empty in version 1"
    )


class UnitEntry(_Entry):
    """One reporting unit over the window."""

    code: str = Field(description="Unit code")
    name: str = Field(description="Unit name")
    submission: Submission = Field(
        description="Whether the unit sent its report for the period, and when"
    )
    sent_on: date | None = Field(description="Day the unit sent its report")
    days_late: int | None = Field(description="Days after the due date, when late")
    activities: dict[str, int] = Field(description="Task code -> activities in the window")
    figures: dict[str, dict[str, int]] = Field(
        description="Task code -> counted indicator -> the unit's total in the window"
    )


class ComparedWith(_Entry):
    """The earlier summary the report was compared with."""

    file: str = Field(description="Its path, relative to the workspace when inside it")
    sha256: str = Field(description="SHA-256 of its bytes")
    year: int = Field(description="Its year")
    period: str = Field(description="Its period code (the same as this report's)")
    name: str = Field(description="Its period's name: '6 tháng đầu năm 2020'")


class Summary(_Entry):
    """The summary of one report (format ``baocao-summary/2``, reads version 1 too)."""

    format: str = Field(description="baocao-summary/<version>")
    baocao: str = Field(description="Version of baocao that wrote it")
    plan: PlanInfo = Field(description="The plan reported on")
    period: Period = Field(description="Period code: 6m, 1y, q1–q4")
    year: int = Field(description="Report year")
    name: str = Field(description="Period's name: '6 tháng đầu năm 2021'")
    window: Span = Field(description="The days whose data the report covers")
    since: date | None = Field(
        None,
        description="First day counted against targets (the plan year's start, or the "
        "window's when earlier); null in version 1",
    )
    due: date | None = Field(description="Due date of the period's report")
    report_date: date = Field(description="Date printed on the report")
    as_of: date | None = Field(
        None,
        description="Day up to which submissions were counted (the report's date by "
        "default); absent from the earliest version-1 files",
    )
    draft: bool = Field(False, description="A draft, marked 'DỰ THẢO': placeholders are left")
    placeholders: list[WarningEntry] = Field(
        default_factory=list, description="What a draft leaves to fill in (E130–E134)"
    )
    report: FileDigest = Field(description="The .docx")
    pdf: FileDigest | None = Field(description="The PDF, when made")
    spreadsheet: FileDigest | None = Field(
        None, description="The companion spreadsheet of per-unit figures, when the report has one"
    )
    compared_with: ComparedWith | None = Field(
        None, description="The earlier year's summary compared with (compile --so-sanh)"
    )
    tasks: list[TaskEntry] = Field(description="Every plan task, in the plan's order")
    units: list[UnitEntry] = Field(description="Every reporting unit, in the plan's order")
    warnings: list[WarningEntry] = Field(description="Warnings found in the workspace")
    inputs: list[FileDigest] = Field(description="Every file the report is made from")
    template: TemplateDigest = Field(description="The template")
    fingerprint: str = Field(description="One hash of everything that decides the report")

    def task(self, code: str) -> TaskEntry | None:
        return next((t for t in self.tasks if t.code == code), None)


# --- reading ---------------------------------------------------------------------------


def parse_summary(raw: bytes, file: str) -> Summary:
    """A summary from its bytes; an :class:`InputError` naming ``file`` when it is not one
    baocao can read: E150 not a summary, E151 an unknown version, E152 damaged."""
    try:
        data = json.loads(decode_text(raw, file))
    except (ValueError, RecursionError):
        raise InputError.one("E150", file, detail=_NOT_JSON) from None
    version = data.get("format") if isinstance(data, dict) else None
    if not (isinstance(version, str) and version.startswith(FORMAT_PREFIX)):
        raise InputError.one("E150", file, detail=_NO_FORMAT)
    number = version.removeprefix(FORMAT_PREFIX)
    if number not in {str(v) for v in READABLE_VERSIONS}:
        known = ", ".join(str(v) for v in READABLE_VERSIONS)
        raise InputError.one("E151", file, version=number[:20], known=known)
    try:
        return Summary.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(step) for step in first["loc"]) or "format"
        detail = _MISSING if first["type"] == "missing" else Say("sai giá trị", first["msg"])
        raise InputError.one("E152", file, field=field[:120], detail=detail) from None


_MISSING = Say("thiếu trường này", "the field is missing")
_NOT_JSON = Say("nội dung không phải JSON", "its content is not JSON")
_NO_FORMAT = Say(
    'không có dòng "format": "baocao-summary/…"', 'there is no "format": "baocao-summary/…"'
)


def load_summary(path: Path, file: str) -> Summary:
    """The summary at ``path`` (named ``file`` in messages), or a located InputError."""
    try:
        info = path.stat()
    except OSError:
        info = None
    if info is not None and stat.S_ISREG(info.st_mode) and info.st_size > MAX_SUMMARY_BYTES:
        params = {"size": round(info.st_size / 1048576, 1), "limit": MAX_SUMMARY_BYTES >> 20}
        raise InputError([Problem("E007", Place(file), params)])
    if info is not None and stat.S_ISREG(info.st_mode):
        try:
            return parse_summary(path.read_bytes(), file)
        except OSError:
            pass
    # Missing, a folder, unreadable: the located errors every input gets.
    return parse_summary(read_bytes(path, file), file)


def read_summary(path: Path) -> Summary | None:
    """The report's own earlier summary, or None when there is none or it cannot be read.

    Whatever the file holds (garbage bytes, JSON nested a million deep, a folder, another
    version), the answer is None and the report is made again.
    """
    try:
        if path.stat().st_size > MAX_SUMMARY_BYTES:
            return None
        return parse_summary(path.read_bytes(), path.name)
    except (OSError, InputError):
        return None
