"""Score `baocao plan import` on the corpus: every expected field is right, flagged or wrong.

- right:   the imported value equals the expected one, after NFC, spaces, dashes, case,
           old/new tone placement (hòa/hoà) and trailing punctuation are set aside;
- flagged: it differs or is missing, and its line in the imported YAML, or the comment
           lines just above it, carries '# KIỂM TRA' or '# CẦN ĐIỀN';
- wrong:   it differs or is missing, with no marker: a silent wrong value.

    python score.py                      # import every document, print tables and totals
    python score.py 04 09 --brief        # documents whose name starts so; totals only
    python score.py --baocao PATH --keep DIR
    python score.py --check              # every expected text occurs in its document

The expected files are described in README.md. Where the imported plan keeps each value is
set in KEYS below, so a renamed or moved key is a one-line change; a key the importer does
not write yet (nguoi_ky, noi_nhan, muc_tieu, quarterly periods) is simply missing: wrong
unless marked.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

HERE = Path(__file__).resolve().parent
MARKERS = ("# KIỂM TRA", "# CẦN ĐIỀN")
RIGHT, FLAGGED, WRONG = "right", "flagged", "wrong"
MISSING: Any = type("Missing", (), {"__repr__": lambda self: "—"})()

# Key of each item in the imported plan YAML; the first one present is used. A task's fields
# (ten, chu_tri, phoi_hop, tu_ngay, den_ngay, san_pham) are looked up under their own names
# unless listed here.
KEYS: dict[str, tuple[str, ...]] = {
    "title": ("ten",),
    "year": ("nam",),
    "tasks": ("nhiem_vu",),
    "organisation": ("to_chuc_thuc_hien",),
    "schedule": ("bao_cao_dinh_ky",),
    "periods": ("ky",),
    "due": ("han_nop",),
    "signer": ("nguoi_ky",),
    "recipients": ("noi_nhan",),
    "units": ("don_vi",),
    "unit_name": ("ten",),
    "indicators": ("chi_tieu",),
    "indicator_name": ("ten",),
    "measure": ("don_vi_tinh",),
    "target": ("muc_tieu",),
}
TASK_FIELDS = ("ten", "chu_tri", "phoi_hop", "tu_ngay", "den_ngay", "san_pham")
SIGNER_FIELDS = ("quyen_han", "chuc_vu", "ho_ten")
# New-style tone placement (hoà, thuý) and the old style it is compared as (hòa, thúy).
_NEW_TONES = dict(
    zip(
        "oà oá oả oã oạ oè oé oẻ oẽ oẹ uỳ uý uỷ uỹ uỵ".split(),  # noqa: SIM905
        "òa óa ỏa õa ọa òe óe ỏe õe ọe ùy úy ủy ũy ụy".split(),  # noqa: SIM905
        strict=True,
    )
)
_NEW_TONE = re.compile(f"(?<!q)(?:{'|'.join(_NEW_TONES)})(?!\\w)")  # only where a syllable ends


@dataclass
class FieldResult:
    """One expected field of one document, and how the import did on it."""

    doc: str
    field: str
    status: str
    expected: Any
    got: Any
    flag_ok: bool = False  # a marker is the acceptable answer here: the text is ambiguous


# --- values ------------------------------------------------------------------------------


def norm(value: Any) -> str:
    """Text as compared: NFC, lower case, one space, plain dashes and quotes, old-style tones,
    no leading bullet, no trailing punctuation or './.'."""
    text = unicodedata.normalize("NFC", str(value)).casefold()
    text = re.sub("[\u2010-\u2015\u2212]", "-", text).translate({0x201C: '"', 0x201D: '"'})
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^[-+•*]\s*", "", text)
    text = re.sub(r"(?:\./\.|[\s.;:,])+$", "", text)
    return _NEW_TONE.sub(lambda m: _NEW_TONES[m[0]], text)


def names(value: Any) -> list[str]:
    """A list of units as compared: split at ',', ';' and line ends, in any order."""
    return sorted(p for p in (norm(x) for x in re.split(r"[,;\n]", str(value))) if p)


def to_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            pass
    return None


def day_month(value: Any) -> tuple[int, int] | None:
    match = re.fullmatch(r"\s*(\d{1,2})\s*/\s*(\d{1,2})\s*", str(value))
    return (int(match[1]), int(match[2])) if match else None


def number(value: Any, measure: Any = None) -> tuple[float, bool] | None:
    """(value, is a percentage) of a target: 90, '90%', '02', '3.000', '12,5'."""
    if isinstance(value, bool) or value is None or value is MISSING:
        return None
    percent = norm(measure or "") in ("%", "phần trăm")
    if isinstance(value, (int, float)):
        return float(value), percent
    text = norm(value)
    percent = percent or text.endswith("%")
    text = text.rstrip("% ")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
        text = text.replace(".", "")
    try:
        return float(text.replace(",", ".")), percent
    except ValueError:
        return None


def load(path: Path) -> Any:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def unwrap(spec: Any) -> tuple[Any, bool, list[Any]]:
    """Expected value, whether a marker is acceptable, and other values also right."""
    if isinstance(spec, dict) and "gia_tri" in spec:
        return spec["gia_tri"], bool(spec.get("flag_ok")), list(spec.get("cung_dung") or [])
    return spec, False, []


# --- the imported plan -----------------------------------------------------------------


class Imported:
    """The imported plan YAML, read round-trip to know each value's line."""

    def __init__(self, path: Path | None) -> None:
        self.ok = path is not None and path.is_file()
        self.lines = path.read_text(encoding="utf-8").splitlines() if self.ok else []
        self.root = YAML(typ="rt", pure=True).load("\n".join(self.lines)) if self.ok else None

    def marked(self, lines: list[int | None]) -> bool:
        """A marker on one of ``lines`` or in the comment lines just above one of them."""
        for line in lines:
            if line is None:
                continue
            if self._marker(line):
                return True
            above = line - 1
            while above >= 0 and self.lines[above].lstrip().startswith("#"):
                if self._marker(above):
                    return True
                above -= 1
        return False

    def _marker(self, line: int) -> bool:
        return any(marker in self.lines[line] for marker in MARKERS)


