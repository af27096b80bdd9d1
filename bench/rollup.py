"""Benchmark a roll-up: a province compiling from its communes' summaries.

    python bench/rollup.py                              # 150 communes x 20 units x 60 activities
    python bench/rollup.py --communes 150 --units 20 --repeat 3 --dir .bench-rollup

Each commune is a workspace of its own (bench/gen.py: ``--units`` units, each with a
year's log of ``--activities`` activities) whose plan carries out the province's
(``thuc_hien_ke_hoach``); it compiles its year report, and its summary JSON is filed in
the province's workspace, whose units are the communes (``cap_duoi: true``), as
``baocao nhan`` files it. Made once and reused with --dir.

Measured, as whole processes (bench/run.py's wrapper: wall time, CPU, peak RSS):

- floor: a process that reads the province's summary files with the standard library's
  JSON parser into plain data and does nothing else;
- ``baocao validate`` and ``baocao compile --period 1y`` of the province;
- the same compile of the same province with no summary filed (every commune "not sent"),
  what the report costs whatever it holds;
- ``baocao nhan`` of one commune's summary (its check and filing).

and, in one process, where a compile's time goes: reading the summaries' JSON, checking
them (model, plan, tasks, indicators), adding them up (aggregate, targets), the words.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import gen  # noqa: E402
from run import baocao, compile_bytecode, machine, measure  # noqa: E402

PROVINCE_PLAN = "25/KH-PTP"
RECEIVED = date(2021, 11, 12)

_FLOOR = """
import json, sys
from pathlib import Path
files = sorted(Path(sys.argv[1]).glob("*.json"))
data = [json.loads(p.read_bytes()) for p in files]
assert all(isinstance(d, dict) for d in data) and len(data) > 0
"""


def commune_name(number: int) -> str:
    first, second = gen._FIRST, gen._SECOND
    return f"{first[number % len(first)]} {second[(number // len(first)) % len(second)]}"


def commune_plan(text: str, number: int) -> str:
    """The sample plan as commune ``number``'s own plan carrying out the province's."""
    name = commune_name(number)
    text = re.sub(r"(?m)^co_quan_chu_quan: .*\n", "", text)
    text = re.sub(r"(?m)^co_quan_ban_hanh: .*$", f"co_quan_ban_hanh: UBND XÃ {name.upper()}", text)
    text = re.sub(r"(?m)^ten_co_quan: .*$", f"ten_co_quan: UBND xã {name}", text)
    text = re.sub(r"(?m)^ky_hieu: .*$", "ky_hieu: UBND", text)
    return re.sub(
        r"(?m)^so: .*$", f"so: {number + 1}/KH-UBND\nthuc_hien_ke_hoach: {PROVINCE_PLAN}", text
    )


def province_plan(sample: str, communes: int) -> str:
    head = sample.split("\ndon_vi:\n", 1)[0]
    lines = [head, "", "goi_don_vi: xã", "don_vi:"]
    for number in range(communes):
        name = commune_name(number)
        lines += [
            f"  - ma: xa-{number:03d}",
            f"    ten: UBND xã {name}",
            "    loai: xa",
            "    cap_duoi: true",
        ]
    return "\n".join(lines) + "\n"


def build(base: Path, communes: int, units: int, activities: int) -> tuple[Path, Path]:
    """The communes' workspaces, compiled, and two province workspaces: with every
    commune's summary filed, and with none. Made again only when the generator changed."""
    from baocao import api

    stamp = hashlib.sha256(
        (HERE / "gen.py").read_bytes() + Path(__file__).read_bytes()
    ).hexdigest()[:16]
    root = base / f"rollup-{communes}x{units}x{activities}"
    province, empty = root / "tinh", root / "tinh-trong"
    marker = root / ".generated"
    if marker.is_file() and marker.read_text() == stamp:
        return province, empty
    shutil.rmtree(root, ignore_errors=True)
    sample = (gen.SAMPLE / gen.PLAN_NAME).read_text(encoding="utf-8")
    for folder in (province, empty):
        (folder / "2021").mkdir(parents=True)
        shutil.copyfile(gen.SAMPLE / "baocao.yaml", folder / "baocao.yaml")
        (folder / gen.PLAN_NAME).write_text(province_plan(sample, communes), encoding="utf-8")
    started = time.perf_counter()
    for number in range(communes):
        commune = gen.generate(root / "xa" / f"xa-{number:03d}", units, activities, 2021 + number)
        plan = commune / gen.PLAN_NAME
        plan.write_text(commune_plan(plan.read_text(encoding="utf-8"), number), encoding="utf-8")
        done = api.compile_report(commune, "1y")
        assert done.summary is not None
        data = json.loads(done.summary.read_bytes())
        data["received_on"] = RECEIVED.isoformat()  # as baocao nhan files it
        target = province / "2021" / f"xa-{number:03d}.json"
        target.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"  commune {number + 1}/{communes} compiled", file=sys.stderr, end="\r")
    print(f"  {communes} communes made in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    marker.write_text(stamp)
    return province, empty


def breakdown(province: Path) -> list[tuple[str, float]]:
    """Where one compile's time goes, measured in this process (best of three)."""
    from baocao import api
    from baocao.core.summary import Summary
    from baocao.input.workspace import load_workspace
    from baocao.report.context import build_context
    from baocao.settings import Settings

    files = sorted((province / "2021").glob("*.json"))
    settings = Settings(cache=False)

    def best(step: object) -> float:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            step()  # type: ignore[operator]
            times.append(time.perf_counter() - start)
        return min(times)

    read = best(lambda: [json.loads(p.read_bytes()) for p in files])
    parsed = [json.loads(p.read_bytes()) for p in files]
    models = best(lambda: [Summary.model_validate(d) for d in parsed])
    load = best(lambda: load_workspace(province, settings=settings))
    ws = load_workspace(province, settings=settings)
    built = api.build(ws, "1y")
    build = best(lambda: api.build(ws, "1y"))
    words = best(
        lambda: build_context(
            ws.plan, ws.config, built.aggregate, built.report_date, None, built.progress
        )
    )
    return [
        ("read the summaries (json.loads)", read),
        ("the summary model on what was read", models),
        ("load the workspace (read, model, checks)", load),
        ("build: aggregate, targets, words", build),
        ("  of which the words", words),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--communes", type=int, default=150, help="lower bodies (150)")
    parser.add_argument("--units", type=int, default=20, help="units per commune (20)")
    parser.add_argument("--activities", type=int, default=60, help="activities per unit (60)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each step; best is kept")
    parser.add_argument("--dir", type=Path, help="keep the generated workspaces here")
    args = parser.parse_args(argv)
    temp = None
    if args.dir is None:
        temp = tempfile.TemporaryDirectory(prefix="baocao-rollup-")
        base = Path(temp.name)
    else:
        base = args.dir.resolve()
        base.mkdir(parents=True, exist_ok=True)
    try:
        compile_bytecode()
        province, empty = build(base, args.communes, args.units, args.activities)
        exe = baocao()
        summaries = sorted((province / "2021").glob("*.json"))
        size_mb = sum(p.stat().st_size for p in summaries) / 1e6
        print(f"# {machine()}")
        print(
            f"# {args.communes} communes x {args.units} units x {args.activities} activities; "
            f"{len(summaries)} summaries, {size_mb:.1f} MB; best of {args.repeat} by wall time"
        )
        out = base / "bao-cao-tinh.docx"

        def fresh() -> None:  # compile leaves an up-to-date report alone: always make it
            for suffix in (".docx", ".json", ".xlsx"):  # .xlsx: the companion spreadsheet
                out.with_suffix(suffix).unlink(missing_ok=True)

        steps = [
            ("floor (json.loads)", [sys.executable, "-c", _FLOOR, str(province / "2021")]),
            ("validate", [exe, "validate", "-w", str(province)]),
            ("compile 1y", [exe, "compile", "--period", "1y", "-w", str(province), "-o", str(out)]),
            (
                "compile 1y, none filed",
                [exe, "compile", "--period", "1y", "-w", str(empty), "-o", str(out)],
            ),
        ]
        print(f"{'step':<26} {'wall s':>8} {'cpu s':>8} {'peak MB':>8}")
        print("-" * 53)
        found = {}
        for name, cmd in steps:
            found[name] = measure(cmd, args.repeat, before=fresh)
            m = found[name]
            print(f"{name:<26} {m.wall:>8.2f} {m.cpu:>8.2f} {m.peak_mb:>8.0f}", flush=True)
        nhan = _nhan(base, province, summaries[0], exe, args.repeat)
        print(f"{'nhan (one summary)':<26} {nhan.wall:>8.2f} {nhan.cpu:>8.2f} {nhan.peak_mb:>8.0f}")
        added = found["compile 1y"].wall - found["compile 1y, none filed"].wall
        print(f"compile with the summaries - without: {added:.2f} s")
        print("in one process (best of 3):")
        for name, seconds in breakdown(province):
            print(f"  {name:<44} {seconds:>7.3f} s")
    finally:
        if temp is not None:
            temp.cleanup()
    return 0


def _nhan(base: Path, province: Path, summary: Path, exe: str, repeat: int) -> object:
    """``baocao nhan`` of one summary into a copy of the province, the body's file removed."""
    copy = base / "tinh-nhan"
    sent = base / summary.name
    data = json.loads(summary.read_bytes())
    data.pop("received_on", None)
    sent.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    def reset() -> None:
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(province, copy)
        (copy / "2021" / summary.name).unlink()

    cmd = [exe, "nhan", str(sent), "--don-vi", summary.stem, "--ngay-gui", "12/11/2021"]
    return measure([*cmd, "-w", str(copy)], repeat, before=reset)


if __name__ == "__main__":
    sys.exit(main())
