"""Vietnamese text helpers: Unicode normalisation, numbers, dates and name matching.

Every number or date that reaches a report is formatted here, in one place, and
exposed to templates as Jinja filters (see :func:`baocao.report.render.make_jinja_env`).
All functions are pure.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, localcontext

__all__ = [
    "end_of_body",
    "fold_tone",
    "format_count2",
    "format_number",
    "format_percent",
    "header_date",
    "nfc",
    "number_symbol",
    "percent_of",
    "percent_text",
    "round_percent",
    "same_name",
    "short_date",
]

Number = int | float | Decimal


def nfc(s: str) -> str:
    """``s`` in Unicode NFC, the composed form Vietnamese text must be stored and compared in.

    The Windows Vietnamese keyboard and macOS may produce decomposed (NFD) text that looks
    the same on screen but compares different.
    """
    return unicodedata.normalize("NFC", s)


def _to_decimal(n: Number) -> Decimal:
    if isinstance(n, bool) or not isinstance(n, int | float | Decimal):
        raise TypeError(f"format_number expects a number, got {type(n).__name__}: {n!r}")
    if isinstance(n, int):
        return Decimal(n)
    # repr() gives the shortest text that reads back as the same float: 0.1 stays "0.1"
    # instead of the binary expansion 0.1000000000000000055511151231257827...
    d = Decimal(repr(n)) if isinstance(n, float) else n
    if not d.is_finite():
        raise ValueError(f"cannot format {n!r} as a number")
    return d


def _group_thousands(digits: str) -> str:
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return ".".join(groups)


def format_number(n: Number, decimals: int | None = None) -> str:
    """``n`` written the Vietnamese way: "." between thousands, "," before decimals.

    >>> format_number(26529)
    '26.529'
    >>> format_number(12116.71)
    '12.116,71'
    >>> format_number(-1234.5, decimals=2)
    '-1.234,50'

    ``decimals=None`` keeps the digits the value has (a float with no fraction shows
    none; a :class:`~decimal.Decimal` keeps its own exponent, so ``Decimal("1.50")`` gives
    "1,50"). Otherwise the value is rounded half up to that many decimals.
    """
    d = _to_decimal(n)
    if decimals is not None:
        if decimals < 0:
            raise ValueError("decimals must be >= 0")
        with localcontext() as ctx:  # room for every digit: quantize never rounds the whole part
            ctx.prec = max(ctx.prec, d.adjusted() + decimals + 3)
            d = d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    elif isinstance(n, float) and n.is_integer():
        d = d.to_integral_value()  # 3.0 reads "3", not "3,0"
    text = format(d.copy_abs(), "f")  # abs() would round to the context's 28 digits
    whole, _, frac = text.partition(".")
    out = _group_thousands(whole)
    if frac:
        out += "," + frac
    # "-0" and "-0,00" after rounding are just zero
    return "-" + out if d.is_signed() and not d.is_zero() else out


PERCENT_DECIMALS = 1
"""Every percentage the report states has one decimal at most, rounded toward zero."""


def round_percent(value: Number) -> Decimal:
    """A percentage as the report states it: one decimal, rounded toward zero.

    Toward zero, so a share never reads higher than it is: 99,96% is "99,9%", never
    "100%" for a target not met; a fall of 3,57% is "3,5%". This is the one rounding
    rule of percentages (README, docs/chi-tieu.md).

    >>> str(round_percent(87.46)), str(round_percent(128)), str(round_percent(-3.57))
    ('87.4', '128.0', '-3.5')
    """
    return _to_decimal(value).quantize(Decimal(1).scaleb(-PERCENT_DECIMALS), rounding=ROUND_DOWN)


def percent_of(part: Number, whole: Number) -> Decimal | None:
    """``part`` as a percentage of ``whole``, rounded by :func:`round_percent`; None when
    ``whole`` is zero (no share of nothing).

    >>> str(percent_of(7, 8)), percent_of(3, 0)
    ('87.5', None)
    """
    whole_d = _to_decimal(whole)
    if whole_d.is_zero():
        return None
    with localcontext() as ctx:
        ctx.prec = 40
        return round_percent(_to_decimal(part) * 100 / whole_d)


def percent_text(value: Number) -> str:
    """A percentage's figure without the sign, for a table column headed "(%)": "87,5", "128"."""
    text = format_number(round_percent(value))
    return text[:-2] if text.endswith(",0") else text