def get(node: Any, role: str) -> tuple[Any, int | None]:
    """The value of ``role`` in a mapping and the line of its key, or (MISSING, None)."""
    if isinstance(node, dict):
        for key in KEYS.get(role, (role,)):
            if key in node:
                return node[key], node.lc.key(key)[0]
    return MISSING, None


def items(node: Any) -> list[tuple[Any, int]]:
    """The items of a sequence with their lines."""
    if not isinstance(node, list):
        return []
    return [(item, node.lc.item(i)[0]) for i, item in enumerate(node)]


def key_lines(node: Any) -> list[int]:
    return [node.lc.key(k)[0] for k in node] if isinstance(node, dict) else []


# --- scoring -----------------------------------------------------------------------------


class Scorer:
    """Collects the results of one document."""

    def __init__(self, doc: str, plan: Imported) -> None:
        self.doc, self.plan = doc, plan
        self.results: list[FieldResult] = []

    def judge(
        self,
        name: str,
        spec: Any,
        got: Any,
        same: Callable[[Any, Any], bool],
        lines: list[int | None],
    ) -> None:
        expected, flag_ok, also = unwrap(spec)
        if got is not MISSING and any(same(value, got) for value in [expected, *also]):
            status = RIGHT
        else:
            status = FLAGGED if self.plan.marked(lines) else WRONG
        self.results.append(FieldResult(self.doc, name, status, expected, got, flag_ok))

    def extra(self, name: str, got: Any, lines: list[int | None]) -> None:
        status = FLAGGED if self.plan.marked(lines) else WRONG
        self.results.append(FieldResult(self.doc, name, status, None, got))


def text_same(a: Any, b: Any) -> bool:
    return b is not None and norm(a) == norm(b)


