"""Hostile corpus: a user's template runs under hard limits. Each attack below ran for
30–60 s or more, took up to 6.9 GB, or ended in an internal error (exit 70); each now
ends within seconds in a template error E310 naming the template (exit 4), with the
previous report untouched. A .docx that unpacks to millions of paragraphs is sized up
before it is parsed, as a template and through `plan import`.

How long each attack takes is measured by ``bench/attacks.py``; the bound here only
guards against a hang.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document

from baocao.errors import TemplateError
from baocao.report import guard, render
from hostile import REPORT, compiled, refused, run, template

LIMIT = "mẫu báo cáo vượt giới hạn an toàn ({}); mẫu chỉ nên đặt dữ liệu báo cáo vào văn bản"
HANG_GUARD_SECONDS = 60

ATTACKS = {
    "center": (
        "{{ trich_yeu|center(10**9) }}",
        "độ rộng 1.000.000.000, tối đa 33.554.432",
    ),
    "ljust": ("{{ 'a'.ljust(10**9) }}", "độ rộng 1.000.000.000, tối đa 33.554.432"),
    "printf-width": ("{{ '%0999999999d' % 1 }}", "độ rộng 999.999.999, tối đa 33.554.432"),
    "format-width": ("{{ '{:>999999999}'.format(1) }}", "độ rộng 999.999.999, tối đa 33.554.432"),
    "format-filter": ("{{ '%0999999999d'|format(1) }}", "độ rộng 999.999.999, tối đa 33.554.432"),
    "lipsum": (
        "{{ lipsum(10**6) }}",
        "số đoạn, số từ văn mẫu 1.000.000, tối đa 1.000",
    ),
    "nested-ranges": (
        "{% for a in range(99999) %}{% for b in range(99999) %}{{ a }}{% endfor %}{% endfor %}",
        "hơn 1.000.000 bước: vòng lặp, lời gọi macro",
    ),
    "nested-ranges-silent": (
        "{% for a in range(99999) %}{% for b in range(99999) %}{% endfor %}{% endfor %}",
        "hơn 1.000.000 bước: vòng lặp, lời gọi macro",
    ),
    "macro-in-a-loop": (
        "{% macro m() %}{% for i in range(999) %}{% endfor %}{% endmacro %}"
        "{% for j in range(99999) %}{{ m() }}{% endfor %}",
        "hơn 1.000.000 bước: vòng lặp, lời gọi macro",
    ),
    "recursive-loop": (
        "{% for i in range(10) recursive %}{% if loop.depth < 9 %}{{ loop(range(10)) }}"
        "{% endif %}{% endfor %}",
        "hơn 1.000.000 bước: vòng lặp, lời gọi macro",
    ),
    "string-doubling": (
        "{% set ns = namespace(s='ab') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}{{ ns.s|length }}",
        "độ dài chuỗi hoặc danh sách 67.108.864, tối đa 33.554.432",
    ),
    "string-doubling-plus": (
        "{% set ns = namespace(s='ab') %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}"
        "{% endfor %}{{ ns.s|length }}",
        "độ dài chuỗi hoặc danh sách 67.108.864, tối đa 33.554.432",
    ),
    "list-doubling": (
        "{% set l = [1] %}{% for i in range(64) %}{% if l.extend(l) %}{% endif %}{% endfor %}",
        "độ dài chuỗi hoặc danh sách 67.108.864, tối đa 33.554.432",
    ),
    "replace-blow-up": (
        "{{ ('a' * 1000)|replace('a', 'a' * 1000)|replace('a', 'a' * 1000) }}",
        "độ dài chuỗi hoặc danh sách 1.001.000.000, tối đa 33.554.432",
    ),
    "join-blow-up": (
        "{{ (['x' * 1000000] * 60)|join }}",
        "độ dài chuỗi hoặc danh sách 60.000.000, tối đa 33.554.432",
    ),
    "batch-fill": (
        "{{ [1]|batch(10**9, 'x')|list }}",
        "kích thước nhóm 1.000.000.000, tối đa 33.554.432",
    ),
    "slices": ("{{ range(10)|slice(10**9)|list }}", "số nhóm 1.000.000.000, tối đa 33.554.432"),
    "recursive-macro": (
        "{% macro r(n) %}{{ r(n + 1) }}{% endmacro %}{{ r(0) }}",
        "macro hoặc vòng lặp gọi lại chính nó quá sâu",
    ),
    "huge-range": (
        "{% for i in range(10**9) %}x{% endfor %}",
        "vòng lặp range() quá lớn (tối đa 100.000 lần)",
    ),
    "huge-repeat": ("{{ 'a' * 10**10 }}", "lặp một chuỗi 10000000000 lần"),
    "huge-power": ("{{ 2 ** 100000000 }}", "lũy thừa quá lớn (số mũ 100000000)"),
}


@pytest.mark.parametrize(("tag", "detail"), list(ATTACKS.values()), ids=list(ATTACKS))
def test_template_attack_ends_in_a_template_error(ws: Path, tag: str, detail: str) -> None:
    compiled(ws)
    name = template("tan-cong.docx", tag)
    started = time.monotonic()
    problems = refused(["compile", "-w", "ws", "--template", name], [("E310", name, None, None)], 4)
    assert problems[0]["message"] == LIMIT.format(detail)
    assert time.monotonic() - started < HANG_GUARD_SECONDS


def test_template_within_the_limits_renders_as_the_packaged_one(ws: Path) -> None:
    # The same template given with --template renders in a child process: same bytes.
    compiled(ws)
    packaged = Path(REPORT).read_bytes()
    name = template("ban-sao.docx")
    result = run("compile", "-w", "ws", "--template", name, "-o", "ban-sao.docx")
    assert result.exit_code == 0, result.stderr
    assert Path("ban-sao.docx").read_bytes() == packaged


def test_template_with_loops_over_every_unit_is_not_a_breach(ws: Path) -> None:
    tag = (
        "{% for i in range(20000) %}{% for nhiem_vu in nhiem_vu %}{{ nhiem_vu|length }}"
        "{% endfor %}{% endfor %}"
    )
    result = run("compile", "-w", "ws", "--template", template("dai.docx", tag), "-o", "dai.docx")
    assert result.exit_code == 0, result.stderr


# --- Word documents that unpack to millions of paragraphs ----------------------------------


def inflate(extra: bytes) -> Callable[[bytes], bytes]:
    """``extra`` put at the start of the document's body."""

    def add(xml: bytes) -> bytes:
        start = xml.index(b"<w:body>") + len(b"<w:body>")
        return xml[:start] + extra + xml[start:]

    return add


