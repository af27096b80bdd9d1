"""The source-format seam: a reader per suffix, its places in every problem.

A toy "form" format stands in for the spreadsheet forms to come: one activity per
line (``NV1;2021-03-12;text;so_buoi=1``) on a sheet called "Hoạt động", the header
in row 1, so that activity i is in row i + 2 and its fields in columns A–D.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from baocao import api
from baocao.core import keys
from baocao.errors import InputError, Place, Problem
from baocao.input import sources
from baocao.settings import Settings

SHEET = "Hoạt động"
COLUMNS = {keys.DAY: 2, keys.TEXT: 3, keys.FIGURES: 4}


@dataclass
class Form:
    """What the toy reader gives: data shaped like a YAML log, places in cells."""

    file: str
    data: dict[str, Any]
    rows: dict[tuple[str, int], int]
    warnings: list[Problem] = field(default_factory=list)

    def place(self, path: tuple[str | int, ...], *, key: bool = False) -> Place:
        if len(path) >= 3 and path[0] == keys.TASKS:
            row = self.rows.get((str(path[1]), int(path[2])), 1)
            column = COLUMNS.get(str(path[3]), 1) if len(path) > 3 else 1
            return Place(self.file, row, column, SHEET)
        return Place(self.file, 1, 1, "Đơn vị")  # the unit, year and dates sheet

    def raw_text(self, path: tuple[str | int, ...]) -> str:
        return ""


def read_form(raw: bytes, file: str, settings: Settings) -> Form:
    head, *lines = raw.decode("utf-8").splitlines()
    data: dict[str, Any] = json.loads(head)
    tasks: dict[str, list[dict[str, Any]]] = {}
    rows: dict[tuple[str, int], int] = {}
    for row, line in enumerate(lines, 2):
        task, day, text, figures = line.split(";")
        rows[(task, len(tasks.setdefault(task, [])))] = row
        numbers = dict(pair.split("=") for pair in figures.split(","))
        tasks[task].append({keys.DAY: day, keys.TEXT: text, keys.FIGURES: numbers})
    return Form(file, {**data, keys.TASKS: tasks}, rows)


@pytest.fixture
def forms(monkeypatch: pytest.MonkeyPatch) -> None:
    """The toy reader registered for ".form" files, for this test only."""
    monkeypatch.setattr(sources, "_READERS", dict(sources._READERS))
    sources.register(read_form, ".form")


def write_form(path: Path, *activities: str) -> None:
    head = json.dumps({keys.UNITS: path.stem, keys.YEAR: "2021"})
    path.write_text("\n".join([head, *activities]) + "\n", encoding="utf-8")


def test_a_place_reads_line_and_column_or_sheet_and_cell() -> None:
    assert str(Place("2021/xa-an-binh.yaml", 14, 7)) == "2021/xa-an-binh.yaml:14:7"
    assert str(Place("ke-hoach.yaml")) == "ke-hoach.yaml"
    cell = Place.cell("xa-an-binh.xlsx", SHEET, "B7")
    assert (cell.line, cell.column, cell.cell_ref) == (7, 2, "B7")
    assert str(cell) == "xa-an-binh.xlsx:Hoạt động!B7"
    assert Place.cell("f.xlsx", "S", "AA10").column == 27
    assert Place("f.xlsx", 3, 28, "S").cell_ref == "AB3"
    with pytest.raises(ValueError):
        Place.cell("f.xlsx", "S", "7B")


def test_problems_as_json_keep_their_keys_and_a_cell_adds_sheet_and_cell() -> None:
    text = Problem("E104", Place("a.yaml", 3, 5), {"field": "x", "got": "-5", "hint": ""})
    assert list(text.to_dict()) == ["file", "line", "column", "code", "severity", "message"]
    cell = Problem("E104", Place.cell("a.xlsx", SHEET, "D3"), text.params)
    assert cell.to_dict()["sheet"] == SHEET and cell.to_dict()["cell"] == "D3"
    assert (cell.to_dict()["line"], cell.to_dict()["column"]) == (3, 4)
    assert cell.format().startswith("a.xlsx:Hoạt động!D3: E104 ")


def test_only_files_a_reader_claims_are_unit_logs(ws: Path) -> None:
    (ws / "2021" / "ghi-chu.txt").write_text("not a log\n", encoding="utf-8")
    assert len(api.validate(ws).logs) == 2
    assert not sources.claims(ws / "2021" / "ghi-chu.txt")
    assert sources.claims(ws / "2021" / "xa-an-binh.YML")


@pytest.mark.usefixtures("forms")
def test_a_registered_reader_makes_its_files_unit_logs(ws: Path) -> None:
    (ws / "2021" / "xa-tan-hoa.yaml").unlink()
    write_form(
        ws / "2021" / "xa-tan-hoa.form",
        "NV1;2021-03-12;Tuyên truyền tại ấp Hòa Lợi;so_buoi=2,so_luot_nguoi=80",
        "NV2;2021-11-09;Hưởng ứng Ngày pháp luật;so_hoat_dong=3",
    )
    workspace = api.validate(ws)
    log = workspace.log_for("xa-tan-hoa")
    assert log is not None and log.file == "ws/2021/xa-tan-hoa.form"
    assert [(a.task, a.day.isoformat(), dict(a.figures)) for a in log.activities] == [
        ("NV1", "2021-03-12", {"so_buoi": 2, "so_luot_nguoi": 80}),
        ("NV2", "2021-11-09", {"so_hoat_dong": 3}),
    ]
    assert workspace.warnings == []


@pytest.mark.usefixtures("forms")
@pytest.mark.parametrize("cache", [True, False])
def test_problems_of_a_form_point_at_its_cells_fresh_or_cached(ws: Path, cache: bool) -> None:
    (ws / "2021" / "xa-tan-hoa.yaml").unlink()
    write_form(
        ws / "2021" / "xa-tan-hoa.form",
        "NV1;2021-03-12;Tuyên truyền;so_buoi=2",
        "NV2;2021-11-09;Hưởng ứng;so_hoat_dong=-3",
    )
    for _run in range(2):  # the second run takes the checked file from the cache
        with pytest.raises(InputError) as caught:
            api.validate(ws, settings=Settings(cache=cache))
        shown = [p.format() for p in caught.value.problems]
        assert shown == [
            "ws/2021/xa-tan-hoa.form:Hoạt động!D3: E104 NV2.so_hoat_dong: phải là số nguyên "
            "không âm, tối đa 1.000.000.000 (nhận được -3)"
        ]


@pytest.mark.usefixtures("forms")
def test_a_unit_claimed_twice_is_placed_in_the_second_file(ws: Path) -> None:
    copy = ws / "2021" / "xa-an-binh-ban-sao.form"  # not named after its unit: the copy
    copy.write_text(json.dumps({keys.UNITS: "xa-an-binh", keys.YEAR: "2021"}) + "\n", "utf-8")
    with pytest.raises(InputError) as caught:
        api.validate(ws)
    assert [p.format() for p in caught.value.problems] == [
        "ws/2021/xa-an-binh-ban-sao.form:Đơn vị!A1: E110 đơn vị 'xa-an-binh' đã được khai "
        "ở tệp ws/2021/xa-an-binh.yaml"
    ]


def test_a_file_no_reader_claims_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "xa-an-binh.xlsx"
    path.write_bytes(b"PK")
    with pytest.raises(InputError) as caught:
        sources.load_source(path)
    (problem,) = caught.value.problems
    assert problem.code == "E014" and ".yaml" in problem.message()