def names_same(a: Any, b: Any) -> bool:
    return names(a or "") == names(b or "")


def date_same(a: Any, b: Any) -> bool:
    return to_date(a) is not None and to_date(a) == to_date(b)


def score(
    doc_path: str | Path,
    expected_path: str | Path,
    imported_yaml_path: str | Path,
    output: str | None = None,
) -> list[FieldResult]:
    """Every expected field of one document, classified right, flagged or wrong.

    ``output`` is what the import printed (for the expected warnings); by default the
    ``.log`` file beside the imported YAML, if any.
    """
    expected = load(Path(expected_path))
    imported = Path(imported_yaml_path)
    log = imported.with_suffix(".log")
    if output is None:
        output = log.read_text(encoding="utf-8") if log.is_file() else ""
    plan = Imported(imported)
    s = Scorer(Path(doc_path).name, plan)
    root = plan.root if plan.ok else {}

    for role, key in (("title", "ten"), ("year", "nam")):
        if key in expected:
            value, line = get(root, role)
            s.judge(key, expected[key], value, text_same, [line])
    _tasks(s, expected.get("nhiem_vu") or [], get(root, "tasks")[0])
    _schedule(s, expected.get("bao_cao_dinh_ky") or {}, root)
    for fragment in expected.get("canh_bao") or []:
        quoted = fragment if norm(fragment) in norm(output) else MISSING
        s.judge("canh_bao", fragment, quoted, text_same, [])
    if "to_chuc_thuc_hien_cuoi" in expected:
        last = items(get(root, "organisation")[0])[-1:]
        got, line = last[0] if last else (MISSING, None)
        s.judge(
            "to_chuc_thuc_hien (cuối)", expected["to_chuc_thuc_hien_cuoi"], got, text_same, [line]
        )
    _signer(s, expected.get("nguoi_ky") or {}, root)
    _listed(s, "noi_nhan", expected.get("noi_nhan") or [], *_recipients(root))
    _units(s, expected, root)
    return s.results


def _tasks(s: Scorer, expected: list[dict], node: Any) -> None:
    got = items(node)
    pairs = sorted(
        (
            (max(_similar(e.get("ten"), get(t, k)[0]) for k in ("ten", "ten_ngan")), ei, ti)
            for ei, e in enumerate(expected)
            for ti, (t, _) in enumerate(got)
        ),
        reverse=True,
    )
    match: dict[int, int] = {}
    for ratio, ei, ti in pairs:
        if ratio >= 0.8 and ei not in match and ti not in match.values():
            match[ei] = ti
    for ei, spec in enumerate(expected):
        task = got[match[ei]][0] if ei in match else None
        _task(s, f"T{ei + 1}", spec, task)
    for ti, (task, line) in enumerate(got):
        if ti not in match.values():
            s.extra(
                f"nhiem_vu thừa {get(task, 'ma')[0]}",
                get(task, "ten")[0],
                [line, *key_lines(task)[:2]],
            )


def _similar(a: Any, b: Any) -> float:
    """How alike two task titles are; one holding the other whole (a title that took in
    the next line, or lost its end) counts as alike."""
    if not a or not b or b is MISSING:
        return 0.0
    a, b = norm(a), norm(b)
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= 20 and shorter in longer:
        return 0.95
    return difflib.SequenceMatcher(None, a, b).ratio()


def _task(s: Scorer, code: str, spec: dict, task: Any) -> None:
    lines = {
        key: (get(task, key)[1] if task is not None else None)
        for key in (*TASK_FIELDS, "thoi_gian")
    }
    for key in TASK_FIELDS:
        if key not in spec:
            continue
        got = get(task, key)[0] if task is not None else MISSING
        if key in ("chu_tri", "phoi_hop"):
            same = names_same
            if unwrap(spec[key])[0] is None and got is MISSING and task is not None:
                got = None  # no partners written where the document names none: right
        else:
            same = date_same if key in ("tu_ngay", "den_ngay") else text_same
        # The range is one value on two lines: a marker on either date, or on the time frame
        # it was read from, covers both.
        where = (
            [lines["tu_ngay"], lines["den_ngay"], lines["thoi_gian"]]
            if key in ("tu_ngay", "den_ngay")
            else [lines[key]]
        )
        s.judge(f"{code}.{key}", spec[key], got, same, where)
    _targets(s, code, spec, task)


