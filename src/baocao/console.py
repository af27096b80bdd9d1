"""What the command line prints: problems, closing lines, progress, the status table,
and its help and usage errors, in Vietnamese.

Kept apart from :mod:`baocao.cli` so that the CLI module only declares commands and
options; everything here writes to the standard streams and nothing else.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from typer._click import Command, Context, HelpFormatter
from typer._click.exceptions import (
    BadParameter,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)
from typer.core import TyperCommand, TyperGroup

from baocao.errors import BaocaoError, PlaceholderError, Problem

if TYPE_CHECKING:
    from baocao.api import Compiled, Imported, StatusReport


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


class StatusFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"


class Lang(StrEnum):
    vi = "vi"
    en = "en"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: one that would start a formula
    ("=", "+", "-", "@", a tab or carriage return) gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def print_problems(problems: list[Problem], fmt: OutputFormat, lang: Lang, *, err: bool) -> None:
    """Problems as text lines or one JSON list."""
    stream = sys.stderr if err else sys.stdout
    if fmt is OutputFormat.json:
        json.dump([p.to_dict(lang.value) for p in problems], stream, ensure_ascii=False, indent=2)
        stream.write("\n")
    else:
        for problem in problems:
            stream.write(problem.format(lang.value) + "\n")
    stream.flush()


def fail(error: BaocaoError, fmt: OutputFormat, lang: Lang, *, err: bool = True) -> NoReturn:
    """Report a user error and exit with its code."""
    print_problems(error.problems, fmt, lang, err=err)
    if isinstance(error, PlaceholderError) and fmt is OutputFormat.text:
        left = len(error.errors)
        say(
            f"Còn {left} chỗ cần điền: chưa lập được báo cáo để trình ký. Điền đủ rồi chạy "
            "lại, hoặc lập bản dự thảo bằng: baocao compile --draft",
            f"{left} place(s) still to fill in: no report to sign can be made. Fill them in "
            "and run again, or make a draft with: baocao compile --draft",
            lang,
            err=True,
        )
    raise typer.Exit(int(error.exit_code))


def say(text_vi: str, text_en: str, lang: Lang, *, err: bool = False) -> None:
    typer.echo(text_en if lang is Lang.en else text_vi, err=err)


def done_line(warnings: list[Problem], fmt: OutputFormat, lang: Lang, vi: str, en: str) -> None:
    """Warnings on stderr (they name the input file and line), then one closing line."""
    print_problems(warnings, fmt, lang, err=True)
    if fmt is OutputFormat.text:
        say(vi, en, lang, err=True)


def print_review(done: Imported, fmt: OutputFormat, lang: Lang) -> None:
    """Every marked value of an imported plan beside the sentence it came from, so a
    clerk confirms them in one pass; one JSON document on stdout with --format json."""
    from baocao.errors import display_path

    output = display_path(done.output)
    if fmt is OutputFormat.json:
        items = [
            {
                "line": m.yaml_line,
                "key": m.where,
                "mark": m.kind,
                "reason": m.reason,
                "value": m.value,
                "source": {"line": m.line, "text": m.source},
            }
            for m in done.review
        ]
        json.dump({"output": output, "review": items}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    if not done.review:
        return
    say(
        f"Cần xem lại {len(done.review)} giá trị trong {output} "
        "(KIỂM TRA: baocao đề xuất; CẦN ĐIỀN: văn bản không ghi):",
        f"{len(done.review)} value(s) to review in {output} "
        "(KIỂM TRA: proposed by baocao; CẦN ĐIỀN: not in the document):",
        lang,
    )
    source = _source_name(done)
    for mark in done.review:
        place = f"{output}:{mark.yaml_line}" if mark.yaml_line else output
        typer.echo(f"\n{place}  {mark.kind}  {mark.where} = {_clip(mark.value, 90)}")
        typer.echo(f"    {mark.reason}")
        if mark.source:
            at = f"{source}:{mark.line}" if mark.line else source
            typer.echo(f"    ← {at}: {_clip(mark.source, 200)}")
    sys.stdout.flush()


def _source_name(done: Imported) -> str:
    from baocao.errors import display_path

    return display_path(done.source) if done.source else ""


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def say_compiled(done: Compiled, lang: Lang, prefix: str = "") -> None:
    """One line per report: written, or left as it was."""
    from baocao.errors import display_path

    files = (done.output, done.spreadsheet, done.pdf)
    names = ", ".join(display_path(p) for p in files if p is not None)
    if done.changed and done.draft:
        left = len(done.placeholders)
        say(
            f"{prefix}Đã lập bản dự thảo (còn {left} chỗ cần điền, chưa trình ký được): {names}",
            f"{prefix}Draft written ({left} place(s) to fill in, not for signing): {names}",
            lang,
            err=True,
        )
    elif done.changed:
        say(f"{prefix}Đã lập báo cáo: {names}", f"{prefix}Report written: {names}", lang, err=True)
    else:
        say(
            f"{prefix}Không thay đổi, giữ nguyên: {names}",
            f"{prefix}Unchanged, left as is: {names}",
            lang,
            err=True,
        )


class BatchProgress:
    """A progress bar on a terminal; one plain line per report when run by a scheduler."""

    def __init__(self, lang: Lang, *, quiet: bool) -> None:
        self.lang = lang
        self.quiet = quiet
        self.interactive = sys.stderr.isatty() and not quiet
        self._bar: Any = None

    def __call__(
        self, index: int, total: int, done: Compiled | None, error: BaocaoError | None
    ) -> None:
        if self.interactive:
            if self._bar is None:
                label = "Đang lập báo cáo" if self.lang is Lang.vi else "Compiling"
                self._bar = typer.progressbar(length=total, label=label, file=sys.stderr)
                self._bar.__enter__()
            self._bar.update(1)
            if index == total:
                self.close()
        elif not self.quiet and done is not None:
            say_compiled(done, self.lang, prefix=f"[{index}/{total}] ")

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None

    def summary(self, results: list[Compiled]) -> None:
        if self.quiet:
            return
        if self.interactive:
            for done in results:
                say_compiled(done, self.lang)
        changed = sum(1 for r in results if r.changed)
        say(
            f"Xong: {len(results)} báo cáo, {changed} báo cáo được lập lại.",
            f"Done: {len(results)} report(s), {changed} rewritten.",
            self.lang,
            err=True,
        )


STATUS_WORDS = {
    "on_time": ("Đúng hạn", "On time"),
    "late": ("Chậm {days} ngày", "{days} day(s) late"),
    "not_sent": ("Chưa gửi", "Not sent"),
    "not_due": ("Chưa gửi, chưa đến hạn", "Not sent, not yet due"),
}


def _status_word(status: str, days_late: int | None, lang: Lang) -> str:
    vi, en = STATUS_WORDS[status]
    return (en if lang is Lang.en else vi).format(days=days_late)


def print_status(report: StatusReport, fmt: StatusFormat, lang: Lang) -> None:
    """The status of every unit, as an aligned table, one JSON document or CSV rows."""
    if fmt is StatusFormat.json:
        typer.echo(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    elif fmt is StatusFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerows([csv_cell(cell) for cell in row] for row in report.rows())
    else:
        _status_table(report, report.tasks, lang)


def _status_table(report: StatusReport, tasks: list[str], lang: Lang) -> None:
    from baocao.core.vietnamese import short_date

    window = report.window
    due = short_date(window.due) if window.due else "—"
    span = f"{short_date(window.start)}–{short_date(window.end)}"
    as_of = short_date(report.as_of)
    say(
        f"Kỳ {window.name}: số liệu {span}, hạn nộp {due}, tính đến {as_of}.",
        f"Period {window.period} {window.year}: data {span}, due {due}, as of {as_of}.",
        lang,
    )
    headers = (
        ["Mã", "Đơn vị", "Tình trạng", "Ngày gửi"]
        if lang is Lang.vi
        else ["Code", "Unit", "Status", "Sent on"]
    )
    rows = [
        [
            u.code,
            u.name,
            _status_word(u.status, u.days_late, lang),
            short_date(u.sent_on) if u.sent_on else "",
            *(str(u.activities[t]) for t in tasks),
        ]
        for u in report.units
    ]
    table = [[*headers, *tasks], *rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    for row in table:
        typer.echo("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
    counts = {k: sum(1 for u in report.units if u.status == k) for k in STATUS_WORDS}
    silent = counts["not_sent"] + counts["not_due"]
    say(
        f"Đúng hạn: {counts['on_time']}; chậm: {counts['late']}; chưa gửi: {silent}.",
        f"On time: {counts['on_time']}; late: {counts['late']}; not sent: {silent}.",
        lang,
    )


# --- help and usage errors, in Vietnamese ------------------------------------------------
#
# typer 0.28 carries its own copy of click, whose help headings ("Usage:", "Options"),
# help option ("Show this message and exit.") and usage errors ("Error: No such option")
# are fixed English strings: the command classes below word them in Vietnamese.

USAGE_PREFIX = "Cách dùng: "
OPTIONS_METAVAR = "[TÙY CHỌN]"
COMMAND_METAVAR = "LỆNH [THAM SỐ]..."
HELP_OPTION = "Hiện hướng dẫn này rồi thoát."
_SECTIONS = {"argument": "Tham số", "option": "Tùy chọn"}
_EXTRAS = (
    ("default: ", "mặc định: "),
    ("env var: ", "biến môi trường: "),
    ("required", "bắt buộc"),
)
_EXTRA = re.compile(r"\[([^\[\]]*)\]$")
_RANGE = re.compile(r"^(\S+)<=x<=(\S+)$")


def _extras(help_text: str) -> str:
    """A help line's closing "[default: 6m]" as "[mặc định: 6m]"."""
    match = _EXTRA.search(help_text)
    if match is None:
        return help_text
    parts = []
    for part in match.group(1).split("; "):
        for english, vietnamese in _EXTRAS:
            if part.startswith(english):
                part = vietnamese + part[len(english) :]
        parts.append(_RANGE.sub(r"\1–\2", part))
    return f"{help_text[: match.start()]}[{'; '.join(parts)}]"


