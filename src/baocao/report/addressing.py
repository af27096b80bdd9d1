"""Who a unit's proposal is addressed to: the bodies the report goes to, the office, others.

Section V of a report holds the compiling office's recommendations to the bodies it
reports to: the recipients marked "để b/c" / "để báo cáo" in the configuration. A
unit's proposal goes there only when it asks one of them ("Đề nghị UBND huyện …").
What a unit asks of the compiling office itself ("Đề nghị Phòng Tư pháp cử báo cáo
viên …") is the office's own business, and a request to nobody among the superiors
("Đề nghị các nhà trường và gia đình …") is no recommendation; both are listed for
the office instead. Names are matched loosely (case, tone style, "UBND" for "Ủy ban
nhân dân"), from the plan and the configuration, never from a list fixed in code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from baocao.core.models import Narrative, Plan, WorkspaceConfig
from baocao.core.vietnamese import fold_tone, nfc
from baocao.core.wording import named_or_counted, tidy
from baocao.report.aggregate import Aggregate, Note
from baocao.report.contract import Requests

# "(để b/c)", "(để báo cáo)", "để b/c", "(b/c)" at the end of a recipient line.
_REPORT_TO = re.compile(
    r"[\s,(–-]*(?:\bđể\s+(?:b/c|bc|báo\s+cáo)|\(\s*b/c\s*\))[\s).;]*$", re.IGNORECASE
)
# The words a proposal opens with before naming whom it asks.
_ASKING = re.compile(
    r"^(?:(?:kính|rất|xin)\s+)?(?:đề\s+nghị|kiến\s+nghị|đề\s+xuất|mong\s+muốn|mong|xin)"
    r"(?:\s+(?:với|đến|tới|lên))?\s+",
    re.IGNORECASE,
)
_LEVELS = frozenset(
    ["tỉnh", "thành", "huyện", "quận", "thị", "xã", "phường", "trấn", "tp", "tp.", "đặc"]
)
_SPELLED_OUT = (("ủy ban nhân dân", "ubnd"), ("hội đồng nhân dân", "hđnd"))


@dataclass(frozen=True)
class Addressed:
    """A period's unit proposals, sorted by whom they ask."""

    upward: tuple[Note, ...]  # to a body the report goes to "để b/c"
    to_office: tuple[Note, ...]  # to the compiling office itself
    other: tuple[Note, ...]  # to another body, or to nobody named


def superiors(config: WorkspaceConfig) -> list[str]:
    """The recipients the report goes to "để báo cáo": "UBND huyện", "Sở Tư pháp"."""
    names = []
    for line in config.recipients:
        text = line.strip().lstrip("-–• ").strip()
        if _REPORT_TO.search(text):
            name = _REPORT_TO.sub("", text).strip(" ;.,")
            if name:
                names.append(name)
    return names


def office_names(plan: Plan) -> list[str]:
    """How units may name the compiling office: "Phòng Tư pháp", "PHÒNG TƯ PHÁP", "PTP"."""
    names = [plan.issuer, plan.issuer_abbr]
    if plan.issuer_name:
        names.append(plan.issuer_name)
    return names


def _words(text: str) -> list[str]:
    folded = fold_tone(nfc(text)).casefold()
    for long, short in _SPELLED_OUT:
        folded = folded.replace(fold_tone(long), short)
    return re.findall(r"[\w./]+", folded)


def _names_start(name: list[str], text: list[str]) -> bool:
    """Whether ``text`` opens by naming the body ``name``.

    "Sở Tư pháp" names "Sở Tư pháp tỉnh Long An" (the place may be left out), but
    "UBND huyện" does not name "UBND tỉnh": a shared head followed by two different
    administrative levels is two bodies; nor does an abbreviation "UBND" name "UBND huyện".
    """
    shared = 0
    for mine, theirs in zip(name, text, strict=False):
        if mine != theirs:
            break
        shared += 1
    following = text[shared] if shared < len(text) else ""
    if shared == 0:
        return False
    if shared == len(name):
        # A lone word is an abbreviation: "UBND" (a commune's) does not name "UBND huyện".
        return len(name) > 1 or following not in _LEVELS
    return name[shared] in _LEVELS and following not in _LEVELS


