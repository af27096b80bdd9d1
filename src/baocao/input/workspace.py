"""Finding and loading a workspace: configuration, plan, unit logs and narratives.

Layout of a workspace folder::

    baocao.yaml              configuration (plan file, signer, recipients, output folder)
    ke-hoach-2021.yaml       the plan (any name, given in baocao.yaml)
    2021/<don-vi>.yaml       one activity log per reporting unit and plan year
    2021/<ma>.json           a lower-level body's (cap_duoi) summary of its own report
    dien-giai/2021-6m.yaml   optional: the clerk's own text for a period
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from baocao.core import keys
from baocao.core.models import Narrative, Plan, UnitLog, WorkspaceConfig
from baocao.core.period import Period
from baocao.errors import InputError, Place, Problem, display_path
from baocao.input.files import decode_text, entry_problem, read_bytes
from baocao.input.logs import Checked, LogCache, check_files
from baocao.input.lower import Lowered, load_lowers, missing_lowers, report_for
from baocao.input.placeholders import placeholders
from baocao.input.sources import LOWER_SUFFIX, claims, load_source
from baocao.input.targets import check_config_targets
from baocao.input.validate import check, check_narrative, check_plan
from baocao.input.yamlio import Document, parse
from baocao.messages import WORKSPACE_HINT, Say
from baocao.settings import Settings

CONFIG_NAME = "baocao.yaml"
NARRATIVE_DIR = "dien-giai"


@dataclass
class Workspace:
    """Everything a report is made from, validated."""

    root: Path
    config: WorkspaceConfig
    plan: Plan
    plan_doc: Document
    logs: tuple[UnitLog, ...]
    narratives: dict[tuple[int, Period], Narrative]
    warnings: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    narrative_files: dict[tuple[int, Period], Path] = field(default_factory=dict)
    config_doc: Document | None = None
    placeholders: list[Problem] = field(default_factory=list)
    """What is left to fill in: the workspace makes a draft, not a report to sign."""
    lower: dict[str, Lowered] = field(default_factory=dict)
    """The summary filed now for each lower-level body (``cap_duoi``), by its code."""
    lower_folder: Path | None = None
    _lower_reports: dict[tuple[int, Period], list[Lowered]] = field(
        default_factory=dict, repr=False
    )
    digests: dict[Path, str] = field(default_factory=dict)
    """SHA-256 of each file's bytes as they were read: what the report is made from."""

    def report_inputs(self, year: int, period: Period) -> list[Path]:
        """The files one period's report is made from (not other periods' narratives, nor
        lower bodies' summaries of other periods)."""
        narratives = set(self.narrative_files.values())
        own = self.narrative_files.get((year, period))
        filed = {read.path for read in self.lower.values()}
        used = [read.path for read in self.lower_reports(year, period)]
        kept = [p for p in self.files if (p not in narratives or p == own) and p not in filed]
        return kept + used

    def lower_reports(self, year: int, period: Period) -> list[Lowered]:
        """Each lower body's summary for ``period`` of ``year``: the one filed now, or the
        newest kept one of that period; a body that sent none is left out."""
        key = (year, period)
        if key not in self._lower_reports:
            folder = self.lower_folder or self.root / str(self.plan.year)
            found = (
                report_for(folder, self.plan, unit, self.lower.get(unit.code), period, year)
                for unit in self.plan.units
                if unit.lower
            )
            self._lower_reports[key] = [read for read in found if read is not None]
        return self._lower_reports[key]

    def log_for(self, unit: str) -> UnitLog | None:
        return next((log for log in self.logs if log.unit == unit), None)


def find_root(explicit: Path | None = None, settings: Settings | None = None) -> Path:
    """The workspace folder: the one given, the settings' (BAOCAO_WORKSPACE), ./ or ./data/."""
    if explicit is not None:
        return explicit
    if settings is not None and settings.workspace is not None:
        return settings.workspace
    here = Path.cwd()
    if (here / CONFIG_NAME).is_file() or not (here / "data" / CONFIG_NAME).is_file():
        return here
    return here / "data"


YAML_SUFFIXES = (".yaml", ".yml")
DATA_SUFFIXES = (*YAML_SUFFIXES, ".json")
"""Names of data files: one that cannot be read as a file is an error, never skipped."""


