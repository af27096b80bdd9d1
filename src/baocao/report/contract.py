"""The report context: the typed contract between baocao and a report template.

A template (the packaged one, or a clerk's own given with ``--template``) places these
fields and nothing else; every text is final, numbers and dates already written the
Vietnamese way. Names are the template's own Vietnamese words (``{{ trich_yeu }}``,
``{% for nv in nhiem_vu %}``); docs/mau-bao-cao.md lists them for template authors and
a test keeps it in step with the models here. A new field is one line in a model below
and one row in that document; a template that does not use it is not affected.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from baocao.core.period import Period


class _Part(BaseModel):
    """A part of the context: nothing unknown, nothing changed once built."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class SignatureBlock(_Part):
    """Who signs the report, as the signature block writes it."""

    quyen_han: str = Field(
        description="Authority line when a deputy signs ('KT. TRƯỞNG PHÒNG'); empty when "
        "the head signs"
    )
    chuc_vu: str = Field(description="The signer's title, in capitals: 'TRƯỞNG PHÒNG'")
    ho_ten: str = Field(description="The signer's full name")


class TaskSection(_Part):
    """One task of the plan in section II (Kết quả thực hiện)."""

    so: int = Field(description="The task's number in section II, from 1")
    ten: str = Field(
        description="The task's short name (the plan's `ten_ngan`, else its title when short)"
    )
    doan: list[str] = Field(description="Its paragraphs, in order, each a full sentence")


class Requests(_Part):
    """Units' proposals that section V does not carry, for one addressee (appendix)."""

    ten: str = Field(description="To whom they are addressed: 'Đối với Phòng Tư pháp'")
    muc: list[str] = Field(description="The proposals, one line each, with the units' names")


class UnitRow(_Part):
    """One unit's row in a task's appendix table."""

    stt: str = Field(description="Row number: '1', '2', …")
    don_vi: str = Field(description="The unit's name")
    so: list[str] = Field(description="Its figures, one per column of the table, formatted")


class TaskTable(_Part):
    """The appendix table of one task: figures by unit."""

    so: int = Field(description="The task's number, as in section II")
    ma: str = Field(description="The task's code: 'NV1'")
    ten: str = Field(description="The task's full title")
    cot: list[str] = Field(description="Headings of the figure columns: 'Buổi tuyên truyền (buổi)'")
    dong: list[UnitRow] = Field(
        description="One row per unit that did something for the task (with a companion "
        "spreadsheet: the units that did most, then the others summed in one row)"
    )
    tong: list[str] = Field(description="The total row's figures, one per column")
    ghi_chu: str = Field(
        description="A note instead of rows (not yet due, nothing reported) or on the rows "
        "shown; empty otherwise"
    )


class TargetRow(_Part):
    """A row of the targets table: a task (its cells empty), then each of its indicators."""

    stt: str = Field(description="The task's number on a task row; empty on an indicator row")
    noi_dung: str = Field(description="The task's short name, or '- ' and the indicator")
    so: list[str] = Field(description="The row's cells, one per column, formatted")


class TargetsTable(_Part):
    """The appendix table of what was done against the plan's targets and the earlier year."""

    cot: list[str] = Field(
        description="Column headings: 'Chỉ tiêu năm', 'Thực hiện', 'Tỷ lệ đạt (%)', …"
    )
    dong: list[TargetRow] = Field(description="Rows: each task, then its indicators")


class SubmissionRow(_Part):
    """One unit's row in the submissions table."""

    stt: str = Field(description="Row number: '1', '2', …")
    don_vi: str = Field(description="The unit's name")
    ngay_gui: str = Field(description="The day it sent its report: '04/05/2021'; empty if not")
    tinh_trang: str = Field(description="'Đúng hạn', 'Chậm 07 ngày', 'Chưa gửi'")


class Submissions(_Part):
    """Who sent their report when."""

    tom_tat: str = Field(description="One sentence: how many units sent on time, late, not")
    dong: list[SubmissionRow] = Field(
        description="One row per unit, in the plan's order; empty when the rows are in the "
        "companion spreadsheet"
    )


class Appendix(_Part):
    """The appendix (Phụ lục): figures by task and unit, and who sent their report when."""

    tieu_de: str = Field(description="Its title, in capitals")
    phu_de: str = Field(description="The line under the title: '(Kèm theo Báo cáo số …)'")
    ghi_chu: str = Field(
        description="Where the per-unit figures are when not here (the companion "
        "spreadsheet); empty otherwise"
    )
    tep_so_lieu: str = Field(description="The companion spreadsheet's file name; empty if none")
    chi_tieu: TargetsTable | None = Field(
        description="Targets and the earlier year; null when the plan sets no target and no "
        "comparison was asked for"
    )
    bang: list[TaskTable] = Field(description="One table per task, in the plan's order")
    nop: Submissions = Field(description="Who sent their report when")
    chua_bao_cao: list[str] = Field(
        description="Names of the units that have not reported (for templates made before "
        "the submissions table)"
    )


class ReportContext(_Part):
    """Everything a report template may place, already worded and formatted."""

    ky: Period = Field(description="The period's code: '6m', '1y', 'q1'–'q4'")
    ten_ky: str = Field(description="The period as the report names it: '6 tháng đầu năm 2021'")
    nam: int = Field(description="The year reported on")
    du_thao: bool = Field(description="True for a draft: placeholders are left to fill in")
    dau_du_thao: str = Field(description="'DỰ THẢO' on a draft, empty otherwise")
    co_quan_chu_quan: str = Field(description="The parent body, in capitals; empty when none")
    co_quan_ban_hanh: str = Field(description="The issuing body, in capitals")
    so_ky_hieu: str = Field(
        description="Number and symbol, the number left for the clerk: '/BC-PTP'"
    )
    dia_danh_ngay: str = Field(description="Place and date: 'Tân Lập, ngày 15 tháng 5 năm 2021'")
    trich_yeu: str = Field(description="The subject line under 'BÁO CÁO'")
    mo_dau: str = Field(description="The opening paragraph, citing the plan and the data period")
    chi_dao: list[str] = Field(description="Section I: directing and launching, paragraphs")
    nhiem_vu: list[TaskSection] = Field(description="Section II: one part per task of the plan")
    uu_diem: list[str] = Field(description="Section III.1: strengths, paragraphs")
    ton_tai: list[str] = Field(description="Section III.2: shortcomings, paragraphs")
    nguyen_nhan: list[str] = Field(description="Section III.3: causes, paragraphs")
    phuong_huong: list[str] = Field(description="Section IV: next steps, paragraphs")
    de_xuat: list[str] = Field(
        description="Section V: recommendations to the bodies the report goes to"
    )
    kien_nghi: list[Requests] = Field(
        description="Units' other proposals, by addressee, for the appendix"
    )
    noi_nhan: list[str] = Field(
        description="Recipients, one per line; each ends with ';', the last with '.'"
    )
    nguoi_ky: SignatureBlock = Field(description="The signature block")
    phu_luc: Appendix = Field(description="The appendix")

    def template_data(self) -> dict[str, Any]:
        """The context as the template engine takes it: plain dicts, lists and text."""
        return self.model_dump()


MODELS: tuple[type[_Part], ...] = (
    ReportContext,
    SignatureBlock,
    TaskSection,
    Requests,
    Appendix,
    TargetsTable,
    TargetRow,
    TaskTable,
    UnitRow,
    Submissions,
    SubmissionRow,
)
"""Every model of the contract, as docs/mau-bao-cao.md presents them."""