def format_percent(value: Number) -> str:
    """A percentage in running text: "87,5%", "128%", "0,4%" (see :func:`round_percent`)."""
    return percent_text(value) + "%"


def format_count2(n: int) -> str:
    """A count with a leading zero below ten, as reports write small counts: 3 → "03".

    Zero stays "0"; ten and above are grouped like :func:`format_number` ("1.250").
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"format_count2 expects a whole number, got {type(n).__name__}: {n!r}")
    if 1 <= n <= 9:
        return f"0{n}"
    return format_number(n)


def _month_text(month: int) -> str:
    # Nghị định 30/2020: months 1 and 2 take a leading zero ("tháng 01"), others do not.
    return f"{month:02d}" if month <= 2 else str(month)


def header_date(place: str, d: date) -> str:
    """The place and date line of the header: "Tân Lập, ngày 05 tháng 5 năm 2021"."""
    return f"{nfc(place)}, ngày {d.day:02d} tháng {_month_text(d.month)} năm {d.year}"


def short_date(d: date) -> str:
    """A date in running text, always dd/mm/yyyy: "24/02/2021", "30/04/2021"."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def number_symbol(symbol: str) -> str:
    """The "Số:" line's number and symbol, leaving room for a number written by hand.

    >>> number_symbol("/BC-PTP")
    '     /BC-PTP'
    >>> number_symbol("05/BC-PTP")
    '05/BC-PTP'
    """
    symbol = symbol.strip()
    return f"     {symbol}" if symbol.startswith("/") else symbol


def end_of_body(s: str) -> str:
    """The last paragraph of a report's body, ending with "./." as the decree's forms do.

    A final ".", ";", "," or ":" is replaced, so "Không có." gives "Không có./.".
    """
    text = s.rstrip()
    if text.endswith("./."):
        return text
    return text.rstrip(".;:, ") + "./."


# Tone marks in NFD: grave, acute, tilde, hook above, dot below.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
# New style puts the tone on the second vowel of an open "oa", "oe", "uy" (hoà, khoẻ, thuý);
# old style puts it on the first (hòa, khỏe, thúy). Only open syllables differ: in "hoàn"
# or "ngoài" both styles agree, hence the look-ahead for a following letter or mark. In
# "quý" the "u" belongs to the consonant "qu", so both styles write "quý".
_NEW_STYLE = re.compile(
    rf"(?:([oO])([aAeE])|(?<![qQ])([uU])([yY]))([{_TONES}])(?![\w\u0300-\u036f])"
)


def _to_old_style(m: re.Match[str]) -> str:
    first = m.group(1) or m.group(3)
    second = m.group(2) or m.group(4)
    return first + m.group(5) + second


def fold_tone(s: str) -> str:
    """``s`` (NFC) with new-style tone placement rewritten to old style: "hoà" → "hòa".

    Used to compare names written by different people; "Thuý" and "Thúy" fold equal.
    """
    return nfc(_NEW_STYLE.sub(_to_old_style, unicodedata.normalize("NFD", s)))


def _name_key(s: str) -> str:
    return nfc(fold_tone(nfc(s)).casefold()).strip()


def same_name(a: str, b: str) -> bool:
    """Whether two names are the same once normalised, whatever tone style, case or spacing.

    >>> same_name("UBND xã  Hoà Bình", "ubnd XÃ Hòa Bình")
    True
    """
    return " ".join(_name_key(a).split()) == " ".join(_name_key(b).split())
