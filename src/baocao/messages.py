"""Every message a user reads, by stable code, in Vietnamese and English.

Codes never change meaning: scripts and guides refer to them. Ranges:
E0xx reading files, E1xx content, W2xx warnings, E3xx templates and rendering,
E4xx writing results and the environment, E5xx/W5xx importing plans.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# code: (Vietnamese, English). Placeholders use str.format names.
CATALOG: dict[str, tuple[str, str]] = {
    # --- reading files (E0xx) ---
    "E001": (
        "tệp không phải UTF-8 (gặp byte 0x{byte}; có thể là bảng mã TCVN3, VNI, "
        "Windows-1258 hoặc UTF-16); hãy lưu lại tệp với bảng mã UTF-8",
        "file is not UTF-8 (found byte 0x{byte}; perhaps TCVN3, VNI, Windows-1258 "
        "or UTF-16); save it as UTF-8",
    ),
    "E002": ("lỗi cú pháp YAML: {detail}", "YAML syntax error: {detail}"),
    "E003": (
        "khóa '{key}' bị lặp (đã có ở dòng {first_line})",
        "duplicate key '{key}' (first at line {first_line})",
    ),
    "E004": (
        "dùng ký tự tab để thụt lề; YAML chỉ cho phép dấu cách",
        "tab used for indentation; YAML allows spaces only",
    ),
    "E005": ("tệp rỗng", "file is empty"),
    "E006": (
        "nội dung tệp phải là một bảng khóa: giá trị, không phải {got}",
        "the file must hold a mapping of keys to values, not {got}",
    ),
    "E007": (
        "tệp quá lớn ({size} MB, tối đa {limit} MB)",
        "file too large ({size} MB, at most {limit} MB)",
    ),
    "E008": (
        "không dùng neo, bí danh và khóa gộp YAML (&, *, <<) trong tệp dữ liệu",
        "YAML anchors, aliases and merge keys (&, *, <<) are not allowed in data files",
    ),
    "E009": (
        "cấu trúc lồng nhau quá sâu (quá {limit} cấp)",
        "nesting too deep (more than {limit} levels)",
    ),
    "E010": ("không đọc được tệp: {detail}", "cannot read file: {detail}"),
    "E011": ("không tìm thấy {what} '{path}'", "{what} '{path}' not found"),
    "E012": (
        "không dùng thẻ kiểu YAML ({tag}) trong tệp dữ liệu; hãy viết giá trị bình thường",
        "YAML type tags ({tag}) are not allowed in data files; write the plain value",
    ),
    "E013": (
        "khóa phải là một từ hoặc mã (như nhiem_vu, NV1), không phải danh sách hay bảng",
        "a key must be a word or code (like nhiem_vu, NV1), not a list or mapping",
    ),
    # --- content (E1xx) ---
    "E101": ("khóa không hợp lệ '{key}'{hint}", "unknown key '{key}'{hint}"),
    "E102": ("thiếu trường bắt buộc '{key}'{within}", "missing required field '{key}'{within}"),
    "E103": (
        "{field}: giá trị không hợp lệ ({detail}; nhận được {got})",
        "{field}: invalid value ({detail}; got {got})",
    ),
    "E104": (
        "{field}: phải là số nguyên không âm, tối đa 1.000.000.000 (nhận được {got}){hint}",
        "{field}: must be a non-negative whole number up to 1,000,000,000 (got {got}){hint}",
    ),
    "E105": (
        "{field}: ngày không hợp lệ (nhận được {got}); viết theo dạng 2021-03-15 hoặc 15/03/2021",
        "{field}: not a valid date (got {got}); write 2021-03-15 or 15/03/2021",
    ),
    "E106": (
        "{field}: ngày {got} nằm ngoài năm kế hoạch {year}",
        "{field}: date {got} is outside the plan year {year}",
    ),
    "E107": (
        "mã nhiệm vụ '{key}' không có trong kế hoạch{hint}",
        "task code '{key}' is not in the plan{hint}",
    ),
    "E108": (
        "chỉ tiêu '{key}' không thuộc nhiệm vụ {task}{hint}",
        "indicator '{key}' does not belong to task {task}{hint}",
    ),
    "E109": (
        "đơn vị '{key}' không có trong danh sách đơn vị của kế hoạch{hint}",
        "unit '{key}' is not a reporting unit of the plan{hint}",
    ),
    "E110": (
        "đơn vị '{key}' đã được khai ở tệp {other}",
        "unit '{key}' is already claimed by {other}",
    ),
    "E111": (
        "{field}: mã phải gồm chữ thường không dấu, số và dấu gạch nối (nhận được {got})",
        "{field}: a code must be lower-case ASCII letters, digits and hyphens (got {got})",
    ),
    "E112": ("{field}: mã '{key}' bị trùng", "{field}: code '{key}' is used twice"),
    "E113": (
        "năm của nhật ký ({got}) khác năm kế hoạch ({year})",
        "the log's year ({got}) differs from the plan year ({year})",
    ),
    "E114": (
        "{field}: ngày bắt đầu {start} sau ngày kết thúc {end}",
        "{field}: start date {start} is after end date {end}",
    ),
    "E115": (
        "kỳ báo cáo '{key}' không có trong kế hoạch{hint}",
        "reporting period '{key}' is not defined by the plan{hint}",
    ),
    "E116": (
        "{field}: phải là chuỗi văn bản (nhận được {got})",
        "{field}: must be text (got {got})",
    ),
    "E117": ("{field}: không được để trống", "{field}: must not be empty"),
    "E118": (
        "{field}: ngày {got} có năm nằm ngoài khoảng 1900–2100; hãy kiểm tra lại năm",
        "{field}: date {got} has a year outside 1900–2100; check the year",
    ),
    # --- warnings (W2xx) ---
    "W201": (
        "{field}: hoạt động ngày {date} nằm ngoài thời gian thực hiện nhiệm vụ {task} ({frame})",
        "{field}: activity dated {date} is outside task {task}'s time frame ({frame})",
    ),
    "W202": ("{field}: hoạt động không có số liệu", "{field}: activity has no figures"),
    "W203": (
        "{field}: hoạt động trùng với hoạt động ở dòng {other_line}",
        "{field}: same activity as at line {other_line}",
    ),
    "W204": (
        "đơn vị {unit} chưa gửi nhật ký hoạt động năm {year}",
        "unit {unit} has sent no activity log for {year}",
    ),
    "W205": (
        "{field}: đã bỏ {count} ký tự ẩn hoặc ký tự điều khiển (không in ra được)",
        "{field}: removed {count} invisible or control character(s)",
    ),
    # --- templates and rendering (E3xx) ---
    # --- writing results and the environment (E4xx) ---
    # --- importing plans (E5xx, W5xx) ---
}


class Say(tuple[str, str]):
    """A message parameter that is itself words: (Vietnamese, English)."""

    def __new__(cls, vi: str, en: str) -> Say:
        return super().__new__(cls, (vi, en))


def render_message(code: str, params: Mapping[str, Any], lang: str = "vi") -> str:
    """The message for ``code`` in ``lang`` ("vi" or "en"), filled with ``params``."""
    vi, en = CATALOG[code]
    template = en if lang == "en" else vi
    index = 1 if lang == "en" else 0
    values = {k: v[index] if isinstance(v, Say) else v for k, v in params.items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError):  # a missing parameter must not hide the problem itself
        return f"{template} {dict(params)}"
