"""The data model: the plan, the workspace configuration, narratives, and unit logs.

Keys in files are ASCII snake_case Vietnamese (what clerks read); attributes are
English (what code reads); pydantic aliases join the two. The activity-log model is
built from the plan at run time, so a unit's figures are checked against the
indicators its task declares, not against a list fixed in code.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, Literal

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

from baocao.core.wording import short_title

PERIOD_CODES = ("6m", "1y", "q1", "q2", "q3", "q4")
PeriodCode = Literal["6m", "1y", "q1", "q2", "q3", "q4"]

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
        alias="don_vi_thuc_hien",
        description="Tỷ lệ đơn vị đã thực hiện nhiệm vụ trong kỳ trên tổng số đơn vị: "
        "tat_ca (mọi đơn vị của kế hoạch) hoặc một loại đơn vị (loai), ví dụ xa",
    )
    numerator: IndicatorRef | None = Field(
        None,
        alias="tu_so",
        description="Tử số: mã chỉ tiêu đếm của nhiệm vụ này, hoặc NV6.so_vu_viec cho nhiệm vụ khác",
    )
    denominator: IndicatorRef | None = Field(
        None,
        alias="mau_so",
        description="Mẫu số: mã chỉ tiêu đếm của nhiệm vụ này, hoặc NV6.so_vu_viec cho nhiệm vụ khác",
    )


class Indicator(Model):
    """A figure that units report for a task, or a ratio baocao computes from such figures."""

    code: IndicatorCode = Field(alias="ma", description="Mã chỉ tiêu (chữ thường không dấu, _)")
    label: Text = Field(alias="ten", description="Tên chỉ tiêu, viết thường: 'buổi tuyên truyền'")
    unit_of_measure: Text = Field(
        alias="don_vi_tinh", description="Đơn vị tính: buổi, lượt người; '%' cho chỉ tiêu tỷ lệ"
    )
    target: Target | None = Field(
        None,
        alias="muc_tieu",
        description="Mục tiêu cho cả thời gian kế hoạch: một số (với chỉ tiêu '%': tỷ lệ 0–100)",
    )
    targets_by_kind: dict[KindCode, Target] = Field(
        default_factory=dict,
        alias="muc_tieu_theo_loai",
        description="Mục tiêu giao cho mỗi đơn vị thuộc một loại (loai của đơn vị): xa: 6",
    )
    targets_by_unit: dict[UnitCode, Target] = Field(
        default_factory=dict,
        alias="muc_tieu_theo_don_vi",
        description="Mục tiêu giao riêng cho từng đơn vị (mã đơn vị); thay mục tiêu theo loại",
    )
    method: RatioMethod | None = Field(
        None,
        alias="cach_tinh",
        description="Cách tính chỉ tiêu '%' (baocao tính, đơn vị không ghi)",
    )

    @property
    def is_ratio(self) -> bool:
        """A percentage computed by baocao, never reported by units, summed or averaged."""
        return self.unit_of_measure == PERCENT


class Task(Model):
    """A task of the plan (mục II), with the indicators units report for it."""

    code: TaskCode = Field(alias="ma", description="Mã nhiệm vụ, ví dụ NV1")
    title: Text = Field(alias="ten", description="Tên nhiệm vụ, nguyên văn kế hoạch")
    short_name: ShortName | None = Field(
        None,
        alias="ten_ngan",
        description="Tên ngắn làm đề mục trong báo cáo (không ghi: rút gọn từ tên nhiệm vụ)",
    )
    details: Text | None = Field(None, alias="noi_dung", description="Nội dung chi tiết, nếu có")
    lead: Text = Field(alias="chu_tri", description="Đơn vị chủ trì")
    partners: Text | None = Field(None, alias="phoi_hop", description="Đơn vị phối hợp")
    time_frame: Text = Field(alias="thoi_gian", description="Thời gian thực hiện, nguyên văn")
    start: VnDate = Field(alias="tu_ngay", description="Ngày bắt đầu của thời gian thực hiện")
    end: VnDate = Field(alias="den_ngay", description="Ngày kết thúc của thời gian thực hiện")
    product: Text | None = Field(None, alias="san_pham", description="Kết quả, sản phẩm")
    indicators: list[Indicator] = Field(
        default_factory=list, alias="chi_tieu", description="Các chỉ tiêu đơn vị báo cáo"
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
        alias="han_nop", description="Hạn các đơn vị gửi báo cáo, dạng 05/5"
    )
    report_due: DayMonth | None = Field(
        None,
        alias="han_bao_cao",
        description="Hạn cơ quan tổng hợp báo cáo cấp trên, dạng 15/5: ngày ghi trên báo cáo; "
        "mặc định: hạn các đơn vị gửi, hoặc ngày nhận báo cáo muộn nhất nếu sau hạn",
    )
    window_start: DayMonth | None = Field(
        None, alias="tu_ngay", description="Số liệu tính từ ngày (ngày/tháng), nếu khác mặc định"
    )
    window_end: DayMonth | None = Field(
        None, alias="den_ngay", description="Số liệu tính đến ngày (ngày/tháng), nếu khác mặc định"
    )


class Schedule(Model):
    """The plan's reporting duty (mục III)."""

    preset: Literal["lich", "nd09"] = Field(
        "lich", alias="cach_tinh", description="Cách tính kỳ số liệu: lich hoặc nd09"
    )
    periods: dict[PeriodCode, PeriodSchedule] = Field(
        alias="ky", description="Các kỳ báo cáo: 6m, 1y, q1–q4"
    )


