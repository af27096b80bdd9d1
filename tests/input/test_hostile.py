"""Hostile and messy input: what clerks' machines and careless copies really produce.

Every case goes through the command line and checks the documented exit code, the
exact problems (code, file, line, column), that no traceback escapes and that every
input file is byte-identical afterwards. Decisions on ambiguous input are written
next to their case.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from baocao import api
from baocao.cli import app
from baocao.core.models import WHOLE_YEAR, UnitLog
from baocao.input.files import MAX_FILE_BYTES
from baocao.input.yamlbase import MAX_DEPTH
from conftest import Found, snapshot

LOG = "ws/2021/xa-an-binh.yaml"
PLAN = "ws/ke-hoach.yaml"
CONFIG = "ws/baocao.yaml"
HEAD = "don_vi: xa-an-binh\nnam: 2021\n"


def activity(text: str = "Tuyên truyền tại ấp Bình Đông", **figures: str) -> str:
    """A log with one NV1 activity; figures are written exactly as given."""
    lines = [HEAD + "nhiem_vu:\n  NV1:\n    - ngay: 2021-03-12\n", f"      noi_dung: {text}\n"]
    if figures:
        lines.append("      so_lieu:\n")
        lines += [f"        {key}: {value}\n" for key, value in figures.items()]
    return "".join(lines)


def write(ws: Path, content: str | bytes, name: str = "2021/xa-an-binh.yaml") -> Path:
    path = ws / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


Reported = dict[str, Any]


def run(ws: Path, *args: str) -> tuple[int, list[Reported]]:
    """`baocao validate --format json`: exit code and problems; inputs must be untouched."""
    before = snapshot(ws)
    result = CliRunner().invoke(app, ["validate", "-w", "ws", "--format", "json", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.stdout + result.stderr
    assert snapshot(ws) == before, "an input file changed"
    problems = json.loads(result.stdout)
    for problem in problems:
        assert problem["file"], problem
        assert unicodedata.is_normalized("NFC", problem["message"])
    return result.exit_code, problems


def places(problems: list[Reported]) -> list[Found]:
    return [(p["code"], p["file"], p["line"], p["column"]) for p in problems]


def refused(ws: Path, expected: list[Found]) -> list[Reported]:
    """The workspace is refused (exit 1) with exactly ``expected``."""
    code, problems = run(ws)
    assert (code, places(problems)) == (1, expected)
    return problems


def accepted(ws: Path, expected: Sequence[Found] = ()) -> list[Reported]:
    """The workspace passes (exit 0) with exactly the warnings ``expected``."""
    code, problems = run(ws)
    assert (code, places(problems)) == (0, list(expected))
    return problems


def log_of(ws: Path) -> UnitLog:
    log = api.validate(ws).log_for("xa-an-binh")
    assert log is not None
    return log


# --- YAML syntax -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "place", "detail"),
    [
        pytest.param(
            activity("Chủ đề: an toàn trên mạng"),
            (6, 23),
            "dấu ':' không đúng chỗ (giá trị có ': ' cần đặt trong ngoặc kép)",
            id="colon-in-value",
        ),
        pytest.param(
            HEAD + "kho_khan: [Kinh phí hạn hẹp, thiếu tài liệu\n",
            (4, 1),
            "chưa đóng ngoặc [ ] hoặc { }",
            id="unclosed-bracket",
        ),
        pytest.param(
            HEAD + 'kho_khan:\n  - "Kinh phí hạn hẹp\n',
            (5, 1),
            "tệp kết thúc khi chưa đóng ngoặc hoặc dấu nháy",
            id="unclosed-quote",
        ),
        pytest.param(
            HEAD + "nhiem_vu:\n  NV1:\n    - ngay: 2021-03-12\n   noi_dung: lệch lề\n",
            (6, 4),
            "thụt lề không thẳng hàng",
            id="bad-indent",
        ),
        pytest.param(
            activity("@CongAnXaAnBinh chia sẻ bài viết"),
            (6, 17),
            "giá trị không được bắt đầu bằng ký tự này (`, @, %, tab); "
            "nếu đây là chữ, hãy đặt cả giá trị trong ngoặc kép",
            id="at-sign-first",
        ),
        pytest.param(
            activity("| Họp giao ban"),
            (6, 19),
            "sau dấu '|' hoặc '>' phải xuống dòng; nếu đây là chữ, hãy đặt cả giá trị trong ngoặc kép",
            id="pipe-first",
        ),
        pytest.param(
            HEAD + "---\ndon_vi: xa-tan-hoa\n",
            (3, 1),
            "tệp chỉ được chứa một văn bản YAML (bỏ dòng '---' thứ hai)",
            id="two-documents",
        ),
    ],
)
def test_yaml_syntax_errors(ws: Path, content: str, place: tuple[int, int], detail: str) -> None:
    write(ws, content)
    problems = refused(ws, [("E002", LOG, *place)])
    assert problems[0]["message"] == f"lỗi cú pháp YAML: {detail}"


def test_tab_indentation_every_line(ws: Path) -> None:
    write(ws, HEAD + "ngay_gui:\n\t6m: 2021-05-04\n \t1y: 2021-11-10\n")
    refused(ws, [("E004", LOG, 4, 1), ("E004", LOG, 5, 2)])


def test_duplicate_key_nested(ws: Path) -> None:
    write(ws, activity(so_buoi="1", so_luot_nguoi="20") + "        so_buoi: 2\n")
    problems = refused(ws, [("E003", LOG, 10, 9)])
    assert problems[0]["message"] == "khóa 'so_buoi' bị lặp (đã có ở dòng 8)"


# --- anchors, aliases, tags, depth, size --------------------------------------------

BILLION_LAUGHS = (
    HEAD
    + "kho_khan:\n"
    + "".join(f"  - &l{i} [{', '.join([f'*l{i - 1}'] * 10) if i else 'lol'}]\n" for i in range(10))
)


def test_alias_bomb_refused_before_expansion(ws: Path) -> None:
    # Ten levels of ten aliases would be 10^9 strings if expanded; the first anchor stops it.
    write(ws, BILLION_LAUGHS)
    problems = refused(ws, [("E008", LOG, 4, 5)])
    assert problems[0]["message"] == (
        "không dùng neo, bí danh và khóa gộp YAML (&, *, <<) trong tệp dữ liệu"
    )


def test_alias_alone_refused(ws: Path) -> None:
    write(ws, HEAD + "kho_khan:\n  - Kinh phí hạn hẹp\nde_xuat: *khong_co\n")
    refused(ws, [("E008", LOG, 5, 10)])


def test_merge_key_refused(ws: Path) -> None:
    # "<<" would copy keys from elsewhere into the activity without the clerk seeing them.
    write(ws, activity(so_buoi="1") + "      <<: {so_lieu: {so_luot_nguoi: 5}}\n")
    refused(ws, [("E008", LOG, 9, 7)])


def test_quoted_merge_key_is_an_ordinary_unknown_key(ws: Path) -> None:
    write(ws, HEAD + "'<<': 1\n")
    refused(ws, [("E101", LOG, 3, 1)])


@pytest.mark.parametrize(
    ("value", "column", "shown"),
    [
        ("!!binary S2luaCBwaMOt", 5, "!!binary"),
        ("!!python/object/apply:os.system [echo]", 5, "!!python/object/apply:os.system"),
        ("!!set {a, b}", 5, "!!set"),
        ("!ghi_chu Kinh phí", 5, "!ghi_chu"),
    ],
)
def test_type_tags_refused(ws: Path, value: str, column: int, shown: str) -> None:
    write(ws, HEAD + f"kho_khan:\n  - {value}\n")
    problems = refused(ws, [("E012", LOG, 4, column)])
    assert problems[0]["message"] == (
        f"không dùng thẻ kiểu YAML ({shown}) trong tệp dữ liệu; hãy viết giá trị bình thường"
    )


@pytest.mark.parametrize(
    ("content", "place"),
    [
        (HEAD + "? [NV1, NV2]\n: Tuyên truyền\n", (3, 3)),
        (HEAD + "ngay_gui: {[6m]: 2021-05-04}\n", (3, 12)),
        (HEAD + "? : ? \n", (3, 3)),  # found by fuzzing: crashed inside the YAML library
    ],
)
def test_keys_that_are_lists_or_mappings(ws: Path, content: str, place: tuple[int, int]) -> None:
    write(ws, content)
    problems = refused(ws, [("E013", LOG, *place)])
    assert problems[0]["message"] == (
        "khóa phải là một từ hoặc mã (như nhiem_vu, NV1), không phải danh sách hay bảng"
    )


def test_str_tag_is_allowed(ws: Path) -> None:
    write(ws, HEAD + "kho_khan:\n  - !!str 0012\n")
    accepted(ws)
    assert log_of(ws).difficulties == {WHOLE_YEAR: ("0012",)}


def test_deep_flow_nesting_refused_without_recursion_error(ws: Path) -> None:
    write(ws, HEAD + "kho_khan: " + "[" * 10_000 + "]" * 10_000 + "\n")
    problems = refused(ws, [("E009", LOG, 3, 11 + MAX_DEPTH - 1)])
    assert problems[0]["message"] == f"cấu trúc lồng nhau quá sâu (quá {MAX_DEPTH} cấp)"


def test_deep_block_nesting_refused(ws: Path) -> None:
    nested = "".join(f"{'  ' * i}k{i}:\n" for i in range(60))
    write(ws, HEAD + "kho_khan:\n" + "\n".join("  " + line for line in nested.splitlines()) + "\n")
    # The first mapping past the limit is k38's, on line 42 at column 79.
    refused(ws, [("E009", LOG, 42, 79)])


def test_file_over_size_cap_refused_before_reading(ws: Path) -> None:
    # 60 MB of NUL bytes, sparse: if it were read it would be W205 and E005, not E007.
    path = ws / "2021" / "xa-an-binh.yaml"
    with path.open("wb") as stream:
        stream.truncate(60 * 1024 * 1024)
    problems = refused(ws, [("E007", LOG, None, None)])
    assert problems[0]["message"] == f"tệp quá lớn (60.0 MB, tối đa {MAX_FILE_BYTES // 1048576} MB)"


# --- bytes that are not UTF-8 text -----------------------------------------------


def test_random_binary_bytes(ws: Path) -> None:
    write(ws, bytes(range(256)))  # 0x0A is the only line break; 0x80 is the first bad byte
    problems = refused(ws, [("E001", LOG, 2, 118)])
    assert "0x80" in problems[0]["message"]


def test_nul_bytes_only(ws: Path) -> None:
    write(ws, b"\x00" * 64)
    refused(ws, [("E005", LOG, 1, 1)])


@pytest.mark.parametrize("content", [b"", b"   \n\n", "# chưa có gì\n".encode()])
def test_empty_file(ws: Path, content: bytes) -> None:
    write(ws, content)
    refused(ws, [("E005", LOG, 1, 1)])


@pytest.mark.parametrize(
    ("encoding", "first_byte"),
    [("utf-16-le", "FF"), ("utf-16-be", "FE")],
)
def test_utf16_with_bom(ws: Path, encoding: str, first_byte: str) -> None:
    write(ws, ("\ufeff" + activity(so_buoi="1")).encode(encoding))
    problems = refused(ws, [("E001", LOG, 1, 1)])
    assert problems[0]["message"] == (
        f"tệp không phải UTF-8 (gặp byte 0x{first_byte}; có thể là bảng mã TCVN3, VNI, "
        "Windows-1258 hoặc UTF-16); hãy lưu lại tệp với bảng mã UTF-8"
    )


def to_cp1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 stores it: â, ê, ô, ơ, ư, ă, đ precomposed, tones combining."""
    out = b""
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)  # letter, its vowel mark, its tone
            head = unicodedata.normalize("NFC", parts[:-1])
            out += head.encode("cp1258") + parts[-1].encode("cp1258")
    return out


