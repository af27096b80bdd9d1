"""Benchmark the units' spreadsheet forms: making them, reading them, filing them.

    python bench/forms.py                       # 170 units (a province's communes), 60 activities
    python bench/forms.py --units 30 --activities 60

On a synthetic workspace (bench/gen.py) it measures, each step as a whole process the way
a clerk runs it (wall time, and peak RSS of that one process):

- ``baocao form --all``: every unit's form, prefilled from its log;
- ``baocao nhan`` of every form at once, each with one row added (every log rewritten);
- ``baocao nhan`` of the same forms again (nothing changes);

and, in this process, reading the largest form accepted (5,000 rows on each task sheet)
and refusing a zip bomb (200 MB of declared content in a 0.2 MB file). POSIX only.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))

from gen import generate  # noqa: E402
from run import _WRAPPER  # noqa: E402


def timed(*command: str) -> dict[str, float]:
    """Wall time and peak RSS of ``command`` run as one child process."""
    done = subprocess.run(
        [sys.executable, "-c", _WRAPPER, *command], capture_output=True, text=True, check=True
    )
    result = json.loads(done.stdout)
    if result["rc"] != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result['stderr']}")
    return {"wall": result["wall"], "peak_mb": result["peak_kb"] / 1024}


def add_a_row(folder: Path) -> None:
    """Each form with one activity added on NV1's first empty line, as a unit would."""
    from openpyxl import load_workbook

    for path in sorted(folder.glob("*.xlsx")):
        wb = load_workbook(path)
        ws = wb["NV1"]
        row = max(r for r in range(7, ws.max_row + 2) if ws.cell(r - 1, 2).value or r == 7)
        while ws.cell(row, 2).value:
            row += 1
        ws.cell(row, 1, date(2021, 12, 20))
        ws.cell(row, 2, "Tổng kết công tác tuyên truyền năm")
        ws.cell(row, 3, 1)
        wb.save(path)


def biggest_form() -> tuple[float, float, int]:
    """Seconds to make and to read a form with 5,000 activities on every task sheet."""
    from baocao.core.models import Plan
    from baocao.input.xlsx import read_form
    from baocao.input.yamlio import load
    from baocao.plan.forms import form_bytes

    plan = Plan.model_validate(load(HERE.parent / "data" / "ke-hoach-2021.yaml").data)
    tasks = {}
    for task in plan.tasks:
        day = max(task.start, date(2021, 1, 1))
        figures = {i.code: 1 for i in task.indicators}
        tasks[task.code] = [
            {"ngay": day, "noi_dung": f"Hoạt động số {n}", "so_lieu": figures} for n in range(5000)
        ]
    log = {"don_vi": "xa-an-binh", "nam": 2021, "nhiem_vu": tasks}
    start = time.perf_counter()
    data = form_bytes(plan, "xa-an-binh", log)
    made = time.perf_counter() - start
    start = time.perf_counter()
    form = read_form(data, "lon.xlsx", plan)
    read = time.perf_counter() - start
    assert sum(len(v) for v in form.data["nhiem_vu"].values()) == 30000, form.problems[:3]
    return made, read, len(data)


def zip_bomb() -> tuple[float, int]:
    """Seconds to refuse a form whose first sheet declares 200 MB of spaces."""
    from baocao.errors import InputError
    from baocao.input.xlsx_guard import check_package

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (200 * 1024 * 1024))
    start = time.perf_counter()
    try:
        check_package(out.getvalue(), "bom.xlsx")
    except InputError as error:
        assert error.problems[0].code == "E605"
    return time.perf_counter() - start, len(out.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=170)
    parser.add_argument("--activities", type=int, default=60)
    args = parser.parse_args(argv)
    baocao = str(BIN / "baocao")
    with tempfile.TemporaryDirectory() as temp:
        root = generate(Path(temp) / "ws", args.units, args.activities)
        forms = Path(temp) / "forms"
        rows = [("form --all", timed(baocao, "form", "--all", "-w", str(root), "-o", str(forms)))]
        add_a_row(forms)
        files = [str(p) for p in sorted(forms.glob("*.xlsx"))]
        nhan = [baocao, "nhan", *files, "-w", str(root), "--ngay-gui", "2021-11-10"]
        rows.append(("nhan (every log changed)", timed(*nhan)))
        rows.append(("nhan again (no change)", timed(*nhan)))
    print(f"{args.units} units x {args.activities} activities")
    print(f"{'step':<28}{'wall s':>8}{'peak MB':>9}{'per unit ms':>13}")
    for name, result in rows:
        per_unit = result["wall"] / args.units * 1000
        print(f"{name:<28}{result['wall']:>8.2f}{result['peak_mb']:>9.0f}{per_unit:>13.1f}")
    made, read, size = biggest_form()
    print(
        f"largest form (6 x 5,000 rows, {size / 1048576:.1f} MB): made {made:.2f} s, read {read:.2f} s"
    )
    seconds, size = zip_bomb()
    print(f"zip bomb ({size / 1024:.0f} KB declaring 200 MB): refused in {seconds * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