BOMBS = [
    pytest.param(
        b"<w:p/>" * 31_000_000,
        "phần word/document.xml giải nén 177,4 MB, tối đa 32 MB",
        id="31-million-paragraphs",
    ),
    pytest.param(b"<w:p/>" * 60_000, "đoạn văn, tối đa 50.000", id="60-thousand-paragraphs"),
    pytest.param(
        b"<w:p>" + b"<w:r/>" * 2_100_000 + b"</w:p>",
        "thẻ XML, tối đa 2.000.000",
        id="two-million-tags",
    ),
]


@pytest.mark.parametrize(("extra", "detail"), BOMBS)
def test_template_that_unpacks_to_millions_of_paragraphs(
    ws: Path, extra: bytes, detail: str
) -> None:
    # 300 KB that unpack to 31 million paragraphs ran past 120 s and 8 GB.
    compiled(ws)
    name = template("bom.docx", xml=inflate(extra))
    assert Path(name).stat().st_size < 400_000
    started = time.monotonic()
    problems = refused(["compile", "-w", "ws", "--template", name], [("E310", name, None, None)], 4)
    # the template's own paragraphs add to the count
    assert problems[0]["message"].startswith(LIMIT.format(detail).split(" (")[0])
    assert detail in problems[0]["message"]
    assert time.monotonic() - started < HANG_GUARD_SECONDS


