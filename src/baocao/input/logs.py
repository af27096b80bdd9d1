"""Reading and checking every unit log of a workspace, fast.

Each log file is checked on its own against the plan (:func:`check_file`): what it
holds, its problems, and the per-log rules' warnings. That result depends only on the
file's bytes, the plan and this program, so it is

- kept in the workspace's cache (:mod:`baocao.input.logstore`), keyed by the file's
  SHA-256 within a context made of the plan, the log folder and baocao's own code: a
  re-run checks again only the files that changed, and a changed plan or a new version
  of baocao starts afresh;
- computed partly in a worker process when many files need checking and more than one
  core is free: this process checks its share meanwhile.

Every file is read and hashed once; its digest goes on to the report's summary. An
ordinary valid log is checked the fast way (:mod:`baocao.input.fastlog`), any other
the model's way, which places every problem. The rules that span files (one unit
claimed by two files) stay with the caller. Whatever path a result took (checked here,
in a worker, or read back from the cache) it is the same: same data, same problems,
same places; results travel, and are stored, as the same JSON entries.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import signal
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from baocao.core import keys
from baocao.core.models import WHOLE_YEAR, LogModel, Plan, UnitLog, build_log_model, to_unit_log
from baocao.core.window import first_log_day
from baocao.errors import DisplayNames, InputError, Place, Problem, display_path
from baocao.input.cached import Checked as Checked
from baocao.input.cached import decode, encode
from baocao.input.fastlog import LogShape, log_shape, unit_log
from baocao.input.fastyaml import plain_data
from baocao.input.files import read_bytes
from baocao.input.logstore import CACHE_DIR as CACHE_DIR
from baocao.input.logstore import LogStore
from baocao.input.sources import Source, read_source, reader_for
from baocao.input.validate import check, check_log
from baocao.input.yamlbase import MAX_DEPTH
from baocao.input.yamlio import Document, plain_text, read_yaml
from baocao.settings import Settings
from baocao.stopping import release_in_child, signals_held

PARALLEL_MIN_FILES = 300
"""Fewer files than this are checked in this process: a worker costs more than it saves."""
FREE_CORE = 0.5
"""How much of a core the load average must leave idle for a worker to be started."""
CHUNK_FILES = 25
"""Files a worker checks per request: small enough to share the work out evenly."""
STORE_BATCH = 200
"""Entries handed to the cache store at a time: few calls, little held."""

_FORMAT = 4  # bump when the entry layout (baocao.input.cached) changes


@dataclass(frozen=True)
class LogRules:
    """What checking a log needs, made once per run (and once per worker)."""

    plan: Plan
    model: type[LogModel]
    shape: LogShape | None
    settings: Settings

    @classmethod
    def of(cls, plan: Plan, settings: Settings) -> LogRules:
        first = first_log_day(plan)
        model = build_log_model(plan, first)
        return cls(plan, model, log_shape(model, plan.year, first), settings)


def check_file(path: Path, rules: LogRules, file: str | None = None) -> Checked:
    """Check one log file, in whatever format a reader claims it (``file`` names it in
    messages; by default, as :func:`~baocao.errors.display_path` does)."""
    file = display_path(path) if file is None else file
    try:
        raw = read_bytes(path, file)
    except InputError as exc:
        return Checked(path, file, False, tuple(exc.problems), None, ())
    return check_bytes(path, file, raw, rules)


def check_bytes(path: Path, file: str, raw: bytes, rules: LogRules) -> Checked:
    """Check a log file's bytes (``file`` names it in messages)."""
    digest = hashlib.sha256(raw).hexdigest()
    fast = _fast(path, file, raw, rules)
    if fast is not None:
        return Checked(path, file, True, (), fast[0], fast[1], digest)
    try:
        source = read_source(path, raw, file, rules.settings)
    except InputError as exc:
        return Checked(path, file, False, tuple(exc.problems), None, (), digest)
    problems = list(source.warnings)
    instance, found = check(rules.model, source)
    problems.extend(found)
    if instance is None:
        return Checked(path, file, True, tuple(problems), None, (), digest)
    log = to_unit_log(instance, file)
    log = replace(log, whole_year_places=whole_year_places(log, source))
    found_rules = tuple(check_log(rules.plan, log, source))
    return Checked(path, file, True, tuple(problems), log, found_rules, digest)


def whole_year_places(log: UnitLog, source: Source) -> dict[str, Place]:
    """Where the notes written as plain lists (kho_khan, de_xuat: the whole year) stand.

    A report other than the year's warns about them, pointing there.
    """
    notes = ((keys.DIFFICULTIES, log.difficulties), (keys.PROPOSALS, log.proposals))
    return {key: source.place((key,), key=True) for key, found in notes if WHOLE_YEAR in found}


