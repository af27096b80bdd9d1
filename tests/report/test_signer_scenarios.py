"""The scenario workspaces have the shape their names promise (built, not compiled)."""

from __future__ import annotations

import importlib.util
from datetime import date

import pytest
import scenarios
import yaml

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("baocao") is None, reason="baocao is not installed"
)


def logs(workspace):
    return {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in scenarios.unit_logs(workspace)
    }


def test_no_unit_sent(tmp_path):
    workspace = scenarios.build("no_unit_sent", tmp_path).workspace
    assert logs(workspace) == {}
    assert (workspace / "baocao.yaml").exists()


def test_all_late(tmp_path):
    workspace = scenarios.build("all_late", tmp_path).workspace
    sent = [log["ngay_gui"] for log in logs(workspace).values()]
    assert sent
    for period, deadline in scenarios.DEADLINES.items():
        assert all(s[period] > deadline for s in sent)


def test_not_yet_due(tmp_path):
    workspace = scenarios.build("not_yet_due", tmp_path).workspace
    plan = yaml.safe_load(scenarios.plan_path(workspace).read_text(encoding="utf-8"))
    starts = {task["ma"]: task["tu_ngay"] for task in plan["nhiem_vu"]}
    assert starts["NV4"] >= date(2021, 10, 1)
    assert starts["NV5"] == date(2021, 7, 1)
    assert starts["NV6"] == date(2021, 10, 1)
    for log in logs(workspace).values():
        for activity in (log.get("nhiem_vu") or {}).get("NV6", []):
            assert scenarios._as_date(activity["ngay"]) >= date(2021, 10, 1)


@pytest.mark.parametrize(("name", "units"), [("units_1", 1), ("units_10", 10)])
def test_generated_sizes(tmp_path, name, units):
    assert len(logs(scenarios.build(name, tmp_path).workspace)) == units


def test_imported_plan_keeps_what_the_text_does_not_say(tmp_path):
    workspace = scenarios.build("imported_plan", tmp_path).workspace
    plan_text = scenarios.plan_path(workspace).read_text(encoding="utf-8")
    assert "[CƠ QUAN BAN HÀNH]" in plan_text
    (log,) = logs(workspace).values()
    assert set(log["nhiem_vu"]) == {f"NV{n}" for n in range(1, 7)}
