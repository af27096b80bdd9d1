"""Checking unit logs from the content-hash cache and in worker processes.

Whichever way a log is checked (fresh, from the cache, in a worker, with the fast or
the careful YAML reader) the problems are the same: codes, files, lines, columns and
messages.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from baocao import api
from baocao.errors import InputError
from baocao.input import logs
from baocao.settings import Settings

DUPLICATES = """\
don_vi: xa-phu-my
nam: 2021
nhiem_vu:
  NV1:
    - ngay: 2021-03-12
      noi_dung: Tuyên truyền tại nhà văn hóa ấp Mỹ Phú
      so_lieu:
        so_buoi: 1
    - ngay: 2021-03-12
      noi_dung: Tuyên truyền tại nhà văn hóa ấp Mỹ Phú
      so_lieu:
        so_buoi: 1
  NV5:
    - ngay: 2021-02-01
      noi_dung: Tập huấn sớm hơn kế hoạch
"""

Found = list[tuple[str, str | None, int | None, int | None, str]]


def stored(root: Path) -> list[str]:
    """The digests the workspace's cache holds an entry for."""
    db = sqlite3.connect(root / logs.CACHE_DIR / "checked.sqlite3")
    try:
        return sorted(digest for (digest,) in db.execute("SELECT digest FROM checked"))
    finally:
        db.close()


ONE = Settings(jobs=1)
TWO = Settings(jobs=2)


def problems(root: Path, settings: Settings = ONE) -> Found:
    """Every problem of a workspace, errors or not, as users see them."""
    try:
        found = api.validate(root, settings=settings).warnings
    except InputError as exc:
        found = exc.problems
    return [(p.code, p.file, p.line, p.column, p.message("vi")) for p in found]


