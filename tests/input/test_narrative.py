"""A period's narrative: next steps per task name tasks the plan has."""

from __future__ import annotations

from pathlib import Path

import pytest

from baocao import api
from baocao.errors import InputError


def test_a_next_step_for_an_unknown_task_is_located(sample_copy: Path) -> None:
    narrative = sample_copy / "dien-giai" / "2021-6m.yaml"
    text = narrative.read_text(encoding="utf-8").replace("\n  NV4: ", "\n  NV44: ", 1)
    narrative.write_text(text, encoding="utf-8")
    line = text.splitlines().index(next(x for x in text.splitlines() if x.startswith("  NV44:")))
    with pytest.raises(InputError) as caught:
        api.validate(sample_copy)
    (problem,) = [p for p in caught.value.problems if p.severity == "error"]
    assert (problem.code, Path(problem.file or "").name) == ("E107", "2021-6m.yaml")
    assert (problem.line, problem.column) == (line + 1, 3)
    assert problem.message() == "mã nhiệm vụ 'NV44' không có trong kế hoạch — có phải 'NV4'?"


def test_next_steps_per_task_are_read(sample_copy: Path) -> None:
    steps = api.validate(sample_copy).narratives[(2021, "6m")].task_steps
    assert list(steps) == ["NV1", "NV4", "NV5"]