# TCVN3 (ABC, .VnTime fonts) and VNI (VNI-Times) put Vietnamese letters in the
# 0x80–0xFF range: "Khánh Hòa" and "Việt Nam" as those encodings store them.
TCVN3_KHANH_HOA = b"Kh\xb8nh H\xdfa"
VNI_VIET_NAM = b"Vie\xe4t Nam"


@pytest.mark.parametrize(
    ("text_bytes", "column", "byte"),
    [
        pytest.param(to_cp1258("Tuyên truyền tại ấp Bình Đông"), 20, "EA", id="cp1258"),
        pytest.param(b"Tuyen truyen tai " + TCVN3_KHANH_HOA, 36, "B8", id="tcvn3"),
        pytest.param(b"Tuyen truyen tai " + VNI_VIET_NAM, 37, "E4", id="vni"),
    ],
)
def test_legacy_vietnamese_encodings(ws: Path, text_bytes: bytes, column: int, byte: str) -> None:
    content = (
        activity("X", so_buoi="1").encode().replace(b"noi_dung: X", b"noi_dung: " + text_bytes)
    )
    write(ws, content)
    problems = refused(ws, [("E001", LOG, 6, column)])
    assert f"0x{byte}" in problems[0]["message"]


def test_utf8_bom_accepted(ws: Path) -> None:
    write(ws, b"\xef\xbb\xbf" + activity(so_buoi="1").encode())
    accepted(ws)
    assert log_of(ws).unit == "xa-an-binh"


