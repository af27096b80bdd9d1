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
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from enum import Enum
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from baocao.core import keys
from baocao.core.models import (
    ALL_UNITS,
    BY_PERIOD_TAG,
    LIST_TAG,
    Activity,
    Indicator,
    Narrative,
    Plan,
    Task,
    UnitLog,
)
from baocao.core.vietnamese import short_date
from baocao.errors import Place, Problem
from baocao.input.sources import Source
from baocao.input.yamlbase import PathKey, field_name
from baocao.messages import Say

M = TypeVar("M", bound=BaseModel)

_MAPPING = Say("phải là một bảng khóa: giá trị", "must be a mapping of keys to values")
_WHOLE = Say("phải là số nguyên", "must be a whole number")
_NOT_ALLOWED = Say("không thuộc các giá trị cho phép", "not one of the allowed values")
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
    "literal_error": _NOT_ALLOWED,
    "enum": _NOT_ALLOWED,
    "baocao_day_month": Say("phải có dạng ngày/tháng, ví dụ 05/5", "must be day/month, e.g. 05/5"),
    "baocao_target": Say("phải là số không âm, ví dụ 2 hoặc 87.5", "must be a non-negative number"),
    "bool_type": Say("phải là true hoặc false", "must be true or false"),
}


def check(model: type[M], doc: Source) -> tuple[M | None, list[Problem]]:
    """Validate ``doc.data`` against ``model``; the instance, or None and its problems."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, [_to_problem(model, doc, err) for err in exc.errors()]


_UNION_TAGS = {LIST_TAG, BY_PERIOD_TAG}
_PERIOD_KEYED = {(keys.SENT,), (keys.DIFFICULTIES,), (keys.PROPOSALS,)}


def _to_problem(model: type[BaseModel], doc: Source, err: ErrorDetails) -> Problem:
    # A tagged union's branch is in pydantic's path, not in the user's file.
    loc = tuple(step for step in err["loc"] if step not in _UNION_TAGS)
    err = {**err, "loc": loc}
    kind = err["type"]
    got = _got(doc, loc, err.get("input"))
    if loc and loc[-1] == "[key]":  # a dict key that is not allowed (e.g. a period code)
        loc = loc[:-1]
        key = str(loc[-1])
        hint = _hint(key, _allowed_keys(model, loc[:-1]))
        return _at("E115", doc.place(loc, key=True), key=_short(key), hint=hint)
    if kind == "extra_forbidden":
        return _unknown_key(model, doc, loc)
    if kind == "missing":
        place = doc.place(loc[:-1], key=True) if len(loc) > 1 else doc.place(())
        parent = field_name(loc[:-1]) if len(loc) > 1 else ""
        within = Say(f" trong {parent}", f" in {parent}") if parent else ""
        return _at("E102", place, key=str(loc[-1]), within=within)
    field = field_name(loc)
    if "input" in err and err["input"] is None:  # "key:" with nothing after it: point at the key
        return _at("E117", doc.place(loc, key=True), field=field)
    place = doc.place(loc)
    if kind == "baocao_count":
        return _at("E104", place, field=field, got=got, hint=_count_hint(got))
    if kind == "baocao_computed":
        return _at("E156", place, field=field)
    if kind == "baocao_target":
        field = _indicator_field(doc, loc) or field
        return _at("E140", place, field=field, got=got, hint=target_hint(got))
    if kind == "baocao_date":
        return _at("E105", place, field=field, got=got)
    if kind == "baocao_date_range":
        return _at("E118", place, field=field, got=got)
    if kind == "baocao_date_year":
        return _at("E106", place, field=field, got=got, year=err.get("ctx", {}).get("year"))
    if kind == "literal_error" and loc == (keys.UNITS,):
        choices = [str(c) for c in _literal_choices(model, keys.UNITS)]
        return _at("E109", place, key=got, hint=_hint(got, choices))
    if kind == "string_pattern_mismatch" and loc and loc[-1] == keys.CODE and keys.UNITS in loc:
        return _at("E111", place, field=field, got=got)
    if kind == "string_type":
        return _at("E116", place, field=field, got=got)
    if kind in ("string_too_short", "too_short"):
        return _at("E117", place, field=field)
    detail = _TYPE_DETAILS.get(kind, Say(err["msg"], err["msg"]))
    return _at("E103", place, field=field, detail=detail, got=got)


def _indicator_field(doc: Source, loc: Sequence[str | int]) -> str | None:
    """ "NV1.so_buoi.muc_tieu" for a place inside a plan's indicator, when the file says
    which task and indicator it is."""
    if len(loc) < 5 or loc[0] != keys.TASKS or loc[2] != keys.INDICATORS:
        return None
    try:
        task = doc.data[keys.TASKS][loc[1]]
        indicator = task[keys.INDICATORS][loc[3]]
        return ".".join(str(p) for p in (task[keys.CODE], indicator[keys.CODE], *loc[4:]))
    except (KeyError, IndexError, TypeError):
        return None


def _at(code: str, place: Place, **params: Any) -> Problem:
    params.setdefault("hint", "")
    return Problem(code, place, params)


def _unknown_key(model: type[BaseModel], doc: Source, loc: tuple[Any, ...]) -> Problem:
    key, parent = str(loc[-1]), loc[:-1]
    place = doc.place(loc, key=True)
    hint = _hint(key, _allowed_keys(model, parent))
    key = _short(key)
    if parent == (keys.TASKS,):
        return _at("E107", place, key=key, hint=hint)
    if key == keys.TARGET and len(parent) == 2 and parent[0] == keys.TASKS:
        hint = Say(
            " — mục tiêu đặt trong từng chỉ tiêu (chi_tieu) của nhiệm vụ",
            " — a target belongs to one of the task's indicators (chi_tieu)",
        )
    if parent and parent[-1] == keys.FIGURES:
        return _at("E108", place, key=key, task=parent[1], hint=hint)
    if parent in _PERIOD_KEYED:
        return _at("E115", place, key=key, hint=hint)
    return _at("E101", place, key=key, hint=hint)


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


def _got(doc: Source, loc: Sequence[str | int], value: Any) -> str:
    if isinstance(value, str):
        return _short(value)
    raw = doc.raw_text(tuple(loc))
    if raw:
        return raw
    return "rỗng" if value is None else repr(value)[:80]


def _unwrap(annotation: Any, *, keyed: bool = False) -> Any:
    """Strip Optional, unions with None and Annotated down to the real type.

    Of a union of several types, the first is taken, or with ``keyed`` (the next step
    is a key) the first model: kho_khan is a list or a model by period.
    """
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            args = [_unwrap(a, keyed=keyed) for a in get_args(annotation) if a is not type(None)]
            models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
            annotation = models[0] if keyed and models else args[0]
        else:
            return annotation


def _model_at(model: type[BaseModel], loc: Sequence[str | int], *, keyed: bool = False) -> Any:
    """The type at ``loc``; with ``keyed``, a union there resolves to its model."""
    current: Any = model
    for step in loc:
        current = _unwrap(current, keyed=isinstance(step, str))
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
    return _unwrap(current, keyed=keyed)


def _allowed_keys(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    target = _model_at(model, loc, keyed=True)
    if isinstance(target, type) and issubclass(target, BaseModel):
        return [f.alias for f in target.model_fields.values() if f.alias]
    if get_origin(target) is dict:
        return _choices(_unwrap(get_args(target)[0]))
    return []


def _choices(key_type: Any) -> list[str]:
    """The values a key may take: a Literal's arguments or an enumeration's codes."""
    if isinstance(key_type, type) and issubclass(key_type, Enum):
        return [str(member.value) for member in key_type]
    return [str(c) for c in get_args(key_type)]


def _literal_choices(model: type[BaseModel], key: str) -> tuple[Any, ...]:
    return get_args(_model_at(model, [key]))


# --- rules that span records ------------------------------------------------------


def check_plan(plan: Plan, doc: Source) -> list[Problem]:
    """Codes used twice, time frames that end before they start, targets and ratios that
    cannot mean anything (:func:`check_targets`)."""
    problems = []
    codes = ((keys.TASKS, [t.code for t in plan.tasks]), (keys.UNITS, [u.code for u in plan.units]))
    for list_key, items in codes:
        seen: set[str] = set()
        for index, code in enumerate(items):
            if code in seen:
                place = doc.place((list_key, index, keys.CODE))
                problems.append(Problem("E112", place, {"field": list_key, "key": code}))
            seen.add(code)
    for t_index, task in enumerate(plan.tasks):
        seen = set()
        for i_index, indicator in enumerate(task.indicators):
            if indicator.code in seen:
                place = doc.place((keys.TASKS, t_index, keys.INDICATORS, i_index, keys.CODE))
                field = f"{task.code}.{keys.INDICATORS}"
                problems.append(Problem("E112", place, {"field": field, "key": indicator.code}))
            seen.add(indicator.code)
        if task.start > task.end:
            place = doc.place((keys.TASKS, t_index, keys.START))
            params = {
                "field": task.code,
                "start": short_date(task.start),
                "end": short_date(task.end),
            }
            problems.append(Problem("E114", place, params))
    problems.extend(check_targets(plan, doc))
    return problems


def check_log(plan: Plan, log: UnitLog, doc: Source) -> list[Problem]:
    """Per-log rules: plan year, activities outside their task's frame, empty or repeated."""
    problems = []
    if log.year != plan.year:
        params: dict[str, Any] = {"got": log.year, "year": plan.year}
        problems.append(Problem("E113", doc.place((keys.YEAR,)), params))
    # Places are looked up only for a problem found: a file read the fast way is
    # read again the careful way just for that (see yamlio.Document.positions).
    tasks = {task.code: task for task in plan.tasks}
    seen: dict[tuple[Any, ...], Activity] = {}
    for act in log.activities:
        task = tasks[act.task]
        if not task.start <= act.day <= task.end:
            params = {
                "field": f"{act.task}.{keys.DAY}",
                "date": short_date(act.day),
                "task": act.task,
                "frame": task.time_frame,
            }
            problems.append(Problem("W201", doc.place(_where(act, keys.DAY)), params))
        if act.values.count(None) == len(act.values):
            problems.append(Problem("W202", doc.place(_where(act)), {"field": act.task}))
        first = seen.setdefault((act.task, act.day, act.text, act.codes, act.values), act)
        if first is not act:
            params = {"field": act.task, "other_line": doc.place(_where(first)).line}
            problems.append(Problem("W203", doc.place(_where(act)), params))
    return problems


