"""The environment is read once, at the edge, into Settings; the library takes them as given."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from baocao import api
from baocao.cli import app
from baocao.input.logs import CACHE_DIR
from baocao.settings import PDF_TIMEOUT_SECONDS, Settings

runner = CliRunner()


def test_settings_from_the_environment() -> None:
    settings = Settings.from_env(
        {
            "BAOCAO_WORKSPACE": "/srv/baocao/data",
            "BAOCAO_CACHE": "0",
            "BAOCAO_JOBS": "3",
            "BAOCAO_FAST_YAML": "0",
            "BAOCAO_PDF_TIMEOUT": "600",
            "BAOCAO_DEBUG": "1",
        }
    )
    assert settings == Settings(Path("/srv/baocao/data"), False, 3, False, 600.0, True)
    assert Settings.from_env({}) == Settings()


@pytest.mark.parametrize("jobs", ["", "many", "-2", "1.5"])
def test_a_setting_that_makes_no_sense_is_its_default(jobs: str) -> None:
    assert Settings.from_env({"BAOCAO_JOBS": jobs, "BAOCAO_PDF_TIMEOUT": "soon"}) == Settings()
    assert Settings().pdf_timeout == PDF_TIMEOUT_SECONDS


def test_the_command_line_hands_the_environment_down(
    sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no workspace here: only BAOCAO_WORKSPACE can find it
    env = {"BAOCAO_WORKSPACE": str(sample_copy), "BAOCAO_CACHE": "0"}
    result = runner.invoke(app, ["validate"], env=env)
    assert result.exit_code == 0, result.output
    assert not (sample_copy / CACHE_DIR).exists()
    result = runner.invoke(app, ["validate"], env={"BAOCAO_WORKSPACE": str(sample_copy)})
    assert result.exit_code == 0 and (sample_copy / CACHE_DIR).is_dir()


def test_the_library_reads_no_environment(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BAOCAO_CACHE", "0")
    api.validate(sample_copy)  # the defaults: the cache is kept
    assert (sample_copy / CACHE_DIR).is_dir()
    shutil.rmtree(sample_copy / CACHE_DIR)
    api.validate(sample_copy, settings=Settings.from_env())
    assert not (sample_copy / CACHE_DIR).exists()