@pytest.mark.parametrize(("extra", "detail"), BOMBS)
def test_plan_document_that_unpacks_to_millions_of_paragraphs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: bytes, detail: str
) -> None:
    # plan import hung on the same document.
    monkeypatch.chdir(tmp_path)
    document = Document()
    document.add_paragraph("KẾ HOẠCH")
    document.save("ke-hoach.docx")
    with zipfile.ZipFile("ke-hoach.docx") as source, zipfile.ZipFile("bom.docx", "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = inflate(extra)(data)
            target.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    started = time.monotonic()
    args = ["plan", "import", "bom.docx", "-o", "ke-hoach.yaml"]
    problems = refused(args, [("E501", "bom.docx", None, None)], 1, root=Path())
    message = problems[0]["message"]
    assert message.startswith("không đọc được văn bản kế hoạch: ")
    assert message.endswith(detail)
    assert time.monotonic() - started < HANG_GUARD_SECONDS


def test_template_whose_pictures_unpack_past_200_mb(ws: Path) -> None:
    compiled(ws)
    path = Path(template("anh.docx"))
    with zipfile.ZipFile(path, "a") as archive:
        picture = zipfile.ZipInfo("word/media/anh-lon.png")
        archive.writestr(picture, bytes(201 * 1024 * 1024), compress_type=zipfile.ZIP_DEFLATED)
    name = path.as_posix()
    problems = refused(["compile", "-w", "ws", "--template", name], [("E310", name, None, None)], 4)
    assert problems[0]["message"] == LIMIT.format("nội dung giải nén 201,8 MB, tối đa 200 MB")


# --- table measures that are no number ------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "new"),
    [
        (rb'<w:gridCol w:w="\d+"/>', b'<w:gridCol w:w="1e999"/>'),
        (rb'<w:gridCol w:w="\d+"/>', b'<w:gridCol w:w="nan"/>'),
        (rb'<w:gridCol w:w="\d+"/>', b'<w:gridCol w:w="-5"/>'),
        (rb'<w:tcW w:type="dxa" w:w="\d+"/>', b'<w:tcW w:type="dxa" w:w="1e999"/>'),
        (rb'<w:gridSpan w:val="\d+"/>', b'<w:gridSpan w:val="abc"/>'),
        (rb'<w:gridSpan w:val="\d+"/>', b'<w:gridSpan w:val="1e999"/>'),
    ],
    ids=[
        "infinite-width",
        "nan-width",
        "negative-width",
        "infinite-cell-width",
        "span-word",
        "span-infinite",
    ],
)
def test_table_measure_that_is_no_number(ws: Path, pattern: bytes, new: bytes) -> None:
    # gridCol w="1e999" was an internal error (exit 70). Each change is made in the data
    # table, whose widths baocao shares out after rendering.
    def swap(xml: bytes) -> bytes:
        table = xml.index(b"BCDataTable")
        changed, count = re.subn(pattern, new, xml[table:], count=1)
        assert count == 1
        return xml[:table] + changed

    name = template("bang.docx", xml=swap)
    result = run("compile", "-w", "ws", "--template", name, "-o", "bang.docx")
    assert result.exit_code == 0, result.stderr
    Document("bang.docx")  # a sound document


# --- the child process's own limits -----------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="the memory ceiling is Linux's")
def test_template_filling_the_memory_stops_at_the_ceiling(ws: Path) -> None:
    # Each string is within the limits; together they would take 3 GB.
    tag = (
        "{% set ns = namespace(kept=[]) %}{% for i in range(100) %}"
        "{% set ns.kept = ns.kept + [('x' * 30000000) ~ i] %}{% endfor %}{{ ns.kept|length }}"
    )
    compiled(ws)
    name = template("bo-nho.docx", tag)
    problems = refused(["compile", "-w", "ws", "--template", name], [("E310", name, None, None)], 4)
    assert problems[0]["message"] == LIMIT.format("dùng quá nhiều bộ nhớ")


def test_template_running_past_its_time(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guard, "RENDER_SECONDS", 0.2)
    monkeypatch.setattr(render, "RENDER_SECONDS", 0.2)
    compiled(ws)
    tag = "{% for a in range(990) %}{% for b in range(999) %}{{ b }}{% endfor %}{% endfor %}"
    name = template("lau.docx", tag)
    problems = refused(["compile", "-w", "ws", "--template", name], [("E310", name, None, None)], 4)
    assert problems[0]["message"] == LIMIT.format("chạy quá 0,2 giây")


@pytest.mark.skipif(os.name != "posix", reason="the child process is POSIX's")
def test_work_that_never_answers_is_ended(monkeypatch: pytest.MonkeyPatch) -> None:
    # The last resort, for what the sandbox cannot see: the child is killed.
    monkeypatch.setattr(guard, "RENDER_SECONDS", 0.2)
    monkeypatch.setattr(guard, "_GRACE_SECONDS", 0.3)
    started = time.monotonic()
    with pytest.raises(TemplateError) as info:
        guard.run_limited(lambda: time.sleep(60) or b"", "mau.docx")
    assert [(p.code, p.file) for p in info.value.problems] == [("E310", "mau.docx")]
    assert time.monotonic() - started < HANG_GUARD_SECONDS
    assert multiprocessing.active_children() == []
