"""Benchmark baocao side by side with a plain-script peer and the LibYAML parse floor.

    python bench/run.py                          # 30, 1,000 and 3,300 units x 60 activities
    python bench/run.py --sizes 1000 --rounds 5 --dir .bench

For each size a synthetic workspace is generated (bench/gen.py; kept and reused with
--dir). Then, in each round, every step runs once as a whole process, one after the
other, the way a clerk or a cron job runs it:

- floor: LibYAML's bare event parse of the workspace's files (bench/floor.py);
- naive: the plain-script peer (bench/naive.py): every log loaded with LibYAML, the
  figures summed per unit and in total, one python-docx table saved;
- cold: ``baocao compile --period 1y`` with no cache (and "cold, one process" with
  BAOCAO_JOBS=1, to show whether the worker process pays on this machine; baocao starts one
  only for 300 files or more, when the load average leaves a core idle);
- warm: the same with the cache of the run before, nothing changed (report removed);
- one log changed: one figure of one unit's log changed, then compile (the earlier
  report is there and is brought up to date).

Each step's wall time, CPU time (user + system, workers included) and peak memory (the
largest process's RSS) are taken by a small wrapper with one child
(``getrusage(RUSAGE_CHILDREN)``). Figures are medians over the rounds; the ratios are
medians of the ratios within each round, so a machine that slows down for a while moves
both sides of a ratio alike. POSIX only. baocao's bytecode is compiled first, as an
installed copy has it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
CACHE_DIR = ".baocao-cache"

# Runs one command and prints its wall time, CPU time and the peak RSS of its processes.
_WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = usage.ru_utime + usage.ru_stime
err = done.stderr.decode("utf-8", "replace")[-2000:]
print(json.dumps({"wall": wall, "cpu": cpu, "peak_kb": usage.ru_maxrss, "rc": done.returncode, "stderr": err}))
"""

TARGETS = (
    # (size, step, baseline, most): step's wall time at most ``most`` x the baseline's
    (1000, "cold", "naive", 0.8),
    (1000, "cold", "floor", 3.0),
    (1000, "one log changed", "naive", 0.3),
)
PEAK_TARGETS = {1000: 150, 3300: 350}  # MB


@dataclass
class Measure:
    wall: float
    cpu: float  # user + system, the process and every worker it waited for
    peak_mb: float


@dataclass
class Step:
    name: str
    cmd: list[str]
    before: Callable[[], None] | None = None
    env: dict[str, str] | None = None


def measure(step: Step) -> Measure:
    """One run of ``step`` as a whole process."""
    if step.before is not None:
        step.before()
    out = subprocess.run(
        [sys.executable, "-c", _WRAPPER, *step.cmd],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(step.env or {})},
    )
    result = json.loads(out.stdout)
    if result["rc"] != 0:
        raise SystemExit(f"failed ({result['rc']}): {' '.join(step.cmd)}\n{result['stderr']}")
    return Measure(result["wall"], result["cpu"], result["peak_kb"] / 1024)


def workspace(base: Path, units: int, activities: int) -> Path:
    """The generated workspace for a size, made again only when the generator changed."""
    stamp = hashlib.sha256((HERE / "gen.py").read_bytes()).hexdigest()[:16]
    root = base / f"ws-{units}x{activities}"
    marker = base / f".ws-{units}x{activities}.generated"
    if marker.is_file() and marker.read_text() == stamp and root.is_dir():
        return root
    if root.exists():
        shutil.rmtree(root)
    gen = [sys.executable, str(HERE / "gen.py"), "--units", str(units)]
    subprocess.run([*gen, "--activities", str(activities), str(root)], check=True)
    marker.write_text(stamp)
    return root


def baocao() -> str:
    found = BIN / "baocao"
    return str(found) if found.exists() else shutil.which("baocao") or "baocao"


