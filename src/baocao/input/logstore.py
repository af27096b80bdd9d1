"""The store behind the log cache: one SQLite file per workspace, written in one transaction.

``<workspace>/.baocao-cache/checked.sqlite3`` holds one entry per checked log version:
(context, content digest) -> the checked result, as JSON text. A run reads the entries
of its context in one query and writes what it checked, and drops what it no longer
needs, in one transaction: no file per log, no rename per log.

The store is baocao's own state (see :mod:`baocao.state`): the folder and the file are
opened only when they are a real folder and a regular file with one name, never through
a link, and a file there that is not baocao's store is an error (E413), left untouched.
SQLite keeps its rollback journal in memory, so it makes no file beside the store; a
file there (``-journal``, ``-wal``) is not baocao's either. A store left damaged by a
killed run is baocao's own, and is started afresh. When the workspace cannot be
written (read-only, full, locked by another run) the run goes on without the store.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterable, Iterator
from contextlib import suppress
from pathlib import Path

from baocao.messages import Say
from baocao.state import NOFOLLOW, make_state_dir, open_state_file, state_error

CACHE_DIR = ".baocao-cache"
STORE_NAME = "checked.sqlite3"
_APPLICATION_ID = 0x62616F63  # "baoc": marks a SQLite file as baocao's store
_LAYOUT = 1  # PRAGMA user_version: bump when the table below changes
_HEADER = b"SQLite format 3\x00"
_SIDECARS = ("-journal", "-wal", "-shm")
_BUSY_SECONDS = 2.0  # another run writing the store: wait this long, then go without it
_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# baocao's cache of checked files: safe to delete.\n"
)
_NOT_OURS = Say(
    "tệp này có nội dung không phải của baocao", "it holds something baocao did not write"
)
_SIDECAR = Say(
    "baocao không tạo tệp này bên cạnh bộ nhớ đệm", "baocao makes no such file beside its cache"
)


class _Damaged(Exception):
    """The store is baocao's but cannot be read: start it afresh."""


class LogStore:
    """Checked results by (context, digest), in the workspace's one SQLite file."""

    def __init__(self, db: sqlite3.Connection, context: str) -> None:
        self._db: sqlite3.Connection | None = db
        self.context = context
        self._writing = False

    @classmethod
    def open(cls, root: Path, context: str) -> LogStore | None:
        """The workspace's store, made when missing; None when the workspace cannot hold one.

        Raises E413 (:class:`~baocao.errors.OutputError`) when a link, a folder or a
        file that is not baocao's stands where the store or its folder belongs.
        """
        folder = root / CACHE_DIR
        path = folder / STORE_NAME
        try:
            make_state_dir(folder)
        except OSError:
            return None  # a read-only workspace: run without the store
        _write_tag(folder / "CACHEDIR.TAG")
        for suffix in _SIDECARS:
            _refuse_sidecar(folder / (STORE_NAME + suffix))
        try:
            db = _connect(path)
        except _Damaged:
            _remove_own(path)
            try:
                db = _connect(path)
            except (_Damaged, sqlite3.Error, OSError):
                return None
        except (sqlite3.Error, OSError):
            return None
        return cls(db, context)

    def digests(self) -> set[str]:
        """The digests this context has entries for."""
        if self._db is None:
            return set()
        try:
            rows = self._db.execute("SELECT digest FROM checked WHERE context = ?", (self.context,))
            return {digest for (digest,) in rows}
        except sqlite3.Error:
            return set()

    def entries(self, wanted: set[str]) -> Iterator[tuple[str, str]]:
        """(digest, entry) of this context's entries whose digest is ``wanted``, one by one."""
        if self._db is None:
            return
        try:
            rows = self._db.execute(
                "SELECT digest, entry FROM checked WHERE context = ?", (self.context,)
            )
            for digest, entry in rows:
                if digest in wanted:
                    yield digest, entry
        except sqlite3.Error:
            return

    def put_many(self, items: Iterable[tuple[str, str]]) -> None:
        """Add (digest, entry) pairs, inside the run's one transaction (begun at the first)."""
        if self._db is None:
            return
        try:
            self._begin()
            self._db.executemany(
                "INSERT OR REPLACE INTO checked (context, digest, entry) VALUES (?, ?, ?)",
                ((self.context, digest, entry) for digest, entry in items),
            )
        except sqlite3.Error:
            self._give_up()

    def finish(self, keep: set[str], stored: set[str]) -> None:
        """Drop entries not in ``keep`` (of ``stored``) and other contexts', then commit."""
        if self._db is None:
            return
        try:
            stale = stored - keep
            others = self._db.execute(
                "SELECT 1 FROM checked WHERE context <> ? LIMIT 1", (self.context,)
            ).fetchone()
            if stale or others:
                self._begin()
                self._db.execute("DELETE FROM checked WHERE context <> ?", (self.context,))
                self._db.executemany(
                    "DELETE FROM checked WHERE context = ? AND digest = ?",
                    ((self.context, digest) for digest in sorted(stale)),
                )
            if self._writing:
                self._db.execute("COMMIT")
                self._writing = False
        except sqlite3.Error:
            self._give_up()
        finally:
            self.close()

    def close(self) -> None:
        """Close the store; what was not committed is dropped."""
        if self._db is not None:
            with suppress(sqlite3.Error):
                self._db.close()
            self._db = None

    def _begin(self) -> None:
        if not self._writing and self._db is not None:
            self._db.execute("BEGIN IMMEDIATE")
            self._writing = True

    def _give_up(self) -> None:
        # A full disk, a store locked by another run: this run's results are simply not kept.
        self.close()


