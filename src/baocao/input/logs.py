"""Reading and checking every unit log of a workspace, fast.

Each log file is checked on its own against the plan (:func:`check_file`): what it
holds, its problems, and the per-log rules' warnings. That result depends only on the
file's bytes, the plan and this program, so it is

- kept in a content-hash cache (``<workspace>/.baocao-cache/``), keyed by the file's
  SHA-256 under a folder keyed by the plan, the log folder and baocao's own code: a
  re-run checks again only the files that changed, and a changed plan or a new
  version of baocao starts afresh;
- computed in worker processes, one per core, when many files need checking.

The rules that span files (one unit claimed by two files) stay with the caller.
Whatever path a result took, it is the same: same data, same problems, same places.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import signal
import stat
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from baocao.core import keys
from baocao.core.models import (
    WHOLE_YEAR,
    Activity,
    LogModel,
    Plan,
    UnitLog,
    build_log_model,
    to_unit_log,
)
from baocao.core.period import Period
from baocao.core.window import first_log_day
from baocao.errors import BaocaoError, InputError, Place, Problem, display_path
from baocao.input.files import read_bytes
from baocao.input.sources import Source, read_source
from baocao.input.validate import check, check_log
from baocao.messages import Say
from baocao.settings import Settings
from baocao.state import NOFOLLOW, check_state_dir, make_state_dir, open_state_file
from baocao.stopping import release_in_child, signals_held

CACHE_DIR = ".baocao-cache"
PARALLEL_MIN_FILES = 150
"""Fewer files than this are checked in this process: starting workers costs more."""

_FORMAT = 3  # bump when the entry layout below changes


@dataclass(frozen=True)
class Checked:
    """One log file checked on its own."""

    path: Path
    file: str
    read: bool  # False: the file could not be read as YAML at all
    problems: tuple[Problem, ...]  # reading and model problems
    log: UnitLog | None
    rules: tuple[Problem, ...]  # check_log's, counted only when the file owns its unit


def check_file(
    path: Path, plan: Plan, model: type[LogModel], settings: Settings | None = None
) -> tuple[Checked, str | None]:
    """Check one log file, in whatever format a reader claims it; also its content hash
    (None when it could not be read)."""
    file = display_path(path)
    try:
        raw = read_bytes(path, file)
    except InputError as exc:
        return Checked(path, file, False, tuple(exc.problems), None, ()), None
    digest = hashlib.sha256(raw).hexdigest()
    try:
        source = read_source(path, raw, file, settings)
    except InputError as exc:
        return Checked(path, file, False, tuple(exc.problems), None, ()), digest
    problems = list(source.warnings)
    instance, found = check(model, source)
    problems.extend(found)
    if instance is None:
        return Checked(path, file, True, tuple(problems), None, ()), digest
    log = to_unit_log(instance, file)
    log = replace(log, whole_year_places=_whole_year_places(log, source))
    rules = tuple(check_log(plan, log, source))
    return Checked(path, file, True, tuple(problems), log, rules), digest


def _whole_year_places(log: UnitLog, source: Source) -> dict[str, Place]:
    """Where the notes written as plain lists (kho_khan, de_xuat: the whole year) stand.

    A report other than the year's warns about them, pointing there.
    """
    notes = ((keys.DIFFICULTIES, log.difficulties), (keys.PROPOSALS, log.proposals))
    return {key: source.place((key,), key=True) for key, found in notes if WHOLE_YEAR in found}


def check_files(
    paths: Sequence[Path],
    plan: Plan,
    plan_data: dict[str, Any],
    *,
    cache: LogCache | None = None,
    settings: Settings | None = None,
) -> list[Checked]:
    """Every file checked, in the order given: from the cache, in workers, or here.

    ``settings.jobs`` processes check them (default: one per core for many files).
    """
    settings = settings or Settings()
    results: dict[Path, Checked] = {}
    todo: list[Path] = []
    for path in paths:
        found = cache.get(path, plan) if cache is not None else None
        if found is None:
            todo.append(path)
        else:
            results[path] = found
    workers = _workers(len(todo), settings.jobs)
    fresh = _in_workers(todo, plan_data, settings, workers) if workers > 1 else None
    if fresh is None:
        model = build_log_model(plan, first_log_day(plan))
        fresh = (check_file(path, plan, model, settings) for path in todo)
    for checked, digest in fresh:
        results[checked.path] = checked
        if cache is not None and digest is not None:
            cache.put(checked, digest)
    if cache is not None:
        cache.prune()
    return [results[path] for path in paths]


# --- parallel ------------------------------------------------------------------------


def _workers(count: int, jobs: int | None) -> int:
    """How many processes check ``count`` files: ``jobs``, or one per core for many."""
    if jobs is not None:
        return max(1, min(jobs, count))
    if count < PARALLEL_MIN_FILES:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, count // 50 or 1))


_worker_state: dict[str, Any] = {}


def _start_worker(plan_data: dict[str, Any], settings: Settings) -> None:
    # Ctrl-C reaches every process of the terminal's group: the parent stops the run,
    # and a worker must not print a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    release_in_child()
    plan = Plan.model_validate(plan_data)
    _worker_state["plan"] = plan
    _worker_state["model"] = build_log_model(plan, first_log_day(plan))
    _worker_state["settings"] = settings


def _check_chunk(paths: list[Path]) -> list[tuple[Checked, str | None]]:
    plan, model, settings = (_worker_state[k] for k in ("plan", "model", "settings"))
    return [check_file(path, plan, model, settings) for path in paths]


def _in_workers(
    paths: list[Path], plan_data: dict[str, Any], settings: Settings, workers: int
) -> Iterator[tuple[Checked, str | None]] | None:
    """Results from a pool of ``workers`` processes, or None when no pool can be had."""
    from concurrent.futures import ProcessPoolExecutor

    try:
        pool = ProcessPoolExecutor(
            workers, initializer=_start_worker, initargs=(plan_data, settings)
        )
    except (OSError, NotImplementedError, ImportError):  # no semaphores, no fork: stay here
        return None
    size = max(4, min(64, len(paths) // (workers * 4) or 1))
    chunks = [paths[i : i + size] for i in range(0, len(paths), size)]

    def results() -> Iterator[tuple[Checked, str | None]]:
        try:
            with signals_held():  # the workers are started (forked) here
                done = pool.map(_check_chunk, chunks)
            for chunk in done:
                yield from chunk
        except BaseException:  # stopped (Ctrl-C, SIGTERM): so are the workers, at once
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                process.terminate()
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        pool.shutdown(wait=True)

    return results()


# --- the content-hash cache ------------------------------------------------------------


def program_files() -> list[Path]:
    """Every module of this program, in every subpackage, in a stable order."""
    package = Path(__file__).resolve().parents[1]
    return sorted(package.rglob("*.py"))


@functools.cache
def code_digest() -> str:
    """A digest of this program's own modules: a changed rule must not reuse old results."""
    from baocao import __version__

    digest = hashlib.sha256(f"{__version__}/{_FORMAT}".encode())
    package = Path(__file__).resolve().parents[1]
    for module in program_files():
        digest.update(module.relative_to(package).as_posix().encode())
        digest.update(module.read_bytes())
    return digest.hexdigest()