def _fast(
    path: Path, file: str, raw: bytes, rules: LogRules
) -> tuple[UnitLog, tuple[Problem, ...]] | None:
    """(log, rule problems) of an ordinary valid YAML log, or None: the model's way then."""
    if rules.shape is None or not rules.settings.fast_yaml or reader_for(path) is not read_yaml:
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    text = text.removeprefix("\ufeff")
    if not plain_text(text):
        return None
    marks: dict[str, tuple[int, int]] = {}
    data = plain_data(text, MAX_DEPTH, marks)
    if data is None:
        return None
    log = unit_log(data, file, rules.shape, marks)
    if log is None:
        return None
    return log, tuple(check_log(rules.plan, log, _Lazy(file, data, text)))


class _Lazy:
    """A fast-read file's places, worked out only when a rule has something to say."""

    def __init__(self, file: str, data: dict[str, Any], text: str) -> None:
        self.file, self.data = file, data
        self.warnings: list[Problem] = []
        self._text = text
        self._doc: Document | None = None

    def _document(self) -> Document:
        if self._doc is None:
            self._doc = Document(self.file, self.data, None, self._text.split("\n"))
        return self._doc

    def place(self, path: Any, *, key: bool = False) -> Any:
        return self._document().place(path, key=key)

    def raw_text(self, path: Any) -> str:
        return self._document().raw_text(path)


def check_files(
    paths: Sequence[Path],
    plan: Plan,
    plan_data: dict[str, Any],
    *,
    cache: LogCache | None = None,
    settings: Settings | None = None,
) -> list[Checked]:
    """Every file checked, in the order given: from the cache, here, or in a worker.

    ``settings.jobs`` processes check them (default: this one, and one worker for many
    files when another core is free).
    """
    settings = settings or Settings()
    store = cache.open() if cache is not None else None
    try:
        return _check_files(paths, plan, plan_data, store, settings)
    finally:
        if store is not None:
            store.close()


def _check_files(
    paths: Sequence[Path],
    plan: Plan,
    plan_data: dict[str, Any],
    store: LogStore | None,
    settings: Settings,
) -> list[Checked]:
    results: dict[Path, Checked] = {}
    stored = store.digests() if store is not None else set()
    kept: set[str] = set()  # entries read back whole: nothing to write for them
    names = DisplayNames()
    todo = [(path, names(path)) for path in paths]
    if stored:  # hash first, and take what the store has
        hits: dict[str, list[tuple[Path, str]]] = {}
        missed = []
        for path, file in todo:
            digest = _digest(path)
            if digest in stored:
                hits.setdefault(digest, []).append((path, file))
            else:
                missed.append((path, file))
        assert store is not None
        for digest, entry in store.entries(set(hits)):
            for path, file in hits[digest]:
                found = decode(entry, path, file, digest)
                if found is not None:
                    results[path] = found
                    kept.add(digest)
        todo = missed + [(p, f) for pairs in hits.values() for p, f in pairs if p not in results]
    if todo:
        rules = LogRules.of(plan, settings)
        batch: list[tuple[str, str]] = []
        for checked, sent in _check_all(todo, rules, plan_data):
            results[checked.path] = checked
            digest = checked.digest
            if store is not None and digest is not None and digest not in kept:
                kept.add(digest)
                stored_as = sent or encode(checked)
                if stored_as:
                    batch.append((digest, stored_as))
            if store is not None and len(batch) >= STORE_BATCH:
                store.put_many(batch)
                batch.clear()
        if store is not None and batch:
            store.put_many(batch)
    if store is not None:
        store.finish(kept, stored)
    return [results[path] for path in paths]


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(read_bytes(path, "")).hexdigest()
    except InputError:
        return None  # checking it will say why


# --- in this process and in a worker ---------------------------------------------------

_Sent = list[tuple[str | None, str | Checked]]
"""A worker's results: (digest, JSON entry), or the result itself when JSON cannot hold it."""


def _workers(count: int, jobs: int | None) -> int:
    """How many processes check ``count`` files: ``jobs``, or two for many files when
    another core is free.

    A worker pays for itself only on a core of its own: each file it checks costs this
    process a little to receive, and a busy machine gives it no core. So it is started
    when the load average leaves a core idle (on a system that reports one).
    """
    if jobs is not None:
        return max(1, min(jobs, count))
    if count < PARALLEL_MIN_FILES:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    try:
        busy = os.getloadavg()[0]
    except (AttributeError, OSError):  # no load average here: count on the cores
        busy = 0.0
    return 2 if (cores or 1) - busy >= FREE_CORE else 1