def _indicators(task: Any) -> tuple[list[tuple[Any, list[int]]], int | None]:
    node, line = get(task, "indicators")
    return [(item, [at, *key_lines(item)]) for item, at in items(node)], line


def _targets(s: Scorer, code: str, spec: dict, task: Any) -> None:
    indicators, list_line = _indicators(task)
    targets = []  # (number, percent), lines
    for item, lines in indicators:
        value = get(item, "target")[0]
        found = number(value, get(item, "measure")[0]) if value is not MISSING else None
        if found:
            targets.append((found, lines))
    inside = [line for _, lines in indicators for line in lines]
    got = Targets(t for t, _ in targets) if task is not None else MISSING
    wanted, decoys = [], []
    for entry in spec.get("muc_tieu") or []:
        value = unwrap(entry)[0]
        wanted.append(number(value))
        s.judge(f"{code}.muc_tieu {value}", entry, got, lambda e, g: number(e) in g, inside)
    for value in spec.get("khong_phai_muc_tieu") or []:
        hits = [lines for (n, _), lines in targets if n == float(value)]
        shown = f"muc_tieu {value}" if hits else ("không có" if task is not None else MISSING)
        s.judge(
            f"{code}.không phải mục tiêu {value}",
            "không có",
            shown,
            lambda e, g: g == e,
            [line for lines in hits for line in lines],
        )
        decoys.append(float(value))
    numbers = {w[0] for w in wanted if w} | set(decoys)  # a wrong % is counted once, above
    for target, lines in targets:
        if target[0] not in numbers:
            s.extra(f"{code}.muc_tieu thừa", f"{target[0]:g}{'%' if target[1] else ''}", lines)
    labels = [f"{get(i, 'indicator_name')[0]} ({get(i, 'measure')[0]})" for i, _ in indicators]
    labels = labels if task is not None else MISSING
    review = [list_line, *inside]
    for word in spec.get("chi_tieu_co") or []:
        s.judge(
            f"{code}.chỉ tiêu có '{word}'",
            word,
            labels,
            lambda e, g: any(norm(e) in norm(label) for label in g),
            review,
        )
    for word in spec.get("chi_tieu_khong") or []:
        s.judge(
            f"{code}.chỉ tiêu không '{word}'",
            word,
            labels,
            lambda e, g: not any(norm(e) in norm(label) for label in g),
            review,
        )


class Targets(list):
    """The targets of a task as (value, is a percentage), shown as written: '5; 100%'."""

    def __str__(self) -> str:
        return "; ".join(f"{v:g}{'%' if pct else ''}" for v, pct in self) or "không có"


def _schedule(s: Scorer, expected: dict, root: Any) -> None:
    schedule, schedule_line = get(root, "schedule")
    periods, periods_line = get(schedule, "periods")
    periods = periods if isinstance(periods, dict) else {}
    for period, spec in expected.items():
        entry = periods.get(period, MISSING)
        due, due_line = get(entry, "due")
        lines = (
            [due_line, periods.lc.key(period)[0]]
            if entry is not MISSING
            else [periods_line, schedule_line]
        )
        s.judge(
            f"bao_cao_dinh_ky.{period}",
            spec,
            due,
            lambda e, g: day_month(e) is not None and day_month(e) == day_month(g),
            lines,
        )
    for period, entry in periods.items():
        if period not in expected:
            due, due_line = get(entry, "due")
            s.extra(f"bao_cao_dinh_ky.{period} thừa", due, [due_line, periods.lc.key(period)[0]])


