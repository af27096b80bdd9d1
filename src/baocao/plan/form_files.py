"""Writing the units' forms to files: for one unit or all, prefilled from their logs.

A unit's form holds what its log already has, so that the unit corrects and adds
rather than starts again; a log with errors is reported, not copied into a form. No
file is written over without ``force``, and the forms of one run are written together
or not at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from baocao.atomic import make_dir, write_all
from baocao.core.models import build_log_model
from baocao.errors import InputError, OutputError, Problem, display_path
from baocao.input.filing import log_path
from baocao.input.intake import load_plan, read_submission
from baocao.messages import Say
from baocao.plan.forms import check_plan_fits, form_bytes, form_name
from baocao.plan.writing import ensure_free
from baocao.settings import Settings

FORMS_DIR = "bieu-mau"
"""The workspace's folder of forms, when no other is given."""


def write_forms(
    root: Path,
    unit: str | None,
    output: Path | None,
    *,
    force: bool = False,
    settings: Settings | None = None,
) -> list[Path]:
    """Write the form of ``unit`` (None: of every unit) and return the files written.

    ``output`` is the form's file for one unit (an existing folder takes it by its
    name), the folder of the forms for all; by default ``<workspace>/bieu-mau/``.
    Raises :class:`InputError` (the plan, a unit's log) or :class:`OutputError`.
    """
    plan, plan_doc = load_plan(root, settings)
    check_plan_fits(plan, plan_doc, unit)
    units = [unit] if unit is not None else [u.code for u in plan.units]
    targets = _targets(root, units, output, one=unit is not None)
    model = build_log_model(plan)
    logs: dict[str, dict[str, Any]] = {}
    problems: list[Problem] = []
    for code in units:
        path = log_path(root / str(plan.year), code)
        if path.is_file():
            found = read_submission(path, plan, model, code, settings)
            problems.extend(found.errors)
            if found.data is not None:
                logs[code] = found.data
    if problems:
        raise InputError(problems)
    ensure_free(targets.values(), force=force)
    for folder in {path.parent for path in targets.values()}:
        make_dir(folder)
    write_all([(targets[code], form_bytes(plan, code, logs.get(code))) for code in units])
    return list(targets.values())


def _targets(root: Path, units: list[str], output: Path | None, *, one: bool) -> dict[str, Path]:
    folder = output if output is not None else root / FORMS_DIR
    if one and output is not None and not output.is_dir():
        if output.suffix.lower() != ".xlsx":
            suffix = output.suffix or Say("không có", "none")
            raise OutputError.one("E625", display_path(output), suffix=suffix)
        return {units[0]: output}
    return {code: folder / form_name(code) for code in units}