def addressee(text: str, candidates: Iterable[str]) -> str | None:
    """The candidate a proposal asks, when it opens by naming it (after "Đề nghị")."""
    asked = _words(_ASKING.sub("", nfc(text).strip(), count=1))
    best: tuple[int, str] | None = None
    for candidate in candidates:
        name = _words(candidate)
        if name and _names_start(name, asked) and (best is None or len(name) > best[0]):
            best = (len(name), candidate)
    return best[1] if best else None


def classify(proposals: Sequence[Note], plan: Plan, config: WorkspaceConfig) -> Addressed:
    """Sort unit proposals into upward, to the office, and other."""
    office = office_names(plan)
    above = superiors(config)
    upward: list[Note] = []
    to_office: list[Note] = []
    other: list[Note] = []
    for note in proposals:
        if addressee(note.text, office):
            to_office.append(note)
        elif addressee(note.text, above):
            upward.append(note)
        else:
            other.append(note)
    return Addressed(tuple(upward), tuple(to_office), tuple(other))


def is_office(unit_name: str, plan: Plan) -> bool:
    """Whether a reporting unit is the compiling office itself (it reports to itself)."""
    return any(_words(unit_name) == _words(name) for name in office_names(plan))


# --- wording ---------------------------------------------------------------------------


def _raised_by(note: Note, plan: Plan) -> list[str]:
    """Who raised a note, the office itself left out: it speaks in its own voice."""
    return [unit for unit in note.units if not is_office(unit, plan)]


def _line(note: Note, tail: str) -> str:
    return f"- {tidy(note.text).rstrip(' .;')}{tail}."


def recommendations(addressed: Addressed, plan: Plan) -> list[str]:
    """Section V's lines: what units ask of the bodies above, put forward by the office."""
    lines = []
    for note in addressed.upward:
        units = _raised_by(note, plan)
        lines.append(_line(note, f" (đề xuất của {named_or_counted(units)})" if units else ""))
    return lines


def requests(addressed: Addressed, office: str, *, forwarded: bool) -> list[Requests]:
    """The units' proposals that section V does not carry, grouped for the appendix.

    ``forwarded`` is False when the clerk's own section V replaced the proposals to the
    bodies above: they are listed here then, so that no unit's proposal is lost.
    """
    groups: list[tuple[str, tuple[Note, ...]]] = [(f"Đối với {office}", addressed.to_office)]
    if not forwarded:
        groups.append(("Đối với cơ quan cấp trên", addressed.upward))
    groups.append(("Đề xuất khác", addressed.other))
    return [
        Requests(ten=name, muc=[_line(n, f" ({named_or_counted(n.units)})") for n in notes])
        for name, notes in groups
        if notes
    ]


def office_step(addressed: Addressed, office: str) -> list[str]:
    """Section IV's line on what units asked of the office, or nothing."""
    units = {unit for note in addressed.to_office for unit in note.units}
    if not units:
        return []
    who = f"của {next(iter(units))}" if len(units) == 1 else "của các đơn vị"
    return [f"Xem xét, giải quyết các kiến nghị {who} đối với {office} (chi tiết tại Phụ lục)."]


def upward_notes(
    agg: Aggregate, plan: Plan, config: WorkspaceConfig, narrative: Narrative | None
) -> tuple[list[str], list[str]]:
    """What a report passes to the level above, for its summary: the period's difficulties
    (its units', then the clerk's own) and what section V asks of the bodies above (the
    clerk's own section V, or the units' proposals addressed to those bodies)."""
    difficulties = [n.text for n in agg.difficulties]
    difficulties += list(narrative.shortcomings) if narrative else []
    clerk_v = list(narrative.proposals) if narrative else []
    proposals = clerk_v or [n.text for n in classify(agg.proposals, plan, config).upward]
    return difficulties, proposals
