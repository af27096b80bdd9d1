"""Finding the parts of a plan document: header, purposes, tasks, organisation.

The input is the block list from :mod:`baocao.plan.document`; the output is a
:class:`Draft` of plain strings, each with the line it came from, ready for
:mod:`baocao.plan.build` to turn into the plan YAML. Nothing here reads files or
decides values the document does not give.

What real plans vary, and how it is read:

- sections "I.", "II.", "III." by their words (MỤC ĐÍCH / NHIỆM VỤ, NỘI DUNG /
  TỔ CHỨC THỰC HIỆN), an upper-case heading may run over two lines;
- tasks numbered "1." or "1.1" under group headings "1.", or "a)" under "1.";
- field lines "- Đơn vị chủ trì:", "– Cơ quan chủ trì:", "-Thời gian:", "Sản phẩm:" …,
  or the same fields inline "(Chủ trì: …; Thời gian: …)";
- a task table STT | Nội dung | Chủ trì | Phối hợp | Thời gian | Sản phẩm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from baocao.plan.document import Block, Line, PlanDocument, Table, is_caps
from baocao.plan.letterhead import read_header

FIELD_KEYS = ("lead", "partners", "time", "product", "details")

_LABEL_PATTERNS = {
    "lead": r"(?:(?:cơ quan|đơn vị)(?:[,/]? ?(?:cơ quan|đơn vị))? )?chủ trì(?: thực hiện)?"
    r"|(?:cơ quan|đơn vị) thực hiện",
    "partners": r"(?:(?:cơ quan|đơn vị)(?:[,/]? ?(?:cơ quan|đơn vị))? )?phối hợp(?: thực hiện)?",
    "time": r"thời (?:gian|hạn)(?: thực hiện| hoàn thành| triển khai)?"
    r"|tiến độ(?: thực hiện| hoàn thành)?",
    "product": r"kết quả[,/]? ?sản phẩm|sản phẩm[,/]? ?kết quả"
    r"|(?:sản phẩm|kết quả)(?: đầu ra| dự kiến| chính)?",
    "details": r"nội dung(?: thực hiện| cụ thể| chính)?",
}
_LABEL_RE = re.compile(
    r"(?<![^\s;,(])(?:"
    + "|".join(f"(?P<{key}>{pattern})" for key, pattern in _LABEL_PATTERNS.items())
    + r")\s*:",
    re.IGNORECASE,
)
_SECTION = re.compile(r"^(?P<roman>[IVX]{1,4})\s*[.)/-]\s*(?P<title>.*)$")
_ITEM = re.compile(
    r"^(?:(?P<multi>\d{1,2}(?:\.\d{1,2})+)\.?|(?P<single>\d{1,2})[.)]|(?P<letter>[a-zđ])\))"
    r"\s*(?P<text>\S.*)$"
)
_BULLET = re.compile(r"^[-–—•+*·]\s*(?P<text>.*)$")
_SUBHEADING = re.compile(r"^(?:mục đích|yêu cầu)(?:,? (?:và )?(?:mục đích|yêu cầu))?[.:]?$", re.I)
_SENTENCE_END = (".", ";", ":", "!", "?", "…", "/.")


@dataclass
class Item:
    """A numbered, lettered or bulleted entry and the lines that belong to it."""

    number: str
    line: int
    title: str
    fields: dict[str, tuple[str, int]] = field(default_factory=dict)
    details: list[str] = field(default_factory=list)
    children: list[Item] = field(default_factory=list)
    last_field: str | None = None

    def set_field(self, key: str, value: str, line: int) -> None:
        if key == "details":
            if value:
                self.details.append(value)
            return
        if key not in self.fields:
            self.fields[key] = (value, line)
            self.last_field = key


@dataclass
class DraftTask:
    """A task as the document gives it; missing fields are simply absent."""

    number: str
    line: int
    title: str
    fields: dict[str, tuple[str, int]]
    details: list[str]
    group: str | None = None


@dataclass
class Draft:
    """Everything found in a plan document, each text with its line."""

    file: str
    header: dict[str, tuple[str, int]] = field(default_factory=dict)
    purposes: list[str] = field(default_factory=list)
    tasks: list[DraftTask] = field(default_factory=list)
    organisation: list[tuple[str, int]] = field(default_factory=list)
    sections: set[str] = field(default_factory=set)
    mentions: list[str] = field(default_factory=list)  # every line, to find names in


def split_fields(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Text before the first field label, and the (key, value) pairs after it."""
    matches = list(_LABEL_RE.finditer(text))
    if not matches:
        return text, []
    pairs = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        key = next(k for k in _LABEL_PATTERNS if match.group(k))
        pairs.append((key, clean_value(text[match.end() : end])))
    return text[: matches[0].start()], pairs