class ReportingUnit(Model):
    """A unit that reports on the plan."""

    code: UnitCode = Field(alias="ma", description="Mã đơn vị, cũng là tên tệp nhật ký")
    name: Text = Field(alias="ten", description="Tên đơn vị")
    kind: KindCode | None = Field(
        None,
        alias="loai",
        description="Loại đơn vị (mã tự đặt, chữ thường không dấu: xa, phong): để giao mục "
        "tiêu theo loại và tính tỷ lệ đơn vị thực hiện",
    )


class Signer(Model):
    """Who signs: the report (baocao.yaml), or the plan as its document shows."""

    authority: str = Field(
        "",
        alias="quyen_han",
        description="Dòng thẩm quyền khi ký thay, ví dụ 'KT. TRƯỞNG PHÒNG'; để trống khi thủ trưởng ký",
    )
    # Empty is read (a report cannot be signed without them, but a draft can be made):
    # validation names what is missing instead of refusing the whole configuration.
    title: str = Field("", alias="chuc_vu", description="Chức vụ, chữ in hoa: TRƯỞNG PHÒNG")
    name: str = Field("", alias="ho_ten", description="Họ và tên người ký")


class Plan(Model):
    """A plan (Kế hoạch) with its tasks, reporting schedule and reporting units."""

    parent_body: Text | None = Field(
        None, alias="co_quan_chu_quan", description="Cơ quan chủ quản, chữ in hoa"
    )
    issuer: Text = Field(alias="co_quan_ban_hanh", description="Cơ quan ban hành, chữ in hoa")
    issuer_name: Text | None = Field(
        None, alias="ten_co_quan", description="Tên cơ quan ban hành viết trong câu: Phòng Tư pháp"
    )
    issuer_abbr: Annotated[str, StringConstraints(pattern=r"^([A-ZĐ0-9-]{1,20}|\[[^\[\]]+\])$")] = (
        Field(alias="ky_hieu", description="Chữ viết tắt tên cơ quan trong ký hiệu văn bản: PTP")
    )
    place: Text = Field(alias="dia_danh", description="Địa danh ghi ở dòng ngày tháng")
    number: Text = Field(alias="so", description="Số, ký hiệu kế hoạch: 25/KH-PTP")
    issued_on: DateOrPlaceholder = Field(
        alias="ngay_ban_hanh", description="Ngày ban hành kế hoạch"
    )
    title: Text = Field(alias="ten", description="Tên kế hoạch, sau chữ 'Kế hoạch'")
    year: Year = Field(alias="nam", ge=MIN_YEAR, le=MAX_YEAR, description="Năm kế hoạch")
    purposes: list[Text] = Field(default_factory=list, alias="muc_dich", description="Mục I")
    tasks: list[Task] = Field(alias="nhiem_vu", min_length=1, description="Mục II")
    organisation: list[Text] = Field(
        default_factory=list, alias="to_chuc_thuc_hien", description="Mục III"
    )
    schedule: Schedule = Field(alias="bao_cao_dinh_ky", description="Chế độ báo cáo")
    units: list[ReportingUnit] = Field(alias="don_vi", min_length=1, description="Đơn vị báo cáo")
    signer: Signer | None = Field(None, alias="nguoi_ky", description="Người ký kế hoạch")
    recipients: list[Text] = Field(
        default_factory=list, alias="noi_nhan", description="Nơi nhận kế hoạch, mỗi dòng một nơi"
    )

    def task(self, code: str) -> Task:
        return next(t for t in self.tasks if t.code == code)

    def unit_name(self, code: str) -> str:
        return next((u.name for u in self.units if u.code == code), code)


