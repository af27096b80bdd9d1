"""Every plan document of the corpus imports with no silently wrong field.

Each document is imported with `baocao plan import` (in this process, through the CLI) and
scored field by field by score.py against its expected plan: right, flagged (marked
'# KIỂM TRA' / '# CẦN ĐIỀN'), or wrong (different, with no marker). A wrong field is a value a
clerk would not be asked to check and the report would state as fact.

    .venv/bin/pytest tests/plan/corpus/test_plan_corpus.py -s     # shows the counts
"""

from __future__ import annotations

from pathlib import Path

import pytest
from score import FLAGGED, RIGHT, WRONG, FieldResult, load, score
from typer.testing import CliRunner

from baocao.cli import app

HERE = Path(__file__).resolve().parent
EXPECTED = sorted((HERE / "expected").glob("*.yaml"))


def imported(expected: Path, out: Path) -> list[FieldResult]:
    doc = HERE / "docs" / load(expected)["tai_lieu"]
    result = CliRunner().invoke(app, ["plan", "import", str(doc), "-o", str(out), "--force"])
    assert result.exit_code == 0, result.output
    return score(doc, expected, out, result.stdout + result.stderr)


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[FieldResult]]:
    folder = tmp_path_factory.mktemp("corpus")
    return {path.stem: imported(path, folder / f"{path.stem}.yaml") for path in EXPECTED}


def test_the_corpus_is_there() -> None:
    assert len(EXPECTED) >= 14
    for path in EXPECTED:
        assert (HERE / "docs" / load(path)["tai_lieu"]).is_file(), path.name


def test_no_field_is_silently_wrong(
    results: dict[str, list[FieldResult]], capsys: pytest.CaptureFixture[str]
) -> None:
    rows = []
    for name, found in results.items():
        counts = [sum(r.status == status for r in found) for status in (RIGHT, FLAGGED, WRONG)]
        rows.append((name, *counts))
    total = [sum(row[i] for row in rows) for i in (1, 2, 3)]
    with capsys.disabled():
        print(f"\nplan corpus: {len(rows)} documents, right / flagged / silently wrong")
        for name, right, flagged, wrong in rows:
            print(f"  {name:50} {right:4} {flagged:4} {wrong:4}")
        print(f"  {'total':50} {total[0]:4} {total[1]:4} {total[2]:4}")
    wrong = [
        f"{r.doc}: {r.field}: expected {r.expected!r}, got {r.got!r}"
        for found in results.values()
        for r in found
        if r.status == WRONG
    ]
    assert wrong == []


def test_every_flag_is_where_the_text_is_ambiguous(
    results: dict[str, list[FieldResult]],
) -> None:
    # A flag on a plain value is not wrong, but it asks the clerk to check what the
    # document says plainly; the corpus marks where a flag is the right answer.
    flagged = [
        f"{r.doc}: {r.field}: expected {r.expected!r}, got {r.got!r}"
        for found in results.values()
        for r in found
        if r.status == FLAGGED and not r.flag_ok
    ]
    assert flagged == []
