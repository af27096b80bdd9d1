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
  or on the line after the title "(Chủ trì: …; phối hợp: …; thời gian: …)";
- a task table (read by :mod:`baocao.plan.tables`) in section II or in an appendix after
  the signature;
- the body ends at "./." or "Nơi nhận:"; what follows is the signature block (recipients,
  signer) and any appendix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from baocao.plan.document import Block, Line, PlanDocument, Table, is_caps
from baocao.plan.letterhead import Signature, read_header, read_signature, starts_signature
from baocao.plan.tables import DraftTask as DraftTask
from baocao.plan.tables import clean_title, clean_value, table_tasks

FIELD_KEYS = ("lead", "partners", "time", "product", "details")

_LABEL_PATTERNS = {
    "lead": r"(?:(?:cơ quan|đơn vị)(?:[,/]? ?(?:cơ quan|đơn vị))? )?chủ trì(?: thực hiện)?"
    r"|(?:cơ quan|đơn vị|người|bộ phận)(?:[,/]? ?(?:bộ phận|đơn vị))? thực hiện"
    r"|(?:người|bộ phận) phụ trách",
    "partners": r"(?:(?:cơ quan|đơn vị)(?:[,/]? ?(?:cơ quan|đơn vị))? )?phối hợp(?: thực hiện)?",
    "time": r"thời (?:gian|hạn)(?: thực hiện| hoàn thành| triển khai)?"
    r"|tiến độ(?: thực hiện| hoàn thành)?",
    "product": r"kết quả[,/]? ?sản phẩm|sản phẩm[,/]? ?kết quả"
    r"|(?:sản phẩm|kết quả)(?: đầu ra| dự kiến| chính| cần đạt| đạt được)?"
    r"|dự kiến (?:sản phẩm|kết quả)",
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
_SUBHEADING = re.compile(
    r"^(?:mục đích|mục tiêu|yêu cầu)(?:,? (?:và )?(?:mục đích|mục tiêu|yêu cầu))?(?: cụ thể)?[.:]?$",
    re.I,
)
_TARGETS_HEADING = re.compile(r"^(?:các )?chỉ tiêu(?: cụ thể| chủ yếu)?[.:]?$", re.I)
_PAREN_LINE = re.compile(r"^\((?P<inner>.*)\)\s*[.;]?$")
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
class Draft:
    """Everything found in a plan document, each text with its line."""

    file: str
    header: dict[str, tuple[str, int]] = field(default_factory=dict)
    purposes: list[str] = field(default_factory=list)
    targets: list[tuple[str, int]] = field(default_factory=list)  # a "Chỉ tiêu" part's lines
    tasks: list[DraftTask] = field(default_factory=list)
    organisation: list[tuple[str, int]] = field(default_factory=list)
    sections: set[str] = field(default_factory=set)
    mentions: list[str] = field(default_factory=list)  # every line of the body, to find names in
    signature: Signature = field(default_factory=Signature)
    source: dict[int, str] = field(default_factory=dict)  # each line's text, to quote

    def quote(self, line: int | None) -> str:
        """The text of ``line`` as the document writes it, for a reviewer."""
        return self.source.get(line or 0, "")


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


def _field_line(text: str) -> list[tuple[str, str]] | None:
    """The fields on a line that starts with a label ('- Đơn vị chủ trì: …'), or that is
    only fields in parentheses ('(Chủ trì: …; phối hợp: …)'), else None."""
    bullet = _BULLET.match(text)
    body = bullet.group("text") if bullet else text
    paren = _PAREN_LINE.match(body)
    if paren:
        body = paren.group("inner")
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


def _starts_lower(text: str) -> bool:
    return bool(text) and text[0].islower()


# --- sections ----------------------------------------------------------------------


def section_kind(title: str) -> str:
    """purposes, tasks, organisation or other, from a section's heading words."""
    words = title.lower()
    if any(w in words for w in ("mục đích", "yêu cầu", "mục tiêu")):
        return "purposes"
    if "chỉ tiêu" in words and "nhiệm vụ" not in words:
        return "targets"
    if any(
        w in words
        for w in ("tổ chức thực hiện", "tổ chức triển khai", "trách nhiệm", "chế độ báo cáo")
    ):
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


def paragraphs(
    blocks: list[Block], *, skip_subheadings: bool, targets: list[tuple[str, int]] | None = None
) -> list[tuple[str, int]]:
    """Entries of a free-text section: one per numbered item, bullet or paragraph.

    Entries under a "Chỉ tiêu" sub-heading are also added to ``targets``.
    """
    entries: list[tuple[str, int]] = []
    in_targets = False
    for block in blocks:
        if not isinstance(block, Line):
            continue
        item, bullet = _ITEM.match(block.text), _BULLET.match(block.text)
        marked = item or bullet
        text = marked.group("text") if marked else block.text
        if skip_subheadings and _TARGETS_HEADING.match(text):
            in_targets = True
            continue
        if skip_subheadings and _SUBHEADING.match(text):
            in_targets = False
            continue
        if in_targets and targets is not None and text:
            targets.append((text, block.number))
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


def split_body(blocks: tuple[Block, ...]) -> tuple[list[Block], list[Block]]:
    """The body of the plan, and what follows it: signature block and appendices.

    The body ends with the paragraph that ends "./.", or before "Nơi nhận:" or a
    signer's authority line ("KT. CHỦ TỊCH") once a numbered section has begun.
    """
    started = False
    for index, block in enumerate(blocks):
        if isinstance(block, Line) and _SECTION.match(block.text):
            started = True
        if not started:
            continue
        if starts_signature(block):
            return list(blocks[:index]), list(blocks[index:])
        if isinstance(block, Line):
            if block.columns[0].endswith("./."):
                return list(blocks[: index + 1]), list(blocks[index + 1 :])
            if _SIGNER_AUTHORITY.match(block.text) and is_caps(block.text):
                return list(blocks[:index]), list(blocks[index:])
    return list(blocks), []


_SIGNER_AUTHORITY = re.compile(r"^(?:KT|TM|TL|TUQ)\.\s")


def _source(blocks: tuple[Block, ...]) -> dict[int, str]:
    out: dict[int, str] = {}
    for block in blocks:
        if isinstance(block, Line):
            out[block.number] = block.text
        else:
            for row, number in zip(block.rows, block.numbers, strict=True):
                out[number] = " | ".join(c.replace("\n", " ") for c in row)
    return out


def read_draft(doc: PlanDocument) -> Draft:
    """Find the header, purposes, tasks, organisation and signature of a plan document."""
    draft = Draft(doc.file)
    draft.source = _source(doc.blocks)
    body, tail = split_body(doc.blocks)
    draft.signature = read_signature(tail)
    draft.mentions = [b.text for b in body if isinstance(b, Line)]
    loose: list[Block] = []  # blocks of sections that are not recognised
    items: list[DraftTask] = []
    tables: list[Table] = []
    for kind, _title, blocks in split_sections(tuple(body)):
        draft.sections.add(kind)
        if kind == "header":
            draft.header = read_header(blocks)
            loose.extend(b for b in blocks if isinstance(b, Table))
        elif kind in ("purposes", "targets"):
            found = paragraphs(blocks, skip_subheadings=True, targets=draft.targets)
            if kind == "targets":
                draft.targets.extend(found)
            else:
                draft.purposes.extend(t for t, _ in found)
        elif kind == "organisation":
            draft.organisation.extend(paragraphs(blocks, skip_subheadings=False))
        elif kind == "tasks":
            roots, found_tables = task_items(blocks)
            items.extend(resolve_tasks(roots))
            tables.extend(found_tables)
        else:
            loose.extend(blocks)
    draft.tasks = _choose_tasks(items, tables, [*loose, *tail])
    return draft


def _choose_tasks(
    items: list[DraftTask], tables: list[Table], elsewhere: list[Block]
) -> list[DraftTask]:
    """The plan's tasks: section II's tables and items with fields; else a task table
    anywhere (an appendix after the signature); else section II's bare items; else
    numbered items with fields anywhere."""
    with_fields = [t for t in items if t.fields]
    from_tables = [t for table in tables for t in table_tasks(table) or []]
    if from_tables or with_fields:
        return (items if with_fields else []) + from_tables
    appendix = [t for b in elsewhere if isinstance(b, Table) for t in table_tasks(b) or []]
    if appendix:
        return appendix
    if items:
        return items
    roots, _ = task_items([b for b in elsewhere if isinstance(b, Line)])
    return [t for t in resolve_tasks(roots) if t.fields]