def _format_usage(command: Command, ctx: Context, formatter: HelpFormatter) -> None:
    pieces = " ".join(command.collect_usage_pieces(ctx))
    formatter.write_usage(ctx.command_path, pieces, prefix=USAGE_PREFIX)


def _format_params(command: Command, ctx: Context, formatter: HelpFormatter) -> None:
    rows: dict[str, list[tuple[str, str]]] = {kind: [] for kind in _SECTIONS}
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is not None and param.param_type_name in rows:
            rows[param.param_type_name].append((record[0], _extras(record[1])))
    for kind, title in _SECTIONS.items():
        if rows[kind]:
            with formatter.section(title):
                formatter.write_dl(rows[kind])


class VietnameseCommand(TyperCommand):
    """A command whose help is in Vietnamese."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options_metavar = OPTIONS_METAVAR

    def format_usage(self, ctx: Context, formatter: HelpFormatter) -> None:
        _format_usage(self, ctx, formatter)

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        _format_params(self, ctx, formatter)

    def get_help_option(self, ctx: Context) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_OPTION
        return option

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except UsageError as error:
            raise VietnameseUsageError.of(error, ctx) from None


class VietnameseGroup(TyperGroup):
    """A group of commands whose help and usage errors are in Vietnamese."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options_metavar = OPTIONS_METAVAR
        self.subcommand_metavar = COMMAND_METAVAR

    def format_usage(self, ctx: Context, formatter: HelpFormatter) -> None:
        _format_usage(self, ctx, formatter)

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        _format_params(self, ctx, formatter)
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(formatter.width - 6 - len(name))))
        if rows:
            with formatter.section("Lệnh"):
                formatter.write_dl(rows)

    def get_help_option(self, ctx: Context) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_OPTION
        return option

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except UsageError as error:
            raise VietnameseUsageError.of(error, ctx) from None

    def invoke(self, ctx: Context) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as error:  # a command's options, or a command that does not exist
            raise VietnameseUsageError.of(error) from None