def _where(act: Activity, *rest: str) -> PathKey:
    return (keys.TASKS, act.task, act.index, *rest)


def check_narrative(plan: Plan, narrative: Narrative, doc: Source) -> list[Problem]:
    """Next steps written for a task code the plan does not have: a typo would drop them."""
    codes = [task.code for task in plan.tasks]
    problems = []
    for code in narrative.task_steps:
        if code not in codes:
            place = doc.place((keys.TASK_STEPS, code), key=True)
            problems.append(_at("E107", place, key=code, hint=_hint(code, codes)))
    return problems


# --- targets and ratio indicators ---------------------------------------------------------


_TARGET_HINTS = (
    (
        re.compile(r"^\s*\d+([.,]\d+)?\s*%\s*$"),
        Say("; viết số, không kèm %", "; write the number, without %"),
    ),
    (
        re.compile(r"^\s*\d+,\d+\s*$"),
        Say("; dùng dấu chấm thập phân, ví dụ 87.5", "; use a decimal point, e.g. 87.5"),
    ),
)


def target_hint(got: str) -> Say | str:
    """Why a target the user typed is not a number, when it is clear."""
    for pattern, say in _TARGET_HINTS:
        if pattern.match(got):
            return say
    return _count_hint(got)


def check_targets(plan: Plan, doc: Source) -> list[Problem]:
    """Targets and ratio indicators that the plan sets but cannot mean: a fraction of a
    count, a percentage above 100, a unit or kind that does not exist, a ratio without
    its method or with parts that are not counted indicators of the plan."""
    problems: list[Problem] = []
    for t_index, task in enumerate(plan.tasks):
        for i_index, ind in enumerate(task.indicators):
            where = (keys.TASKS, t_index, keys.INDICATORS, i_index)
            place = _IndicatorPlace(doc, where, task, ind)
            if ind.is_ratio:
                _check_ratio(plan, place)
            else:
                _check_counted(plan, place)
            problems.extend(place.problems)
    return problems


