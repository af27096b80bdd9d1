"""The data model: the plan, the workspace configuration, narratives, and unit logs.

Keys in files are ASCII snake_case Vietnamese (what clerks read); attributes are
English (what code reads); pydantic aliases join the two. The activity-log model is
built from the plan at run time, so a unit's figures are checked against the
indicators its task declares, not against a list fixed in code.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    WithJsonSchema,
    create_model,
)
from pydantic_core import PydanticCustomError

from baocao.core import keys
from baocao.core.period import Period, Preset
from baocao.core.wording import short_title
from baocao.errors import Place

# Periods and presets are written as their codes; a schema lists the codes, plainly.
PeriodCode = Annotated[
    Period, WithJsonSchema({"type": "string", "enum": [p.value for p in Period]})
]
PresetCode = Annotated[
    Preset, WithJsonSchema({"type": "string", "enum": [p.value for p in Preset]})
]

MAX_COUNT = 10**9
"""Largest figure one activity may report: anything above is a typing slip."""

MIN_YEAR, MAX_YEAR = 1900, 2100
"""Years a date may fall in: anything else is a typing slip."""


class Model(BaseModel):
    """Base of every file model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --- reusable value types -------------------------------------------------------

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
ShortName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
UnitCode = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
TaskCode = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")]
IndicatorCode = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,59}$")]
KindCode = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
# An indicator of the same task ("so_vu_viec") or of another one ("NV6.so_vu_viec").
IndicatorRef = Annotated[
    str, StringConstraints(pattern=r"^([A-Za-z0-9][A-Za-z0-9._-]{0,39}\.)?[a-z][a-z0-9_]{0,59}$")
]

ALL_UNITS = "tat_ca"
"""``cach_tinh.don_vi_thuc_hien`` for the share of all the plan's units, whatever their kind."""
PERCENT = "%"
"""The unit of measure of a ratio indicator, which baocao computes and units never report."""

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_VN_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})/(\d{1,2})$")


def parse_date(value: Any) -> date:
    """A date written 2021-03-15 or 15/03/2021 (a YAML date object passes as is)."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        iso, vn = _ISO_DATE.match(text), _VN_DATE.match(text)
        parts = (
            (int(iso[1]), int(iso[2]), int(iso[3]))
            if iso
            else (int(vn[3]), int(vn[2]), int(vn[1]))
            if vn
            else None
        )
        if parts is not None:
            try:
                return date(*parts)
            except ValueError:
                pass
    raise PydanticCustomError("baocao_date", "not a valid date")


def parse_day_month(value: Any) -> tuple[int, int]:
    """A day of the year written 05/5 (day/month), as in "trước ngày 05/5"."""
    match = _DAY_MONTH.match(value.strip()) if isinstance(value, str) else None
    if match:
        day, month = int(match[1]), int(match[2])
        try:
            date(2000, month, day)  # a leap year, so 29/2 is accepted
            return day, month
        except ValueError:
            pass
    raise PydanticCustomError("baocao_day_month", "not a day/month")


_DIGITS = re.compile(r"^\d{1,18}$")


def _whole(value: Any) -> int | None:
    """``value`` as a whole number when it is one: an int (not a bool) or plain digits.

    Leading zeros are decimal ("03 hội nghị" is how counts are often written), never
    octal; signs, decimals, separators and prefixes such as 0x are not whole numbers.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and _DIGITS.match(value.strip()):
        return int(value)
    return None


def parse_whole(value: Any) -> int:
    """A whole number written as digits (a year, for instance)."""
    number = _whole(value)
    if number is None:
        raise PydanticCustomError("baocao_whole", "not a whole number")
    return number


def check_count(value: Any) -> int:
    """A non-negative whole number; never a float, so 1.500 is not read as 1.5."""
    number = _whole(value)
    if number is None or not 0 <= number <= MAX_COUNT:
        raise PydanticCustomError("baocao_count", "not a non-negative whole number")
    return number


_DECIMAL = re.compile(r"^\d{1,12}(?:\.\d{1,6})?$")
# "15.000" is fifteen thousand written the Vietnamese way far more often than fifteen:
# refused (E140 with a hint), never read as 15.
_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+$")


