"""The spreadsheet form's contract: what the writer lays out and the reader looks for.

A unit's form (``baocao form``, written by :mod:`baocao.plan.forms`) and its reading
(:mod:`baocao.input.xlsx`) agree on the names below. They live in the input stage so
that the reader never reaches up into ``plan``; the writer imports them from here.

The form is found by names, not positions: a sheet per task named by its code, a
"Thông tin" sheet, and a very hidden sheet recording the plan's fingerprint and the
unit's code, so that a form cannot be filed against another plan or unit.
"""

from __future__ import annotations

import hashlib
import json

from baocao.core import keys
from baocao.core.models import Indicator, Plan
from baocao.core.period import Period
from baocao.core.vietnamese import nfc

FORM_VERSION = 1
"""Layout version written in the form; the reader refuses versions it does not know."""

INFO_SHEET = "Thông tin"
IDENTITY_SHEET = "_baocao"
MAX_SHEET_NAME = 31
"""Excel refuses to open a workbook with a longer sheet name."""

DATE_HEADER, TEXT_HEADER, NOTE_HEADER = "Ngày", "Nội dung", "Ghi chú"
UNIT_CODE_LABEL = "Mã đơn vị"
SENT_HEADERS = ("Kỳ báo cáo", "Ngày gửi")
NOTES_HEADERS = ("Kỳ", "Khó khăn, vướng mắc", "Đề xuất, kiến nghị")

# Keys of the identity sheet, column A, as in the YAML files; their values are in column B.
ID_VERSION, ID_PLAN, ID_NUMBER = "phien_ban", keys.PLAN_FILE, keys.NUMBER
ID_YEAR, ID_UNIT = keys.YEAR, keys.UNITS


def period_label(period: Period) -> str:
    """How the form names a period: "6 tháng", "Năm", "Quý I"."""
    label = period.label
    return label[:1].upper() + label[1:]


def plan_periods(plan: Plan) -> list[Period]:
    """The plan's reporting periods, in the order the plan gives them."""
    return list(plan.schedule.periods)


def indicator_header(indicator: Indicator) -> str:
    """A figure column's header in the plan's own words: "Số buổi tuyên truyền (buổi)"."""
    return f"Số {nfc(indicator.label)} ({nfc(indicator.unit_of_measure)})"


def plan_fingerprint(plan: Plan) -> str:
    """A short hash of what a filled form depends on: number, issuer, year, task codes and
    the codes of the indicators units report (a ratio baocao computes has no column). Codes
    are sorted: reordering tasks or indicators keeps old forms valid (sheets and columns are
    found by name); adding or renaming one does not."""
    tasks = {nfc(task.code): sorted(nfc(i.code) for i in task.counted) for task in plan.tasks}
    identity = {
        "so": nfc(plan.number),
        "co_quan": nfc(plan.issuer),
        "nam": plan.year,
        keys.TASKS: dict(sorted(tasks.items())),
    }
    text = json.dumps(identity, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]