# --- text that looks right and is not ---------------------------------------------


def test_nfd_text_normalised_to_nfc(ws: Path) -> None:
    write(ws, unicodedata.normalize("NFD", activity("Hòa giải ở cơ sở", so_buoi="1")))
    accepted(ws)
    assert log_of(ws).activities[0].text == unicodedata.normalize("NFC", "Hòa giải ở cơ sở")


def test_zero_width_and_control_characters_dropped_with_warning(ws: Path) -> None:
    write(ws, activity("Tuyên\u200b truyền\x07 tại\u202e ấp", so_buoi="1"))
    problems = accepted(ws, [("W205", LOG, 6, 22)])
    assert problems[0]["severity"] == "warning"
    assert problems[0]["message"] == (
        "NV1.noi_dung: đã bỏ 3 ký tự ẩn hoặc ký tự điều khiển (không in ra được)"
    )
    assert log_of(ws).activities[0].text == "Tuyên truyền tại ấp"


def test_control_characters_from_yaml_escapes_dropped_with_warning(ws: Path) -> None:
    write(ws, activity('"Tuyên\\u200b truyền\\0"', so_buoi="1"))
    accepted(ws, [("W205", LOG, 6, 17)])
    assert log_of(ws).activities[0].text == "Tuyên truyền"