def check_target(value: Any) -> int | float:
    """A plan's target: a non-negative number (files keep scalars as text: '5', '87.5')."""
    if isinstance(value, str) and _GROUPED.match(value.strip()):
        raise PydanticCustomError("baocao_target", "digits grouped like thousands")
    if isinstance(value, str) and _DECIMAL.match(value.strip()):
        text = value.strip()
        value = float(text) if "." in text else int(text)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= MAX_COUNT:
        raise PydanticCustomError("baocao_target", "not a non-negative number")
    return value


def check_date_range(day: date) -> date:
    """A date in 1900–2100: anything else is a slip in the year."""
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise PydanticCustomError("baocao_date_range", "year outside 1900–2100")
    return day


ParsedDate = Annotated[date, BeforeValidator(parse_date)]
VnDate = Annotated[
    ParsedDate,
    AfterValidator(check_date_range),
    WithJsonSchema({"type": "string", "description": "Ngày, dạng 2021-03-15 hoặc 15/03/2021"}),
]
DayMonth = Annotated[
    tuple[int, int],
    BeforeValidator(parse_day_month),
    WithJsonSchema({"type": "string", "pattern": r"^\d{1,2}/\d{1,2}$"}),
]
Count = Annotated[
    int,
    BeforeValidator(check_count),
    WithJsonSchema({"type": "integer", "minimum": 0, "maximum": MAX_COUNT}),
]
Target = Annotated[
    int | float,
    BeforeValidator(check_target),
    WithJsonSchema({"type": "number", "minimum": 0}),
]
Year = Annotated[
    int,
    BeforeValidator(parse_whole),
    WithJsonSchema({"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR}),
]


# --- placeholders -------------------------------------------------------------------

PLACEHOLDER = re.compile(r"\[[^\[\]\d][^\[\]]*\]")
"""A value left to fill in, "[Họ và tên]"; a footnote mark "[1]" is not one."""
_WHOLE_PLACEHOLDER = re.compile(r"^\[[^\[\]]+\]$")


def is_placeholder(value: object) -> bool:
    """Whether ``value`` is, as a whole, a placeholder such as "[ngày ban hành]"."""
    return isinstance(value, str) and bool(_WHOLE_PLACEHOLDER.match(value))


def _or_placeholder(parse: Any) -> Any:
    """A before-validator: a whole placeholder stays text, anything else goes to ``parse``."""

    def before(value: Any) -> Any:
        if isinstance(value, str) and _WHOLE_PLACEHOLDER.match(value.strip()):
            return value.strip()
        return parse(value)

    return before


def _checked_date(value: date | str) -> date | str:
    return check_date_range(value) if isinstance(value, date) else value


DateOrPlaceholder = Annotated[
    date | str,
    BeforeValidator(_or_placeholder(parse_date)),
    AfterValidator(_checked_date),
    WithJsonSchema(
        {"type": "string", "description": "Ngày, dạng 2021-03-15 hoặc 15/03/2021 (hoặc [cần điền])"}
    ),
]
"""A date, or the placeholder an import wrote where the document gave none."""
DayMonthOrPlaceholder = Annotated[
    tuple[int, int] | str,
    BeforeValidator(_or_placeholder(parse_day_month)),
    WithJsonSchema({"type": "string", "pattern": r"^(\d{1,2}/\d{1,2}|\[[^\[\]]+\])$"}),
]


def plan_date(year: int, first: date | None = None) -> Any:
    """A date that must fall in the plan year ``year`` (or from ``first``, a day before it).

    ``first`` is where the plan's earliest data window starts when that is in the year
    before (Nghị định 09: 15/12): those days' activities belong to this year's log.
    """
    earliest = first if first is not None and first.year < year else date(year, 1, 1)

    def in_year(day: date) -> date:
        if not earliest <= day <= date(year, 12, 31):
            raise PydanticCustomError(
                "baocao_date_year", "date outside the plan year {year}", {"year": year}
            )
        return day

    return Annotated[
        ParsedDate,
        AfterValidator(in_year),
        WithJsonSchema({"type": "string", "description": f"Ngày trong năm {year}"}),
    ]


# --- the plan ---------------------------------------------------------------------


class RatioMethod(Model):
    """How baocao computes a ratio indicator, never from units' percentages: the share of
    units, or one indicator over another (exactly one way: validation checks it, E146)."""

    units_of_kind: KindCode | None = Field(
        None,
        alias=keys.UNITS_OF_KIND,
        description="Tỷ lệ đơn vị đã thực hiện nhiệm vụ trong kỳ trên tổng số đơn vị: "
        "tat_ca (mọi đơn vị của kế hoạch) hoặc một loại đơn vị (loai), ví dụ xa",
    )
    numerator: IndicatorRef | None = Field(
        None,
        alias=keys.NUMERATOR,
        description="Tử số: mã chỉ tiêu đếm của nhiệm vụ này, hoặc NV6.so_vu_viec cho nhiệm vụ khác",
    )
    denominator: IndicatorRef | None = Field(
        None,
        alias=keys.DENOMINATOR,
        description="Mẫu số: mã chỉ tiêu đếm của nhiệm vụ này, hoặc NV6.so_vu_viec cho nhiệm vụ khác",
    )


class Indicator(Model):
    """A figure that units report for a task, or a ratio baocao computes from such figures."""

    code: IndicatorCode = Field(
        alias=keys.CODE, description="Mã chỉ tiêu (chữ thường không dấu, _)"
    )
    label: Text = Field(
        alias=keys.NAME, description="Tên chỉ tiêu, viết thường: 'buổi tuyên truyền'"
    )
    unit_of_measure: Text = Field(
        alias=keys.UNIT_OF_MEASURE,
        description="Đơn vị tính: buổi, lượt người; '%' cho chỉ tiêu tỷ lệ",
    )
    target: Target | None = Field(
        None,
        alias=keys.TARGET,
        description="Mục tiêu cho cả thời gian kế hoạch: một số (với chỉ tiêu '%': tỷ lệ 0–100)",
    )
    targets_by_kind: dict[KindCode, Target] = Field(
        default_factory=dict,
        alias=keys.TARGETS_BY_KIND,
        description="Mục tiêu giao cho mỗi đơn vị thuộc một loại (loai của đơn vị): xa: 6",
    )
    targets_by_unit: dict[UnitCode, Target] = Field(
        default_factory=dict,
        alias=keys.TARGETS_BY_UNIT,
        description="Mục tiêu giao riêng cho từng đơn vị (mã đơn vị); thay mục tiêu theo loại",
    )
    method: RatioMethod | None = Field(
        None,
        alias=keys.PRESET,
        description="Cách tính chỉ tiêu '%' (baocao tính, đơn vị không ghi)",
    )

    @property
    def is_ratio(self) -> bool:
        """A percentage computed by baocao, never reported by units, summed or averaged."""
        return self.unit_of_measure == PERCENT


class Task(Model):
    """A task of the plan (mục II), with the indicators units report for it."""

    code: TaskCode = Field(alias=keys.CODE, description="Mã nhiệm vụ, ví dụ NV1")
    title: Text = Field(alias=keys.NAME, description="Tên nhiệm vụ, nguyên văn kế hoạch")
    short_name: ShortName | None = Field(
        None,
        alias=keys.SHORT_NAME,
        description="Tên ngắn làm đề mục trong báo cáo (không ghi: rút gọn từ tên nhiệm vụ)",
    )
    details: Text | None = Field(None, alias=keys.DETAILS, description="Nội dung chi tiết, nếu có")
    lead: Text = Field(alias=keys.LEAD, description="Đơn vị chủ trì")
    partners: Text | None = Field(None, alias=keys.PARTNERS, description="Đơn vị phối hợp")
    time_frame: Text = Field(alias=keys.TIME_FRAME, description="Thời gian thực hiện, nguyên văn")
    start: VnDate = Field(alias=keys.START, description="Ngày bắt đầu của thời gian thực hiện")
    end: VnDate = Field(alias=keys.END, description="Ngày kết thúc của thời gian thực hiện")
    product: Text | None = Field(None, alias=keys.PRODUCT, description="Kết quả, sản phẩm")
    indicators: list[Indicator] = Field(
        default_factory=list, alias=keys.INDICATORS, description="Các chỉ tiêu đơn vị báo cáo"
    )

    @property
    def short(self) -> str:
        """The name headings and running text use: ``ten_ngan``, or one cut from the title."""
        return self.short_name or short_title(self.title)

    @property
    def counted(self) -> list[Indicator]:
        """The indicators units report (every one but the ratios baocao computes)."""
        return [ind for ind in self.indicators if not ind.is_ratio]


class PeriodSchedule(Model):
    """Due date of one reporting period and, optionally, its data window."""

    due: DayMonthOrPlaceholder = Field(
        alias=keys.DUE, description="Hạn các đơn vị gửi báo cáo, dạng 05/5"
    )
    report_due: DayMonth | None = Field(
        None,
        alias=keys.REPORT_DUE,
        description="Hạn cơ quan tổng hợp báo cáo cấp trên, dạng 15/5: ngày ghi trên báo cáo; "
        "mặc định: hạn các đơn vị gửi, hoặc ngày nhận báo cáo muộn nhất nếu sau hạn",
    )
    window_start: DayMonth | None = Field(
        None, alias=keys.START, description="Số liệu tính từ ngày (ngày/tháng), nếu khác mặc định"
    )
    window_end: DayMonth | None = Field(
        None, alias=keys.END, description="Số liệu tính đến ngày (ngày/tháng), nếu khác mặc định"
    )


class Schedule(Model):
    """The plan's reporting duty (mục III)."""

    preset: PresetCode = Field(
        Preset.CALENDAR, alias=keys.PRESET, description="Cách tính kỳ số liệu: lich hoặc nd09"
    )
    periods: dict[PeriodCode, PeriodSchedule] = Field(
        alias=keys.PERIOD, description="Các kỳ báo cáo: 6m, 1y, q1–q4"
    )


class ReportingUnit(Model):
    """A unit that reports on the plan."""

    code: UnitCode = Field(alias=keys.CODE, description="Mã đơn vị, cũng là tên tệp nhật ký")
    name: Text = Field(alias=keys.NAME, description="Tên đơn vị")
    kind: KindCode | None = Field(
        None,
        alias=keys.KIND,
        description="Loại đơn vị (mã tự đặt, chữ thường không dấu: xa, phong): để giao mục "
        "tiêu theo loại và tính tỷ lệ đơn vị thực hiện",
    )
    lower: bool = Field(
        False,
        alias=keys.LOWER,
        description="Cơ quan cấp dưới: gửi tệp tóm tắt .json của báo cáo đã lập "
        "(<năm>/<mã>.json) thay cho nhật ký hoạt động",
    )


class Signer(Model):
    """Who signs: the report (baocao.yaml), or the plan as its document shows."""

    authority: str = Field(
        "",
        alias=keys.AUTHORITY,
        description="Dòng thẩm quyền khi ký thay, ví dụ 'KT. TRƯỞNG PHÒNG'; để trống khi thủ trưởng ký",
    )
    # Empty is read (a report cannot be signed without them, but a draft can be made):
    # validation names what is missing instead of refusing the whole configuration.
    title: str = Field("", alias=keys.TITLE, description="Chức vụ, chữ in hoa: TRƯỞNG PHÒNG")
    name: str = Field("", alias=keys.FULL_NAME, description="Họ và tên người ký")


class Plan(Model):
    """A plan (Kế hoạch) with its tasks, reporting schedule and reporting units."""

    parent_body: Text | None = Field(
        None, alias=keys.PARENT_BODY, description="Cơ quan chủ quản, chữ in hoa"
    )
    issuer: Text = Field(alias=keys.ISSUER, description="Cơ quan ban hành, chữ in hoa")
    issuer_name: Text | None = Field(
        None,
        alias=keys.ISSUER_NAME,
        description="Tên cơ quan ban hành viết trong câu: Phòng Tư pháp",
    )
    issuer_abbr: Annotated[str, StringConstraints(pattern=r"^([A-ZĐ0-9-]{1,20}|\[[^\[\]]+\])$")] = (
        Field(
            alias=keys.ISSUER_ABBR,
            description="Chữ viết tắt tên cơ quan trong ký hiệu văn bản: PTP",
        )
    )
    place: Text = Field(alias=keys.PLACE, description="Địa danh ghi ở dòng ngày tháng")
    number: Text = Field(alias=keys.NUMBER, description="Số, ký hiệu kế hoạch: 25/KH-PTP")
    issued_on: DateOrPlaceholder = Field(alias=keys.ISSUED_ON, description="Ngày ban hành kế hoạch")
    title: Text = Field(alias=keys.NAME, description="Tên kế hoạch, sau chữ 'Kế hoạch'")
    year: Year = Field(alias=keys.YEAR, ge=MIN_YEAR, le=MAX_YEAR, description="Năm kế hoạch")
    purposes: list[Text] = Field(default_factory=list, alias=keys.PURPOSES, description="Mục I")
    tasks: list[Task] = Field(alias=keys.TASKS, min_length=1, description="Mục II")
    organisation: list[Text] = Field(
        default_factory=list, alias=keys.ORGANISATION, description="Mục III"
    )
    schedule: Schedule = Field(alias=keys.SCHEDULE, description="Chế độ báo cáo")
    units: list[ReportingUnit] = Field(alias=keys.UNITS, min_length=1, description="Đơn vị báo cáo")
    units_word: Text | None = Field(
        None,
        alias=keys.UNITS_WORD,
        description="Báo cáo gọi các đơn vị báo cáo là gì: xã; phòng, ban; trường "
        "(mặc định: đơn vị)",
    )
    carries_out: Text | None = Field(
        None,
        alias=keys.CARRIES_OUT,
        description="Số, ký hiệu kế hoạch cấp trên mà kế hoạch này thực hiện, để cấp trên "
        "tổng hợp báo cáo: 25/KH-SVHTTDL",
    )
    signer: Signer | None = Field(None, alias=keys.SIGNER, description="Người ký kế hoạch")
    recipients: list[Text] = Field(
        default_factory=list,
        alias=keys.RECIPIENTS,
        description="Nơi nhận kế hoạch, mỗi dòng một nơi",
    )

    def task(self, code: str) -> Task:
        """The task ``code``; KeyError when the plan has none (logs name only its tasks)."""
        for task in self.tasks:
            if task.code == code:
                return task
        raise KeyError(f"the plan has no task {code!r}")

    def unit_name(self, code: str) -> str:
        return next((u.name for u in self.units if u.code == code), code)


# --- workspace configuration and narratives --------------------------------------


class ReportJob(Model):
    """One report that `baocao compile --all` produces."""

    period: PeriodCode = Field(alias=keys.PERIOD, description="Kỳ báo cáo: 6m, 1y, q1–q4")
    year: int | None = Field(
        None, alias=keys.YEAR, ge=1900, le=2100, description="Năm (mặc định: năm kế hoạch)"
    )
    plan_file: Text | None = Field(
        None, alias=keys.PLAN_FILE, description="Tệp kế hoạch khác, nếu có"
    )
    logs_dir: Text | None = Field(
        None, alias=keys.LOGS_DIR, description="Thư mục nhật ký (mặc định: thư mục <năm>)"
    )
    output: Text | None = Field(
        None, alias=keys.FILE_NAME, description="Tên tệp .docx trong thư mục kết quả"
    )
    pdf: bool = Field(False, alias=keys.PDF, description="Xuất thêm PDF")
    compare_with: Text | None = Field(
        None,
        alias=keys.COMPARE_WITH,
        description="Tệp tóm tắt .json của báo cáo cùng kỳ năm trước, để so sánh",
    )


class WorkspaceConfig(Model):
    """The workspace configuration file, baocao.yaml."""

    plan_file: Text = Field("ke-hoach.yaml", alias=keys.PLAN_FILE, description="Tệp kế hoạch")
    output_dir: Text = Field("ket-qua", alias=keys.OUTPUT_DIR, description="Thư mục kết quả")
    signer: Signer = Field(
        default_factory=lambda: Signer.model_validate({}),
        alias=keys.SIGNER,
        description="Người ký báo cáo",
    )
    recipients: list[Text] = Field(
        default_factory=list, alias=keys.RECIPIENTS, description="Nơi nhận, mỗi dòng một nơi"
    )
    jobs: list[ReportJob] = Field(
        default_factory=list, alias=keys.JOBS, description="Các báo cáo lập bằng compile --all"
    )


class Narrative(Model):
    """The clerk's own text for one period: dien-giai/<năm>-<kỳ>.yaml."""

    period: PeriodCode = Field(alias=keys.PERIOD, description="Kỳ báo cáo: 6m, 1y, q1–q4")
    year: Year = Field(alias=keys.YEAR, description="Năm")
    directing: list[Text] = Field(default_factory=list, alias=keys.DIRECTING, description="Mục I")
    strengths: list[Text] = Field(default_factory=list, alias=keys.STRENGTHS, description="Ưu điểm")
    shortcomings: list[Text] = Field(
        default_factory=list, alias=keys.SHORTCOMINGS, description="Tồn tại"
    )
    causes: list[Text] = Field(default_factory=list, alias=keys.CAUSES, description="Nguyên nhân")
    next_steps: list[Text] = Field(
        default_factory=list, alias=keys.NEXT_STEPS, description="Mục IV"
    )
    task_steps: dict[TaskCode, Text] = Field(
        default_factory=dict,
        alias=keys.TASK_STEPS,
        description="Mục IV cho từng nhiệm vụ (mã nhiệm vụ: câu), thay câu baocao tự viết",
    )
    proposals: list[Text] = Field(default_factory=list, alias=keys.PROPOSALS, description="Mục V")


# --- unit activity logs (models built from the plan) --------------------------------


class _ActivityFields(NamedTuple):
    task: str
    day: date
    text: str
    # The activity's position in its task's list, to point back into the file. It hides
    # tuple.index, which means nothing for an activity.
    index: int  # type: ignore[assignment]
    codes: tuple[str, ...]  # the task's indicator codes, one tuple shared by its activities
    values: tuple[int | None, ...]  # aligned with ``codes``; None: not reported


class Activity(_ActivityFields):
    """One thing a unit did for a task, with its figures.

    Held compactly (a national workspace has millions): the figures are a tuple aligned
    with the task's indicator codes, and :attr:`figures` gives them as a mapping.
    """

    __slots__ = ()

    def __new__(
        cls, task: str, day: date, text: str, figures: Mapping[str, int], index: int
    ) -> Activity:
        return cls.compact(task, day, text, index, tuple(figures), tuple(figures.values()))

    @classmethod
    def compact(
        cls,
        task: str,
        day: date,
        text: str,
        index: int,
        codes: tuple[str, ...],
        values: tuple[int | None, ...],
    ) -> Activity:
        """An activity from its stored fields, as readers and the cache hold them."""
        return tuple.__new__(cls, (task, day, text, index, codes, values))

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Pickled as its stored fields: __new__ takes the figures as a mapping.
        return tuple.__new__, (Activity, tuple(self))

    @property
    def figures(self) -> dict[str, int]:
        """The figures reported, by indicator code, in the plan's order."""
        pairs = zip(self.codes, self.values, strict=True)
        return {code: value for code, value in pairs if value is not None}


WHOLE_YEAR = "*"
"""Key of notes written as a plain list: they belong to the whole year, not one period."""

Notes = Mapping[str, tuple[str, ...]]
"""Difficulties or proposals by period code (6m, 1y, …), or under WHOLE_YEAR."""


def notes_for(notes: Notes, period: str) -> tuple[str, ...]:
    """The notes a report of ``period`` cites: its own, and those of the whole year."""
    return notes.get(period, ()) + notes.get(WHOLE_YEAR, ())


@dataclass(frozen=True)
class UnitLog:
    """A unit's validated activity log for one plan year."""

    file: str
    unit: str
    year: int
    sent: Mapping[Period, date]
    activities: tuple[Activity, ...]
    difficulties: Notes
    proposals: Notes
    # Where kho_khan / de_xuat stand when written as a plain list (whole year), for warnings.
    whole_year_places: Mapping[str, Place] = field(default_factory=dict)


_LOG_CONFIG = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class LogModel(BaseModel):
    """What every plan's activity-log model holds; :func:`build_log_model` fills in the
    plan's own units, periods, tasks and indicators, field by field, in this order."""

    model_config = _LOG_CONFIG

    unit: str
    year: int
    sent: BaseModel | None = None
    tasks: BaseModel | None = None
    difficulties: list[str] | BaseModel | None = None
    proposals: list[str] | BaseModel | None = None


def _model(
    name: str, doc: str, fields: dict[str, Any], base: type[BaseModel] | None = None
) -> type[BaseModel]:
    """A strict model made at run time (fields: name -> (type, FieldInfo))."""
    if base is not None:
        return create_model(name, __base__=base, __doc__=doc, **fields)
    made: type[BaseModel] = create_model(name, __config__=_LOG_CONFIG, __doc__=doc, **fields)
    return made


def _refuse_computed(value: Any) -> None:
    raise PydanticCustomError("baocao_computed", "computed by baocao, not reported")


Computed = Annotated[
    None,
    BeforeValidator(_refuse_computed),
    WithJsonSchema({"not": {}, "description": "Tỷ lệ do baocao tính; không ghi vào nhật ký"}),
]
"""A ratio indicator in a unit's log: never a value (only absent is valid)."""

LIST_TAG, BY_PERIOD_TAG = "<danh-sach>", "<theo-ky>"
"""Branches of the notes' union; pydantic puts them in error paths, validation drops them."""
_NOTES_HELP = "{} theo kỳ (6m: [...], 1y: [...]); một danh sách: của cả năm"


def _notes_shape(value: Any) -> str:
    # A mapping when read, the model when dumped.
    return BY_PERIOD_TAG if isinstance(value, Mapping | BaseModel) else LIST_TAG


def _notes_type(plan: Plan, name: str, what: str) -> Any:
    """kho_khan / de_xuat: a list (the whole year) or lists by the plan's periods."""
    by_period = _model(
        name,
        f"{what} theo kỳ báo cáo",
        {
            f"p_{p}": (
                list[Text] | None,
                Field(None, alias=p.value, description=f"{what} của kỳ {p}"),
            )
            for p in plan.schedule.periods
        },
    )
    return Annotated[
        Annotated[list[Text], Tag(LIST_TAG)] | Annotated[by_period, Tag(BY_PERIOD_TAG)],
        Discriminator(_notes_shape),
    ]


def _notes_of(value: list[str] | BaseModel | None) -> Notes:
    """Notes as validated: a list is the whole year's, a model holds them by period."""
    if isinstance(value, BaseModel):
        return {period: tuple(items) for period, items in _aliased(value) if items}
    return {WHOLE_YEAR: tuple(value)} if value else {}


def build_log_model(plan: Plan, first_day: date | None = None) -> type[LogModel]:
    """The pydantic model of one unit's activity log for ``plan``.

    Activities may be dated from ``first_day`` (the plan's earliest window start, when
    it lies in the year before) to the end of the plan year.
    """
    year_date = plan_date(plan.year, first_day)
    task_fields: dict[str, Any] = {}
    for t_index, task in enumerate(plan.tasks):
        figure_fields: dict[str, Any] = {
            f"i_{i}": (
                Count | None,
                Field(None, alias=ind.code, description=f"Số {ind.label} ({ind.unit_of_measure})"),
            )
            for i, ind in enumerate(task.counted)
        }
        # A ratio is computed from the counts; a unit that writes one is told so (E156).
        figure_fields.update(
            (
                f"r_{i}",
                (
                    Computed,
                    Field(None, alias=ind.code, description=f"{ind.label} (baocao tự tính)"),
                ),
            )
            for i, ind in enumerate(task.indicators)
            if ind.is_ratio
        )
        figures = _model(f"SoLieu_{t_index}", f"Số liệu của nhiệm vụ {task.code}", figure_fields)
        activity = _model(
            f"HoatDong_{t_index}",
            f"Một hoạt động thực hiện nhiệm vụ {task.code}",
            {
                "day": (year_date, Field(alias=keys.DAY, description="Ngày thực hiện")),
                "text": (Text, Field(alias=keys.TEXT, description="Nội dung hoạt động")),
                "figures": (figures | None, Field(None, alias=keys.FIGURES, description="Số liệu")),
            },
        )
        task_fields[f"t_{t_index}"] = (
            list[activity] | None,  # type: ignore[valid-type]
            Field(None, alias=task.code, description=f"{task.code}. {task.title}"),
        )
    tasks = _model("NhiemVu", "Hoạt động theo từng nhiệm vụ", task_fields)
    sent_fields: dict[str, Any] = {
        f"p_{p}": (VnDate | None, Field(None, alias=p.value)) for p in plan.schedule.periods
    }
    sent = _model("NgayGui", "Ngày đơn vị gửi báo cáo từng kỳ", sent_fields)
    difficulties = _notes_type(plan, "KhoKhan", "Khó khăn, vướng mắc")
    proposals = _notes_type(plan, "DeXuat", "Đề xuất, kiến nghị")
    unit_type: Any = Literal[tuple(u.code for u in plan.units)]
    made = _model(
        "NhatKy",
        f"Nhật ký hoạt động của một đơn vị, Kế hoạch {plan.number}",
        {
            "unit": (unit_type, Field(alias=keys.UNITS, description="Mã đơn vị")),
            "year": (Year, Field(alias=keys.YEAR, description="Năm kế hoạch")),
            "sent": (sent | None, Field(None, alias=keys.SENT, description="Ngày gửi báo cáo")),
            "tasks": (tasks | None, Field(None, alias=keys.TASKS, description="Hoạt động")),
            "difficulties": (
                difficulties | None,
                Field(None, alias=keys.DIFFICULTIES, description=_NOTES_HELP.format("Khó khăn")),
            ),
            "proposals": (
                proposals | None,
                Field(
                    None, alias=keys.PROPOSALS, description=_NOTES_HELP.format("Đề xuất, kiến nghị")
                ),
            ),
        },
        base=LogModel,
    )
    assert issubclass(made, LogModel)
    return made


def to_unit_log(log: LogModel, file: str) -> UnitLog:
    """A log validated by :func:`build_log_model`'s model, as plain domain data.

    Read straight from the validated model: each task's, indicator's and period's code
    is its field's alias, so nothing goes back through the file's keys.
    """
    activities = []
    for task, items in _aliased(log.tasks):
        if not items:
            continue
        names, codes = figure_fields(type(items[0]))
        for index, item in enumerate(items):
            figures = item.figures
            values = (
                tuple(getattr(figures, name) for name in names)
                if figures is not None
                else (None,) * len(codes)
            )
            activities.append(Activity.compact(task, item.day, item.text, index, codes, values))
    return UnitLog(
        file=file,
        unit=log.unit,
        year=log.year,
        sent={Period(code): day for code, day in _aliased(log.sent)},
        activities=tuple(activities),
        difficulties=_notes_of(log.difficulties),
        proposals=_notes_of(log.proposals),
    )


def figure_fields(activity: type[BaseModel]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """An activity model's counted figures: (attribute names, indicator codes), in order.

    Ratio indicators are left out: their field only refuses a value (E156).
    """
    optional = activity.model_fields["figures"].annotation
    model = next(t for t in typing.get_args(optional) if t is not type(None))
    fields = [(n, i) for n, i in model.model_fields.items() if i.annotation is not type(None)]
    return tuple(n for n, _i in fields), tuple(i.alias or n for n, i in fields)


def _aliased(part: BaseModel | None) -> list[tuple[str, Any]]:
    """(alias, value) of each field of ``part`` that holds something, in declared order."""
    if part is None:
        return []
    fields = type(part).model_fields
    found = [(info.alias or name, getattr(part, name)) for name, info in fields.items()]
    return [(alias, value) for alias, value in found if value is not None]
