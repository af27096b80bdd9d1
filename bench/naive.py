"""The plain-script peer of ``baocao compile``: what a user could write in an afternoon.

Loads the plan and every ``<year>/*.yaml`` activity log of a workspace with PyYAML's
C loader (LibYAML), sums each task's indicator figures per unit and in total, and
saves one python-docx document with one table (a row per unit, a column per task
indicator, a total row). No validation, no period window, no positions, no cache.

    python bench/naive.py WORKSPACE OUT.docx
"""

import sys
from pathlib import Path

import yaml
from docx import Document


def load(path):
    return yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)


root, out = Path(sys.argv[1]), Path(sys.argv[2])
plan = load(root / load(root / "baocao.yaml")["ke_hoach"])
columns = [(t["ma"], i["ma"]) for t in plan["nhiem_vu"] for i in t.get("chi_tieu") or []]
names = {u["ma"]: u["ten"] for u in plan["don_vi"]}

rows = []  # (unit name, {(task, indicator): sum}) in file order
totals = dict.fromkeys(columns, 0)
for path in sorted((root / str(plan["nam"])).glob("*.yaml")):
    log = load(path)
    sums = dict.fromkeys(columns, 0)
    for task, activities in (log.get("nhiem_vu") or {}).items():
        for activity in activities or []:
            for key, value in (activity.get("so_lieu") or {}).items():
                sums[(task, key)] += int(value)
    for key, value in sums.items():
        totals[key] += value
    rows.append((names.get(log["don_vi"], log["don_vi"]), sums))

doc = Document()
doc.add_heading(f"Kết quả thực hiện Kế hoạch số {plan['so']}", level=1)
table = doc.add_table(rows=1, cols=len(columns) + 1)
table.style = "Table Grid"
for cell, text in zip(
    table.rows[0].cells, ["Đơn vị", *(f"{t}.{i}" for t, i in columns)], strict=True
):
    cell.text = text
for name, sums in [*rows, ("Tổng cộng", totals)]:
    cells = table.add_row().cells
    cells[0].text = name
    for cell, key in zip(cells[1:], columns, strict=True):
        cell.text = f"{sums[key]:,}".replace(",", ".")
doc.save(out)