def test_c1_control_character_is_dropped_not_a_syntax_error(ws: Path) -> None:
    # U+0081 is what a cp1252 byte becomes after a wrong conversion; YAML itself refuses it.
    write(ws, activity("Tuyên truyền\u0081", so_buoi="1"))
    accepted(ws, [("W205", LOG, 6, 29)])


def test_control_character_warning_names_the_key_above_a_continuation_line(ws: Path) -> None:
    write(ws, HEAD + "kho_khan:\n  - Kinh phí\n    còn\x0c hạn hẹp\n")
    problems = accepted(ws, [("W205", LOG, 5, 8)])
    assert problems[0]["message"].startswith("kho_khan: đã bỏ 1 ký tự")


def test_long_text_is_accepted_whole(ws: Path) -> None:
    # Decision: no length cap on text; the 10 MB file cap bounds memory, and cutting a
    # clerk's text would be a silent misreading.
    text = "Tuyên truyền pháp luật. " * 4_200
    assert len(text) >= 100_000
    write(ws, activity(text.strip(), so_buoi="1"))
    accepted(ws)
    assert log_of(ws).activities[0].text == text.strip()


def test_long_unknown_key_is_shortened_in_the_message(ws: Path) -> None:
    write(ws, HEAD + "ngay_gui:\n  " + "k" * 900 + ": 2021-05-04\n")
    problems = refused(ws, [("E115", LOG, 4, 3)])
    assert problems[0]["message"] == f"kỳ báo cáo '{'k' * 79}…' không có trong kế hoạch"


# --- YAML 1.1 traps -----------------------------------------------------------------
# Decision: every scalar is read as the text the clerk typed and the model decides what
# it means. So in a text field `no`, `on`, `yes`, `12:30`, `0012` stay that text; a
# figure `0012` is 12 (counts are often written "03"), never octal; `12:30` (base 60
# in YAML 1.1), `0o12`, `0x1F`, `1_000`, `true` are not figures and are errors. The
# same holds under a `%YAML 1.1` directive.


@pytest.mark.parametrize("directive", ["", "%YAML 1.1\n---\n", "%YAML 1.2\n---\n"])
def test_yaml11_words_stay_text(ws: Path, directive: str) -> None:
    """Under any YAML version, `no`, `on`, `12:30`, dates stay the clerk's text."""
    write(
        ws,
        directive
        + activity("no", so_buoi="0012")
        + "kho_khan:\n  - yes\n  - on\n  - off\n  - 12:30\n  - 0012\n  - 1.500\n  - 2021-03-12\n",
    )
    accepted(ws)
    log = log_of(ws)
    assert log.activities[0].text == "no"
    assert log.activities[0].figures == {"so_buoi": 12}
    assert log.difficulties == {
        WHOLE_YEAR: ("yes", "on", "off", "12:30", "0012", "1.500", "2021-03-12")
    }