def data_files(
    folder: Path, wanted: Callable[[Path], bool], root: Path
) -> tuple[list[Path], list[Problem]]:
    """The files of ``folder`` that ``wanted`` takes, in a stable order, and an E010 for
    each data file (one ``wanted`` takes, or ``*.yaml``, ``*.yml``, ``*.json``) that is
    not a regular file: a folder, a pipe, a broken link or a link out of the workspace
    ``root`` is named, never silently skipped.

    Hidden files are skipped: editors' and macOS's companions (``._xa-an-binh.yaml``,
    ``.xa-an-binh.yaml.swp``) are not a unit's data.
    """
    if not folder.is_dir():
        return [], []
    files, problems = [], []
    for path in sorted(folder.iterdir()):
        taken = wanted(path)
        if path.name.startswith(".") or not (taken or path.suffix.lower() in DATA_SUFFIXES):
            continue
        why = entry_problem(path, root)
        if why is not None:  # named as it stands in the folder, a link by its own name
            shown = (Path(display_path(folder)) / path.name).as_posix()
            problems.append(Problem("E010", Place(shown), {"detail": why}))
        elif taken:
            files.append(path)
    return files, problems


def yaml_files(folder: Path) -> list[Path]:
    """The readable YAML files of ``folder``, in a stable order (see :func:`data_files`)."""
    return data_files(folder, _is_yaml, folder)[0]


def _is_yaml(path: Path) -> bool:
    return path.suffix.lower() in YAML_SUFFIXES


def log_files(root: Path, year: int, folder_name: str | None = None) -> list[Path]:
    """The unit logs for ``year`` (in ``<year>/`` or a folder given): every file a reader
    claims (:mod:`baocao.input.sources`) but the lower bodies' summaries, in a stable order."""
    return data_files(root / (folder_name or str(year)), _is_log, root)[0]


def _is_log(path: Path) -> bool:
    return claims(path) and path.suffix.lower() != LOWER_SUFFIX


def _load_doc(
    path: Path, problems: list[Problem], settings: Settings, digests: dict[Path, str]
) -> Document | None:
    file = display_path(path)
    try:
        raw = read_bytes(path, file)
        digests[path] = hashlib.sha256(raw).hexdigest()
        doc = parse(decode_text(raw, file), file, fast=settings.fast_yaml)
    except InputError as exc:
        problems.extend(exc.problems)
        return None
    problems.extend(doc.warnings)
    return doc


def load_workspace(
    root: Path,
    plan_file: str | None = None,
    logs_dir: str | None = None,
    *,
    settings: Settings | None = None,
) -> Workspace:
    """Load and validate a whole workspace, collecting every problem in every file.

    Raises :class:`InputError` (errors, placeholders and warnings together) when any
    error is found; otherwise the warnings and what is left to fill in
    (``placeholders``, errors that still allow a draft) are on the returned workspace.
    """
    settings = settings or Settings()
    config_path = root / CONFIG_NAME
    if not config_path.is_file():
        shown = display_path(config_path)
        what = Say("tệp cấu hình", "configuration file")
        raise InputError.one("E011", shown, what=what, path=shown, hint=WORKSPACE_HINT)
    problems: list[Problem] = []
    digests: dict[Path, str] = {}
    config_doc = _load_doc(config_path, problems, settings, digests)
    config = None
    if config_doc is not None:
        config, found = check(WorkspaceConfig, config_doc)
        problems.extend(found)
        if config is not None:
            problems.extend(check_config_targets(config, config_doc))
    if config is None or config_doc is None or _has_errors(problems):
        raise InputError(problems)

    plan_path = root / (plan_file or config.plan_file)
    if not plan_path.exists():  # named in baocao.yaml: point there, where the fix is
        place = (
            config_doc.place((keys.PLAN_FILE,))
            if keys.PLAN_FILE in config_doc.data
            else Place(config_doc.file)
        )
        params = {
            "what": Say("tệp kế hoạch", "plan file"),
            "path": display_path(plan_path),
            "hint": "",
        }
        raise InputError([*problems, Problem("E011", place, params)])
    plan_doc = _load_doc(plan_path, problems, settings, digests)
    plan = None
    if plan_doc is not None:
        plan, found = check(Plan, plan_doc)
        problems.extend(found)
        if plan is not None:
            problems.extend(check_plan(plan, plan_doc))
    if plan is None or plan_doc is None or _has_errors(problems):
        raise InputError(problems)

    logs, log_paths = _load_logs(root, plan, plan_doc, problems, logs_dir, settings, digests)
    lower_folder = root / (logs_dir or str(plan.year))
    lower = load_lowers(lower_folder, plan, problems, root)
    narratives, narrative_paths, narrative_docs = _load_narratives(
        root, plan, problems, settings, digests
    )
    unfilled = placeholders(config_doc, config, plan_doc, plan, narrative_docs)
    if _has_errors(problems):
        raise InputError([*problems, *unfilled])
    problems.extend(_missing_units(plan, plan_doc, logs))
    problems.extend(
        missing_lowers(plan, lambda i: plan_doc.place((keys.UNITS, i, keys.CODE)), lower)
    )
    return Workspace(
        root=root,
        config=config,
        plan=plan,
        plan_doc=plan_doc,
        logs=tuple(logs),
        narratives=narratives,
        warnings=sorted(problems, key=Problem.sort_key),
        files=[
            config_path,
            plan_path,
            *log_paths,
            *(read.path for read in lower.values()),
            *narrative_paths.values(),
        ],
        narrative_files=narrative_paths,
        config_doc=config_doc,
        placeholders=sorted(unfilled, key=Problem.sort_key),
        lower=lower,
        lower_folder=lower_folder,
        digests=digests,
    )