_Named = list[tuple[Path, str]]
"""Files to check, each with its name in messages."""


def _check_all(
    files: _Named, rules: LogRules, plan_data: dict[str, Any]
) -> Iterator[tuple[Checked, str | None]]:
    """(checked, its JSON entry when it came from a worker) for every file."""
    workers = _workers(len(files), rules.settings.jobs)
    pool = _pool(workers - 1, rules, plan_data) if workers > 1 else None
    if pool is None:
        for path, file in files:
            yield check_file(path, rules, file), None
        return
    try:
        with signals_held():  # the workers are started (forked) here
            pool.submit(_ready)
        yield from _share(files, rules, pool, workers - 1)
    except BaseException:  # stopped (Ctrl-C, SIGTERM): so are the workers, at once
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _share(
    files: _Named, rules: LogRules, pool: Any, helpers: int
) -> Iterator[tuple[Checked, str | None]]:
    """This process takes chunks from the front, the workers from the back, until none
    is left: however busy the cores are, nobody waits while the other has work."""
    size = max(1, min(CHUNK_FILES, len(files) // (4 * (helpers + 1))))
    chunks = deque(files[i : i + size] for i in range(0, len(files), size))
    pending: deque[tuple[_Named, Future[_Sent]]] = deque()
    while chunks or pending:
        while chunks and len(pending) < 2 * helpers:
            chunk = chunks.pop()
            sent = [(str(path), file) for path, file in chunk]
            pending.append((chunk, pool.submit(_check_chunk, sent)))
        while pending and pending[0][1].done():
            yield from _received(*pending.popleft())
        if chunks:
            for path, file in chunks.popleft():
                yield check_file(path, rules, file), None
        elif pending:
            yield from _received(*pending.popleft())


def _received(chunk: _Named, future: Future[_Sent]) -> Iterator[tuple[Checked, str | None]]:
    for (path, file), (digest, sent) in zip(chunk, future.result(), strict=True):
        if isinstance(sent, Checked):
            yield sent, None
            continue
        checked = decode(sent, path, file, digest)
        if checked is None:  # cannot happen: the entry was made by this program
            raise RuntimeError(f"a worker's result for {path} could not be read")
        yield checked, sent


_worker: dict[str, LogRules] = {}


def _ready() -> None:
    """Nothing: asked for first, so that the workers start where signals are held."""


def _start_worker(plan_data: dict[str, Any] | None, settings: Settings) -> None:
    # Ctrl-C reaches every process of the terminal's group: the parent stops the run,
    # and a worker must not print a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    release_in_child()
    if plan_data is not None:  # a fresh interpreter: build what a forked one inherits
        plan = Plan.model_validate(plan_data)
        _worker["rules"] = LogRules.of(plan, settings)


def _check_chunk(files: list[tuple[str, str]]) -> _Sent:
    rules = _worker["rules"]
    found: _Sent = []
    for path, file in files:
        checked = check_file(Path(path), rules, file)
        found.append((checked.digest, encode(checked) or checked))
    return found


def _pool(workers: int, rules: LogRules, plan_data: dict[str, Any]) -> Any:
    """A pool of ``workers`` processes, or None when none can be had.

    On Linux the workers are forked: they inherit the plan and its model, ready, and
    start in milliseconds whatever Python's default start method is. Elsewhere they
    start fresh and build them.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    forked = sys.platform.startswith("linux")
    try:
        context = multiprocessing.get_context("fork" if forked else "spawn")
        if forked:
            _worker["rules"] = rules
        return ProcessPoolExecutor(
            workers,
            mp_context=context,
            initializer=_start_worker,
            initargs=(None if forked else plan_data, rules.settings),
        )
    except (OSError, NotImplementedError, ImportError, ValueError):  # no semaphores: stay here
        return None


# --- the cache ---------------------------------------------------------------------------


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
    """The workspace's checked logs, for one plan, log folder and program."""

    def __init__(self, root: Path, plan_data: dict[str, Any], logs_folder: str) -> None:
        context = hashlib.sha256()
        context.update(code_digest().encode())
        context.update(logs_folder.encode())
        context.update(json.dumps(plan_data, sort_keys=True, default=str).encode())
        self.root = root
        self.context = context.hexdigest()[:32]

    def open(self) -> LogStore | None:
        """The store, or None when the workspace cannot hold one (E413 for a planted link)."""
        return LogStore.open(self.root, self.context)
