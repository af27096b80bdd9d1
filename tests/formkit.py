"""Support for the spreadsheet form tests: the sample plan and logs, the forms made from
them, ways to spoil a form as a person or a program would, and reading one back.

tests/conftest.py loads this module as a plugin, so its fixtures serve every test.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook
from openpyxl.workbook import Workbook

from baocao.core.models import Plan, build_log_model
from baocao.errors import InputError
from baocao.input.intake import log_data
from baocao.input.xlsx import FormSource, read_form
from baocao.plan.forms import form_bytes

DATA = Path(__file__).resolve().parent.parent / "data"
LOGS = sorted(p.name for p in (DATA / "2021").glob("*.yaml"))
UNIT = "xa-an-binh"
NAME = "xa-an-binh.xlsx"


def load_yaml(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        loaded: dict[str, Any] = yaml.safe_load(handle)
    return loaded


def as_plan(data: dict[str, Any]) -> Plan:
    return Plan.model_validate(data)


def as_log(plan: Plan, data: dict[str, Any]) -> dict[str, Any]:
    """A log as the YAML file holds it, validated: what a form is prefilled with and what
    reading the form gives back."""
    return log_data(build_log_model(plan).model_validate(data))


def sample_log(plan: Plan, name: str) -> dict[str, Any]:
    return as_log(plan, load_yaml(DATA / "2021" / name))


@pytest.fixture
def plan_data() -> dict[str, Any]:
    """The sample plan as plain data, to change before making a :class:`Plan` of it."""
    return load_yaml(DATA / "ke-hoach-2021.yaml")


@pytest.fixture
def plan(plan_data: dict[str, Any]) -> Plan:
    return as_plan(plan_data)


@pytest.fixture
def log(plan: Plan) -> dict[str, Any]:
    return sample_log(plan, f"{UNIT}.yaml")


@pytest.fixture
def form(plan: Plan, log: dict[str, Any]) -> bytes:
    return form_bytes(plan, UNIT, log)


@pytest.fixture
def blank_form(plan: Plan) -> bytes:
    return form_bytes(plan, UNIT)


# --- spoiling a form ----------------------------------------------------------------------


def edit(data: bytes, change: Callable[[Workbook], Any]) -> bytes:
    """The form after ``change`` made to it with openpyxl (as a person would in Excel)."""
    wb = load_workbook(io.BytesIO(data))
    change(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def cells(sheet: str, **values: Any) -> Callable[[Workbook], None]:
    """A change typing ``values`` (by cell reference) on ``sheet``."""

    def change(wb: Workbook) -> None:
        for ref, value in values.items():
            wb[sheet][ref] = value

    return change


def patch_part(data: bytes, part: str, change: Callable[[bytes], bytes]) -> bytes:
    """The package with one part's raw bytes changed (for what openpyxl cannot write)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            content = zin.read(info)
            zout.writestr(info, change(content) if info.filename == part else content)
    return out.getvalue()


def set_cell_xml(data: bytes, part: str, ref: str, inner: str) -> bytes:
    """Replace the XML of cell ``ref`` in worksheet ``part`` (a formula with a cached value)."""
    pattern = re.compile(rb'<c r="' + ref.encode() + rb'"([^>]*?)(/>|>.*?</c>)', re.S)

    def cell(match: re.Match[bytes]) -> bytes:
        style = re.search(rb' s="\d+"', match[1])  # the cell keeps its format, as in Excel
        kept = style[0].decode() if style else ""
        return f'<c r="{ref}"{kept}>{inner}</c>'.encode()

    def change(content: bytes) -> bytes:
        replaced, count = pattern.subn(cell, content, count=1)
        assert count == 1, f"cell {ref} not found in {part}"
        return replaced

    return patch_part(data, part, change)


def workspace_files(root: Path) -> dict[str, str]:
    """The workspace's files and their hashes, less the lock file every writing run leaves."""
    from conftest import snapshot

    return {name: digest for name, digest in snapshot(root).items() if name != ".baocao.lock"}


# --- reading it back ----------------------------------------------------------------------


def read(data: bytes, plan: Plan, name: str = NAME) -> FormSource:
    return read_form(data, name, plan)


def lines(form: FormSource, lang: str = "vi") -> list[str]:
    """Every problem reading found, as the clerk sees it."""
    return [p.format(lang) for p in form.problems]


def refused(data: bytes, plan: Plan, name: str = NAME) -> list[str]:
    """The problems of a file that is not a readable form at all."""
    with pytest.raises(InputError) as caught:
        read_form(data, name, plan)
    return [p.format() for p in caught.value.problems]