# --- workspace configuration and narratives --------------------------------------


class ReportJob(Model):
    """One report that `baocao compile --all` produces."""

    period: PeriodCode = Field(alias="ky", description="Kỳ báo cáo: 6m, 1y, q1–q4")
    year: int | None = Field(
        None, alias="nam", ge=1900, le=2100, description="Năm (mặc định: năm kế hoạch)"
    )
    plan_file: Text | None = Field(None, alias="ke_hoach", description="Tệp kế hoạch khác, nếu có")
    logs_dir: Text | None = Field(
        None, alias="thu_muc_nhat_ky", description="Thư mục nhật ký (mặc định: thư mục <năm>)"
    )
    output: Text | None = Field(
        None, alias="ten_tep", description="Tên tệp .docx trong thư mục kết quả"
    )
    pdf: bool = Field(False, alias="pdf", description="Xuất thêm PDF")
    compare_with: Text | None = Field(
        None,
        alias="so_sanh",
        description="Tệp tóm tắt .json của báo cáo cùng kỳ năm trước, để so sánh",
    )


class WorkspaceConfig(Model):
    """The workspace configuration file, baocao.yaml."""

    plan_file: Text = Field("ke-hoach.yaml", alias="ke_hoach", description="Tệp kế hoạch")
    output_dir: Text = Field("ket-qua", alias="thu_muc_ket_qua", description="Thư mục kết quả")
    signer: Signer = Field(
        default_factory=lambda: Signer.model_validate({}),
        alias="nguoi_ky",
        description="Người ký báo cáo",
    )
    recipients: list[Text] = Field(
        default_factory=list, alias="noi_nhan", description="Nơi nhận, mỗi dòng một nơi"
    )
    jobs: list[ReportJob] = Field(
        default_factory=list, alias="bao_cao", description="Các báo cáo lập bằng compile --all"
    )


class Narrative(Model):
    """The clerk's own text for one period: dien-giai/<năm>-<kỳ>.yaml."""

    period: PeriodCode = Field(alias="ky", description="Kỳ báo cáo: 6m, 1y, q1–q4")
    year: Year = Field(alias="nam", description="Năm")
    directing: list[Text] = Field(default_factory=list, alias="chi_dao", description="Mục I")
    strengths: list[Text] = Field(default_factory=list, alias="uu_diem", description="Ưu điểm")
    shortcomings: list[Text] = Field(default_factory=list, alias="ton_tai", description="Tồn tại")
    causes: list[Text] = Field(default_factory=list, alias="nguyen_nhan", description="Nguyên nhân")
    next_steps: list[Text] = Field(default_factory=list, alias="phuong_huong", description="Mục IV")
    task_steps: dict[TaskCode, Text] = Field(
        default_factory=dict,
        alias="phuong_huong_nhiem_vu",
        description="Mục IV cho từng nhiệm vụ (mã nhiệm vụ: câu), thay câu baocao tự viết",
    )
    proposals: list[Text] = Field(default_factory=list, alias="de_xuat", description="Mục V")


# --- unit activity logs (models built from the plan) --------------------------------


