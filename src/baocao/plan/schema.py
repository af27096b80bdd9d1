"""JSON Schemas of the workspace files, in Vietnamese, for editors such as VS Code.

The schemas come from the pydantic models, so they never disagree with what
``baocao validate`` accepts; the activity-log schema is built from a plan, so it
lists that plan's task codes and the indicators of each task. pydantic's titles
are made from the English field names and its model descriptions from English
docstrings: both are replaced with Vietnamese here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from baocao.core import keys
from baocao.core.models import Narrative, Plan, WorkspaceConfig, build_log_model
from baocao.core.period import Period
from baocao.plan.writing import ensure_free, write_text

DIALECT = "https://json-schema.org/draft/2020-12/schema"
PLAN_SCHEMA = "ke-hoach.schema.json"
LOG_SCHEMA = "nhat-ky.schema.json"
CONFIG_SCHEMA = "cau-hinh.schema.json"
NARRATIVE_SCHEMA = "dien-giai.schema.json"
SCHEMA_FILES = (PLAN_SCHEMA, CONFIG_SCHEMA, NARRATIVE_SCHEMA, LOG_SCHEMA)

_MODELS = {
    "Plan": ("Kế hoạch", "Kế hoạch: thông tin văn bản, nhiệm vụ, chế độ báo cáo, đơn vị báo cáo"),
    "Task": ("Nhiệm vụ", "Một nhiệm vụ của kế hoạch (mục II) và các chỉ tiêu đơn vị báo cáo"),
    "Indicator": (
        "Chỉ tiêu",
        "Một số liệu các đơn vị báo cáo cho nhiệm vụ, hoặc một tỷ lệ (%) baocao tính từ các số liệu đó",
    ),
    "RatioMethod": (
        "Cách tính tỷ lệ",
        "Cách tính chỉ tiêu '%': don_vi_thuc_hien (tỷ lệ đơn vị đã thực hiện nhiệm vụ), "
        "hoặc tu_so và mau_so (một chỉ tiêu trên một chỉ tiêu khác)",
    ),
    "Schedule": ("Chế độ báo cáo", "Chế độ báo cáo định kỳ của kế hoạch (mục III)"),
    "PeriodSchedule": (
        "Kỳ báo cáo",
        "Hạn gửi báo cáo của một kỳ và, nếu khác mặc định, khoảng ngày tính số liệu",
    ),
    "ReportingUnit": ("Đơn vị báo cáo", "Một đơn vị báo cáo kết quả thực hiện kế hoạch"),
    "WorkspaceConfig": ("Cấu hình baocao", "Tệp cấu hình của thư mục làm việc (baocao.yaml)"),
    "Signer": ("Người ký", "Người ký báo cáo"),
    "ReportJob": ("Báo cáo lập tự động", "Một báo cáo lập bằng lệnh baocao compile --all"),
    "Narrative": (
        "Diễn giải của kỳ báo cáo",
        "Phần lời của người lập báo cáo cho một kỳ: dien-giai/<năm>-<kỳ>.yaml",
    ),
}
# Models built from the plan already carry Vietnamese descriptions; only titles here.
_LOG_TITLES = {
    "NhatKy": "Nhật ký hoạt động",
    "NhiemVu": "Hoạt động theo nhiệm vụ",
    "NgayGui": "Ngày gửi báo cáo",
    "KhoKhan": "Khó khăn theo kỳ báo cáo",
    "DeXuat": "Đề xuất theo kỳ báo cáo",
}
_TITLES = {
    keys.PARENT_BODY: "Cơ quan chủ quản",
    keys.ISSUER: "Cơ quan ban hành",
    keys.ISSUER_NAME: "Tên cơ quan viết trong câu",
    keys.ISSUER_ABBR: "Chữ viết tắt của cơ quan",
    keys.NUMBER: "Số, ký hiệu",
    keys.ISSUED_ON: "Ngày ban hành",
    keys.YEAR: "Năm",
    keys.PURPOSES: "Mục đích, yêu cầu",
    keys.TASKS: "Nhiệm vụ",
    keys.ORGANISATION: "Tổ chức thực hiện",
    keys.SCHEDULE: "Chế độ báo cáo",
    keys.UNITS: "Đơn vị",
    keys.INDICATORS: "Chỉ tiêu",
    keys.TARGET: "Mục tiêu",
    keys.TARGETS_BY_KIND: "Mục tiêu theo loại đơn vị",
    keys.TARGETS_BY_UNIT: "Mục tiêu theo đơn vị",
    keys.METHOD: "Cách tính",
    keys.KIND: "Loại đơn vị",
    keys.COMPARE_WITH: "So sánh với cùng kỳ",
    keys.FIGURES: "Số liệu",
    keys.SENT: "Ngày gửi báo cáo",
    keys.DIFFICULTIES: "Khó khăn, vướng mắc",
    keys.PROPOSALS: "Đề xuất, kiến nghị",
    keys.RECIPIENTS: "Nơi nhận",
    keys.SHORT_NAME: "Tên ngắn",
    keys.TASK_STEPS: "Phương hướng theo từng nhiệm vụ",
}


def _short(description: str) -> str:
    """A title from a description: its first clause ('Mã chỉ tiêu (chữ …)' -> 'Mã chỉ tiêu')."""
    return re.split(r", |: | \(|; ", description, maxsplit=1)[0].strip()


def _translate(schema: dict[str, Any]) -> dict[str, Any]:
    """Vietnamese titles and descriptions for every model and property of ``schema``."""

    def visit(node: Any, name: str | None) -> None:
        if isinstance(node, list):
            for item in node:
                visit(item, None)
            return
        if not isinstance(node, dict):
            return
        if name is not None:
            base = name.split("_", 1)[0] if re.fullmatch(r"[A-Za-z]+_\d+", name) else name
            title, description = _MODELS.get(base, (_LOG_TITLES.get(base), None))
            if description:
                node["description"] = description
            if title or node.get("description"):
                node["title"] = title or _short(node["description"])
        for key, prop in node.get("properties", {}).items():
            if isinstance(prop, dict):
                period = Period.parse(key)
                if period is not None and "description" not in prop:
                    prop["description"] = f"Ngày gửi báo cáo {period.label}"
                title = _TITLES.get(key) or _short(prop.get("description", key))
                prop["title"] = title
        for key, value in node.items():
            if key == "$defs":
                for def_name, definition in value.items():
                    visit(definition, def_name)
            elif key != "properties":
                visit(value, None)
            else:
                for prop in value.values():
                    visit(prop, None)

    visit(schema, None)
    return schema


def _schema(model: type[BaseModel], title: str, description: str) -> dict[str, Any]:
    made = model.model_json_schema(by_alias=True, mode="validation")
    made = _translate(made)
    made["title"], made["description"] = title, description
    return {"$schema": DIALECT, **made}


def plan_schema() -> dict[str, Any]:
    """The schema of a plan file."""
    return _schema(Plan, *_MODELS["Plan"])


def config_schema() -> dict[str, Any]:
    """The schema of baocao.yaml."""
    return _schema(WorkspaceConfig, *_MODELS["WorkspaceConfig"])


def narrative_schema() -> dict[str, Any]:
    """The schema of a period's narrative, dien-giai/<năm>-<kỳ>.yaml."""
    return _schema(Narrative, *_MODELS["Narrative"])


