"""Workspaces of several sizes and shapes, built in a temporary folder, to compile and read.

Each builder takes an empty folder and returns the workspace it wrote there. They start from
the sample workspace, from the synthetic generator (bench/gen.py) or from the sample plan's
text (``baocao plan import`` then ``baocao init --plan``), and go through the installed
``baocao`` command, as a clerk would.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

from baocao.api import draft_name

YEAR = 2021
DEADLINES = {"6m": date(YEAR, 5, 5), "1y": date(YEAR, 11, 12)}
PERIODS = ("6m", "1y")
REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Scenario:
    """A workspace ready to compile, and what it is meant to show."""

    name: str
    workspace: Path
    description: str


# --- where things are -------------------------------------------------------------------


def sample_workspace() -> Path:
    """The sample workspace shipped with the checkout."""
    return REPO / "data"


def generator_script() -> Path:
    """The synthetic workspace generator."""
    return REPO / "bench" / "gen.py"


def plan_text() -> Path:
    """The sample plan as issued: a plain-text Kế hoạch."""
    return REPO / "tests" / "fixtures" / "ke-hoach-2021.txt"


def baocao_command() -> list[str]:
    """The installed ``baocao`` command."""
    beside = Path(sys.executable).with_name("baocao")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("baocao")
    return [found] if found else [sys.executable, "-m", "baocao"]


def run_baocao(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``baocao`` and fail loudly with its output if it exits with an error."""
    command = [*baocao_command(), *map(str, args)]
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} -> {done.returncode}\n{done.stdout}{done.stderr}")
    return done


def compile_report(
    workspace: Path, period: str, out: Path, on: date | None = None, *options: str
) -> Path:
    """Compile the ``period`` report of ``workspace`` into ``out`` (dated ``on`` if given);
    the path of the report written (a draft's name ends in "-du-thao")."""
    out.parent.mkdir(parents=True, exist_ok=True)
    extra = ["--date", on.isoformat()] if on else []
    run_baocao("compile", "--period", period, "-w", workspace, "-o", out, "-q", *extra, *options)
    return draft_name(out) if "--draft" in options else out


# --- YAML files ---------------------------------------------------------------------------


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


class _NoAliases(yaml.SafeDumper):
    """Data files may not use YAML anchors and aliases; write every value out."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _dump(data: dict, path: Path) -> None:
    text = yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=10_000)
    path.write_text(text, encoding="utf-8")


def unit_logs(workspace: Path) -> list[Path]:
    """The units' activity logs of the plan year."""
    return sorted((workspace / str(YEAR)).glob("*.yaml"))


def plan_path(workspace: Path) -> Path:
    """The plan file the workspace's configuration names."""
    return workspace / _load(workspace / "baocao.yaml")["ke_hoach"]


def _as_date(value: object) -> date:
    if isinstance(value, date):
        return value
    text = str(value)
    if "/" in text:
        day, month, year = (int(p) for p in text.split("/"))
        return date(year, month, day)
    return date.fromisoformat(text)


# --- builders ---------------------------------------------------------------------------


def copy_sample(root: Path) -> Path:
    """A private copy of the sample workspace (nothing is ever written into the checkout)."""
    workspace = root / "ws"
    shutil.copytree(
        sample_workspace(),
        workspace,
        ignore=shutil.ignore_patterns("ket-qua", ".baocao-cache", ".baocao.lock"),
    )
    return workspace


def build_sample(root: Path) -> Path:
    """The sample workspace as shipped: 12 units, one never sent, one late."""
    return copy_sample(root)


def build_no_unit_sent(root: Path) -> Path:
    """The sample plan with no unit's log at all."""
    workspace = copy_sample(root)
    for log in unit_logs(workspace):
        log.unlink()
    return workspace


def build_all_late(root: Path) -> Path:
    """Every unit sent, every one after the deadline (2 to 13 days late)."""
    workspace = copy_sample(root)
    for lateness, log in enumerate(unit_logs(workspace), start=2):
        data = _load(log)
        data["ngay_gui"] = {k: d + timedelta(days=lateness) for k, d in DEADLINES.items()}
        _dump(data, log)
    return workspace