def compile_bytecode() -> None:
    """Write baocao's bytecode caches, as an installation does.

    An editable install leaves them to the first run, and where PYTHONDONTWRITEBYTECODE
    is set (as on some build machines) every run would compile the package's sources
    again: a start-up cost no installed copy pays.
    """
    where = subprocess.run(
        [sys.executable, "-c", "import baocao, os; print(os.path.dirname(baocao.__file__))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    subprocess.run([sys.executable, "-m", "compileall", "-q", where], check=True)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


_FIGURE = re.compile(r"(so_buoi: )(\d+)")


def change_one_log(root: Path) -> Callable[[], None]:
    """Something that changes one figure of one unit's log, differently each time."""
    log = sorted((root / "2021").glob("*.yaml"))[0]

    def change() -> None:
        text = log.read_text(encoding="utf-8")
        log.write_text(_FIGURE.sub(lambda m: m[1] + str(int(m[2]) + 1), text, count=1), "utf-8")

    return change


def steps(root: Path, out: Path, exe: str) -> list[Step]:
    """The steps of one round, in the order they run."""
    compile_cmd = [exe, "compile", "--period", "1y", "-w", str(root), "-o", str(out)]

    def fresh() -> None:
        # compile leaves a report whose inputs did not change alone: make it render
        for suffix in (".docx", ".json", ".xlsx"):
            out.with_suffix(suffix).unlink(missing_ok=True)

    def cold() -> None:
        shutil.rmtree(root / CACHE_DIR, ignore_errors=True)
        fresh()

    python = sys.executable
    naive_out = out.with_name(out.stem + "-naive.docx")
    return [
        Step("floor", [python, str(HERE / "floor.py"), str(root), str(out.with_suffix(".txt"))]),
        Step("naive", [python, str(HERE / "naive.py"), str(root), str(naive_out)]),
        Step("cold", compile_cmd, cold),
        Step("cold, one process", compile_cmd, cold, {"BAOCAO_JOBS": "1"}),
        Step("warm", compile_cmd, fresh),
        Step("one log changed", compile_cmd, change_one_log(root)),
    ]


def run_size(base: Path, units: int, activities: int, rounds: int, exe: str) -> dict[str, Any]:
    """Every step of every round for one size: medians and ratios."""
    root = workspace(base, units, activities)
    out = base / f"bao-cao-{units}.docx"
    plan = steps(root, out, exe)
    found: dict[str, list[Measure]] = {step.name: [] for step in plan}
    load = [_load()]
    for _round in range(rounds):
        for step in plan:
            found[step.name].append(measure(step))
    load.append(_load())
    size_mb = sum(p.stat().st_size for p in (root / "2021").glob("*.yaml")) / 1e6
    return {"units": units, "mb": size_mb, "found": found, "load": load}


def _load() -> float:
    """The 1-minute load average (what decides whether baocao starts a worker)."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return float("nan")


def median(values: list[float]) -> float:
    return statistics.median(values)


def ratio(found: dict[str, list[Measure]], step: str, base: str, field: str = "wall") -> float:
    """The median over rounds of step / base within each round."""
    pairs = zip(found[step], found[base], strict=True)
    return median([getattr(a, field) / getattr(b, field) for a, b in pairs])


def report(sized: dict[str, Any]) -> list[str]:
    found: dict[str, list[Measure]] = sized["found"]
    lines = []
    for name, runs in found.items():
        wall = median([m.wall for m in runs])
        cpu = median([m.cpu for m in runs])
        peak = max(m.peak_mb for m in runs)
        naive = f"{ratio(found, name, 'naive'):>6.2f} {ratio(found, name, 'naive', 'cpu'):>6.2f}"
        floor = f"{ratio(found, name, 'floor'):>6.2f} {ratio(found, name, 'floor', 'cpu'):>6.2f}"
        lines.append(
            f"{sized['units']:>6} {sized['mb']:>6.1f}  {name:<18} {wall:>7.2f} {cpu:>7.2f} "
            f"{peak:>7.0f}  {naive}  {floor}"
        )
    return lines


def verdicts(sizes: dict[int, dict[str, Any]]) -> list[str]:
    lines = []
    for units, step, base, most in TARGETS:
        if units in sizes:
            got = ratio(sizes[units]["found"], step, base)
            mark = "met" if got <= most else "NOT met"
            lines.append(f"{units} units, {step} <= {most} x {base}: {got:.2f} x, {mark}")
    for units, most_mb in PEAK_TARGETS.items():
        if units in sizes:
            found = sizes[units]["found"]
            peak = max(
                m.peak_mb
                for name, runs in found.items()
                if name not in ("naive", "floor")
                for m in runs
            )
            mark = "met" if peak <= most_mb else "NOT met"
            lines.append(f"{units} units, peak memory <= {most_mb} MB: {peak:.0f} MB, {mark}")
    for units, sized in sorted(sizes.items()):
        workers = ratio(sized["found"], "cold", "cold, one process")
        before, after = sized["load"]
        lines.append(
            f"{units} units, cold (a worker when a core is idle) / one process: {workers:.2f} x"
            f" (load average {before:.2f} before, {after:.2f} after)"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="30,1000,3300", help="units per workspace, comma-separated"
    )
    parser.add_argument("--activities", type=int, default=60, help="activities per unit (60)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of every step (3)")
    parser.add_argument("--dir", type=Path, help="keep generated workspaces here and reuse them")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    temp = None
    if args.dir is None:
        temp = tempfile.TemporaryDirectory(prefix="baocao-bench-")
        base = Path(temp.name)
    else:
        base = args.dir.resolve()
        base.mkdir(parents=True, exist_ok=True)
    exe = baocao()
    compile_bytecode()
    print(f"# {machine()}")
    print(f"# medians of {args.rounds} rounds; cpu = user + system, workers included;")
    print("# peak = largest process's RSS (max over rounds); x naive / x floor = median of")
    print("# the ratios within each round, wall then cpu")
    header = (
        f"{'units':>6} {'MB':>6}  {'step':<18} {'wall s':>7} {'cpu s':>7} {'peak MB':>7}  "
        f"{'x naive':>13}  {'x floor':>13}"
    )
    print(header)
    print("-" * len(header))
    done: dict[int, dict[str, Any]] = {}
    try:
        for units in sizes:
            done[units] = run_size(base, units, args.activities, args.rounds, exe)
            for line in report(done[units]):
                print(line, flush=True)
        print()
        for line in verdicts(done):
            print(line)
    finally:
        if temp is not None:
            temp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
