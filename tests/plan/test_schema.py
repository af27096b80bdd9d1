"""JSON Schemas for editors: Vietnamese throughout, and the log schema follows the plan."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel
from typer.testing import CliRunner

from baocao.cli import app
from baocao.core import models
from baocao.core.models import Plan
from baocao.input.yamlio import load
from baocao.plan.schema import (
    CONFIG_SCHEMA,
    LOG_SCHEMA,
    NARRATIVE_SCHEMA,
    PLAN_SCHEMA,
    config_schema,
    log_schema,
    narrative_schema,
    plan_schema,
)

jsonschema = pytest.importorskip("jsonschema")

DATA = Path(__file__).resolve().parents[2] / "data"


def sample_plan() -> Plan:
    return Plan.model_validate(load(DATA / "ke-hoach-2021.yaml").data)


def texts(node: Any) -> list[str]:
    """Every title and description in a schema."""
    if isinstance(node, dict):
        found = [v for k, v in node.items() if k in ("title", "description") and isinstance(v, str)]
        return found + [t for v in node.values() for t in texts(v)]
    if isinstance(node, list):
        return [t for v in node for t in texts(v)]
    return []


def all_schemas() -> list[dict[str, Any]]:
    return [plan_schema(), config_schema(), narrative_schema(), log_schema(sample_plan())]


@pytest.mark.parametrize("index", range(4))
def test_schemas_are_valid_and_vietnamese(index: int) -> None:
    schema = all_schemas()[index]
    jsonschema.Draft202012Validator.check_schema(schema)
    english = {  # the models' docstrings are English: none may reach a clerk's editor
        m.__doc__.strip()
        for m in vars(models).values()
        if isinstance(m, type) and issubclass(m, BaseModel) and m.__doc__
    }
    for text in texts(schema):
        assert text not in english
        assert unicodedata.is_normalized("NFC", text)

    # pydantic's own titles come from the keys ("Co Quan Chu Quan"): none may be left.
    def titles(node: Any) -> list[str]:
        if isinstance(node, dict):
            props = node.get("properties", {})
            own = [(k, v.get("title")) for k, v in props.items() if isinstance(v, dict)]
            return own + [t for v in node.values() for t in titles(v)]
        if isinstance(node, list):
            return [t for v in node for t in titles(v)]
        return []

    for key, title in titles(schema):
        assert title, key
        assert title != key.replace("_", " ").title(), key


def test_plan_schema_titles() -> None:
    schema = plan_schema()
    assert schema["title"] == "Kế hoạch"
    props = schema["properties"]
    assert props["co_quan_ban_hanh"]["title"] == "Cơ quan ban hành"
    assert props["co_quan_ban_hanh"]["description"] == "Cơ quan ban hành, chữ in hoa"
    task = schema["$defs"]["Task"]
    assert task["title"] == "Nhiệm vụ"
    assert task["properties"]["chu_tri"]["title"] == "Đơn vị chủ trì"
    assert task["properties"]["thoi_gian"]["title"] == "Thời gian thực hiện"
    assert schema["$defs"]["Indicator"]["properties"]["ma"]["title"] == "Mã chỉ tiêu"
    short = task["properties"]["ten_ngan"]
    assert short["title"] == "Tên ngắn"
    assert {"type": "string", "minLength": 1, "maxLength": 120} in short["anyOf"]
    assert "ten_ngan" not in task["required"]


def test_narrative_schema_has_next_steps_per_task() -> None:
    steps = narrative_schema()["properties"]["phuong_huong_nhiem_vu"]
    assert steps["title"] == "Phương hướng theo từng nhiệm vụ"
    assert steps["type"] == "object"
    validator = jsonschema.Draft202012Validator(narrative_schema())
    good = {"ky": "6m", "nam": 2021, "phuong_huong_nhiem_vu": {"NV5": "Tổ chức tập huấn."}}
    assert list(validator.iter_errors(good)) == []
    empty = {**good, "phuong_huong_nhiem_vu": {"NV5": ""}}
    assert list(validator.iter_errors(empty))


def test_log_schema_lists_the_plans_tasks_and_indicators() -> None:
    plan = sample_plan()
    schema = log_schema(plan)
    assert schema["title"] == "Nhật ký hoạt động năm 2021"
    defs = schema["$defs"]
    tasks = defs["NhiemVu"]["properties"]
    assert list(tasks) == ["NV1", "NV2", "NV3", "NV4", "NV5", "NV6"]
    assert tasks["NV1"]["description"] == (
        "NV1. Đẩy mạnh công tác tuyên truyền phòng, chống tội phạm xâm hại tình dục trẻ em"
    )
    assert tasks["NV6"]["title"] == tasks["NV6"]["description"]  # short titles whole
    long = tasks["NV2"]["title"]
    assert len(long) == 80 and long.endswith("…")
    assert tasks["NV2"]["description"].startswith(long[:-1])
    for index, task in enumerate(plan.tasks):
        figures = defs[f"SoLieu_{index}"]["properties"]
        assert set(figures) == {i.code for i in task.indicators}
        for indicator in (i for i in task.indicators if i.is_ratio):  # computed: no value fits
            assert figures[indicator.code]["not"] == {}
        for indicator in task.counted:
            described = figures[indicator.code]
            assert described["description"] == (
                f"Số {indicator.label} ({indicator.unit_of_measure})"
            )
            assert described["title"] == f"Số {indicator.label}"
    assert defs["SoLieu_1"]["properties"]["so_to_gap"]["description"] == (
        "Số tờ gấp pháp luật được cấp phát (tờ)"
    )
    unit = schema["properties"]["don_vi"]
    assert unit["enum"][:2] == ["phong-tu-phap", "phong-van-hoa-thong-tin"]
    assert unit["enumDescriptions"][:2] == ["Phòng Tư pháp", "Phòng Văn hóa và Thông tin"]
    assert schema["properties"]["nam"]["const"] == 2021
    assert defs["NgayGui"]["properties"]["6m"]["description"] == "Ngày gửi báo cáo 6 tháng"


def test_log_schema_takes_notes_by_period_or_for_the_whole_year() -> None:
    validator = jsonschema.Draft202012Validator(log_schema(sample_plan()))
    base = {"don_vi": "xa-an-binh", "nam": 2021}
    by_period = {
        **base,
        "kho_khan": {"6m": ["Kinh phí còn hạn hẹp."], "1y": ["Dịch bệnh kéo dài."]},
        "de_xuat": {"1y": ["Đề nghị UBND huyện bố trí kinh phí."]},
    }
    whole_year = {**base, "kho_khan": ["Kinh phí còn hạn hẹp."]}
    assert list(validator.iter_errors(by_period)) == []
    assert list(validator.iter_errors(whole_year)) == []
    assert list(validator.iter_errors({**base, "kho_khan": {"7m": ["x"]}}))
    notes = log_schema(sample_plan())["$defs"]["KhoKhan"]
    assert notes["title"] == "Khó khăn theo kỳ báo cáo"
    assert list(notes["properties"]) == ["6m", "1y"]


def as_editor_reads(path: Path) -> Any:
    """The file as a YAML 1.2 editor hands it to JSON Schema: typed scalars, dates as text."""
    from datetime import date

    from ruamel.yaml import YAML

    def plain(node: Any) -> Any:
        if isinstance(node, dict):
            return {str(k): plain(v) for k, v in node.items()}
        if isinstance(node, list):
            return [plain(v) for v in node]
        return node.isoformat() if isinstance(node, date) else node

    return plain(YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8")))


def test_sample_files_satisfy_their_schemas() -> None:
    plan_validator = jsonschema.Draft202012Validator(plan_schema())
    assert list(plan_validator.iter_errors(as_editor_reads(DATA / "ke-hoach-2021.yaml"))) == []
    config = jsonschema.Draft202012Validator(config_schema())
    assert list(config.iter_errors(as_editor_reads(DATA / "baocao.yaml"))) == []
    logs = jsonschema.Draft202012Validator(log_schema(sample_plan()))
    files = sorted((DATA / "2021").glob("*.yaml"))
    assert files
    for path in files:
        assert list(logs.iter_errors(as_editor_reads(path))) == [], path.name
    narratives = jsonschema.Draft202012Validator(narrative_schema())
    for path in sorted((DATA / "dien-giai").glob("*.yaml")):
        assert list(narratives.iter_errors(as_editor_reads(path))) == [], path.name


def test_log_schema_rejects_what_validate_rejects() -> None:
    validator = jsonschema.Draft202012Validator(log_schema(sample_plan()))
    log = {
        "don_vi": "xa-an-binh",
        "nam": 2021,
        "nhiem_vu": {
            "NV2": [{"ngay": "2021-04-15", "noi_dung": "Cấp phát", "so_lieu": {"so_to_gap": 500}}]
        },
    }
    assert list(validator.iter_errors(log)) == []
    bad = json.loads(json.dumps(log))
    bad["nhiem_vu"]["NV2"][0]["so_lieu"] = {"so_buoi": 1, "so_to_gap": -5}
    bad["don_vi"] = "xa-khong-co"
    bad["nhiem_vu"]["NV9"] = []

    def leaves(errors: Any) -> list[str]:
        """Paths of the real errors, looking inside anyOf(…, null)."""
        found = []
        for error in errors:
            if error.context:
                found += leaves(error.context)
            elif (error.validator, error.validator_value) != ("type", "null"):
                found.append(error.json_path)
        return found

    messages = sorted(set(leaves(validator.iter_errors(bad))))
    assert messages == [
        "$.don_vi",
        "$.nhiem_vu",
        "$.nhiem_vu.NV2[0].so_lieu",
        "$.nhiem_vu.NV2[0].so_lieu.so_to_gap",
    ]


def test_cli_schema_writes_files_and_refuses_to_overwrite(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "luoc-do"
    args = ["schema", "--plan", str(DATA / "ke-hoach-2021.yaml"), "-o", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([PLAN_SCHEMA, CONFIG_SCHEMA, NARRATIVE_SCHEMA, LOG_SCHEMA])
    written = json.loads((out / LOG_SCHEMA).read_text(encoding="utf-8"))
    assert written == log_schema(sample_plan())
    assert "Nhật ký hoạt động" in (out / LOG_SCHEMA).read_text(encoding="utf-8")  # not \\u escapes

    again = runner.invoke(app, args)
    assert again.exit_code == 4
    assert "E505" in again.stderr
    assert runner.invoke(app, [*args, "--force"]).exit_code == 0


def test_cli_schema_from_the_workspace_and_without_a_plan(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["schema", "-w", str(DATA), "-o", str(tmp_path / "a")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "a" / LOG_SCHEMA).is_file()

    empty = tmp_path / "trong"
    empty.mkdir()
    result = runner.invoke(app, ["schema", "-w", str(empty)])
    assert result.exit_code == 0, result.output
    assert "W510" in result.stderr
    assert sorted(p.name for p in (empty / ".schema").iterdir()) == sorted(
        [PLAN_SCHEMA, CONFIG_SCHEMA, NARRATIVE_SCHEMA]
    )