@pytest.fixture
def broken(sample_copy: Path) -> Path:
    """The sample with errors and warnings of every kind spread over its log files."""
    logs_dir = sample_copy / "2021"
    an_binh = logs_dir / "xa-an-binh.yaml"
    an_binh.write_text(
        an_binh.read_text(encoding="utf-8").replace("so_luot_nguoi: 65", "so_luot_nguoi: -5"),
        encoding="utf-8",
    )
    phu_nu = logs_dir / "hoi-phu-nu.yaml"
    phu_nu.write_text(
        phu_nu.read_text(encoding="utf-8").replace("Lồng ghép", "Lồng\u200b ghép"),
        encoding="utf-8",
    )
    shutil.copyfile(logs_dir / "cong-an-huyen.yaml", logs_dir / "cong-an-huyen-2.yaml")
    (logs_dir / "xa-loi.yaml").write_text("don_vi: [xa-loi\nnam: 2021\n", encoding="utf-8")
    (logs_dir / "xa-phu-my.yaml").write_text(DUPLICATES, encoding="utf-8")
    return sample_copy


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the files checked afresh (checking in this process: see ONE)."""
    checked: list[str] = []
    real = logs.check_file

    def spy(path: Path, *args: Any) -> Any:
        checked.append(path.name)
        return real(path, *args)

    monkeypatch.setattr(logs, "check_file", spy)
    return checked


def test_problems_are_the_same_cold_warm_parallel_and_careful(broken: Path) -> None:
    cold = problems(broken)
    assert {"E002", "E104", "E110", "W201", "W202", "W203", "W205"} <= {p[0] for p in cold}
    assert stored(broken)
    warm = problems(broken)
    shutil.rmtree(broken / logs.CACHE_DIR)
    parallel = problems(broken, TWO)
    parallel_warm = problems(broken, TWO)
    careful = problems(broken, Settings(jobs=1, cache=False, fast_yaml=False))
    assert cold == warm == parallel == parallel_warm == careful


def test_a_valid_workspace_loads_the_same_logs_every_way(sample_copy: Path) -> None:
    cold = api.validate(sample_copy, settings=ONE)
    warm = api.validate(sample_copy, settings=ONE)
    parallel = api.validate(sample_copy, settings=Settings(jobs=2, cache=False))
    assert cold.logs == warm.logs == parallel.logs
    assert cold.warnings == warm.warnings == parallel.warnings
    assert cold.files == warm.files == parallel.files


def test_a_warm_cache_checks_nothing_again(sample_copy: Path, calls: list[str]) -> None:
    api.validate(sample_copy, settings=ONE)
    assert len(calls) == 11
    calls.clear()
    api.validate(sample_copy, settings=ONE)
    assert calls == []


def test_a_changed_file_is_checked_again(sample_copy: Path, calls: list[str]) -> None:
    api.validate(sample_copy, settings=ONE)
    calls.clear()
    path = sample_copy / "2021" / "xa-an-binh.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("so_luot_nguoi: 65", "so_luot_nguoi: 66"), encoding="utf-8")
    ws = api.validate(sample_copy, settings=ONE)
    assert calls == ["xa-an-binh.yaml"]
    log = ws.log_for("xa-an-binh")
    assert log is not None and any(a.figures.get("so_luot_nguoi") == 66 for a in log.activities)
    calls.clear()
    path.write_text(text.replace("so_luot_nguoi: 65", "so_luot_nguoi: -5"), encoding="utf-8")
    assert "E104" in [p[0] for p in problems(sample_copy)]
    assert calls == ["xa-an-binh.yaml"]


def test_a_changed_plan_checks_everything_again(sample_copy: Path, calls: list[str]) -> None:
    assert "W201" in [p[0] for p in problems(sample_copy)]
    calls.clear()
    plan = sample_copy / "ke-hoach-2021.yaml"
    text = plan.read_text(encoding="utf-8")
    # NV5 starts in March now: the activity of 25/03 is no longer outside its frame.
    plan.write_text(
        text.replace(
            "thoi_gian: quý II, quý III năm 2021\n    tu_ngay: 2021-04-01",
            "thoi_gian: từ tháng 3 năm 2021\n    tu_ngay: 2021-03-01",
        ),
        encoding="utf-8",
    )
    assert "W201" not in [p[0] for p in problems(sample_copy)]
    assert len(calls) == 11


def test_a_damaged_cache_entry_is_ignored_and_replaced(sample_copy: Path, calls: list[str]) -> None:
    first = api.validate(sample_copy, settings=ONE)
    calls.clear()
    db = sqlite3.connect(sample_copy / logs.CACHE_DIR / "checked.sqlite3")
    with db:
        db.execute("UPDATE checked SET entry = '{not json'")
    db.close()
    again = api.validate(sample_copy, settings=ONE)
    assert len(calls) == 11 and again.logs == first.logs
    calls.clear()
    api.validate(sample_copy, settings=ONE)
    assert calls == []


def test_an_entry_for_other_bytes_is_not_taken(sample_copy: Path, calls: list[str]) -> None:
    api.validate(sample_copy, settings=ONE)
    calls.clear()
    db = sqlite3.connect(sample_copy / logs.CACHE_DIR / "checked.sqlite3")
    with db:  # every entry now claims to be another file's
        db.execute('UPDATE checked SET entry = replace(entry, \'"digest":"\', \'"digest":"0\')')
    db.close()
    api.validate(sample_copy, settings=ONE)
    assert len(calls) == 11


def test_entries_of_old_file_versions_are_dropped(sample_copy: Path) -> None:
    api.validate(sample_copy, settings=ONE)
    path = sample_copy / "2021" / "xa-an-binh.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# sửa\n", encoding="utf-8")
    before = stored(sample_copy)
    api.validate(sample_copy, settings=ONE)
    after = stored(sample_copy)
    assert len(after) == len(before) == 11 and len(set(after) - set(before)) == 1


def test_no_cache_is_written_when_turned_off(sample_copy: Path) -> None:
    api.validate(sample_copy, settings=Settings(cache=False))
    assert not (sample_copy / logs.CACHE_DIR).exists()


@pytest.mark.parametrize(("load", "cores", "workers"), [(0.2, 2, 2), (1.6, 2, 1), (3.0, 4, 2)])
def test_a_worker_only_when_a_core_is_idle(
    monkeypatch: pytest.MonkeyPatch, load: float, cores: int, workers: int
) -> None:
    monkeypatch.setattr(logs.os, "getloadavg", lambda: (load, load, load))
    monkeypatch.setattr(logs.os, "sched_getaffinity", lambda _pid: set(range(cores)))
    assert logs._workers(logs.PARALLEL_MIN_FILES, None) == workers
    assert logs._workers(logs.PARALLEL_MIN_FILES - 1, None) == 1  # too few files to share
    assert logs._workers(10, 2) == 2  # as many as asked for (BAOCAO_JOBS)