@dataclass(frozen=True)
class Activity:
    """One thing a unit did for a task, with its figures."""

    task: str
    day: date
    text: str
    figures: Mapping[str, int]
    index: int  # position in the task's list, to point back into the file


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
    sent: Mapping[str, date]
    activities: tuple[Activity, ...]
    difficulties: Notes
    proposals: Notes
    # Line of kho_khan / de_xuat when written as a plain list (whole year), for warnings.
    whole_year_lines: Mapping[str, int] = field(default_factory=dict)


_LOG_CONFIG = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _model(name: str, doc: str, fields: dict[str, Any]) -> type[BaseModel]:
    """A strict model made at run time (fields: name -> (type, FieldInfo))."""
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
            f"p_{p}": (list[Text] | None, Field(None, alias=p, description=f"{what} của kỳ {p}"))
            for p in plan.schedule.periods
        },
    )
    return Annotated[
        Annotated[list[Text], Tag(LIST_TAG)] | Annotated[by_period, Tag(BY_PERIOD_TAG)],
        Discriminator(_notes_shape),
    ]


def _notes(value: Any) -> Notes:
    if isinstance(value, Mapping):
        return {period: tuple(items) for period, items in value.items() if items}
    return {WHOLE_YEAR: tuple(value)} if value else {}


def build_log_model(plan: Plan, first_day: date | None = None) -> type[BaseModel]:
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
                "day": (year_date, Field(alias="ngay", description="Ngày thực hiện")),
                "text": (Text, Field(alias="noi_dung", description="Nội dung hoạt động")),
                "figures": (figures | None, Field(None, alias="so_lieu", description="Số liệu")),
            },
        )
        task_fields[f"t_{t_index}"] = (
            list[activity] | None,  # type: ignore[valid-type]
            Field(None, alias=task.code, description=f"{task.code}. {task.title}"),
        )
    tasks = _model("NhiemVu", "Hoạt động theo từng nhiệm vụ", task_fields)
    sent_fields: dict[str, Any] = {
        f"p_{p}": (VnDate | None, Field(None, alias=p)) for p in plan.schedule.periods
    }
    sent = _model("NgayGui", "Ngày đơn vị gửi báo cáo từng kỳ", sent_fields)
    difficulties = _notes_type(plan, "KhoKhan", "Khó khăn, vướng mắc")
    proposals = _notes_type(plan, "DeXuat", "Đề xuất, kiến nghị")
    unit_type: Any = Literal[tuple(u.code for u in plan.units)]
    return _model(
        "NhatKy",
        f"Nhật ký hoạt động của một đơn vị, Kế hoạch {plan.number}",
        {
            "unit": (unit_type, Field(alias="don_vi", description="Mã đơn vị")),
            "year": (Year, Field(alias="nam", description="Năm kế hoạch")),
            "sent": (sent | None, Field(None, alias="ngay_gui", description="Ngày gửi báo cáo")),
            "tasks": (tasks | None, Field(None, alias="nhiem_vu", description="Hoạt động")),
            "difficulties": (
                difficulties | None,
                Field(None, alias="kho_khan", description=_NOTES_HELP.format("Khó khăn")),
            ),
            "proposals": (
                proposals | None,
                Field(None, alias="de_xuat", description=_NOTES_HELP.format("Đề xuất, kiến nghị")),
            ),
        },
    )


def to_unit_log(data: Mapping[str, Any], file: str) -> UnitLog:
    """A validated log (as dumped by alias) as plain domain data."""
    activities = []
    for task, items in (data.get("nhiem_vu") or {}).items():
        for index, item in enumerate(items or []):
            figures = {k: v for k, v in (item.get("so_lieu") or {}).items() if v is not None}
            activities.append(Activity(task, item["ngay"], item["noi_dung"], figures, index))
    sent = {k: v for k, v in (data.get("ngay_gui") or {}).items() if v is not None}
    return UnitLog(
        file=file,
        unit=data["don_vi"],
        year=data["nam"],
        sent=sent,
        activities=tuple(activities),
        difficulties=_notes(data.get("kho_khan")),
        proposals=_notes(data.get("de_xuat")),
    )
