"""Proposing a task's indicators, and their targets, from how the plan words them.

Plans say what a task produces ("05 lớp tập huấn", "100% hồ sơ được số hóa", "Số hộ
dân được di dời"), not which figures units report. The proposal reads the product
first, then the task title:

- a counted phrase "N <noun>" gives an indicator named by its own words ("lớp tập
  huấn", unit "lớp") with N as its target (``muc_tieu``); "ít nhất", "phấn đấu",
  "tối thiểu" say the same;
- "N% <noun>" and "Tỷ lệ <noun> đạt N%" give a percentage indicator ("tỷ lệ hồ sơ
  được số hóa", unit "%") with target N;
- "Số <noun>" gives the indicator "<noun>";
- words every field uses (hội nghị, tập huấn, tờ gấp, tin bài, cuộc thi, kiểm tra,
  diễn tập, …) give their usual indicator, and take the number written before them;
- "tuyên truyền" alone gives sessions and attendance; nothing else, a count of
  activities.

Years, dates, periods and document numbers ("năm 2025", "giai đoạn 2026 - 2030",
"Quyết định số 12", "cấp độ 3") are never targets. It is only a proposal: the importer
marks every list and every target for review, quoting the words it read.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

Number = int | float


@dataclass(frozen=True)
class Proposal:
    """An indicator to propose (key, label, unit as in the plan YAML), its target if the
    text sets one, and the words the target was read from."""

    code: str
    label: str
    unit: str
    target: Number | None = None
    words: str = ""


def _p(code: str, label: str, unit: str) -> Proposal:
    return Proposal(code, label, unit)


AUDIENCE = _p("so_luot_nguoi", "lượt người tham dự", "lượt người")
GENERIC = _p("so_hoat_dong", "hoạt động được thực hiện", "hoạt động")

# (pattern, indicators, strong). A strong rule names a countable product; the weak
# one ("tuyên truyền") is used only when nothing strong is named. Patterns are tried
# in this order and the text each one matches is taken out, so "hội nghị tập huấn"
# is a training conference and not also a plain conference.
_RULES: list[tuple[str, tuple[Proposal, ...], bool]] = [
    (r"tờ gấp|tờ rơi", (_p("so_to_gap", "tờ gấp được cấp phát", "tờ"),), True),
    (
        r"(?<!chính )(?<!danh )\bsách\b|sổ tay|cẩm nang",
        (_p("so_cuon_sach", "cuốn sách được cấp phát", "cuốn"),),
        True,
    ),
    (
        r"(?:hội nghị |lớp )?(?:tập huấn|bồi dưỡng)",
        (
            _p("so_hoi_nghi", "hội nghị tập huấn", "hội nghị"),
            _p("so_hoc_vien", "lượt người được tập huấn", "lượt người"),
        ),
        True,
    ),
    (
        r"hội nghị|hội thảo|tọa đàm|toạ đàm|đối thoại",
        (_p("so_hoi_nghi", "hội nghị", "hội nghị"), AUDIENCE),
        True,
    ),
    (r"cuộc thi|hội thi", (_p("so_cuoc_thi", "cuộc thi", "cuộc"), AUDIENCE), True),
    (r"diễn tập", (_p("so_cuoc_dien_tap", "cuộc diễn tập", "cuộc"), AUDIENCE), True),
    (r"tin,? bài|bài viết|tin tức", (_p("so_tin_bai", "tin, bài", "tin, bài"),), True),
    (
        r"phát thanh|truyền thanh|phát sóng",
        (_p("so_luot_phat_thanh", "lượt phát thanh", "lượt"),),
        True,
    ),
    (
        r"trang thông tin điện tử|cổng thông tin",
        (_p("so_bai_dang_web", "bài đăng trên trang thông tin điện tử", "bài"),),
        True,
    ),
    (
        r"pa ?nô|áp phích|băng rôn|khẩu hiệu",
        (_p("so_khau_hieu", "pa nô, áp phích, băng rôn, khẩu hiệu", "cái"),),
        True,
    ),
    (r"tài liệu", (_p("so_tai_lieu", "tài liệu được cấp phát", "bản"),), True),
    (r"kiểm tra|giám sát|thanh tra", (_p("so_cuoc_kiem_tra", "cuộc kiểm tra", "cuộc"),), True),
    (r"hòa giải|hoà giải", (_p("so_vu_hoa_giai", "vụ việc hòa giải", "vụ việc"),), True),
    (
        r"trợ giúp pháp lý",
        (_p("so_vu_tro_giup_phap_ly", "vụ việc trợ giúp pháp lý", "vụ việc"),),
        True,
    ),
    (
        r"tư vấn pháp luật|tư vấn pháp lý",
        (_p("so_luot_tu_van", "lượt người được tư vấn pháp luật", "lượt người"),),
        True,
    ),
    (
        r"tuyên truyền|phổ biến|truyền thông|nói chuyện|ngoại khóa|ngoại khoá",
        (_p("so_buoi", "buổi tuyên truyền", "buổi"), AUDIENCE),
        False,
    ),
]
_COMPILED = [(re.compile(p, re.IGNORECASE), found, strong) for p, found, strong in _RULES]

# Units of measure as plans write them after a number, longest first.
_CLASSIFIERS = sorted(
    (
        "lượt người",
        "lượt",
        "người",
        "hội nghị",
        "hội thảo",
        "cuộc",
        "lớp",
        "buổi",
        "đợt",
        "lễ",
        "tờ",
        "cuốn",
        "bản",
        "tin, bài",
        "tin bài",
        "tin",
        "bài",
        "bài giảng",
        "hộ",
        "hộ dân",
        "hộ gia đình",
        "người dân",
        "lượt người dân",
        "xã",
        "cơ sở",
        "trường",
        "học sinh",
        "giáo viên",
        "hồ sơ",
        "thủ tục",
        "km",
        "ha",
        "m",
        "tấn",
        "cái",
        "chiếc",
        "chương trình",
        "phóng sự",
        "câu lạc bộ",
        "mô hình",
        "tổ",
        "đội",
        "điểm",
        "văn bản",
        "sáng kiến",
        "công trình",
        "suất",
        "phần quà",
        "kỳ",
        "vụ việc",
        "vụ",
        "cơ sở dữ liệu",
        "hội viên",
        "chi hội",
        "đoàn viên",
    ),
    key=len,
    reverse=True,
)
_NUMBER = r"\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?"
# Words after which a number names something ("lớp 3", "Quyết định số 12", "năm 2025",
# "cấp độ 3") rather than counting it.
NAMING_WORDS = (
    r"năm|giai đoạn|ngày|tháng|quý|số|điều|khoản|mục|phần|chương|luật|nghị định|nghị quyết"
    r"|chỉ thị|quyết định|kế hoạch|thông tư|công văn|lần thứ|thứ|cấp độ|cấp|khóa|khoá|lớp|khối"
    r"|thôn|ấp|tổ|khu phố|tiêu chí|phòng|đến|và|-|–|/"
)
_NOT_A_TARGET = re.compile(rf"(?:{NAMING_WORDS})\s*$", re.IGNORECASE)
_COUNT = re.compile(rf"(?<![\w/.,])(?P<n>{_NUMBER})\s+(?=(?P<rest>[^\d\s%][^;]*))")
_PERCENT = re.compile(rf"(?<![\w/.,])(?P<n>{_NUMBER})\s*%(?P<rest>[^;]*)")
_RATIO = re.compile(
    rf"^(?P<what>(?:tỷ lệ|tỉ lệ|chỉ số)\s[^;]*?)\s+(?:đạt|là|trên|tối thiểu)\s*(?:từ\s*)?"
    rf"(?P<n>{_NUMBER})\s*%",
    re.IGNORECASE,
)
_SO = re.compile(r"^số\s+(?P<what>(?!hóa|hoá|liệu|lượng)[^;]+)", re.IGNORECASE)
# Things counted as they happen, named without a number: "thống kê các vụ việc bạo lực".
_EVENTS = re.compile(
    r"\bcác (?P<what>(?:vụ việc|vụ|hồ sơ|thủ tục hành chính|trường hợp|đơn thư|kiến nghị)\s\S.*)",
    re.IGNORECASE,
)
_AT_LEAST = re.compile(r"(?:ít nhất|tối thiểu|phấn đấu|đạt|trên|hơn|khoảng)\s*$", re.IGNORECASE)


def propose(product: str | None, title: str) -> tuple[list[Proposal], str]:
    """The proposed indicators (with targets where written) and the wording read."""
    for text in (product, title):
        if text:
            found = read_product(text)
            if found:
                return found, text
    for text in (product, title):
        if text:
            weak = [p for hit in _keywords(text, strong=False) for p in hit.proposals]
            if weak:
                return weak, text
    return [GENERIC], product or title


@dataclass(frozen=True)
class _Hit:
    """Words of a clause that name an indicator: where they are, and what they give."""

    start: int
    end: int
    proposals: tuple[Proposal, ...]


def read_product(text: str) -> list[Proposal]:
    """Indicators named by a product's wording: counted, percentage, "Số …", keywords.

    A keyword inside a counted phrase gives way to it: "500 cuốn sổ tay hòa giải viên"
    counts books (the keyword "sổ tay", same unit, takes the number), not mediation
    cases; "05 lớp tập huấn" counts classes (and keeps "lượt người được tập huấn").
    """
    out: list[Proposal] = []
    for clause in (c.strip() for c in text.split(";")):
        if not clause:
            continue
        phrases = [*_ratios(clause), *_counted(clause)]
        found: list[tuple[int, Proposal]] = []
        for hit in _keywords(clause, strong=True):
            inside = next((h for h in phrases if h.start <= hit.start < h.end), None)
            if inside is None:
                found.extend((hit.start, p) for p in hit.proposals)
                continue
            counted = inside.proposals[0]
            primary, *others = hit.proposals
            if primary.unit.lower() == counted.unit.lower():
                inside = _Hit(inside.start, inside.end, (replace(counted, code=primary.code),))
                phrases = [inside if h.start == inside.start else h for h in phrases]
            found.extend((hit.start, p) for p in others)
        for phrase in phrases:
            counted = phrase.proposals[0]
            # "tư vấn pháp luật cho 300 lượt người": the keyword of the same unit is counted
            same = next(
                (
                    i
                    for i, (_, p) in enumerate(found)
                    if p.unit.lower() == counted.unit.lower()
                    and p.target is None
                    and counted.unit != "%"
                ),
                None,
            )
            if same is None:
                found.append((phrase.start, counted))
            else:
                at, keyword = found[same]
                found[same] = (at, replace(keyword, target=counted.target, words=counted.words))
        if not found and (events := _EVENTS.search(clause)):
            found.append((events.start(), _from_words(_phrase(events.group("what"), 8))))
        if so := _SO.match(clause):
            what = " ".join(so.group("what").split()[:12])
            found.append((-1, _from_words(what)))
        for _, proposal in sorted(found, key=lambda item: item[0]):
            _merge(out, proposal)
    return out


def _merge(out: list[Proposal], proposal: Proposal) -> None:
    for index, have in enumerate(out):
        if have.code == proposal.code:
            if have.target is None and proposal.target is not None:
                out[index] = replace(have, target=proposal.target, words=proposal.words)
            return
    out.append(proposal)


def _keywords(text: str, *, strong: bool) -> list[_Hit]:
    """Indicators of the usual words in ``text``, in the order written."""
    hits: list[_Hit] = []
    remaining = text
    for pattern, found, is_strong in _COMPILED:
        if is_strong != strong:
            continue
        match = pattern.search(remaining)
        if match is None:
            continue
        hits.append(_Hit(match.start(), match.end(), found))
        remaining = pattern.sub(lambda m: " " * len(m.group(0)), remaining)
    hits.sort(key=lambda hit: hit.start)
    return hits


def _counted(clause: str) -> list[_Hit]:
    """ "05 lớp tập huấn" -> (lớp tập huấn, unit lớp, target 5), with where it stands."""
    out: list[_Hit] = []
    for match in _COUNT.finditer(clause):
        before = clause[: match.start()]
        if _NOT_A_TARGET.search(before) or _is_year(match.group("n"), before):
            continue
        rest = match.group("rest")
        unit = _classifier(rest)
        if unit is None and not rest[:1].isalpha():
            continue
        if re.match(r"\S*\s*/\s*(?:tháng|năm|quý|tuần|ngày)", rest[len(unit or "") :]):
            continue  # "02 kỳ/tháng": a rate, not a total
        words = _phrase(rest, 10, keep=unit, lists=True)
        if not words or words.split()[0].lower() in ("năm", "tháng", "ngày", "giờ", "quý", "tuần"):
            continue
        start = match.start() - len(_at_least(before))
        said = f"{clause[start : match.start()]}{match.group('n')} {words}".strip()
        proposal = replace(_from_words(words, unit), words=said)
        if re.search(r"\bmỗi\s+\w+", before, re.IGNORECASE):
            proposal = replace(proposal, words=f"cho mỗi đơn vị: {said}")  # not a total
        else:
            proposal = replace(proposal, target=_number(match.group("n")))
        out.append(_Hit(start, match.end("n") + 1 + len(words), (proposal,)))
    return out


def _classifier(text: str) -> str | None:
    return next((c for c in _CLASSIFIERS if re.match(rf"{re.escape(c)}(?!\w)", text, re.I)), None)


def _at_least(before: str) -> str:
    found = _AT_LEAST.search(before)
    return before[found.start() :] if found else ""


def _ratios(clause: str) -> list[_Hit]:
    """ "100% hồ sơ được số hóa", "Tỷ lệ hồ sơ trực tuyến đạt 80%" as percentages."""
    if ratio := _RATIO.match(clause):
        what = _phrase(ratio.group("what"), 10, lists=True, verbs=False)
        label = what[0].lower() + what[1:]
        return [_Hit(0, ratio.end(), (_ratio(label, ratio.group("n"), ratio.group(0)),))]
    out: list[_Hit] = []
    for match in _PERCENT.finditer(clause):
        before = clause[: match.start()]
        words = _phrase(match.group("rest"), 14, lists=True, verbs=False)
        if not words or _NOT_A_TARGET.search(before):
            continue
        lead = re.search(r"(?:tỷ lệ|tỉ lệ|chỉ số)\s[^;,]*?$", before, re.IGNORECASE)
        label = lead.group(0).split(" đạt")[0].strip() if lead else f"tỷ lệ {words}"
        start = lead.start() if lead else match.start() - len(_at_least(before))
        said = f"{clause[start : match.start()]}{match.group('n')}% {words}".strip()
        end = match.start("rest") + len(words) + 1
        out.append(
            _Hit(start, end, (_ratio(label[0].lower() + label[1:], match.group("n"), said),))
        )
    return out


def _ratio(label: str, number: str, said: str) -> Proposal:
    return Proposal(indicator_code(label), label, "%", _number(number), said)


# Nouns that a list "xã, phường", "cán bộ, công chức" joins to the one before.
_LIST_NOUNS = (
    r"xã|phường|thị trấn|đặc khu|thôn|bản|ấp|khu phố|tổ dân phố|bài|đập|mương|công chức"
    r"|viên chức|người lao động|thanh niên|học sinh|sinh viên|giáo viên|trường|cơ quan|đơn vị"
    r"|tổ chức|cá nhân|doanh nghiệp|hộ gia đình|nhân dân|thiếu niên|nhi đồng"
)
_STOP_WORDS = r"cho|với|tại|trên|của|về|trong|để|và|hoặc|từ|đến|ở|nhằm|theo|có|đạt"
_STOP_LOOSE = r"cho|với|tại|trên địa bàn|của|trong|để|nhằm|theo|từ"


def _phrase(
    text: str, limit: int, *, keep: str | None = None, lists: bool = False, verbs: bool = True
) -> str:
    """The noun phrase at the start of ``text``: up to a stop, at most ``limit`` words.

    A classifier with a comma ("tin, bài") is kept whole, and with ``lists`` so is a
    list of places or people ("xã, phường"); "được <verb>" is kept, since "cơ sở được
    kiểm tra" says what is counted. Without ``verbs`` only prepositions stop the phrase
    ("học sinh có học bạ số").
    """
    head = ""
    if keep and text.lower().startswith(keep.lower()):
        head, text = text[: len(keep)], text[len(keep) :]
    words = _STOP_WORDS if verbs else _STOP_LOOSE
    comma = rf",(?! (?:{_LIST_NOUNS})\b)" if lists else ","
    stop = re.search(rf"{comma}|[;.()“”\"/:]| (?:{words})\b| (?:năm|giai đoạn) \d{{4}}", text)
    body = text[: stop.start()] if stop else text
    return " ".join((head + body).split()[:limit]).strip(" ,-–")


_UNIT_OF = {"hộ dân": "hộ", "hộ gia đình": "hộ", "người dân": "người"}


def _from_words(words: str, unit: str | None = None) -> Proposal:
    label = words[0].lower() + words[1:] if words else words
    unit = (unit or _classifier(label) or label.split()[0]).lower()
    return Proposal(indicator_code(f"số {label}"), label, _UNIT_OF.get(unit, unit))


def indicator_code(label: str, words: int = 7) -> str:
    """A key from a label: 'số lớp tập huấn' -> 'so_lop_tap_huan' (at most ``words`` words)."""
    folded = unicodedata.normalize("NFD", label.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    parts = re.findall(r"[a-z0-9]+", plain)[:words]
    code = "_".join(parts)[:60].strip("_")
    return code if re.match(r"^[a-z]", code) else f"chi_tieu_{code}".strip("_")


def _number(text: str) -> Number:
    """'3.000' -> 3000 (a thousands dot), '87,5' -> 87.5 (a decimal comma)."""
    if "," in text:
        return float(text.replace(".", "").replace(",", "."))
    return int(text.replace(".", ""))


def _is_year(number: str, before: str) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d\d", number)) and not _AT_LEAST.search(before)


def match_task(target: str, tasks: list[tuple[str, str]]) -> int | None:
    """The task a "Chỉ tiêu" line speaks of: the one sharing most words with it.

    ``tasks`` are (title, product) pairs; None when no task shares enough words.
    """
    wanted = _words(target)
    best, best_rank = None, (0.0, 0.0)
    for index, (title, product) in enumerate(tasks):
        have = _words(f"{title} {product}")
        shared = len(wanted & have)
        # How much of the target the task covers, then how little else the task is about.
        rank = (shared / max(len(wanted), 1), shared / max(len(wanted | have), 1))
        if rank > best_rank:
            best, best_rank = index, rank
    return best if best_rank[0] >= 0.5 else None


_COMMON = {
    "các",
    "của",
    "và",
    "được",
    "cho",
    "trên",
    "tại",
    "năm",
    "phấn",
    "đấu",
    "100",
    "ít",
    "nhất",
}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if w not in _COMMON and not w.isdigit()}