def clean_value(text: str) -> str:
    """A field value without the separators around it: 'Phòng Tư pháp;' -> 'Phòng Tư pháp'."""
    text = text.strip().rstrip(";,").strip()
    if text.endswith("./."):
        text = text[:-3]
    return text.rstrip(".;,").strip() if not text.endswith("…") else text


def _field_line(text: str) -> list[tuple[str, str]] | None:
    """The fields on a line that starts with a label ('- Đơn vị chủ trì: …'), else None."""
    bullet = _BULLET.match(text)
    body = bullet.group("text") if bullet else text
    before, pairs = split_fields(body)
    return pairs if pairs and not before.strip() else None


def _inline_fields(title: str) -> tuple[str, list[tuple[str, str]]]:
    """Fields given in parentheses at the end of a title: 'Tập huấn (Chủ trì: …; …)'."""
    match = re.search(r"\(([^()]*)\)\s*[.;]?$", title)
    if match:
        before, pairs = split_fields(match.group(1))
        if pairs and not before.strip():
            return title[: match.start()].rstrip(), pairs
    return title, []


def clean_title(text: str) -> str:
    text = text.strip()
    if text.endswith("…"):
        return text
    return text.rstrip(".;:").strip()


def _starts_lower(text: str) -> bool:
    return bool(text) and text[0].islower()


# --- sections ----------------------------------------------------------------------


def section_kind(title: str) -> str:
    """purposes, tasks, organisation or other, from a section's heading words."""
    words = title.lower()
    if "mục đích" in words or "yêu cầu" in words:
        return "purposes"
    if any(w in words for w in ("tổ chức thực hiện", "tổ chức triển khai", "trách nhiệm")):
        return "organisation"
    if any(w in words for w in ("nhiệm vụ", "nội dung", "hoạt động", "giải pháp", "công việc")):
        return "tasks"
    return "other"


def split_sections(blocks: tuple[Block, ...]) -> list[tuple[str, str, list[Block]]]:
    """(kind, heading, blocks) for the header and every Roman-numbered section."""
    sections: list[tuple[str, str, list[Block]]] = [("header", "", [])]
    index = 0
    while index < len(blocks):
        block = blocks[index]
        index += 1
        match = _SECTION.match(block.text) if isinstance(block, Line) else None
        if match is None or (match.group("title") and not match.group("title")[0].isupper()):
            sections[-1][2].append(block)
            continue
        title = match.group("title")
        # A heading that runs on: "II. NHIỆM VỤ" / "TRỌNG TÂM", or "II." / "NHIỆM VỤ".
        while index < len(blocks) and (not title or is_caps(title)):
            nxt = blocks[index]
            if not isinstance(nxt, Line) or not is_caps(nxt.text):
                break
            if _SECTION.match(nxt.text) or _ITEM.match(nxt.text) or _BULLET.match(nxt.text):
                break
            title = f"{title} {nxt.text}".strip()
            index += 1
        sections.append((section_kind(title), title, []))
    return sections


# --- purposes and organisation -------------------------------------------------------