@pytest.mark.parametrize("directive", ["", "%YAML 1.1\n---\n"])
@pytest.mark.parametrize("figure", ["12:30", "0o12", "0x1F", "1_000", "true", "no", "1e3", ".inf"])
def test_yaml_number_forms_are_not_figures(ws: Path, directive: str, figure: str) -> None:
    write(ws, directive + activity(so_buoi=figure))
    line = 8 + (2 if directive else 0)
    problems = refused(ws, [("E104", LOG, line, 18)])
    assert f"(nhận được {figure})" in problems[0]["message"]


@pytest.mark.parametrize("directive", ["%YAML 1.3", "%YAML 2.0", "%YAML 1.10", "%YAML"])
def test_unsupported_yaml_version(ws: Path, directive: str) -> None:
    # "%YAML 1.10" and "%YAML 1.3" made the YAML library fail an internal assertion.
    write(ws, directive + "\n---\n" + activity(so_buoi="1"))
    problems = refused(ws, [("E002", LOG, 1, 1)])
    assert problems[0]["message"] == (
        "lỗi cú pháp YAML: chỉ dùng được chỉ thị '%YAML 1.1' hoặc '%YAML 1.2' "
        "(có thể bỏ hẳn dòng này)"
    )


# --- figures and dates ------------------------------------------------------------


@pytest.mark.parametrize(
    ("figure", "hint"),
    [
        ("-5", ""),
        ("2.5", ""),
        ("1.500", "; viết số liền, không dùng dấu phân cách hàng nghìn (ví dụ 1500)"),
        ("1,500", "; viết số liền, không dùng dấu phân cách hàng nghìn (ví dụ 1500)"),
        ("9223372036854775808", ""),  # 2^63
        ("1000000001", ""),
        ("9" * 5000, ""),  # Python refuses to read such an int: must not escape
    ],
)
def test_bad_counts(ws: Path, figure: str, hint: str) -> None:
    write(ws, activity(so_buoi=figure))
    problems = refused(ws, [("E104", LOG, 8, 18)])
    shown = figure if len(figure) <= 80 else figure[:79] + "…"
    assert problems[0]["message"] == (
        f"NV1.so_buoi: phải là số nguyên không âm, tối đa 1.000.000.000 (nhận được {shown}){hint}"
    )


def test_largest_count_accepted(ws: Path) -> None:
    write(ws, activity(so_buoi="1000000000", so_luot_nguoi="03"))
    accepted(ws)
    assert log_of(ws).activities[0].figures == {"so_buoi": 1_000_000_000, "so_luot_nguoi": 3}


@pytest.mark.parametrize("day", ["1899-12-31", "2101-01-01", "0001-01-01"])
def test_log_dates_far_from_the_plan_year(ws: Path, day: str) -> None:
    write(ws, activity(so_buoi="1").replace("2021-03-12", day))
    problems = refused(ws, [("E106", LOG, 5, 13)])
    assert problems[0]["message"] == f"NV1.ngay: ngày {day} nằm ngoài năm kế hoạch 2021"


@pytest.mark.parametrize("day", ["1899-12-31", "2101-01-01"])
def test_plan_dates_before_1900_or_after_2100(ws: Path, day: str) -> None:
    plan = (ws / "ke-hoach.yaml").read_text(encoding="utf-8")
    write(ws, plan.replace("ngay_ban_hanh: 2021-03-10", f"ngay_ban_hanh: {day}"), "ke-hoach.yaml")
    problems = refused(ws, [("E118", PLAN, 5, 16)])
    assert problems[0]["message"] == (
        f"ngay_ban_hanh: ngày {day} có năm nằm ngoài khoảng 1900–2100; hãy kiểm tra lại năm"
    )


@pytest.mark.parametrize("day", ["2021-02-30", "30/02/2021", "2021-13-01", "2021-2-29", "mai"])
def test_impossible_dates(ws: Path, day: str) -> None:
    write(ws, activity(so_buoi="1").replace("2021-03-12", day))
    problems = refused(ws, [("E105", LOG, 5, 13)])
    assert f"(nhận được {day})" in problems[0]["message"]