class VietnameseUsageError(UsageError):
    """A usage error said in Vietnamese: "Lỗi: …", with the usage line and where to look."""

    @classmethod
    def of(cls, error: UsageError, ctx: Context | None = None) -> UsageError:
        """``error`` said in Vietnamese, about the command of ``ctx`` when it names none."""
        if isinstance(error, cls | NoArgsIsHelpError):  # said already, or the help itself
            return error
        return cls(usage_message(error), error.ctx or ctx)

    def show(self, file: Any = None) -> None:
        if self.ctx is not None:
            lines = [self.ctx.get_usage()]
            if self.ctx.command.get_help_option(self.ctx) is not None:
                lines.append(f"Xem '{self.ctx.command_path} --help' để biết cách dùng.")
            typer.echo("\n".join(lines) + "\n", err=True)
        typer.echo(f"Lỗi: {self.message}", err=True)


_DETAILS = [
    (re.compile(r"(.*) is not one of (.*)\.$", re.S), "{0} không phải một trong các giá trị {1}"),
    (re.compile(r"(.*) is not a valid int(?:eger)?\.$", re.S), "{0} không phải số nguyên"),
    (re.compile(r"(.*) is not a valid float\.$", re.S), "{0} không phải số"),
    (re.compile(r"(.*) is not a valid boolean\..*", re.S), "{0} không phải true hoặc false"),
    (re.compile(r"(.*) is not in the range (\S+)<=x<=(\S+)\.$", re.S), "{0} nằm ngoài {1}–{2}"),
    (re.compile(r"(.*) is not in the range (.*)\.$", re.S), "{0} nằm ngoài khoảng {1}"),
    (re.compile(r"Option (.*) requires an argument\.$"), "tùy chọn {0} cần một giá trị"),
    (re.compile(r"Option (.*) requires (\d+) arguments\.$"), "tùy chọn {0} cần {1} giá trị"),
    (re.compile(r"Option (.*) does not take a value\.$"), "tùy chọn {0} không nhận giá trị"),
    (re.compile(r"Argument (.*) takes (\d+) values\.$"), "tham số {0} cần {1} giá trị"),
    (re.compile(r"Missing command\.$"), "thiếu lệnh"),
    (re.compile(r"No such command (.*?)\.(?: Did you mean (.*)\?)?$"), "không có lệnh {0}"),
    (re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)$", re.S), "thừa tham số: {0}"),
]