def _signer(s: Scorer, expected: dict, root: Any) -> None:
    signer, signer_line = get(root, "signer")
    for key in SIGNER_FIELDS:
        if key not in expected:
            continue
        got, line = get(signer, key)
        if got is MISSING and key == "quyen_han" and isinstance(signer, dict):
            got = ""  # no authority line: the head signs
        s.judge(
            f"nguoi_ky.{key}",
            expected[key],
            got,
            lambda e, g: norm(e or "") == norm(g or ""),
            [line, signer_line],
        )


def _recipients(root: Any) -> tuple[list[tuple[str, int]], int | None]:
    node, line = get(root, "recipients")
    return [(str(item), at) for item, at in items(node)], line


def _listed(
    s: Scorer, name: str, expected: list, got: list[tuple[str, int]], list_line: int | None
) -> None:
    """Each expected entry found in ``got``; each entry of ``got`` not expected, an extra."""
    present = {norm(text): text for text, _ in got}
    lines = [list_line, *(at for _, at in got)]
    wanted = set()
    for spec in expected:
        values = [unwrap(spec)[0], *unwrap(spec)[2]]
        wanted.update(norm(v) for v in values)
        found = next((present[norm(v)] for v in values if norm(v) in present), MISSING)
        s.judge(name, spec, found, text_same, lines)
    for text, at in got:
        if norm(text) not in wanted:
            s.extra(f"{name} thừa", text, [at, list_line])


def _units(s: Scorer, expected: dict, root: Any) -> None:
    node, line = get(root, "units")
    got = [(str(get(item, "unit_name")[0]), at) for item, at in items(node)]
    spec = expected.get("don_vi_bao_cao")
    if spec:
        _listed(s, "don_vi", spec, got, line)
        return
    # The document names no reporting unit: a list marked for review is the acceptable answer.
    listed = ", ".join(text for text, _ in got) if got else MISSING
    status = FLAGGED if s.plan.marked([line, *(at for _, at in got)]) else WRONG
    s.results.append(FieldResult(s.doc, "don_vi", status, "(văn bản không nêu)", listed, True))


# --- checking the corpus itself ------------------------------------------------------


def document_text(path: Path) -> str:
    """All text of a .txt or .docx document, paragraphs and table cells joined by spaces."""
    if path.suffix == ".txt":
        return path.read_text(encoding="utf-8-sig")
    import docx  # only needed here

    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(p.text for row in table.rows for cell in row.cells for p in cell.paragraphs)
    return "\n".join(parts)


def check_corpus(expected_path: Path) -> list[str]:
    """Expected texts that do not occur in the document: mistakes in the corpus itself."""
    expected = load(expected_path)
    text = norm(document_text(HERE / "docs" / expected["tai_lieu"]))
    texts = [expected.get("to_chuc_thuc_hien_cuoi"), *(expected.get("canh_bao") or [])]
    texts += [*(expected.get("noi_nhan") or []), *(expected.get("don_vi_bao_cao") or [])]
    texts += list((expected.get("nguoi_ky") or {}).values())
    for task in expected.get("nhiem_vu") or []:
        texts += [task.get(k) for k in ("ten", "chu_tri", "phoi_hop", "san_pham")]
        texts += [*(task.get("chi_tieu_co") or [])]
    return [str(v) for v in (unwrap(v)[0] for v in texts) if v and norm(v) not in text]


# --- command line ----------------------------------------------------------------------


def find_baocao(given: str | None) -> str:
    """The baocao to run: --baocao, $BAOCAO, the one beside this Python, or the one on PATH."""
    beside = Path(sys.executable).with_name("baocao")
    for candidate in (given, os.environ.get("BAOCAO"), str(beside), shutil.which("baocao")):
        if candidate and Path(candidate).is_file():
            return candidate
    sys.exit("baocao not found: give --baocao PATH or set BAOCAO")


def import_plan(baocao: str, doc: Path, out: Path) -> tuple[int, str]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "BAOCAO_LANG": "vi"}
    command = [baocao, "plan", "import", str(doc), "-o", str(out), "--force"]
    try:
        run = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    except subprocess.TimeoutExpired:
        out.unlink(missing_ok=True)
        return -1, "timeout"
    output = run.stdout + run.stderr
    out.with_suffix(".log").write_text(output, encoding="utf-8")
    return run.returncode, output