@dataclass
class _IndicatorPlace:
    """One indicator of the plan file, and the problems found in it."""

    doc: Source
    where: PathKey
    task: Task
    indicator: Indicator
    problems: list[Problem] = dataclass_field(default_factory=list)

    def add(self, code: str, *path: str | int, on_key: bool = False, **params: Any) -> None:
        place = self.doc.place((*self.where, *path), key=on_key)
        # cach_tinh.tu_so names the part; a unit or kind code is in the message already
        named = path[:2] if path[0] == keys.METHOD else path[:1]
        name = ".".join(str(p) for p in (self.task.code, self.indicator.code, *named))
        self.problems.append(_at(code, place, field=name, **params))

    def raw(self, *path: str | int) -> str:
        return self.doc.raw_text((*self.where, *path)) or str(path[-1])


def _kinds(plan: Plan) -> list[str]:
    return sorted({u.kind for u in plan.units if u.kind})


def _check_counted(plan: Plan, place: _IndicatorPlace) -> None:
    ind = place.indicator
    if ind.method is not None:
        place.add("E149", keys.METHOD, on_key=True, unit=ind.unit_of_measure)
    units = [u.code for u in plan.units]
    for code in ind.targets_by_unit:
        if code not in units:
            hint = _hint(code, units)
            place.add("E143", keys.TARGETS_BY_UNIT, code, on_key=True, key=code, hint=hint)
    kinds = _kinds(plan)
    for kind in ind.targets_by_kind:
        if kind not in kinds:
            hint = _hint(kind, kinds)
            place.add("E144", keys.TARGETS_BY_KIND, kind, on_key=True, key=kind, hint=hint)