def paragraphs(blocks: list[Block], *, skip_subheadings: bool) -> list[tuple[str, int]]:
    """Entries of a free-text section: one per numbered item, bullet or paragraph."""
    entries: list[tuple[str, int]] = []
    for block in blocks:
        if not isinstance(block, Line):
            continue
        item, bullet = _ITEM.match(block.text), _BULLET.match(block.text)
        marked = item or bullet
        text = marked.group("text") if marked else block.text
        if skip_subheadings and _SUBHEADING.match(text):
            continue
        continues = entries and not entries[-1][0].endswith(_SENTENCE_END)
        if not marked and continues and _starts_lower(text):
            entries[-1] = (f"{entries[-1][0]} {text}", entries[-1][1])
        elif text:
            entries.append((text, block.number))
    return entries


# --- tasks ---------------------------------------------------------------------------


def task_items(blocks: list[Block]) -> tuple[list[Item], list[Table]]:
    """The numbered items of a task section as a tree, and the tables in it."""
    roots: list[Item] = []
    tables: list[Table] = []
    current: Item | None = None
    for block in blocks:
        if isinstance(block, Table):
            tables.append(block)
            continue
        text, number = block.text, block.number
        fields = _field_line(text)
        item = _ITEM.match(text) if fields is None else None
        if item:
            current = _new_item(item, number, roots, current)
            continue
        if current is None:
            continue  # lead-in text before the first task
        if fields is not None:
            for key, value in fields:
                current.set_field(key, value, number)
            continue
        bullet = _BULLET.match(text)
        body = bullet.group("text") if bullet else text
        if not bullet and _starts_lower(body):
            if current.last_field and current.last_field != "details":
                value, at = current.fields[current.last_field]
                current.fields[current.last_field] = (f"{value} {body}", at)
                continue
            if not current.fields and not current.details:
                current.title = f"{current.title} {body}"
                continue
        current.details.append(body)
    return roots, tables


def _new_item(match: re.Match[str], number: int, roots: list[Item], current: Item | None) -> Item:
    title = match.group("text")
    if match.group("single"):
        made = Item(match.group("single"), number, title)
        roots.append(made)
        return made
    parent = _parent_for(match, roots, current)
    if parent is None:  # "1.1" with no "1." before it: a task of its own
        made = Item(match.group("multi") or match.group("letter"), number, title)
        roots.append(made)
        return made
    code = match.group("multi") or f"{parent.number}{match.group('letter')}"
    made = Item(code, number, title)
    parent.children.append(made)
    return made


def _parent_for(match: re.Match[str], roots: list[Item], current: Item | None) -> Item | None:
    if not roots:
        return None
    if match.group("multi"):
        prefix = match.group("multi").rsplit(".", 1)[0]
        return next((r for r in reversed(roots) if r.number == prefix), roots[-1])
    return roots[-1]


def resolve_tasks(roots: list[Item]) -> list[DraftTask]:
    """Leaf items become tasks; an item with numbered children is a group heading.

    Lettered children ("a)", "b)") are tasks only when every one of them carries its
    own fields; otherwise they are the content of their parent task.
    """
    tasks: list[DraftTask] = []
    for root in roots:
        children = root.children
        lettered = bool(children) and all(c.number[-1].isalpha() for c in children)
        if children and (not lettered or all(c.fields for c in children)):
            group = f"{root.number}. {clean_title(root.title)}"
            for child in children:
                inherited = {**root.fields, **child.fields}
                tasks.append(_task(child, inherited, group if child is children[0] else None))
            continue
        for child in children:
            root.details.append(f"{child.number[-1]}) {child.title}")
            root.details.extend(child.details)
            for key, value in child.fields.items():
                root.fields.setdefault(key, value)
        tasks.append(_task(root, root.fields, None))
    return tasks


def _task(item: Item, fields: dict[str, tuple[str, int]], group: str | None) -> DraftTask:
    title, inline = _inline_fields(item.title)
    merged = dict(fields)
    for key, value in inline:
        if key == "details":
            item.details.insert(0, value)
        else:
            merged.setdefault(key, (value, item.line))
    return DraftTask(item.number, item.line, clean_title(title), merged, item.details, group)