# Tasks moved later in the year, so that a 6-month report meets them before they are due.
_LATER_TASKS = {
    "NV5": ("quý III, quý IV năm 2021", date(YEAR, 7, 1)),
    "NV6": ("quý IV năm 2021", date(YEAR, 10, 1)),
}


def build_not_yet_due(root: Path) -> Path:
    """The sample with NV5 in quý III–IV and NV6 in quý IV (NV4 already is)."""
    workspace = copy_sample(root)
    plan_file = plan_path(workspace)
    plan = _load(plan_file)
    for task in plan["nhiem_vu"]:
        if task["ma"] in _LATER_TASKS:
            task["thoi_gian"], task["tu_ngay"] = _LATER_TASKS[task["ma"]]
    _dump(plan, plan_file)
    for log in unit_logs(workspace):
        _drop_activities_before(log, {code: start for code, (_, start) in _LATER_TASKS.items()})
    return workspace


def _drop_activities_before(log: Path, starts: dict[str, date]) -> None:
    data = _load(log)
    tasks = data.get("nhiem_vu") or {}
    for code, start in starts.items():
        kept = [a for a in tasks.get(code) or [] if _as_date(a["ngay"]) >= start]
        if kept:
            tasks[code] = kept
        else:
            tasks.pop(code, None)
    _dump(data, log)


def generated(units: int, activities: int = 60) -> Callable[[Path], Path]:
    """A builder for a synthetic workspace of ``units`` units (bench/gen.py)."""

    def build(root: Path) -> Path:
        workspace = root / "ws"
        command = [sys.executable, str(generator_script()), str(workspace)]
        command += ["--units", str(units), "--activities", str(activities)]
        subprocess.run(command, check=True, capture_output=True, timeout=900)
        return workspace

    build.__doc__ = f"Synthetic workspace: {units} unit(s), {activities} activities each."
    return build


def build_imported_plan(root: Path) -> Path:
    """``plan import`` of the plan text as issued, ``init --plan``, then a few activities.

    No option fills what the text does not say (issuer, number, date, signer): the report shows
    what a user gets from the two commands alone.
    """
    plan = root / "ke-hoach.yaml"
    run_baocao("plan", "import", plan_text(), "-o", plan)
    workspace = root / "ws"
    run_baocao("init", workspace, "--plan", plan)
    _fill_logs(workspace)
    return workspace


def _fill_logs(workspace: Path) -> None:
    """Two activities per task in every unit's log, sent the day before each deadline."""
    plan = _load(plan_path(workspace))
    for log in unit_logs(workspace):
        data = _load(log) or {}
        data["ngay_gui"] = {k: d - timedelta(days=1) for k, d in DEADLINES.items()}
        data["nhiem_vu"] = {task["ma"]: _activities(task) for task in plan["nhiem_vu"]}
        _dump(data, log)


def _activities(task: dict) -> list[dict]:
    start, end = _as_date(task["tu_ngay"]), _as_date(task["den_ngay"])
    days = [start + timedelta(days=9), start + (end - start) * 3 // 4]
    figures = {i["ma"]: 3 + n for n, i in enumerate(task.get("chi_tieu") or [])}
    subject = task["ten"].split(",")[0].split(";")[0].strip()
    return [
        {"ngay": day, "noi_dung": f"Triển khai thực hiện: {subject[:80]}", "so_lieu": figures}
        for day in days
    ]


BUILDERS: dict[str, Callable[[Path], Path]] = {
    "sample": build_sample,
    "no_unit_sent": build_no_unit_sent,
    "all_late": build_all_late,
    "not_yet_due": build_not_yet_due,
    "units_1": generated(1),
    "units_10": generated(10),
    "units_1000": generated(1000),
    "imported_plan": build_imported_plan,
}


def build(name: str, root: Path) -> Scenario:
    """Build scenario ``name`` in the empty folder ``root``."""
    builder = BUILDERS[name]
    root.mkdir(parents=True, exist_ok=True)
    doc = (builder.__doc__ or name).strip().splitlines()[0]
    return Scenario(name, builder(root), doc)