def _write_tag(tag: Path) -> None:
    """Mark the cache folder for backup tools (CACHEDIR.TAG), never through a link."""
    try:
        fd = os.open(tag, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW, 0o666)
    except OSError:
        return  # already there (or a link there: never followed), or a read-only folder
    with os.fdopen(fd, "w", encoding="utf-8") as stream:
        stream.write(_TAG)


def _refuse_sidecar(path: Path) -> None:
    """E413 when something stands where SQLite would put a journal beside the store."""
    with suppress(FileNotFoundError):
        os.lstat(path)
        raise state_error(path, _SIDECAR)


def _connect(path: Path) -> sqlite3.Connection:
    """The store at ``path``, checked to be baocao's, made when new or empty.

    The file is opened first without following a link (E413 for a link, a folder, a
    file with two names); SQLite then opens the same file by name, and its identity
    is compared, so a link slipped in between is refused as well.
    """
    fd = open_state_file(path, os.O_RDWR | os.O_CREAT)
    try:
        before = os.fstat(fd)
        head = os.pread(fd, len(_HEADER), 0) if hasattr(os, "pread") else b""
        if head and not _HEADER.startswith(head[: len(_HEADER)]):
            raise state_error(path, _NOT_OURS)
        db = sqlite3.connect(path, timeout=_BUSY_SECONDS, isolation_level=None)
        try:
            after = os.stat(path)
            if (after.st_dev, after.st_ino) != (before.st_dev, before.st_ino):
                raise state_error(path, _NOT_OURS)
            _prepare(db, path)
        except BaseException:
            db.close()
            raise
    finally:
        os.close(fd)
    return db


def _prepare(db: sqlite3.Connection, path: Path) -> None:
    """Set the connection up, and the table when the store is new or of an older layout."""
    try:
        db.execute("PRAGMA journal_mode = MEMORY")  # no journal file beside the store
        db.execute("PRAGMA synchronous = OFF")  # a cache: a crash loses it, never more
        db.execute("PRAGMA temp_store = MEMORY")
        (app_id,) = db.execute("PRAGMA application_id").fetchone()
        (layout,) = db.execute("PRAGMA user_version").fetchone()
        tables = db.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError):
            raise  # locked or read-only: not damage
        raise _Damaged from exc
    if app_id != _APPLICATION_ID and (tables or app_id):
        raise state_error(path, _NOT_OURS)  # someone else's database
    if app_id == _APPLICATION_ID and layout == _LAYOUT:
        return
    db.execute("BEGIN IMMEDIATE")
    db.execute("DROP TABLE IF EXISTS checked")
    db.execute(
        "CREATE TABLE checked (context TEXT NOT NULL, digest TEXT NOT NULL, "
        "entry TEXT NOT NULL, PRIMARY KEY (context, digest))"
    )
    db.execute(f"PRAGMA application_id = {_APPLICATION_ID}")
    db.execute(f"PRAGMA user_version = {_LAYOUT}")
    db.execute("COMMIT")


def _remove_own(path: Path) -> None:
    """Delete the damaged store: only a regular file with one name (baocao's own)."""
    with suppress(OSError):
        info = os.lstat(path)
        if _is_own_file(info):
            os.unlink(path)


def _is_own_file(info: os.stat_result) -> bool:
    return stat.S_ISREG(info.st_mode) and info.st_nlink == 1