def short(value: Any, width: int = 46) -> str:
    text = "; ".join(map(str, value)) if type(value) is list else str(value)
    text = re.sub(r"\s+", " ", text)
    return text if len(text) <= width else text[: width - 1] + "…"


def kind(field: str) -> str:
    """What a field is about, for the totals by kind: 'T3.muc_tieu 5' -> 'muc_tieu'."""
    field = re.sub(r"^T\d+\.", "", field)
    for prefix, name in (("không phải mục tiêu", "muc_tieu"), ("chỉ tiêu", "chi_tieu")):
        if field.startswith(prefix):
            return name
    name = re.split(r"[ .]", field)[0]
    return "tu_ngay, den_ngay" if name in ("tu_ngay", "den_ngay") else name


def counts(results: list[FieldResult]) -> tuple[int, int, int, int]:
    by = [r.status for r in results]
    ok = sum(r.status == FLAGGED and r.flag_ok for r in results)
    return by.count(RIGHT), by.count(FLAGGED), by.count(WRONG), ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("only", nargs="*", help="documents whose name starts with these")
    parser.add_argument("--baocao", help="the baocao executable to run")
    parser.add_argument("--keep", type=Path, help="keep the imported YAML and logs here")
    parser.add_argument("--brief", action="store_true", help="totals only")
    parser.add_argument("--check", action="store_true", help="check the corpus, import nothing")
    args = parser.parse_args()
    if args.check:
        bad = {p.name: check_corpus(p) for p in sorted((HERE / "expected").glob("*.yaml"))}
        for name, texts in bad.items():
            print(f"{name}: {texts or 'ok'}")
        sys.exit(1 if any(bad.values()) else 0)
    baocao = find_baocao(args.baocao)
    out_dir = args.keep or Path(tempfile.mkdtemp(prefix="plan-corpus-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    totals: list[tuple[str, tuple[int, int, int, int]]] = []
    everything: list[FieldResult] = []
    for expected_path in sorted((HERE / "expected").glob("*.yaml")):
        if args.only and not any(expected_path.stem.startswith(o) for o in args.only):
            continue
        name = load(expected_path)["tai_lieu"]
        doc = HERE / "docs" / name
        out = out_dir / f"{expected_path.stem}.yaml"
        out.unlink(missing_ok=True)
        code, output = import_plan(baocao, doc, out)
        results = score(doc, expected_path, out, output)
        totals.append((name, counts(results)))
        everything += results
        if args.brief:
            continue
        print(f"\n== {name} (baocao plan import: exit {code})")
        for r in results:
            mark = f"{r.status}{' (ok)' if r.flag_ok and r.status == FLAGGED else ''}"
            print(f"  {short(r.field, 34):34} {mark:12} {short(r.expected):46}  {short(r.got)}")
    width = max(len(n) for n, _ in totals) if totals else 10
    print(f"\n{'document':{width}}  right  flagged  wrong  (flagged where a marker is the answer)")
    for name, (right, flagged, wrong, ok) in totals:
        print(f"{name:{width}}  {right:5}  {flagged:7}  {wrong:5}  ({ok})")
    right, flagged, wrong, ok = (sum(c[i] for _, c in totals) for i in range(4))
    print(f"{'total':{width}}  {right:5}  {flagged:7}  {wrong:5}  ({ok})")
    print(f"\n{'by kind of field':{width}}  right  flagged  wrong")
    kinds = sorted(
        {kind(r.field) for r in everything}, key=[kind(r.field) for r in everything].index
    )
    for name in kinds:
        right, flagged, wrong, _ = counts([r for r in everything if kind(r.field) == name])
        print(f"{name:{width}}  {right:5}  {flagged:7}  {wrong:5}")
    if not args.keep:
        shutil.rmtree(out_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