# --- structure ---------------------------------------------------------------------


def test_list_where_the_file_needs_a_mapping(ws: Path) -> None:
    write(ws, "- don_vi: xa-an-binh\n- nam: 2021\n")
    problems = refused(ws, [("E006", LOG, 1, 1)])
    assert problems[0]["message"] == (
        "nội dung tệp phải là một bảng khóa: giá trị, không phải một danh sách"
    )


def test_list_where_tasks_need_a_mapping(ws: Path) -> None:
    write(ws, HEAD + "nhiem_vu:\n  - NV1\n  - NV2\n")
    problems = refused(ws, [("E103", LOG, 4, 3)])
    assert problems[0]["message"] == (
        "nhiem_vu: giá trị không hợp lệ (phải là một bảng khóa: giá trị; nhận được - NV1)"
    )


def test_list_where_figures_need_a_mapping(ws: Path) -> None:
    write(ws, activity() + "      so_lieu:\n        - so_buoi: 1\n")
    problems = refused(ws, [("E103", LOG, 8, 9)])
    assert problems[0]["message"].startswith("NV1.so_lieu: giá trị không hợp lệ")


@pytest.mark.parametrize(
    ("content", "place", "field"),
    [
        (HEAD + "nhiem_vu:\n  NV1:\n    -\n", (5, 6), "NV1"),
        (activity(""), (6, 7), "NV1.noi_dung"),
        (HEAD + "kho_khan:\n  - ~\n", (4, 5), "kho_khan"),
        ("don_vi:\nnam: 2021\n", (1, 1), "don_vi"),
    ],
)
def test_empty_values(ws: Path, content: str, place: tuple[int, int], field: str) -> None:
    write(ws, content)
    problems = refused(ws, [("E117", LOG, *place)])
    assert problems[0]["message"] == f"{field}: không được để trống"


@pytest.mark.parametrize("unit", ["../xa-an-binh", "2021/xa-an-binh", "/etc/passwd"])
def test_unit_id_with_a_path_in_a_log(ws: Path, unit: str) -> None:
    write(ws, activity(so_buoi="1").replace("don_vi: xa-an-binh", f"don_vi: {unit}"))
    refused(ws, [("E109", LOG, 1, 9)])


@pytest.mark.parametrize("unit", ["../xa-an-binh", "xa/an-binh", "Xa-An-Binh"])
def test_unit_id_with_a_path_in_the_plan(ws: Path, unit: str) -> None:
    plan = (ws / "ke-hoach.yaml").read_text(encoding="utf-8")
    write(ws, plan.replace("  - ma: xa-tan-hoa", f"  - ma: {unit}"), "ke-hoach.yaml")
    problems = refused(ws, [("E111", PLAN, 43, 9)])
    assert problems[0]["message"] == (
        f"don_vi.ma: mã phải gồm chữ thường không dấu, số và dấu gạch nối (nhận được {unit})"
    )


def test_unknown_task_and_indicator_with_loose_hints(ws: Path) -> None:
    write(
        ws,
        HEAD + "nhiem_vu:\n  nv 2:\n    - ngay: 2021-11-02\n      noi_dung: Hưởng ứng\n"
        "      so_lieu:\n        số_hoạt_động: 1\n  NV7: []\n",
    )
    problems = refused(ws, [("E107", LOG, 4, 3), ("E107", LOG, 9, 3)])
    assert [p["message"] for p in problems] == [
        "mã nhiệm vụ 'nv 2' không có trong kế hoạch — có phải 'NV2'?",
        "mã nhiệm vụ 'NV7' không có trong kế hoạch",  # as close to NV1 as to NV2: no guess
    ]


def test_indicator_with_diacritics_finds_its_ascii_key(ws: Path) -> None:
    write(ws, activity(**{"số_buổi": "1"}))
    problems = refused(ws, [("E108", LOG, 8, 9)])
    assert problems[0]["message"] == (
        "chỉ tiêu 'số_buổi' không thuộc nhiệm vụ NV1 — có phải 'so_buoi'?"
    )


def test_same_activity_twice_is_a_warning(ws: Path) -> None:
    one = activity(so_buoi="1")
    write(ws, one + one[one.index("    - ngay") :])
    problems = accepted(ws, [("W203", LOG, 9, 7)])
    assert problems[0]["message"] == "NV1: hoạt động trùng với hoạt động ở dòng 5"