class LogCache:
    """Checked log files by content hash, in one folder per plan, log folder and program."""

    def __init__(self, root: Path, plan_data: dict[str, Any], logs_folder: str) -> None:
        context = hashlib.sha256()
        context.update(code_digest().encode())
        context.update(logs_folder.encode())
        context.update(json.dumps(plan_data, sort_keys=True, default=str).encode())
        self.folder = root / CACHE_DIR / context.hexdigest()[:32]
        self.used: set[str] = set()
        # baocao's own state: a link or a file where its folders belong is an error
        # (E413), never followed; a workspace without a cache yet has nothing to check.
        if check_state_dir(root / CACHE_DIR):
            check_state_dir(self.folder)
        self.writable = True

    def get(self, path: Path, plan: Plan) -> Checked | None:
        """The cached result for ``path``'s current bytes, or None."""
        try:
            raw = path.read_bytes()
        except OSError:
            return None  # checking it will say why
        digest = hashlib.sha256(raw).hexdigest()
        entry = self.folder / f"{digest}.json"
        try:
            with os.fdopen(open_state_file(entry, os.O_RDONLY), encoding="utf-8") as stream:
                stored = json.load(stream)
            found = _decode(stored, path, display_path(path))
        except (BaocaoError, OSError, ValueError, KeyError, TypeError, IndexError):
            return None  # not a usable entry: checked again, and stored anew
        self.used.add(entry.name)
        return found

    def put(self, checked: Checked, digest: str) -> None:
        """Keep ``checked`` under ``digest``; a cache that cannot be written is skipped."""
        name = f"{digest}.json"
        self.used.add(name)
        if not self.writable:
            return
        try:
            text = json.dumps(_encode(checked), ensure_ascii=False, separators=(",", ":"))
        except _Unstorable:
            return
        try:
            make_state_dir(self.folder.parent)
            make_state_dir(self.folder)
            _write_tag(self.folder.parent / "CACHEDIR.TAG")
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=self.folder, suffix=".tmp", delete=False
            ) as handle:
                handle.write(text)
            os.replace(handle.name, self.folder / name)
        except OSError:
            self.writable = False  # a read-only workspace: run without writing

    def prune(self) -> None:
        """Drop entries of file versions this run did not see.

        Only regular files named as baocao names its entries (and its temporary files)
        are removed: anything else in the folder is not baocao's to delete.
        """
        if not self.writable:
            return
        try:
            for entry in self.folder.iterdir():
                if entry.name in self.used or not _OWN_ENTRY.fullmatch(entry.name):
                    continue
                if stat.S_ISREG(os.lstat(entry).st_mode):
                    entry.unlink(missing_ok=True)
        except OSError:
            pass


