"""Rendering the report: the same inputs give the same bytes, and a file is replaced whole or not at all."""

from __future__ import annotations

import copy
import errno
import os
import stat
import time
import zipfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from docx import Document

import baocao.atomic as atomic_module
from baocao.atomic import output_error
from baocao.errors import OutputError, TemplateError
from baocao.report.render import render_report
from rendering import (
    CREATED,
    full_context,
    render,
)

# --- core properties and determinism -----------------------------------------------------


def test_core_properties_from_arguments(report_doc: Any) -> None:
    props = report_doc.core_properties
    assert props.title == "Báo cáo 6 tháng đầu năm 2021"
    assert props.author == "Phòng Tư pháp"
    assert props.last_modified_by == "Phòng Tư pháp"
    assert props.created == CREATED.replace(tzinfo=UTC)  # a naive time is taken as UTC
    assert props.modified == CREATED.replace(tzinfo=UTC)
    assert props.revision == 1


def test_aware_created_time_is_stored_in_utc(tmp_path: Path) -> None:
    hanoi = timezone(timedelta(hours=7))
    doc = Document(
        str(render(tmp_path / "tz.docx", created=datetime(2021, 5, 5, 15, 0, tzinfo=hanoi)))
    )
    assert doc.core_properties.created == datetime(2021, 5, 5, 8, 0, tzinfo=UTC)


def test_same_inputs_same_bytes_whatever_the_clock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    morning = render(tmp_path / "sang.docx").read_bytes()
    real_localtime = time.localtime
    evening = time.time() + 9 * 3600 + 1234
    monkeypatch.setattr(time, "localtime", lambda *_: real_localtime(evening))
    monkeypatch.setattr(time, "time", lambda: evening)
    later = render(tmp_path / "chieu.docx").read_bytes()
    assert later == morning
    with zipfile.ZipFile(tmp_path / "chieu.docx") as archive:
        infos = archive.infolist()
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert infos[0].filename == "[Content_Types].xml"


def test_different_data_different_bytes(tmp_path: Path) -> None:
    context = full_context()
    context["nguoi_ky"]["ho_ten"] = "Trần Văn Bình"
    assert (
        render(tmp_path / "a.docx").read_bytes()
        != render(tmp_path / "b.docx", context).read_bytes()
    )


# --- writing safely ----------------------------------------------------------------------


def write_previous(tmp_path: Path) -> tuple[Path, bytes]:
    output = tmp_path / "bao-cao.docx"
    output.write_bytes(b"the report signed last time")
    return output, output.read_bytes()


def test_failure_while_saving_keeps_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output, before = write_previous(tmp_path)

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_module.os, "fsync", disk_full)
    with pytest.raises(OutputError) as info:
        render(output)
    assert info.value.problems[0].code == "E403"
    assert output.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.docx"]


def test_interrupted_rename_keeps_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output, before = write_previous(tmp_path)

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic_module.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        render(output)
    assert output.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.docx"]


def test_template_error_keeps_previous_file(tmp_path: Path) -> None:
    output, before = write_previous(tmp_path)
    context = full_context()
    del context["mo_dau"]
    with pytest.raises(TemplateError):
        render(output, context)
    assert output.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.docx"]


def test_output_is_a_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as info:
        render(tmp_path)
    assert info.value.problems[0].code == "E402"


def test_output_folder_missing(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as info:
        render(tmp_path / "chua-tao" / "bao-cao.docx")
    assert info.value.problems[0].code == "E406"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_output_folder_read_only(tmp_path: Path) -> None:
    folder = tmp_path / "chi-doc"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(OutputError) as info:
            render(folder / "bao-cao.docx")
        assert info.value.problems[0].code == "E407"
    finally:
        folder.chmod(stat.S_IRWXU)


def test_permission_denied_names_the_likely_cause(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output, before = write_previous(tmp_path)
    real_open = os.open

    def refuse(path: Any, flags: int, mode: int = 0o777) -> int:
        if str(path).endswith(".tmp"):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(path, flags, mode)

    monkeypatch.setattr(atomic_module.os, "open", refuse)
    with pytest.raises(OutputError) as info:
        render(output)
    assert info.value.problems[0].code == "E407"
    assert "Word" in info.value.problems[0].message("vi")
    assert output.read_bytes() == before


def test_output_error_codes_for_os_errors(tmp_path: Path) -> None:
    target = tmp_path / "x.docx"
    cases = {
        errno.ENOSPC: "E403",
        errno.EACCES: "E407",
        errno.EROFS: "E407",
        errno.ENOENT: "E406",
        errno.EIO: "E401",
    }
    for code, expected in cases.items():
        error = output_error(OSError(code, os.strerror(code)), target)
        assert error.problems[0].code == expected, code


def test_render_does_not_touch_its_context(tmp_path: Path) -> None:
    context = full_context()
    snapshot = copy.deepcopy(context)
    render(tmp_path / "a.docx", context)
    assert context == snapshot


def test_created_argument_is_required() -> None:
    with pytest.raises(TypeError):
        render_report(full_context(), Path("x.docx"), title="t", author="a")  # type: ignore[call-arg]


def test_utc_created_time_is_kept(tmp_path: Path) -> None:
    created = datetime(2021, 5, 5, 1, 30, tzinfo=UTC)
    doc = Document(str(render(tmp_path / "utc.docx", created=created)))
    assert doc.core_properties.created == created
