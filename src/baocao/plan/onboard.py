"""Getting started: importing a plan document, creating a workspace, writing schemas.

Part of the public API (re-exported by :mod:`baocao.api`); kept apart from the
report pipeline so that these commands need none of its modules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from baocao.core import keys
from baocao.core.models import Plan
from baocao.errors import Problem
from baocao.input.workspace import find_root
from baocao.plan.build import HeaderOptions
from baocao.plan.scaffold import Initialised as Initialised
from baocao.plan.scaffold import init_workspace as init_workspace
from baocao.plan.writing import Mark
from baocao.settings import Settings


@dataclass
class Imported:
    """A plan document imported into plan YAML."""

    output: Path
    plan: Plan
    warnings: list[Problem] = field(default_factory=list)
    review: list[Mark] = field(default_factory=list)
    """Every value written with '# KIỂM TRA' or '# CẦN ĐIỀN', with its line in ``output``
    and the sentence of the document it came from."""
    source: Path | None = None


def import_plan(
    source: Path,
    output: Path,
    options: HeaderOptions | None = None,
    *,
    force: bool = False,
) -> Imported:
    """Read a plan document (.txt, .docx) and write its plan YAML to ``output``.

    Raises :class:`~baocao.errors.InputError` when the document cannot be read or
    holds no task, :class:`~baocao.errors.OutputError` when ``output`` is the document
    itself (E412, whatever ``force`` says), exists and ``force`` is not set (checked
    before any work) or cannot be written.
    """
    from baocao.atomic import check_not_input
    from baocao.plan.scaffold import import_document
    from baocao.plan.writing import ensure_free, write_text

    check_not_input([output], [source])  # --force replaces a result, never the document
    ensure_free([output], force=force)
    made = import_document(source, options)
    write_text(output, made.text, force=force)
    return Imported(output, made.plan, made.warnings, made.marks, source)


@dataclass
class SchemasWritten:
    """The schema files written, and why the log schema may be missing."""

    paths: list[Path]
    warnings: list[Problem] = field(default_factory=list)


def write_schemas(
    output: Path | None = None,
    plan: Path | None = None,
    workspace: Path | None = None,
    *,
    force: bool = False,
    settings: Settings | None = None,
) -> SchemasWritten:
    """Write the JSON Schemas of the plan, configuration, narratives and activity logs.

    The log schema needs a plan: ``plan`` (a plan YAML file), else the workspace's
    plan when there is a workspace. ``output`` defaults to <workspace>/.schema.
    """
    from baocao.input.workspace import CONFIG_NAME
    from baocao.input.yamlio import load
    from baocao.plan.scaffold import SCHEMA_DIR, load_plan
    from baocao.plan.schema import write_schemas as write

    settings = settings or Settings()
    root = find_root(workspace, settings)
    found: Plan | None = None
    if plan is not None:
        found = load_plan(plan).plan
    elif (root / CONFIG_NAME).is_file():
        config = load(root / CONFIG_NAME, fast=settings.fast_yaml).data.get(keys.PLAN_FILE)
        if isinstance(config, str) and (root / config).is_file():
            found = load_plan(root / config).plan
    warnings = [] if found is not None else [Problem("W510")]
    folder = output or root / SCHEMA_DIR
    if plan is not None:
        from baocao.atomic import check_not_input
        from baocao.plan.schema import SCHEMA_FILES

        check_not_input([folder / name for name in SCHEMA_FILES], [plan])
    paths = write(folder, found, force=force)
    return SchemasWritten(paths, warnings)
