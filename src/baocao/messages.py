"""Every message a user reads, by stable code, in Vietnamese and English.

Codes never change meaning: scripts and guides refer to them. Ranges:
E0xx reading files, E1xx content, W2xx warnings, E3xx templates and rendering,
E4xx writing results and the environment, E5xx/W5xx importing plans,
E6xx/W6xx units' submissions (spreadsheet forms, filing), E7xx/W7xx the summaries
lower-level bodies send (roll-up), E8xx options of the command line.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_REOPEN = (
    "hãy mở tệp bằng Excel hoặc LibreOffice Calc, lưu lại dạng Excel .xlsx rồi gửi lại",
    "open it in Excel or LibreOffice Calc, save it as an Excel .xlsx workbook and send it again",
)
"""What a unit is asked to do with a spreadsheet baocao cannot read."""

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
    "E011": ("không tìm thấy {what} '{path}'{hint}", "{what} '{path}' not found{hint}"),
    "E012": (
        "không dùng thẻ kiểu YAML ({tag}) trong tệp dữ liệu; hãy viết giá trị bình thường",
        "YAML type tags ({tag}) are not allowed in data files; write the plain value",
    ),
    "E013": (
        "khóa phải là một từ hoặc mã (như nhiem_vu, NV1), không phải danh sách hay bảng",
        "a key must be a word or code (like nhiem_vu, NV1), not a list or mapping",
    ),
    "E014": (
        "không đọc được tệp dạng '{suffix}' (đọc được: {formats})",
        "cannot read '{suffix}' files (readable: {formats})",
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
    "E119": (
        "cấu hình chưa khai báo cáo nào để lập (mục bao_cao)",
        "the configuration lists no reports to compile (bao_cao)",
    ),
    "E120": (
        "{field}: tên tệp kết quả không hợp lệ: {detail} (nhận được {got})",
        "{field}: invalid result file name: {detail} (got {got})",
    ),
    "E121": (
        "báo cáo này ghi vào tệp {file}, trùng với báo cáo ở dòng {other_line}",
        "this report would write {file}, as the report at line {other_line} does",
    ),
    "E122": (
        "{field}: thư mục kết quả phải nằm trong thư mục làm việc (nhận được {got}); "
        "muốn ghi báo cáo ra nơi khác, dùng compile -o TỆP",
        "{field}: the results folder must be inside the workspace (got {got}); "
        "to write a report elsewhere, use compile -o FILE",
    ),
    "E123": (
        "{field}: năm {got} không phải năm của kế hoạch ({year})",
        "{field}: {got} is not the plan's year ({year})",
    ),
    "E124": (
        "phần diễn giải kỳ {period} năm {year} đã có ở tệp {other}; mỗi kỳ chỉ một tệp",
        "the narrative of {period} {year} is already in {other}; one file per period",
    ),
    # --- targets, ratio indicators, the summary compared with (E14x, E15x) ---
    "E140": (
        "{field}: mục tiêu phải là số không âm (nhận được {got}){hint}",
        "{field}: a target must be a non-negative number (got {got}){hint}",
    ),
    "E142": (
        "{field}: mục tiêu của chỉ tiêu tỷ lệ phải từ 0 đến 100 (nhận được {got})",
        "{field}: the target of a ratio indicator must be between 0 and 100 (got {got})",
    ),
    "E143": (
        "{field}: mục tiêu giao cho đơn vị '{key}' không có trong danh sách don_vi của kế "
        "hoạch{hint}",
        "{field}: a target is given to unit '{key}', which is not in the plan's don_vi{hint}",
    ),
    "E144": (
        "{field}: không có đơn vị nào thuộc loại '{key}' (khai loai cho đơn vị trong don_vi){hint}",
        "{field}: no unit is of kind '{key}' (give units their loai in don_vi){hint}",
    ),
    "E146": (
        "{field}: cach_tinh khai đúng một cách: don_vi_thuc_hien, hoặc cả tu_so và mau_so",
        "{field}: cach_tinh gives exactly one way: don_vi_thuc_hien, or both tu_so and mau_so",
    ),
    "E147": (
        "{field}: không có chỉ tiêu '{key}' để tính tỷ lệ{hint}",
        "{field}: there is no indicator '{key}' to compute the ratio from{hint}",
    ),
    "E148": (
        "{field}: '{key}' là chỉ tiêu tỷ lệ; tử số, mẫu số phải là chỉ tiêu đếm do đơn vị báo cáo",
        "{field}: '{key}' is a ratio indicator; numerator and denominator must be counted "
        "indicators that units report",
    ),
    "E149": (
        "{field}: cach_tinh chỉ dùng cho chỉ tiêu có đơn vị tính '%' (chỉ tiêu này: '{unit}')",
        "{field}: cach_tinh is only for indicators measured in '%' (this one: '{unit}')",
    ),
    "E150": (
        "không phải tệp tóm tắt báo cáo của baocao ({detail}); dùng tệp .json lập cùng báo cáo",
        "not a baocao report summary ({detail}); use the .json written with a report",
    ),
    "E151": (
        "tệp tóm tắt phiên bản {version}, bản baocao này chỉ đọc được phiên bản {known}",
        "summary format version {version}; this baocao reads versions {known}",
    ),
    "E152": (
        "tệp tóm tắt hỏng hoặc đã bị sửa ở '{field}': {detail}",
        "the summary is damaged or was edited at '{field}': {detail}",
    ),
    "E153": (
        "tệp so sánh là báo cáo {theirs}, không cùng kỳ với báo cáo {ours}",
        "the summary compared with is the report of {theirs}, not of the same period as this "
        "report ({ours})",
    ),
    "E154": (
        "tệp so sánh là báo cáo năm {theirs}; cần báo cáo cùng kỳ của một năm trước năm {year}",
        "the summary compared with is of the year {theirs}; it must be of a year before {year}",
    ),
    "E155": (
        "{field}: chỉ tiêu tỷ lệ chỉ có một mục tiêu chung (muc_tieu), không giao theo đơn vị",
        "{field}: a ratio indicator has one overall target (muc_tieu), none per unit",
    ),
    "E156": (
        "{field}: tỷ lệ này do baocao tính từ số liệu của các đơn vị (cach_tinh trong kế "
        "hoạch); không ghi vào nhật ký",
        "{field}: this ratio is computed by baocao from the units' figures (cach_tinh in the "
        "plan); do not write it in a log",
    ),
    # --- lower-level bodies' summaries: the roll-up (E7xx, W7xx) ---
    "W701": (
        "tệp tóm tắt phiên bản {version}: vẫn tổng hợp được nhưng thiếu {missing}; đề nghị "
        "{unit} lập lại báo cáo bằng baocao mới",
        "summary format version {version}: it can be rolled up but lacks {missing}; ask "
        "{unit} to compile its report again with a current baocao",
    ),
    "W702": (
        "chưa nhận tệp tóm tắt báo cáo năm {year} của {unit} (cơ quan cấp dưới); nhận bằng "
        "baocao nhan TỆP.json --don-vi {code}",
        "no summary of {unit}'s {year} report has been filed (a lower-level body); file it "
        "with baocao nhan FILE.json --don-vi {code}",
    ),
    "E703": (
        "tệp tóm tắt phiên bản 1 không dùng được để tổng hợp lên cấp trên: không có số liệu "
        "lũy kế từ đầu năm; đề nghị cơ quan cấp dưới lập lại báo cáo bằng baocao mới "
        "(phiên bản {version})",
        "a version-1 summary cannot be rolled up: it has no figures for the year so far; ask "
        "the lower body to compile its report again with a current baocao (version {version})",
    ),
    "E704": (
        "đây là báo cáo theo Kế hoạch số {theirs} năm {their_year}, không phải Kế hoạch số "
        "{ours} năm {year}; kế hoạch của cấp dưới thực hiện kế hoạch này thì ghi "
        "thuc_hien_ke_hoach: {ours}",
        "this reports on plan {theirs} of {their_year}, not on plan {ours} of {year}; a lower "
        "body's plan that carries this one out says thuc_hien_ke_hoach: {ours}",
    ),
    "E705": (
        "nhiệm vụ không khớp với kế hoạch ({detail}); cấp dưới cần dùng đúng mã nhiệm vụ của "
        "kế hoạch",
        "the tasks do not match the plan ({detail}); the lower body must use the plan's task codes",
    ),
    "E706": (
        "chỉ tiêu của nhiệm vụ {task} không khớp với kế hoạch ({detail})",
        "the indicators of task {task} do not match the plan ({detail})",
    ),
    "E707": (
        "đây là báo cáo năm {theirs}; kế hoạch này là năm {year}",
        "this is a report of {theirs}; this plan's year is {year}",
    ),
    "E708": (
        "đây là báo cáo kỳ {period}, kế hoạch không có kỳ báo cáo này (có: {defined})",
        "this is a report for period {period}, which the plan does not report on "
        "(it has: {defined})",
    ),
    "E709": (
        "số liệu tính từ {start} đến {end}, không khớp kỳ {name} của kế hoạch (từ {our_start} "
        "đến {our_end}); cấp dưới cần lập báo cáo theo cùng khoảng ngày",
        "its figures run from {start} to {end}, not over the plan's {name} ({our_start} to "
        "{our_end}); the lower body must compile its report over the same days",
    ),
    "E710": (
        "tệp tóm tắt '{code}.json': kế hoạch không có cơ quan cấp dưới mã '{code}' "
        "(các đơn vị có cap_duoi: true: {lower})",
        "summary '{code}.json': the plan has no lower-level body '{code}' "
        "(units with cap_duoi: true: {lower})",
    ),
    "E711": (
        "{unit} ({code}) là cơ quan cấp dưới (cap_duoi: true): nhận tệp tóm tắt .json của báo "
        "cáo đã lập, không nhận nhật ký",
        "{unit} ({code}) is a lower-level body (cap_duoi: true): file the summary .json of "
        "its report, not an activity log",
    ),
    "E712": (
        "cần chỉ rõ cơ quan cấp dưới đã gửi tệp tóm tắt này: --don-vi MÃ (cơ quan cấp dưới: "
        "{lower})",
        "say which lower-level body sent this summary: --don-vi CODE (lower bodies: {lower})",
    ),
    "E713": (
        "tệp này cũ hơn tệp đã nhận của {unit} ({theirs}, tệp đã nhận: {filed}); không thay "
        "tệp mới bằng tệp cũ",
        "this file is older than the one filed for {unit} ({theirs}; filed: {filed}); a newer "
        "summary is not replaced by an older one",
    ),
    "E714": (
        "tệp này là báo cáo của {theirs}, không phải của {unit}",
        "this file is the report of {theirs}, not of {unit}",
    ),
    "E715": (
        "đơn vị '{code}' không phải cơ quan cấp dưới (cap_duoi: true) nên không gửi tệp tóm "
        "tắt .json; đơn vị gửi nhật ký hoặc biểu mẫu",
        "unit '{code}' is not a lower-level body (cap_duoi: true), so it sends no summary "
        ".json; it sends a log or a form",
    ),
    "E716": (
        "tệp là báo cáo {theirs}, không phải báo cáo {period} đã chỉ định (--ky)",
        "the file is the report of {theirs}, not of the period {period} given with --ky",
    ),
    "E717": (
        "báo cáo đã nhận của {unit} là báo cáo của {filed}; tệp này là báo cáo của {theirs}, "
        "một cơ quan khác",
        "the report filed for {unit} is {filed}'s; this file is {theirs}'s, another body's",
    ),
    # placeholders: what must be filled in before a report can be signed
    "E130": (
        "{field}: còn chỗ cần điền {text}; điền giá trị thật (báo cáo còn chỗ trống chỉ là "
        "bản dự thảo)",
        "{field}: {text} is still to be filled in; give the real value (a report with blanks "
        "is only a draft)",
    ),
    "E131": (
        "{field}: dòng còn đánh dấu '# {mark}'; kiểm tra giá trị rồi xóa dấu này",
        "{field}: the line is still marked '# {mark}'; check the value, then remove the mark",
    ),
    "E132": (
        "nguoi_ky.{key}: chưa có {what} người ký",
        "nguoi_ky.{key}: the signer's {what} is missing",
    ),
    "E133": (
        "noi_nhan: thiếu dòng lưu văn bản ở cuối danh sách, ví dụ '{archive}'",
        "noi_nhan: the archive line is missing at the end of the list, e.g. '{archive}'",
    ),
    "E134": (
        "noi_nhan: cần ít nhất một nơi nhận và dòng lưu văn bản (có {count} dòng)",
        "noi_nhan: needs at least one recipient and the archive line ({count} line(s) given)",
    ),
    "E135": (
        "ngày báo cáo {date} sớm hơn ngày tính đến {as_of}: báo cáo không được nêu điều "
        "xảy ra sau ngày của nó",
        "report date {date} is earlier than the as-of date {as_of}: a report may not state "
        "anything after its own date",
    ),
    "E136": (
        "ngày báo cáo {date} trước ngày bắt đầu kỳ số liệu {start}",
        "report date {date} is before the start of the data period {start}",
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
    "W210": (
        "kỳ số liệu bắt đầu ngày {start}, trong năm {previous}: hoạt động từ ngày đó được lấy "
        "từ nhật ký năm {year} (thư mục {folder}/); thư mục {previous}/ là nhật ký của năm "
        "trước và không được đọc",
        "the data window starts on {start}, in {previous}: activities from that day are taken "
        "from the {year} logs ({folder}/); the folder {previous}/ holds the year before's logs "
        "and is not read",
    ),
    "W206": (
        "{unit} gửi báo cáo kỳ này ngày {sent}, sau ngày báo cáo {date}: chưa tính vào báo "
        "cáo, coi như chưa gửi",
        "{unit} sent its report for this period on {sent}, after the report date {date}: "
        "not counted, taken as not sent",
    ),
    "W207": (
        "ngày báo cáo {date} trước ngày cuối kỳ số liệu {end}: số liệu chỉ tính đến ngày {date}",
        "report date {date} is before the end of the data period {end}: figures count up to {date}",
    ),
    "W208": (
        "{field} ghi một danh sách chung cho cả năm nên được trích cả vào báo cáo {period}; "
        "để tách theo kỳ, ghi các ý dưới 6m:, 1y: …",
        "{field} is one list for the whole year, so it is cited in the {period} report too; "
        "to split it by period, list the items under 6m:, 1y: …",
    ),
    "W220": (
        "{field}: chỉ tiêu '%' chưa khai cách tính (cach_tinh), báo cáo chưa tính được tỷ lệ "
        "này; khai don_vi_thuc_hien (tat_ca hoặc một loại đơn vị), hoặc tu_so và mau_so",
        "{field}: the '%' indicator has no cach_tinh, so the report cannot compute it; give "
        "don_vi_thuc_hien (tat_ca or a kind of unit), or tu_so and mau_so",
    ),
    # --- templates and rendering (E3xx) ---
    "E301": (
        "tệp mẫu không phải tài liệu Word .docx hợp lệ ({detail})",
        "the template is not a valid Word .docx document ({detail})",
    ),
    "E302": (
        "mẫu dùng trường '{field}' không có trong dữ liệu báo cáo",
        "the template uses the field '{field}', which the report data does not have",
    ),
    "E303": (
        "lỗi cú pháp thẻ Jinja trong mẫu: {detail}; ở đoạn: «{text}»",
        "Jinja tag syntax error in the template: {detail}; in the paragraph: «{text}»",
    ),
    "E304": (
        "mẫu báo cáo lỗi khi điền dữ liệu: {detail}",
        "the template failed while filling in the data: {detail}",
    ),
    "E305": ("không tìm thấy tệp mẫu báo cáo", "template file not found"),
    "E306": (
        "mẫu tạo ra tài liệu hỏng (XML không hợp lệ: {detail}); kiểm tra các thẻ {{%p}}, "
        "{{%tr}}, {{%tc}} có nằm riêng trong đoạn, hàng, ô của chúng không",
        "the template produces a broken document (invalid XML: {detail}); check that each "
        "{{%p}}, {{%tr}}, {{%tc}} tag stands alone in its paragraph, row or cell",
    ),
    "E307": (
        "một trường của dữ liệu báo cáo không có giá trị (None)",
        "a field of the report data has no value (None)",
    ),
    "E308": (
        "thẻ '{opener}' chưa được đóng bằng '{closer}' trong cùng đoạn: «{text}»",
        "tag '{opener}' is not closed with '{closer}' within its paragraph: «{text}»",
    ),
    "E309": (
        "mẫu có thẻ bị chặn vì lý do an toàn: {detail}; mẫu báo cáo chỉ được đặt dữ liệu "
        "báo cáo vào văn bản",
        "the template has a tag blocked for safety: {detail}; a report template may only "
        "place the report's data in the text",
    ),
    "E310": (
        "mẫu báo cáo vượt giới hạn an toàn ({detail}); mẫu chỉ nên đặt dữ liệu báo cáo vào văn bản",
        "the template went past a safety limit ({detail}); a template should only place "
        "the report's data in the text",
    ),
    # --- writing results and the environment (E4xx) ---
    "E401": ("không ghi được tệp kết quả: {detail}", "cannot write the result: {detail}"),
    "E402": (
        "đường dẫn kết quả là một thư mục; hãy ghi cả tên tệp",
        "the output path is a folder; give a file name",
    ),
    "E403": ("ổ đĩa đầy, không ghi được tệp kết quả", "disk full, the result was not written"),
    "E404": (
        "không tìm thấy LibreOffice (soffice) để chuyển sang PDF; hãy cài LibreOffice",
        "LibreOffice (soffice) not found for the PDF conversion; install LibreOffice",
    ),
    "E405": (
        "LibreOffice không chuyển được sang PDF: {detail}",
        "LibreOffice could not convert to PDF: {detail}",
    ),
    "E406": (
        "thư mục '{folder}' không tồn tại",
        "folder '{folder}' does not exist",
    ),
    "E407": (
        "không có quyền ghi tệp (tệp đang mở trong Word, hoặc thư mục chỉ đọc?)",
        "permission denied (is the file open in Word, or the folder read-only?)",
    ),
    "E408": (
        "LibreOffice chuyển sang PDF quá {seconds} giây, đã dừng",
        "LibreOffice took more than {seconds} seconds to convert to PDF and was stopped",
    ),
    "E410": (
        "một lần chạy khác đang lập báo cáo trong thư mục làm việc này ({holder}); "
        "hãy chờ lần đó xong rồi chạy lại, hoặc dùng --wait SỐ_GIÂY",
        "another run is compiling in this workspace ({holder}); wait for it to finish "
        "and run again, or use --wait SECONDS",
    ),
    "E411": (
        "tệp báo cáo phải có đuôi .docx (nhận được: {suffix})",
        "the report file must end in .docx (got: {suffix})",
    ),
    "E412": (
        "tệp kết quả sẽ ghi đè lên tệp đầu vào {input}; hãy chọn tên hoặc thư mục khác",
        "the result would overwrite the input file {input}; choose another name or folder",
    ),
    "E413": (
        "'{path}' là chỗ baocao ghi trạng thái của mình nhưng {detail}; baocao không đụng "
        "tới nó: hãy xem lại rồi xóa nó",
        "'{path}' is where baocao keeps its own state, but {detail}; baocao leaves it "
        "alone: check it, then delete it",
    ),
    # --- importing plans (E5xx, W5xx) ---
    "E501": (
        "không đọc được văn bản kế hoạch: {detail}",
        "cannot read the plan document: {detail}",
    ),
    "E502": (
        "chưa đọc được tệp dạng '{suffix}'; dùng văn bản .txt hoặc .docx{hint}",
        "cannot read '{suffix}' files; use a .txt or .docx document{hint}",
    ),
    "E503": (
        "không tìm thấy nhiệm vụ nào: cần mục 'II. NHIỆM VỤ …' với các nhiệm vụ đánh số "
        "1., 2., … (kèm '- Đơn vị chủ trì:', '- Thời gian thực hiện:' …) hoặc một bảng "
        "STT | Nội dung | Chủ trì | Phối hợp | Thời gian | Sản phẩm",
        "no task found: expected a section 'II. NHIỆM VỤ …' with tasks numbered 1., 2., … "
        "(with '- Đơn vị chủ trì:', '- Thời gian thực hiện:' …) or a table "
        "STT | Nội dung | Chủ trì | Phối hợp | Thời gian | Sản phẩm",
    ),
    "E504": (
        "không xác định được năm kế hoạch (văn bản không ghi năm nào); ghi năm bằng --nam",
        "cannot tell the plan year (the document names no year); give it with --nam",
    ),
    "E505": (
        "tệp '{path}' đã có; dùng --force nếu muốn ghi đè",
        "'{path}' already exists; use --force to overwrite it",
    ),
    "E507": (
        "giá trị {option} không hợp lệ: {got} ({detail})",
        "invalid value for {option}: {got} ({detail})",
    ),
    "E508": (
        "'{path}' không phải thư mục",
        "'{path}' is not a folder",
    ),
    "W501": (
        "{field}: không hiểu thời gian '{text}'; đã giữ nguyên văn và tạm ghi cả năm {year} "
        "cho tu_ngay, den_ngay — cần kiểm tra",
        "{field}: cannot read the time frame '{text}'; kept as written, with the whole year "
        "{year} in tu_ngay, den_ngay for now — please check",
    ),
    "W502": (
        "{field}: văn bản không ghi '{label}'; đã ghi giá trị tạm, cần điền",
        "{field}: the document gives no '{label}'; a placeholder was written, fill it in",
    ),
    "W503": (
        "văn bản không có {fields}; đã ghi giá trị tạm trong ngoặc vuông, cần điền "
        "(hoặc dùng {options})",
        "the document does not give {fields}; placeholders in square brackets were written, "
        "fill them in (or use {options})",
    ),
    "W504": (
        "văn bản không kể tên từng đơn vị báo cáo; đã đề xuất {count} đơn vị chủ trì nhiệm "
        "vụ (đơn vị phối hợp không đưa vào) — cần kiểm tra và bổ sung mục don_vi",
        "the document does not name each reporting unit; {count} task lead(s) were proposed "
        "(partners are not included) — check and complete don_vi",
    ),
    "W505": (
        "văn bản không có danh sách đơn vị báo cáo; đã ghi một đơn vị mẫu, cần điền mục don_vi",
        "the document lists no reporting units; one sample unit was written, fill in don_vi",
    ),
    "W506": (
        "không thấy hạn gửi báo cáo định kỳ (quý, 6 tháng, năm) trong văn bản; chưa ghi kỳ "
        "báo cáo nào — cần điền bao_cao_dinh_ky.ky",
        "no reporting deadline (quarter, 6 months, year) found in the document; no period "
        "was written — fill in bao_cao_dinh_ky.ky",
    ),
    "W507": (
        "chỉ tiêu của {count} nhiệm vụ do baocao đề xuất theo cách ghi kết quả, sản phẩm; "
        "cần xem lại các dòng '# KIỂM TRA' trong tệp kế hoạch",
        "the indicators of {count} task(s) were proposed from the expected products; "
        "review the '# KIỂM TRA' lines of the plan file",
    ),
    "W508": (
        "{field}: số thứ tự nhiệm vụ bị trùng; đã đặt mã {code}",
        "{field}: task number used twice; code {code} was given",
    ),
    "W509": (
        "không thấy mục '{section}' trong văn bản",
        "no section '{section}' found in the document",
    ),
    "W511": (
        'câu về hạn gửi báo cáo chưa đọc được thành kỳ báo cáo: "{text}" — cần kiểm tra '
        "bao_cao_dinh_ky",
        'a sentence about a reporting deadline could not be mapped to a period: "{text}" — '
        "check bao_cao_dinh_ky",
    ),
    "W512": (
        "không thấy {what} trong văn bản; baocao.yaml sẽ để giá trị tạm cần điền",
        "no {what} found in the document; baocao.yaml will hold a placeholder to fill in",
    ),
    "W513": (
        'chỉ tiêu chưa gắn được với nhiệm vụ nào: "{text}" — cần ghi muc_tieu vào chỉ tiêu '
        "của nhiệm vụ phù hợp",
        'a target matches no task: "{text}" — put it as muc_tieu on the right task\'s indicator',
    ),
    "W510": (
        "chưa có kế hoạch nên chưa lập lược đồ nhật ký (dùng --plan hoặc -w)",
        "no plan, so no activity-log schema was written (use --plan or -w)",
    ),
    # --- units' submissions: the workbook as a file (E601-E608) ---
    "E601": (
        "tệp không phải bảng tính Excel .xlsx (có thể là tệp văn bản, PDF hay tệp khác được "
        "đổi đuôi); hãy gửi lại biểu mẫu .xlsx",
        "not an Excel .xlsx workbook (perhaps a text, PDF or other file renamed); "
        "send back the .xlsx form",
    ),
    "E602": (
        "tệp là bảng tính dạng {kind}, baocao chỉ đọc được .xlsx; " + _REOPEN[0],
        "the file is a {kind} spreadsheet and baocao reads .xlsx only; " + _REOPEN[1],
    ),
    "E603": (
        "bảng tính được đặt mật khẩu nên không đọc được; hãy bỏ mật khẩu, lưu lại rồi gửi lại",
        "the workbook is password-protected and cannot be read; remove the password, "
        "save it and send it again",
    ),
    "E604": (
        "tệp .xlsx bị hỏng hoặc không đầy đủ (có thể tải về hay sao chép chưa xong); "
        "hãy gửi lại tệp",
        "the .xlsx file is damaged or incomplete (perhaps a download or copy did not "
        "finish); send it again",
    ),
    "E605": (
        "nội dung giải nén của bảng tính quá lớn ({size} MB, tối đa {limit} MB); biểu mẫu "
        "chỉ cần các bảng số liệu: hãy bỏ hình ảnh, trang thừa rồi gửi lại",
        "the workbook's unpacked content is too large ({size} MB, at most {limit} MB); the "
        "form needs its tables only: remove pictures and extra sheets and send it again",
    ),
    "E606": (
        "bảng tính có quá nhiều phần ({count}, tối đa {limit}); hãy bỏ hình ảnh, trang thừa "
        "rồi gửi lại",
        "the workbook has too many parts ({count}, at most {limit}); remove pictures and "
        "extra sheets and send it again",
    ),
    "E607": (
        "bảng tính có khai báo DOCTYPE hoặc ENTITY trong phần {part}, điều Excel và "
        "LibreOffice không bao giờ ghi; tệp bị từ chối",
        "the workbook has a DOCTYPE or ENTITY declaration in {part}, which Excel and "
        "LibreOffice never write; the file was refused",
    ),
    "E608": (
        "không mở được bảng tính ({detail}); " + _REOPEN[0],
        "cannot open the workbook ({detail}); " + _REOPEN[1],
    ),
    # --- whose form, for which plan (E609-E613) ---
    "E609": (
        "bảng tính không phải biểu mẫu của baocao (thiếu phần nhận dạng kế hoạch và đơn vị); "
        "hãy điền vào chính biểu mẫu đã nhận, đừng chép sang tệp mới",
        "the workbook is not a baocao form (the plan and unit identification is missing); "
        "fill in the form received rather than copying it into a new file",
    ),
    "E610": (
        "biểu mẫu được lập cho Kế hoạch {form_plan}, không khớp với Kế hoạch {plan} đang tổng "
        "hợp (kế hoạch khác, hoặc nhiệm vụ, chỉ tiêu đã thay đổi); hãy lập biểu mẫu mới bằng "
        "lệnh baocao form và gửi đơn vị",
        "the form was made for plan {form_plan} and does not match plan {plan} being "
        "compiled (another plan, or its tasks or indicators changed); make a new form with "
        "baocao form and send it to the unit",
    ),
    "E611": (
        "tệp của đơn vị {got}, không phải của đơn vị {unit} đã chỉ định (--don-vi)",
        "the file is unit {got}'s, not that of {unit} given with --don-vi",
    ),
    "E612": (
        "mã đơn vị ở ô này ({got}) khác mã đơn vị của biểu mẫu ({unit}); mỗi đơn vị điền "
        "biểu mẫu của mình và giữ nguyên mã đơn vị",
        "the unit code in this cell ({got}) differs from the form's unit ({unit}); each "
        "unit fills its own form and leaves the code as it is",
    ),
    "E613": (
        "biểu mẫu phiên bản {got}, bản baocao này chỉ đọc phiên bản {supported}; hãy lập "
        "biểu mẫu mới bằng lệnh baocao form",
        "the form is version {got} and this baocao reads version {supported} only; make a "
        "new form with baocao form",
    ),
    # --- sheets, tables and cells (E614-E622) ---
    "E614": (
        "thiếu trang '{sheet_name}' của biểu mẫu; đừng xóa hay đổi tên trang (nhiệm vụ không "
        "có hoạt động thì để trống bảng)",
        "sheet '{sheet_name}' of the form is missing; do not delete or rename sheets (leave the "
        "table empty when a task has no activity)",
    ),
    "E615": (
        "không tìm thấy hàng tiêu đề của bảng ({header}) trên trang này; đừng xóa hay sửa "
        "hàng tiêu đề",
        "the table's header row ({header}) was not found on this sheet; do not delete or "
        "change the header row",
    ),
    "E616": (
        "thiếu cột '{header}' (chỉ tiêu {key}) ở hàng tiêu đề; đừng xóa, gộp hay đổi tên "
        "cột của biểu mẫu",
        "column '{header}' (indicator {key}) is missing from the header row; do not delete, "
        "merge or rename the form's columns",
    ),
    "E617": (
        "cột '{header}' xuất hiện hai lần (đã có ở ô {other}); hãy xóa một cột",
        "column '{header}' appears twice (already at {other}); delete one of them",
    ),
    "E618": (
        "ô có công thức ({formula}) nhưng không có giá trị đã tính; hãy mở tệp bằng Excel "
        "hoặc LibreOffice Calc để bảng tính tính lại rồi lưu, hoặc thay công thức bằng giá trị",
        "the cell has a formula ({formula}) but no computed value; open the file in Excel "
        "or LibreOffice Calc so that it recalculates and save it, or type the value instead",
    ),
    "E619": (
        "ô báo lỗi {got}; hãy sửa công thức hoặc nhập giá trị",
        "the cell shows the error {got}; fix the formula or type the value",
    ),
    "E620": (
        "ô gộp {range} trải qua nhiều dòng ở cột số liệu; hãy bỏ gộp ô và ghi số liệu cho "
        "từng hoạt động",
        "merged cell {range} spans several rows of a figures column; unmerge it and give "
        "each activity its own figures",
    ),
    "E621": (
        "trang có dữ liệu đến dòng {row}; biểu mẫu nhận tối đa {limit} dòng dưới hàng tiêu đề",
        "the sheet has data down to row {row}; a form takes at most {limit} rows below its header",
    ),
    "E622": (
        "dòng này chưa chọn kỳ báo cáo trong khi các dòng khác của cột '{column}' đã chọn; "
        "hãy chọn kỳ ({choices})",
        "this row has no reporting period while the other rows of column '{column}' have "
        "one; choose a period ({choices})",
    ),
    # --- filing submissions, making forms (E623-E627) ---
    "E623": (
        "đơn vị {unit} có hai tệp trong cùng một lần nhận (tệp kia: {other}); hãy nhận từng "
        "tệp một",
        "unit {unit} has two files in one filing (the other: {other}); file them one at a time",
    ),
    "E624": (
        "'{path}' không phải là thư mục thật (là liên kết hoặc tệp); baocao không lưu bản "
        "trước của nhật ký vào đó",
        "'{path}' is not a real folder (it is a link or a file); baocao does not keep "
        "earlier versions of logs there",
    ),
    "E625": (
        "tệp biểu mẫu phải có đuôi .xlsx (nhận được: {suffix})",
        "the form file must end in .xlsx (got: {suffix})",
    ),
    "E626": (
        "mã nhiệm vụ '{key}' dài hơn {limit} ký tự nên không đặt được tên trang bảng tính; "
        "hãy rút ngắn mã trong kế hoạch",
        "task code '{key}' is longer than {limit} characters and cannot name a worksheet; "
        "shorten it in the plan",
    ),
    "E627": (
        "mã nhiệm vụ '{key}' trùng với '{other}' khi không phân biệt chữ hoa, chữ thường; "
        "bảng tính không có hai trang cùng tên",
        "task code '{key}' equals '{other}' but for case; a workbook cannot have two "
        "sheets of the same name",
    ),
    # --- units' submissions: warnings (W60x) ---
    "W601": (
        "{field}: đã đọc «{got}» là {value} (dấu chấm phân cách hàng nghìn); nên nhập số "
        "liền, không dấu chấm",
        "{field}: read «{got}» as {value} (a dot separating thousands); type digits only",
    ),
    "W602": (
        "trang '{sheet_name}' không thuộc biểu mẫu; đã bỏ qua",
        "sheet '{sheet_name}' is not part of the form and was ignored",
    ),
    "W603": (
        "cột '{header}' không thuộc biểu mẫu; dữ liệu ở cột này đã bỏ qua",
        "column '{header}' is not part of the form; its data was ignored",
    ),
    "W604": (
        "cột {column} có dữ liệu nhưng không có tiêu đề; đã bỏ qua",
        "column {column} has data but no header; it was ignored",
    ),
    # --- options of the command line (E8xx) ---
    "E801": (
        "ngày bắt đầu {start} sau ngày kết thúc {end} (--from phải trước hoặc bằng --to)",
        "start date {start} is after end date {end} (--from must not be after --to)",
    ),
    "E802": (
        "năm {got} không có trong kế hoạch: kế hoạch là năm {year}, nhật ký trong thư mục "
        "{folder}/",
        "the plan has no year {got}: it is the plan for {year}, with its logs in {folder}/",
    ),
    "E803": (
        "{got} không phải một số hợp lệ: cần một số từ {low} đến {high}",
        "{got} is not a valid number: give a number from {low} to {high}",
    ),
    "E804": (
        "tên tệp quá dài ({length} byte, tối đa {limit}): {got}",
        "file name too long ({length} bytes, at most {limit}): {got}",
    ),
    "E805": (
        "ngày {got} có năm nằm ngoài khoảng {low}–{high}",
        "the date {got} has a year outside {low}–{high}",
    ),
}


class Say(tuple[str, str]):
    """A message parameter that is itself words: (Vietnamese, English)."""

    def __new__(cls, vi: str, en: str) -> Say:
        return super().__new__(cls, (vi, en))

    def __getnewargs__(self) -> tuple[str, str]:
        return self[0], self[1]  # so that problems pickle (worker processes send them)


WORKSPACE_HINT = Say(
    "; hãy chạy lệnh trong thư mục làm việc, chỉ rõ thư mục bằng -w THƯ_MỤC, "
    "hoặc tạo thư mục mới bằng: baocao init THƯ_MỤC",
    "; run the command in a workspace, name one with -w FOLDER, "
    "or create one with: baocao init FOLDER",
)
"""Said when no workspace is found where one was looked for (E011)."""


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