_COLUMNS = (
    ("time", ("thời gian", "thời hạn", "tiến độ")),
    ("lead", ("chủ trì", "thực hiện")),
    ("partners", ("phối hợp",)),
    ("product", ("sản phẩm", "kết quả")),
    ("title", ("nội dung", "nhiệm vụ", "công việc", "hoạt động")),
    ("number", ("stt", "tt", "số tt", "số thứ tự")),
)


def table_columns(header: tuple[str, ...]) -> dict[str, int] | None:
    """Which column holds what, if ``header`` is a task table's header row."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        words = cell.lower().strip(" .")
        for key, names in _COLUMNS:
            hit = words in names if key == "number" else any(n in words for n in names)
            if hit and key not in columns:
                columns[key] = index
                break
    if "title" in columns and len({"lead", "time", "product"} & columns.keys()) >= 1:
        return columns
    return None


def table_tasks(table: Table) -> list[DraftTask] | None:
    """Tasks from a task table, or None when the table is something else."""
    columns = table_columns(table.rows[0]) if table.rows else None
    if columns is None:
        return None
    tasks: list[DraftTask] = []
    group: str | None = None
    for row, number in zip(table.rows[1:], table.numbers[1:], strict=True):

        def cell(key: str, row: tuple[str, ...] = row) -> str:
            index = columns.get(key)
            return row[index] if index is not None and index < len(row) else ""

        if len(row) < len(table.rows[0]):  # one cell across the table: a group heading
            group = " ".join(c for c in row if c) or group
            continue
        title_lines = cell("title").split("\n")
        title = title_lines[0].strip()
        stt = cell("number").strip().rstrip(".")
        others = [cell(k) for k in ("lead", "partners", "time", "product")]
        if not title:
            continue
        if re.fullmatch(r"[IVX]+|[A-Z]", stt) or (not stt and not any(others)):
            group = f"{stt}. {title}" if stt else title
            continue
        fields = {
            key: (clean_value(cell(key).replace("\n", "; ")), number)
            for key in ("lead", "partners", "time", "product")
            if cell(key).strip()
        }
        details = [line.strip() for line in title_lines[1:] if line.strip()]
        code = stt if re.fullmatch(r"\d{1,2}(?:\.\d{1,2})*", stt) else str(len(tasks) + 1)
        tasks.append(DraftTask(code, number, clean_title(title), fields, details, group))
        group = None
    return tasks


def read_draft(doc: PlanDocument) -> Draft:
    """Find the header, purposes, tasks and organisation of a plan document."""
    draft = Draft(doc.file)
    draft.mentions = [b.text for b in doc.blocks if isinstance(b, Line)]
    loose: list[Block] = []  # blocks of sections that are not recognised
    for kind, _title, blocks in split_sections(doc.blocks):
        draft.sections.add(kind)
        if kind == "header":
            draft.header = read_header(blocks)
            loose.extend(b for b in blocks if isinstance(b, Table))
        elif kind == "purposes":
            draft.purposes.extend(t for t, _ in paragraphs(blocks, skip_subheadings=True))
        elif kind == "organisation":
            draft.organisation.extend(paragraphs(blocks, skip_subheadings=False))
        elif kind == "tasks":
            roots, tables = task_items(blocks)
            draft.tasks.extend(resolve_tasks(roots))
            for table in tables:
                draft.tasks.extend(table_tasks(table) or [])
        else:
            loose.extend(blocks)
    if not draft.tasks:  # no task section: take task tables and items with fields anywhere
        for block in loose:
            if isinstance(block, Table):
                draft.tasks.extend(table_tasks(block) or [])
        if not draft.tasks:
            roots, _ = task_items([b for b in loose if isinstance(b, Line)])
            draft.tasks.extend(t for t in resolve_tasks(roots) if t.fields)
    return draft
