"""Checking parsed files against their models, and the rules that span records.

pydantic's errors are turned into :class:`Problem` objects with the user's line and
column and a stable code; the plan-aware rules (time frames, duplicates, units that
never reported) add warnings. Nothing here reads the disk.
"""

from __future__ import annotations

import difflib
import re
import types
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from baocao.core.models import Plan, UnitLog
from baocao.core.vietnamese import short_date
from baocao.errors import Problem
from baocao.input.yamlbase import PathKey, field_name
from baocao.input.yamlio import Document
from baocao.messages import Say

M = TypeVar("M", bound=BaseModel)

_MAPPING = Say("phải là một bảng khóa: giá trị", "must be a mapping of keys to values")
_WHOLE = Say("phải là số nguyên", "must be a whole number")
_TYPE_DETAILS = {
    "list_type": Say(
        "phải là một danh sách (mỗi mục một dòng bắt đầu bằng '- ')", "must be a list"
    ),
    "dict_type": _MAPPING,
    "model_type": _MAPPING,
    "model_attributes_type": _MAPPING,
    "int_type": _WHOLE,
    "int_parsing": _WHOLE,
    "int_from_float": _WHOLE,
    "baocao_whole": _WHOLE,
    "greater_than_equal": Say("quá nhỏ", "too small"),
    "less_than_equal": Say("quá lớn", "too large"),
    "string_too_long": Say("quá dài", "too long"),
    "string_pattern_mismatch": Say("sai định dạng", "wrong format"),
    "literal_error": Say("không thuộc các giá trị cho phép", "not one of the allowed values"),
    "baocao_day_month": Say("phải có dạng ngày/tháng, ví dụ 05/5", "must be day/month, e.g. 05/5"),
    "baocao_target": Say("phải là số không âm, ví dụ 2 hoặc 87.5", "must be a non-negative number"),
    "bool_type": Say("phải là true hoặc false", "must be true or false"),
}


def check(model: type[M], doc: Document) -> tuple[M | None, list[Problem]]:
    """Validate ``doc.data`` against ``model``; the instance, or None and its problems."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, [_to_problem(model, doc, err) for err in exc.errors()]


def _to_problem(model: type[BaseModel], doc: Document, err: ErrorDetails) -> Problem:
    loc = tuple(err["loc"])
    kind = err["type"]
    got = _got(doc, loc, err.get("input"))
    if loc and loc[-1] == "[key]":  # a dict key that is not allowed (e.g. a period code)
        loc = loc[:-1]
        key = str(loc[-1])
        line, column = doc.locate(loc, key=True)
        hint = _hint(key, _allowed_keys(model, loc[:-1]))
        return _at(doc, "E115", line, column, key=_short(key), hint=hint)
    if kind == "extra_forbidden":
        return _unknown_key(model, doc, loc)
    if kind == "missing":
        line, column = doc.locate(loc[:-1], key=True) if len(loc) > 1 else (1, 1)
        parent = field_name(loc[:-1]) if len(loc) > 1 else ""
        within = Say(f" trong {parent}", f" in {parent}") if parent else ""
        return _at(doc, "E102", line, column, key=str(loc[-1]), within=within)
    field = field_name(loc)
    if "input" in err and err["input"] is None:  # "key:" with nothing after it: point at the key
        line, column = doc.locate(loc, key=True)
        return _at(doc, "E117", line, column, field=field)
    line, column = doc.locate(loc)
    if kind == "baocao_count":
        return _at(doc, "E104", line, column, field=field, got=got, hint=_count_hint(got))
    if kind == "baocao_date":
        return _at(doc, "E105", line, column, field=field, got=got)
    if kind == "baocao_date_range":
        return _at(doc, "E118", line, column, field=field, got=got)
    if kind == "baocao_date_year":
        return _at(
            doc, "E106", line, column, field=field, got=got, year=err.get("ctx", {}).get("year")
        )
    if kind == "literal_error" and loc == ("don_vi",):
        choices = [str(c) for c in _literal_choices(model, "don_vi")]
        return _at(doc, "E109", line, column, key=got, hint=_hint(got, choices))
    if kind == "string_pattern_mismatch" and loc and loc[-1] == "ma" and "don_vi" in loc:
        return _at(doc, "E111", line, column, field=field, got=got)
    if kind == "string_type":
        return _at(doc, "E116", line, column, field=field, got=got)
    if kind in ("string_too_short", "too_short"):
        return _at(doc, "E117", line, column, field=field)
    detail = _TYPE_DETAILS.get(kind, Say(err["msg"], err["msg"]))
    return _at(doc, "E103", line, column, field=field, detail=detail, got=got)


def _at(doc: Document, code: str, line: int, column: int, **params: Any) -> Problem:
    params.setdefault("hint", "")
    return Problem(code, doc.file, line, column, params)


def _unknown_key(model: type[BaseModel], doc: Document, loc: tuple[Any, ...]) -> Problem:
    key, parent = str(loc[-1]), loc[:-1]
    line, column = doc.locate(loc, key=True)
    hint = _hint(key, _allowed_keys(model, parent))
    key = _short(key)
    if parent == ("nhiem_vu",):
        return _at(doc, "E107", line, column, key=key, hint=hint)
    if parent and parent[-1] == "so_lieu":
        return _at(doc, "E108", line, column, key=key, task=parent[1], hint=hint)
    if parent == ("ngay_gui",):
        return _at(doc, "E115", line, column, key=key, hint=hint)
    return _at(doc, "E101", line, column, key=key, hint=hint)


def _hint(key: str, choices: Iterable[str]) -> Say | str:
    """A " — có phải 'NV1'?" hint when one allowed key is clearly what was meant.

    Keys are compared loosely (case, diacritics, spaces and separators ignored), so
    ``nv1``, ``NV 1`` and ``số_buổi`` find ``NV1`` and ``so_buoi``; a tie (``NV7`` is as
    close to NV1 as to NV6) is no hint at all rather than a misleading one.
    """
    loose = _loose(key)
    scored = sorted(
        ((difflib.SequenceMatcher(None, loose, _loose(c)).ratio(), c) for c in choices),
        reverse=True,
    )
    if not scored or scored[0][0] < 0.6 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return ""
    best = scored[0][1]
    return Say(f" — có phải '{best}'?", f" — did you mean '{best}'?")


def _loose(text: str) -> str:
    bare = unicodedata.normalize("NFD", text[:200].replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in bare.casefold() if c.isalnum() and c.isascii())


def _short(text: str, limit: int = 80) -> str:
    """A user's key or value cut to a length a message can show."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _count_hint(got: str) -> Say | str:
    if re.fullmatch(r"\d{1,3}([., _]\d{3})+", got):
        return Say(
            "; viết số liền, không dùng dấu phân cách hàng nghìn (ví dụ 1500)",
            "; write digits only, without a thousands separator (e.g. 1500)",
        )
    return ""