def log_schema(plan: Plan) -> dict[str, Any]:
    """The schema of one unit's activity log for ``plan``: its tasks and their indicators."""
    made = _schema(
        build_log_model(plan),
        f"Nhật ký hoạt động năm {plan.year}",
        f"Nhật ký hoạt động của một đơn vị theo Kế hoạch {plan.number}: {plan.title}",
    )
    unit = made["properties"][keys.UNITS]
    unit["description"] = "Mã đơn vị, như trong danh sách don_vi của kế hoạch"
    unit["enumDescriptions"] = [u.name for u in plan.units]  # shown by VS Code
    made["properties"][keys.YEAR]["const"] = plan.year
    for name, definition in made["$defs"].items():
        if name.startswith("SoLieu_"):  # "Số tin, bài (tin, bài)": the title is all but the unit
            for figure in definition["properties"].values():
                figure["title"] = figure["description"].rsplit(" (", 1)[0]
    for task in made["$defs"]["NhiemVu"]["properties"].values():
        text = task["description"]  # "NV1. <the task's title>": a clause would cut it oddly
        task["title"] = text if len(text) <= 80 else text[:79].rstrip() + "…"
    return made


def schemas(plan: Plan | None) -> dict[str, dict[str, Any]]:
    """Every schema by file name; the log schema only when there is a plan."""
    out = {
        PLAN_SCHEMA: plan_schema(),
        CONFIG_SCHEMA: config_schema(),
        NARRATIVE_SCHEMA: narrative_schema(),
    }
    if plan is not None:
        out[LOG_SCHEMA] = log_schema(plan)
    return out


def schema_text(schema: dict[str, Any]) -> str:
    """A schema as UTF-8 JSON text, Vietnamese left readable."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def write_schemas(folder: Path, plan: Plan | None, *, force: bool) -> list[Path]:
    """Write the schemas into ``folder``; existing files need ``force``. Returns the paths."""
    made = schemas(plan)
    paths = [folder / name for name in made]
    ensure_free(paths, force=force)
    for path, schema in zip(paths, made.values(), strict=True):
        write_text(path, schema_text(schema), force=True)
    return paths
