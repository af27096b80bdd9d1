"""Task tables of a plan document, and the task both readers (items, tables) produce.

A task table is found by its header row (STT | Nội dung | Chủ trì | Phối hợp | Thời gian
| Sản phẩm, in any of the usual wordings) within its first three rows; a "(1) (2) (3)"
numbering row is skipped; a row merged across the table, or numbered I, II / A, B with no
fields, is a group heading. Cells merged down (Word's vertical merge) repeat their text
in every row, as python-docx reads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from baocao.plan.document import Table


@dataclass
class DraftTask:
    """A task as the document gives it; missing fields are simply absent."""

    number: str
    line: int
    title: str
    fields: dict[str, tuple[str, int]]
    details: list[str]
    group: str | None = None


def clean_value(text: str) -> str:
    """A field value without the separators around it: 'Phòng Tư pháp;' -> 'Phòng Tư pháp'."""
    text = text.strip().rstrip(";,").strip()
    if text.endswith("./."):
        text = text[:-3]
    return text.rstrip(".;,").strip() if not text.endswith("…") else text


def clean_title(text: str) -> str:
    """A title without the punctuation that ends its line: "Tập huấn;" -> "Tập huấn"."""
    text = text.strip()
    if text.endswith("…"):
        return text
    return text.rstrip(".;:").strip()


_COLUMNS = (
    ("time", ("thời gian", "thời hạn", "tiến độ")),
    ("lead", ("chủ trì", "thực hiện", "phụ trách")),
    ("partners", ("phối hợp",)),
    ("product", ("sản phẩm", "kết quả")),
    ("title", ("nội dung", "nhiệm vụ", "công việc", "hoạt động")),
    ("number", ("stt", "tt", "số tt", "số thứ tự")),
)
_NUMBERING_CELL = re.compile(r"^\(?\d{1,2}\)?$|^$")
_GROUP_NUMBER = re.compile(r"^(?:[IVX]{1,4}|[A-ZĐ])\.?$")


def table_columns(header: tuple[str, ...]) -> dict[str, int] | None:
    """Which column holds what, if ``header`` is a task table's header row.

    A cell is what its earliest known word says: "Thời gian thực hiện" is a time,
    "Nội dung thực hiện" a title, "Người/bộ phận thực hiện" a lead.
    """
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        words = cell.lower().strip(" .")
        hits = []
        for key, names in _COLUMNS:
            if key == "number":
                if words in names:
                    hits.append((0, key))
                continue
            found = [words.find(n) for n in names if n in words]
            if found:
                hits.append((min(found), key))
        for _, key in sorted(hits):
            if key not in columns:
                columns[key] = index
                break
    if "title" in columns and len({"lead", "time", "product"} & columns.keys()) >= 1:
        return columns
    return None


def table_tasks(table: Table) -> list[DraftTask] | None:
    """Tasks from a task table, or None when the table is something else.

    The header may follow a title row; a row of column numbers "(1) (2) (3)" is skipped;
    a row with fewer cells than the header (merged across) or a Roman/letter number and
    no fields is a group heading.
    """
    found = next(
        ((i, row, cols) for i, row in enumerate(table.rows[:3]) if (cols := table_columns(row))),
        None,
    )
    if found is None:
        return None
    start, header, columns = found
    tasks: list[DraftTask] = []
    group: str | None = None
    width = len(header)
    rows = zip(table.rows[start + 1 :], table.numbers[start + 1 :], strict=True)
    for row, number in rows:

        def cell(key: str, row: tuple[str, ...] = row) -> str:
            index = columns.get(key)
            return row[index] if index is not None and index < len(row) else ""

        if all(_NUMBERING_CELL.match(c.strip()) for c in row):
            continue  # "(1) (2) (3) …" or an empty row
        if len(row) < width:  # merged across the table: a group heading
            group = _group_name(row) or group
            continue
        title_lines = cell("title").split("\n")
        title = title_lines[0].strip()
        stt = cell("number").strip().rstrip(".")
        others = [cell(k) for k in ("lead", "partners", "time", "product")]
        if not title:
            continue
        if _GROUP_NUMBER.match(stt) or (not stt and not any(others)):
            group = f"{stt}. {title}" if stt else title
            continue
        fields = {
            key: (clean_value("; ".join(clean_value(v) for v in cell(key).split("\n"))), number)
            for key in ("lead", "partners", "time", "product")
            if cell(key).strip()
        }
        details = [line.strip() for line in title_lines[1:] if line.strip()]
        code = stt if re.fullmatch(r"\d{1,2}(?:\.\d{1,2})*", stt) else str(len(tasks) + 1)
        tasks.append(DraftTask(code, number, clean_title(title), fields, details, group))
        group = None
    return tasks


def _group_name(row: tuple[str, ...]) -> str | None:
    """ "II" + "CẢI CÁCH THỦ TỤC" -> "II. CẢI CÁCH THỦ TỤC"; one merged cell as it is."""
    cells = [c.strip() for c in row if c.strip()]
    if len(cells) > 1 and _GROUP_NUMBER.match(cells[0]):
        return f"{cells[0].rstrip('.')}. {' '.join(cells[1:])}"
    return " ".join(cells) or None