_OWN_ENTRY = re.compile(r"[0-9a-f]{64}\.json|tmp[a-z0-9_]+\.tmp")
_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# baocao's cache of checked files: safe to delete.\n"
)


def _write_tag(tag: Path) -> None:
    """Mark the cache folder for backup tools (CACHEDIR.TAG), never through a link."""
    try:
        fd = os.open(tag, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW, 0o666)
    except FileExistsError:
        return
    with os.fdopen(fd, "w", encoding="utf-8") as stream:
        stream.write(_TAG)


class _Unstorable(Exception):
    pass


def _encode_value(value: Any) -> Any:
    if isinstance(value, Say):
        return {"say": list(value)}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise _Unstorable


def _encode_problems(problems: Iterable[Problem]) -> list[Any]:
    return [
        [
            p.code,
            [p.place.line, p.place.column, p.place.sheet],
            {k: _encode_value(v) for k, v in p.params.items()},
        ]
        for p in problems
    ]


def _decode_problems(items: list[Any], file: str) -> tuple[Problem, ...]:
    return tuple(
        Problem(
            code,
            Place(file, line, column, sheet),
            {k: Say(*v["say"]) if isinstance(v, dict) else v for k, v in params.items()},
        )
        for code, (line, column, sheet), params in items
    )


def _encode(checked: Checked) -> dict[str, Any]:
    log = checked.log
    return {
        "read": checked.read,
        "problems": _encode_problems(checked.problems),
        "rules": _encode_problems(checked.rules),
        "log": None
        if log is None
        else {
            "unit": log.unit,
            "year": log.year,
            "sent": {k: v.isoformat() for k, v in log.sent.items()},
            "activities": [
                [a.task, a.day.isoformat(), a.text, dict(a.figures), a.index]
                for a in log.activities
            ],
            "difficulties": {k: list(v) for k, v in log.difficulties.items()},
            "proposals": {k: list(v) for k, v in log.proposals.items()},
            "whole_year_places": {
                k: [p.line, p.column, p.sheet] for k, p in log.whole_year_places.items()
            },
        },
    }


def _decode(stored: dict[str, Any], path: Path, file: str) -> Checked:
    data = stored["log"]
    log = None
    if data is not None:
        log = UnitLog(
            file=file,
            unit=data["unit"],
            year=data["year"],
            sent={Period(k): date.fromisoformat(v) for k, v in data["sent"].items()},
            activities=tuple(
                Activity(task, date.fromisoformat(day), text, figures, index)
                for task, day, text, figures, index in data["activities"]
            ),
            difficulties={k: tuple(v) for k, v in data["difficulties"].items()},
            proposals={k: tuple(v) for k, v in data["proposals"].items()},
            whole_year_places={
                k: Place(file, line, column, sheet)
                for k, (line, column, sheet) in data["whole_year_places"].items()
            },
        )
    return Checked(
        path,
        file,
        bool(stored["read"]),
        _decode_problems(stored["problems"], file),
        log,
        _decode_problems(stored["rules"], file),
    )