def _has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)


def _load_logs(
    root: Path,
    plan: Plan,
    plan_doc: Document,
    problems: list[Problem],
    logs_dir: str | None,
    settings: Settings,
    digests: dict[Path, str],
) -> tuple[list[UnitLog], list[Path]]:
    folder = logs_dir or str(plan.year)
    cache = LogCache(root, plan_doc.data, folder) if settings.cache else None
    files, odd = data_files(root / folder, _is_log, root)
    problems.extend(odd)
    checked = check_files(files, plan, plan_doc.data, cache=cache, settings=settings)
    paths: list[Path] = []
    loaded: list[tuple[Checked, UnitLog]] = []
    for result in checked:
        problems.extend(result.problems)
        if result.digest is not None:
            digests[result.path] = result.digest
        if not result.read:
            continue
        paths.append(result.path)
        if result.log is not None:
            loaded.append((result, result.log))
    # When two files claim a unit, the one named after it (xa-an-binh.yaml) owns it and
    # the other (a copy, a misnamed file) is the one reported.
    loaded.sort(key=lambda item: (item[0].path.stem != item[1].unit, item[0].path.name))
    logs: list[UnitLog] = []
    claimed: dict[str, str] = {}
    lower_units = {u.code for u in plan.units if u.lower}
    for result, log in loaded:
        if log.unit in claimed:
            source = load_source(result.path, settings)  # read again: its places are needed
            params = {"key": log.unit, "other": claimed[log.unit]}
            problems.append(Problem("E110", source.place((keys.UNITS,)), params))
            continue
        claimed[log.unit] = result.file
        if log.unit in lower_units:  # it sends its report's summary, not a log
            source = load_source(result.path, settings)
            params = {"unit": plan.unit_name(log.unit), "code": log.unit}
            problems.append(Problem("E711", source.place((keys.UNITS,)), params))
            continue
        problems.extend(result.rules)
        logs.append(log)
    logs.sort(key=lambda log: log.file)
    return logs, paths


def _load_narratives(
    root: Path,
    plan: Plan,
    problems: list[Problem],
    settings: Settings,
    digests: dict[Path, str],
) -> tuple[dict[tuple[int, Period], Narrative], dict[tuple[int, Period], Path], list[Document]]:
    narratives: dict[tuple[int, Period], Narrative] = {}
    paths: dict[tuple[int, Period], Path] = {}
    docs: list[Document] = []
    files, odd = data_files(root / NARRATIVE_DIR, _is_yaml, root)
    problems.extend(odd)
    for path in files:
        doc = _load_doc(path, problems, settings, digests)
        if doc is None:
            continue
        docs.append(doc)
        narrative, found = check(Narrative, doc)
        problems.extend(found)
        if narrative is None:
            continue
        key = (narrative.year, narrative.period)
        if key in paths:  # which one the report should say cannot be guessed
            params = {"period": key[1], "year": key[0], "other": display_path(paths[key])}
            problems.append(Problem("E124", doc.place(("ky",)), params))
            continue
        problems.extend(check_narrative(plan, narrative, doc))
        narratives[key] = narrative
        paths[key] = path
    return narratives, paths, docs


def _missing_units(plan: Plan, plan_doc: Document, logs: list[UnitLog]) -> list[Problem]:
    have = {log.unit for log in logs}
    problems = []
    for index, unit in enumerate(plan.units):
        if unit.code not in have and not unit.lower:
            place = plan_doc.place((keys.UNITS, index, keys.CODE))
            problems.append(Problem("W204", place, {"unit": unit.name, "year": plan.year}))
    return problems
