"""What a unit sends, read into a checked log: a spreadsheet form, a YAML log, ...

The format is chosen by the file's suffix; each format is one reader registered here,
so a new kind of submission is one line::

    register(read_summary, ".json")

A reader turns the file's bytes into a :class:`Read`: a
:class:`~baocao.input.sources.Source` holding the log as plain data (the keys of a YAML
log) and the place of every value, and what reading found. Every submission then goes
through the checks every log goes through (:mod:`baocao.input.validate`), so a problem
points into the unit's own file: ``2021/xa-an-binh.yaml:14:7`` or
``xa-an-binh.xlsx:NV1!D7``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from baocao.core import keys
from baocao.core.models import LogModel, Plan, UnitLog, WorkspaceConfig, to_unit_log
from baocao.errors import InputError, Place, Problem, display_path
from baocao.input.files import read_bytes
from baocao.input.sources import LOWER_SUFFIX, Source
from baocao.input.validate import check, check_log, check_plan
from baocao.input.workspace import CONFIG_NAME
from baocao.input.yamlio import Document, load, read_yaml
from baocao.messages import Say
from baocao.settings import Settings


@dataclass
class Read:
    """One submitted file as its reader found it."""

    source: Source
    problems: list[Problem]
    """What reading found: warnings, and errors (cells that could not be read, …)."""
    text: str | None = None
    """The YAML text the unit wrote, when there is one: filed as it is, comments kept."""
    notes: list[tuple[Place, str]] = field(default_factory=list)
    """The unit's own notes, which the log has no field for (a form's "Ghi chú")."""


Reader = Callable[[bytes, str, Plan, Settings], Read]
"""Reads a file's bytes (``file`` names it in messages) as a log of ``plan``, as the
run's settings say; raises :class:`InputError` when the file cannot be read at all."""

_READERS: dict[str, Reader] = {}


def register(reader: Reader, *suffixes: str) -> None:
    """File submissions ending in any of ``suffixes`` (".xlsx") with ``reader``."""
    for suffix in suffixes:
        _READERS[suffix.lower()] = reader


def formats() -> list[str]:
    """The suffixes of the files ``baocao nhan`` takes (a lower-level body's summary
    ``.json`` is filed by :mod:`baocao.input.lower_filing`)."""
    return sorted([*_READERS, LOWER_SUFFIX])


@dataclass
class Submission:
    """A submitted file, read and checked against the plan."""

    path: Path
    file: str
    problems: list[Problem]
    source: Source | None = None
    data: dict[str, Any] | None = None
    """The log as its YAML file holds it, validated; None when it has errors."""
    log: UnitLog | None = None
    text: str | None = None
    notes: list[tuple[Place, str]] = field(default_factory=list)

    @property
    def unit(self) -> str | None:
        return self.log.unit if self.log is not None else None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def read_submission(
    path: Path,
    plan: Plan,
    model: type[LogModel],
    unit: str | None = None,
    settings: Settings | None = None,
) -> Submission:
    """Read and check one submitted file; its problems (not raised) and, when it has no
    error, its log. With ``unit``, a file of another unit is an error (E611)."""
    file = display_path(path)
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        suffix = path.suffix or Say("không có đuôi", "none")
        params = {"suffix": suffix, "formats": ", ".join(formats())}
        return Submission(path, file, [Problem("E014", Place(file), params)])
    try:
        read = reader(read_bytes(path, file), file, plan, settings or Settings())
    except InputError as exc:
        return Submission(path, file, list(exc.problems))
    found = Submission(path, file, list(read.problems), read.source, None, None, read.text)
    found.notes = read.notes
    instance, problems = check(model, read.source)
    found.problems.extend(problems)
    if instance is None:
        return found
    log = to_unit_log(instance, file)
    found.problems.extend(check_log(plan, log, read.source))
    if unit is not None and log.unit != unit:
        place = read.source.place((keys.UNITS,))
        found.problems.append(Problem("E611", place, {"got": log.unit, "unit": unit}))
    if not found.errors:
        found.data = log_data(instance)
        found.log = log
    return found


def log_data(instance: LogModel) -> dict[str, Any]:
    """A validated log as its YAML file holds it, less what says nothing: an empty list
    or mapping (``kho_khan: []``) is the same log as none, as a form gives it back."""
    pruned: dict[str, Any] = _pruned(instance.model_dump(by_alias=True, exclude_none=True))
    return pruned


def _pruned(value: Any) -> Any:
    if isinstance(value, dict):
        kept = {k: _pruned(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v not in ({}, [])}
    if isinstance(value, list):
        return [_pruned(v) for v in value]
    return value


def load_plan(root: Path, settings: Settings | None = None) -> tuple[Plan, Document]:
    """The workspace's plan, checked (the unit logs are not read): filing one unit's
    submission does not wait on another unit's log. Raises :class:`InputError`."""
    config_path = root / CONFIG_NAME
    if not config_path.is_file():
        shown = display_path(config_path)
        what = Say("tệp cấu hình", "configuration file")
        raise InputError.one("E011", shown, what=what, path=shown)
    fast = (settings or Settings()).fast_yaml
    config_doc = load(config_path, fast=fast)
    config, problems = check(WorkspaceConfig, config_doc)
    if config is None:
        raise InputError([*config_doc.warnings, *problems])
    plan_path = root / config.plan_file
    if not plan_path.is_file():
        place = config_doc.place((keys.PLAN_FILE,))
        params = {"what": Say("tệp kế hoạch", "plan file"), "path": display_path(plan_path)}
        raise InputError([Problem("E011", place, params)])
    plan_doc = load(plan_path, fast=fast)
    plan, problems = check(Plan, plan_doc)
    if plan is not None:
        problems.extend(check_plan(plan, plan_doc))
    if plan is None or any(p.severity == "error" for p in problems):
        raise InputError([*plan_doc.warnings, *problems])
    return plan, plan_doc


# --- the formats -------------------------------------------------------------------------


def _read_yaml_log(raw: bytes, file: str, plan: Plan, settings: Settings) -> Read:
    doc = read_yaml(raw, file, settings)
    return Read(doc, list(doc.warnings), text="\n".join(doc.lines))


def _read_form(raw: bytes, file: str, plan: Plan, settings: Settings) -> Read:
    # Imported when a form comes: openpyxl is a tenth of a second of every start otherwise.
    from baocao.input.xlsx import read_form

    form = read_form(raw, file, plan)
    return Read(form, list(form.problems), notes=form.notes)


register(_read_yaml_log, ".yaml", ".yml")
# Other spreadsheet formats are read as forms too: what they really are is told by their
# content, with the advice to save them as .xlsx (E602).
register(_read_form, ".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