def _detail(message: str) -> str:
    """click's English wording of a usage problem, in Vietnamese when it is a known one."""
    for pattern, vietnamese in _DETAILS:
        match = pattern.match(message)
        if match:
            said = vietnamese.format(*match.groups())
            if pattern.pattern.startswith("No such command") and match.group(2):
                said += f" — có phải {match.group(2)}?"
            return said
    return message


def _param_hint(error: BadParameter) -> str:
    hint: Any = error.param_hint
    if hint is None and error.param is not None:
        hint = error.param.get_error_hint(error.ctx)  # type: ignore[arg-type]
    if hint is not None and not isinstance(hint, str):
        hint = " / ".join(repr(x) for x in hint)
    return (hint or "").replace("(env var: ", "(biến môi trường: ")


def usage_message(error: UsageError) -> str:
    """What was wrong with the command line, in Vietnamese."""
    if isinstance(error, NoSuchOption):
        said = f"không có tùy chọn {error.option_name}"
        if error.possibilities:
            said += f" — có phải {', '.join(sorted(error.possibilities))}?"
        return said
    if isinstance(error, MissingParameter):
        kind = error.param_type or (error.param.param_type_name if error.param else "")
        what = "tham số" if kind == "argument" else "tùy chọn"
        return f"thiếu {what} {_param_hint(error)}".rstrip()
    if isinstance(error, BadParameter):
        hint = _param_hint(error)
        where = f" cho {hint}" if hint else ""
        return f"giá trị không hợp lệ{where}: {_detail(error.message)}"
    return _detail(error.message)
