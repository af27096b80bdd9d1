"""Generated workspaces of several sizes and shapes, compiled by the ``baocao`` command and
read as the Trưởng phòng reads before signing: nothing left to fill, no nested quotes, no
sentence opening on a numeral, no date after the report's own, no sentence said twice, one
way of writing dates and names, lists that belong in the body; and pages as LibreOffice
lays them out (``slow``).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import scenarios
import signer

SCENARIOS = (
    "sample",
    "no_unit_sent",
    "all_late",
    "not_yet_due",
    "units_1",
    "units_10",
    "imported_plan",
)
LARGE = "units_1000"
MAX_BODY_PAGES = 10
"""A body of 4–10 pages is what offices sign (practice); the appendix and spreadsheet hold the rest."""
LARGE_MAX_PAGES, LARGE_MAX_BODY_PAGES = 40, 12

DRAFTS = {"imported_plan": "--draft"}
"""A workspace from ``plan import`` alone still has blanks: only a draft can be made of it."""

needs_libreoffice = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("soffice", "pdfinfo", "pdftotext")),
    reason="LibreOffice or poppler-utils (pdfinfo, pdftotext) is not installed",
)


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, str], Path]:
    """Each scenario's report of a period, built and compiled once."""
    built: dict[str, Path] = {}
    reports: dict[tuple[str, str], Path] = {}

    def report(name: str, period: str) -> Path:
        if name not in built:
            built[name] = scenarios.build(name, tmp_path_factory.mktemp(name)).workspace
        if (name, period) not in reports:
            out = built[name].parent / f"{name}-{period}.docx"
            options = [DRAFTS[name]] if name in DRAFTS else []
            reports[(name, period)] = scenarios.compile_report(
                built[name], period, out, None, *options
            )
        return reports[(name, period)]

    return report


def _plan_titles_left_out(report: signer.ReportText) -> signer.ReportText:
    """The report without the appendix captions that cite the plan's task titles word for
    word: a signer keeps the plan's own capitals there ("về Tuyên truyền …")."""
    kept = tuple(
        p
        for p in report.paragraphs
        if not (p.part == signer.APPENDIX and p.text.startswith("Nhiệm vụ ") and ": " in p.text)
    )
    return signer.ReportText(kept, report.date, report.place)


def _findings(report: signer.ReportText, check: signer.Check) -> list[signer.Finding]:
    if check is signer.inconsistent_capitalisation:
        return check(_plan_titles_left_out(report))
    return check(report)


def _cases(names: tuple[str, ...], marks: tuple[pytest.MarkDecorator, ...] = ()) -> list[Any]:
    return [
        pytest.param(name, period, check, marks=marks, id=f"{name}-{period}-{check.__name__}")
        for name in names
        for period in scenarios.PERIODS
        for check in signer.ALL_CHECKS
        # A draft keeps its blanks, and says so: see test_a_draft_says_it_is_one.
        if not (name in DRAFTS and check is signer.placeholders)
    ]


@pytest.mark.parametrize(("name", "period", "check"), _cases(SCENARIOS))
def test_a_signer_finds_nothing_to_refuse(
    compiled: Callable[[str, str], Path], name: str, period: str, check: signer.Check
) -> None:
    findings = _findings(signer.report_text(compiled(name, period)), check)
    assert not findings, "\n".join(str(f) for f in findings[:20])


@pytest.mark.parametrize(("name", "period", "check"), _cases((LARGE,), (pytest.mark.slow,)))
def test_a_signer_finds_nothing_to_refuse_at_a_thousand_units(
    compiled: Callable[[str, str], Path], name: str, period: str, check: signer.Check
) -> None:
    findings = _findings(signer.report_text(compiled(name, period)), check)
    assert not findings, "\n".join(str(f) for f in findings[:20])


@pytest.mark.parametrize("period", scenarios.PERIODS)
def test_a_draft_says_it_is_one(compiled: Callable[[str, str], Path], period: str) -> None:
    path = compiled("imported_plan", period)
    assert path.name == f"imported_plan-{period}-du-thao.docx"
    report = signer.report_text(path)
    assert report.part(signer.HEADER)[0].text == "DỰ THẢO"
    blanks = [f.excerpt for f in signer.placeholders(report)]
    assert "[CHỨC VỤ NGƯỜI KÝ]" in blanks and "[Họ và tên]" in blanks


@pytest.mark.slow
@needs_libreoffice
@pytest.mark.parametrize("period", scenarios.PERIODS)
@pytest.mark.parametrize("name", SCENARIOS)
def test_the_body_is_short(compiled: Callable[[str, str], Path], name: str, period: str) -> None:
    counts = signer.page_counts(compiled(name, period))
    assert counts.body <= MAX_BODY_PAGES, counts


@pytest.mark.slow
@needs_libreoffice
@pytest.mark.parametrize("period", scenarios.PERIODS)
def test_a_thousand_units_fit_in_forty_pages(
    compiled: Callable[[str, str], Path], period: str
) -> None:
    counts = signer.page_counts(compiled(LARGE, period))
    assert counts.total <= LARGE_MAX_PAGES, counts
    assert counts.body <= LARGE_MAX_BODY_PAGES, counts
    assert compiled(LARGE, period).with_suffix(".xlsx").is_file()
