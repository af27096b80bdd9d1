"""Benchmark baocao at district, province and national scale, against a C-parser floor.

    python bench/run.py                          # 30, 1,000 and 3,300 units x 60 activities
    python bench/run.py --sizes 30,1000 --repeat 3 --dir .bench-cache

For each size a synthetic workspace is generated (bench/gen.py; kept and reused when
--dir is given), then each measured step runs as a whole process, the way a clerk or a
cron job runs it, and reports wall time and peak memory (RSS):

- floor: a process that loads every YAML file of the workspace with PyYAML's C loader
  (CSafeLoader, LibYAML) into plain Python data and does nothing else;
- validate: ``baocao validate`` with the content cache empty (cold);
- compile: ``baocao compile --period 1y`` cold, and again with the cache warm;
- and, once, ``baocao --help``.

Each process is started by a small wrapper that times it and reads its peak RSS from
``getrusage(RUSAGE_CHILDREN)``: the wrapper has exactly one child, so that figure is the
child's own. POSIX only. Times are the best of --repeat runs. baocao's bytecode is
compiled first, as an installed copy has it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
CACHE_DIR = ".baocao-cache"

# Runs one command and prints its wall time and the peak RSS of that one child.
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

# The floor: read every YAML file of the workspace with LibYAML, build plain data, stop.
_FLOOR = """
import sys
from pathlib import Path
import yaml
root = Path(sys.argv[1])
files = sorted(p for p in root.rglob("*.yaml") if ".baocao-cache" not in p.parts)
data = [yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader) for p in files]
assert all(isinstance(d, dict) for d in data)
"""


@dataclass
class Measure:
    wall: float
    cpu: float  # user + system, the process and every worker it waited for
    peak_mb: float


def measure(
    cmd: list[str], repeat: int, *, before: object = None, cwd: Path | None = None
) -> Measure:
    """Best wall time of ``repeat`` runs of ``cmd`` (and that run's peak RSS)."""
    best: Measure | None = None
    for _ in range(repeat):
        if callable(before):
            before()
        out = subprocess.run(
            [sys.executable, "-c", _WRAPPER, *cmd],
            capture_output=True,
            text=True,
            check=True,
            cwd=cwd,
        )
        result = json.loads(out.stdout)
        if result["rc"] != 0:
            raise SystemExit(f"failed ({result['rc']}): {' '.join(cmd)}\n{result['stderr']}")
        found = Measure(result["wall"], result["cpu"], result["peak_kb"] / 1024)
        if best is None or found.wall < best.wall:
            best = found
    assert best is not None
    return best


def workspace(base: Path, units: int, activities: int) -> Path:
    """The generated workspace for a size, made again only when the generator changed."""
    stamp = hashlib.sha256((HERE / "gen.py").read_bytes()).hexdigest()[:16]
    root = base / f"ws-{units}x{activities}"
    marker = root / ".generated"
    if marker.is_file() and marker.read_text() == stamp:
        return root
    if root.exists():
        shutil.rmtree(root)
    subprocess.run(
        [
            sys.executable,
            str(HERE / "gen.py"),
            "--units",
            str(units),
            "--activities",
            str(activities),
            str(root),
        ],
        check=True,
    )
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="30,1000,3300", help="units per workspace, comma-separated"
    )
    parser.add_argument("--activities", type=int, default=60, help="activities per unit (60)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each step; best is kept")
    parser.add_argument("--dir", type=Path, help="keep generated workspaces here and reuse them")
    parser.add_argument("--no-warm", action="store_true", help="skip the warm-cache compile")
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
    print(
        f"# best of {args.repeat} by wall time; cpu = user + system of the process and its workers;"
    )
    print("# peak = max RSS of the largest process; ratio = wall / floor wall, cpu ratio likewise")
    help_time = measure([exe, "--help"], max(args.repeat, 3))
    print(f"baocao --help: {help_time.wall:.3f} s, {help_time.peak_mb:.0f} MB")
    header = (
        f"{'units':>6} {'MB':>6}  {'step':<16} {'wall s':>8} {'cpu s':>8} {'peak MB':>8} "
        f"{'ratio':>6} {'cpu ratio':>9}"
    )
    print(header)
    print("-" * len(header))
    try:
        for units in sizes:
            root = workspace(base, units, args.activities)
            size_mb = sum(p.stat().st_size for p in root.rglob("*.yaml")) / 1e6
            out = base / f"bao-cao-{units}x{args.activities}.docx"

            def fresh(out: Path = out) -> None:
                # compile leaves a report whose inputs did not change alone: always make it
                for suffix in (".docx", ".json", ".xlsx"):  # .xlsx: the companion spreadsheet
                    out.with_suffix(suffix).unlink(missing_ok=True)

            def cold(root: Path = root) -> None:
                shutil.rmtree(root / CACHE_DIR, ignore_errors=True)
                fresh()

            rows = [
                ("floor (LibYAML)", measure([sys.executable, "-c", _FLOOR, str(root)], args.repeat))
            ]
            rows.append(
                ("validate", measure([exe, "validate", "-w", str(root)], args.repeat, before=cold))
            )
            compile_cmd = [exe, "compile", "--period", "1y", "-w", str(root), "-o", str(out)]
            rows.append(("compile 1y", measure(compile_cmd, args.repeat, before=cold)))
            if not args.no_warm:
                rows.append(("compile 1y warm", measure(compile_cmd, args.repeat, before=fresh)))
            floor = rows[0][1]
            for name, found in rows:
                print(
                    f"{units:>6} {size_mb:>6.1f}  {name:<16} {found.wall:>8.2f} {found.cpu:>8.2f} "
                    f"{found.peak_mb:>8.0f} {found.wall / floor.wall:>6.2f} "
                    f"{found.cpu / floor.cpu:>9.2f}",
                    flush=True,
                )
    finally:
        if temp is not None:
            temp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
