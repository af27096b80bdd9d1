"""The summary a report is written with: its model, field by field, and its versions.

The summary is what a higher level or another system consumes, what an audit compares,
and what next year's report is compared with. Keys are English, for other systems;
docs/tom-tat-json.md describes every field and docs/tom-tat-json.schema.json is the
JSON Schema made from these models. The model is part of the data model (this stage)
because both ends use it: the report stage writes it, and the input stage reads the
summaries lower-level bodies send (``cap_duoi``).

Versions: ``baocao-summary/3`` is written; 2 and 1 are read (the keys a version lacks
take their defaults: ``null``, empty lists). What each version lacks for a roll-up is
said by :mod:`baocao.input.lower`.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from baocao.core.period import Period
from baocao.core.states import Submission, TaskStatus

FORMAT_PREFIX = "baocao-summary/"
VERSION = 3
FORMAT = f"{FORMAT_PREFIX}{VERSION}"
READABLE_VERSIONS = (1, 2, 3)
# A summary is a few MB even for a thousand units; a larger file is not one of ours.
MAX_SUMMARY_BYTES = 64 * 1024 * 1024

Number = int | float
Count = Annotated[int, Field(ge=0)]
"""A count or a counted indicator's figure: a whole number, never negative."""


class _Entry(BaseModel):
    """A part of the summary: nothing unknown, nothing changed once read."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class PlanInfo(_Entry):
    """The plan the report is on."""

    number: str = Field(description="Number and symbol of the plan: 25/KH-PTP")
    title: str = Field(description="Title of the plan, after the word 'Kế hoạch'")
    issuer: str = Field(description="Issuing body, in capitals")
    year: int = Field(description="Plan year")
    issuer_name: str | None = Field(
        None,
        description="The issuing body as running text names it: 'Phòng Tư pháp'; null "
        "before version 3",
    )
    carries_out: str | None = Field(
        None,
        description="Number of the higher level's plan this plan carries out "
        "(thuc_hien_ke_hoach); null when it says none",
    )


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


class HighlightEntry(_Entry):
    """A notable activity the report tells in words."""

    day: date = Field(description="Day of the activity")
    unit: str = Field(description="Who did it, as the report names them")
    text: str = Field(description="What was done")
    figures: dict[str, Count] = Field(description="Counted indicator -> its figure")


class Reach(_Entry):
    """Units at the lowest level a report covers: lower bodies' own units counted, not them."""

    units: Count = Field(description="Every reporting unit")
    reported: Count = Field(description="Those whose figures are in the report")


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
    activities: Count = Field(description="Activities in the window, lower bodies' included")
    units: list[str] = Field(description="Codes of the units that did something, plan order")
    totals: dict[str, Count] = Field(description="Counted indicators' totals in the window")
    indicators: list[IndicatorEntry] = Field(
        default_factory=list, description="Every indicator (counts and ratios); empty in version 1"
    )
    reached: Count | None = Field(
        None,
        description="Units at the lowest level that did something in the window (a lower "
        "body's own units counted, not the body); null before version 3",
    )
    activities_to_date: Count | None = Field(
        None,
        description="Activities from 'since' to the window's end; null before version 3",
    )
    highlights: list[HighlightEntry] = Field(
        default_factory=list,
        description="The activities the report tells as notable, in date order; empty "
        "before version 3",
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
    activities: dict[str, Count] = Field(description="Task code -> activities in the window")
    figures: dict[str, dict[str, Count]] = Field(
        description="Task code -> counted indicator -> the unit's total in the window"
    )
    lower: bool = Field(
        False, description="A lower-level body (cap_duoi) that sent its own report's summary"
    )
    reach: Reach | None = Field(
        None, description="A lower body: the units its report covers and was made from"
    )


class ComparedWith(_Entry):
    """The earlier summary the report was compared with."""

    file: str = Field(description="Its path, relative to the workspace when inside it")
    sha256: str = Field(description="SHA-256 of its bytes")
    year: int = Field(description="Its year")
    period: str = Field(description="Its period code (the same as this report's)")
    name: str = Field(description="Its period's name: '6 tháng đầu năm 2020'")


class Summary(_Entry):
    """The summary of one report (format ``baocao-summary/3``; versions 1 and 2 are read)."""

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
    units_word: str | None = Field(
        None, description="How the report speaks of its units: 'đơn vị', 'xã', 'trường'"
    )
    reach: Reach | None = Field(
        None, description="Units at the lowest level covered; null before version 3"
    )
    difficulties: list[str] = Field(
        default_factory=list,
        description="Difficulties the report states for the period (its units', then its "
        "own), for the level above; empty before version 3",
    )
    proposals: list[str] = Field(
        default_factory=list,
        description="What the report asks of the bodies above (its section V); empty "
        "before version 3",
    )
    received_on: date | None = Field(
        None,
        description="Set by the level above when it files the summary (baocao nhan): the "
        "day it received it; null in the sender's own copy",
    )
    warnings: list[WarningEntry] = Field(description="Warnings found in the workspace")
    inputs: list[FileDigest] = Field(description="Every file the report is made from")
    template: TemplateDigest = Field(description="The template")
    fingerprint: str = Field(description="One hash of everything that decides the report")

    def task(self, code: str) -> TaskEntry | None:
        return next((t for t in self.tasks if t.code == code), None)


def json_schema() -> dict[str, object]:
    """The JSON Schema of the summary written now (docs/tom-tat-json.schema.json)."""
    schema: dict[str, object] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": f"{FORMAT}: made from baocao.core.summary.Summary; do not edit by hand",
    }
    schema.update(Summary.model_json_schema())
    properties = schema["properties"]
    assert isinstance(properties, dict)
    properties["format"] = {**properties["format"], "const": FORMAT}
    return schema


def json_schema_text() -> str:
    """:func:`json_schema` as the file holds it."""
    import json

    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