def test_two_files_claim_the_same_unit(ws: Path) -> None:
    # A Windows copy of the log: the file named after the unit keeps it.
    write(ws, activity(so_buoi="1"))
    write(ws, activity(so_buoi="2"), "2021/xa-an-binh - Copy.yaml")
    problems = refused(ws, [("E110", "ws/2021/xa-an-binh - Copy.yaml", 1, 9)])
    assert problems[0]["message"] == (
        "đơn vị 'xa-an-binh' đã được khai ở tệp ws/2021/xa-an-binh.yaml"
    )


# --- files around the data ----------------------------------------------------------


def test_hidden_companion_files_are_skipped(ws: Path) -> None:
    # macOS writes ._name beside a file copied to a USB stick; editors leave .name.swp.
    write(ws, b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \xff\xfe", "2021/._xa-an-binh.yaml")
    accepted(ws)


def test_upper_case_extension_is_read(ws: Path) -> None:
    (ws / "2021" / "xa-tan-hoa.yaml").rename(ws / "2021" / "XA-TAN-HOA.YAML")
    (ws / "2021" / "XA-TAN-HOA.YAML").write_bytes(b"nam: 2021\n")
    refused(ws, [("E102", "ws/2021/XA-TAN-HOA.YAML", 1, 1)])


def test_plan_file_missing_points_at_the_configuration(ws: Path) -> None:
    config = (ws / "baocao.yaml").read_text(encoding="utf-8")
    write(
        ws, config.replace("ke_hoach: ke-hoach.yaml", "ke_hoach: ke-hoach-2021.yaml"), "baocao.yaml"
    )
    problems = refused(ws, [("E011", CONFIG, 2, 11)])
    assert problems[0]["message"] == "không tìm thấy tệp kế hoạch 'ws/ke-hoach-2021.yaml'"


def test_plan_file_is_a_folder(ws: Path) -> None:
    config = (ws / "baocao.yaml").read_text(encoding="utf-8")
    write(ws, config.replace("ke_hoach: ke-hoach.yaml", "ke_hoach: 2021"), "baocao.yaml")
    problems = refused(ws, [("E010", "ws/2021", None, None)])
    assert problems[0]["message"] == "không đọc được tệp: đây là một thư mục, không phải tệp"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_plan_file_is_a_pipe_and_is_not_opened(ws: Path) -> None:
    # Opening a pipe for reading waits for a writer forever; it must be refused unopened.
    os.mkfifo(ws / "ke-hoach-pipe.yaml")
    config = (ws / "baocao.yaml").read_text(encoding="utf-8")
    write(ws, config.replace("ke-hoach.yaml", "ke-hoach-pipe.yaml"), "baocao.yaml")
    problems = refused(ws, [("E010", "ws/ke-hoach-pipe.yaml", None, None)])
    assert problems[0]["message"] == "không đọc được tệp: không phải là một tệp thông thường"


# --- the installed command, as cron or a clerk runs it --------------------------------

MAIN = "import sys; from baocao.cli import main; sys.argv[0] = 'baocao'; main()"


def command(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BAOCAO_LANG": "vi"}
    env.pop("BAOCAO_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-c", MAIN, "validate", "-w", "ws", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
        check=False,
    )


def test_command_refuses_alias_bomb_with_exit_1_and_no_traceback(ws: Path) -> None:
    write(ws, BILLION_LAUGHS)
    before = snapshot(ws)
    done = command()
    assert (done.returncode, done.stdout, done.stderr) == (
        1,
        "ws/2021/xa-an-binh.yaml:4:5: E008 không dùng neo, bí danh và khóa gộp YAML (&, *, <<) "
        "trong tệp dữ liệu\n",
        "Không hợp lệ: 1 lỗi.\n",
    )
    assert snapshot(ws) == before


def test_command_strict_warning_exit_3(ws: Path) -> None:
    write(ws, "\ufeff" + activity("Tuyên\u200b truyền", so_buoi="1"))
    done = command("--strict")
    assert done.returncode == 3
    assert done.stdout == (
        "ws/2021/xa-an-binh.yaml:6:22: W205 NV1.noi_dung: đã bỏ 1 ký tự ẩn hoặc ký tự điều khiển "
        "(không in ra được)\n"
    )
    assert "Traceback" not in done.stderr