def _got(doc: Document, loc: Sequence[str | int], value: Any) -> str:
    if isinstance(value, str):
        return _short(value)
    raw = doc.raw_text(tuple(loc))
    if raw:
        return raw
    return "rỗng" if value is None else repr(value)[:80]


def _unwrap(annotation: Any) -> Any:
    """Strip Optional, unions with None and Annotated down to the real type."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            annotation = args[0]
        else:
            return annotation


def _model_at(model: type[BaseModel], loc: Sequence[str | int]) -> Any:
    current: Any = model
    for step in loc:
        current = _unwrap(current)
        if isinstance(step, int):
            if get_origin(current) is list:
                current = get_args(current)[0]
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            fields = current.model_fields.values()
            found = next((f for f in fields if f.alias == step), None)
            if found is None:
                return None
            current = found.annotation
        elif get_origin(current) is dict:
            current = get_args(current)[1]
        else:
            return None
    return _unwrap(current)


def _allowed_keys(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    target = _model_at(model, loc)
    if isinstance(target, type) and issubclass(target, BaseModel):
        return [f.alias for f in target.model_fields.values() if f.alias]
    if get_origin(target) is dict:
        return [str(c) for c in get_args(_unwrap(get_args(target)[0]))]
    return []


def _literal_choices(model: type[BaseModel], key: str) -> tuple[Any, ...]:
    return get_args(_model_at(model, [key]))


# --- rules that span records ------------------------------------------------------


def check_plan(plan: Plan, doc: Document) -> list[Problem]:
    """Codes used twice, time frames that end before they start."""
    problems = []
    codes = (("nhiem_vu", [t.code for t in plan.tasks]), ("don_vi", [u.code for u in plan.units]))
    for list_key, items in codes:
        seen: set[str] = set()
        for index, code in enumerate(items):
            if code in seen:
                line, column = doc.locate((list_key, index, "ma"))
                problems.append(
                    Problem("E112", doc.file, line, column, {"field": list_key, "key": code})
                )
            seen.add(code)
    for t_index, task in enumerate(plan.tasks):
        seen = set()
        for i_index, indicator in enumerate(task.indicators):
            if indicator.code in seen:
                line, column = doc.locate(("nhiem_vu", t_index, "chi_tieu", i_index, "ma"))
                problems.append(
                    Problem(
                        "E112",
                        doc.file,
                        line,
                        column,
                        {"field": f"{task.code}.chi_tieu", "key": indicator.code},
                    )
                )
            seen.add(indicator.code)
        if task.start > task.end:
            line, column = doc.locate(("nhiem_vu", t_index, "tu_ngay"))
            problems.append(
                Problem(
                    "E114",
                    doc.file,
                    line,
                    column,
                    {
                        "field": task.code,
                        "start": short_date(task.start),
                        "end": short_date(task.end),
                    },
                )
            )
    return problems


def check_log(plan: Plan, log: UnitLog, doc: Document) -> list[Problem]:
    """Per-log rules: plan year, activities outside their task's frame, empty or repeated."""
    problems = []
    if log.year != plan.year:
        line, column = doc.locate(("nam",))
        problems.append(
            Problem("E113", doc.file, line, column, {"got": log.year, "year": plan.year})
        )
    # Positions are looked up only for a problem found: a file read the fast way is
    # read again the careful way just for that (see yamlio.Document.positions).
    seen: dict[tuple[Any, ...], PathKey] = {}
    for act in log.activities:
        task = plan.task(act.task)
        where: PathKey = ("nhiem_vu", act.task, act.index)
        if not task.start <= act.day <= task.end:
            line, column = doc.locate((*where, "ngay"))
            problems.append(
                Problem(
                    "W201",
                    doc.file,
                    line,
                    column,
                    {
                        "field": f"{act.task}.ngay",
                        "date": short_date(act.day),
                        "task": act.task,
                        "frame": task.time_frame,
                    },
                )
            )
        if not act.figures:
            line, column = doc.locate(where)
            problems.append(Problem("W202", doc.file, line, column, {"field": act.task}))
        fingerprint = (act.task, act.day, act.text, tuple(sorted(act.figures.items())))
        first = seen.setdefault(fingerprint, where)
        if first is not where:
            line, column = doc.locate(where)
            other_line = doc.locate(first)[0]
            problems.append(
                Problem(
                    "W203", doc.file, line, column, {"field": act.task, "other_line": other_line}
                )
            )
    return problems