def _check_ratio(plan: Plan, place: _IndicatorPlace) -> None:
    ind = place.indicator
    if ind.target is not None and ind.target > 100:
        place.add("E142", keys.TARGET, got=place.raw(keys.TARGET))
    for key, given in (
        (keys.TARGETS_BY_KIND, ind.targets_by_kind),
        (keys.TARGETS_BY_UNIT, ind.targets_by_unit),
    ):
        if given:
            place.add("E155", key, on_key=True)
    method = ind.method
    if method is None:
        # A warning: an imported plan's '%' indicator waits for its method without
        # stopping the workspace; the report says the ratio is not computed.
        place.add("W220", keys.UNIT_OF_MEASURE)
        return
    ways = [method.units_of_kind is not None, method.numerator is not None]
    if [*ways, method.denominator is not None] not in ([True, False, False], [False, True, True]):
        place.add("E146", keys.METHOD, on_key=True)
        return
    if method.units_of_kind is not None:
        kind, kinds = method.units_of_kind, _kinds(plan)
        if kind != ALL_UNITS and kind not in kinds:
            hint = _hint(kind, [ALL_UNITS, *kinds])
            place.add("E144", keys.METHOD, keys.UNITS_OF_KIND, key=kind, hint=hint)
        return
    for key, ref in ((keys.NUMERATOR, method.numerator), (keys.DENOMINATOR, method.denominator)):
        assert ref is not None  # both parts are given (E146 otherwise)
        owner, _dot, code = ref.rpartition(".")
        task = next((t for t in plan.tasks if t.code == (owner or place.task.code)), None)
        found = next((i for i in task.indicators if i.code == code), None) if task else None
        if found is None:
            choices = [i.code for i in place.task.counted]
            choices += [f"{t.code}.{i.code}" for t in plan.tasks for i in t.counted]
            place.add("E147", keys.METHOD, key, key=ref, hint=_hint(ref, choices))
        elif found.is_ratio:
            place.add("E148", keys.METHOD, key, key=ref)
