"""The command line: parse options, call the API, print, map errors to exit codes."""

from __future__ import annotations

import gc
import os
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from baocao.console import (
    BatchProgress,
    Lang,
    OutputFormat,
    StatusFormat,
    done_line,
    fail,
    print_problems,
    print_review,
    print_status,
    say,
    say_compiled,
)
from baocao.errors import BaocaoError, ExitCode, PlaceholderError, Terminated, sort_problems
from baocao.stopping import interruption

EXIT_CODES_HELP = (
    "Mã thoát: 0 thành công; 1 dữ liệu không hợp lệ; 2 sai cú pháp lệnh; "
    "3 có cảnh báo khi dùng --strict; 4 không ghi được kết quả hoặc mẫu báo cáo lỗi; "
    "5 một lần chạy khác đang giữ thư mục làm việc; 6 còn chỗ cần điền, chỉ lập được bản "
    "dự thảo; 70 lỗi nội bộ."
)

app = typer.Typer(
    name="baocao",
    help="Tổng hợp báo cáo kết quả thực hiện kế hoạch (6 tháng, năm) từ nhật ký của các đơn vị.\n\n"
    + EXIT_CODES_HELP,
    epilog=EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help and usage errors: rich's formatting costs ~0.25 s of imports per run.
    rich_markup_mode=None,
)


WorkspaceOpt = Annotated[
    Path | None,
    typer.Option("--workspace", "-w", help="Thư mục làm việc (mặc định: ./ hoặc ./data/)."),
]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Coi cảnh báo là lỗi (mã thoát 3).")]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", help="Định dạng: text hoặc json.")]


class Period(StrEnum):
    m6 = "6m"
    y1 = "1y"
    q1 = "q1"
    q2 = "q2"
    q3 = "q3"
    q4 = "q4"


PeriodOpt = Annotated[Period, typer.Option("--period", "-p", help="Kỳ báo cáo: 6m, 1y, q1–q4.")]
YearOpt = Annotated[
    int | None, typer.Option("--year", help="Năm báo cáo (mặc định: năm kế hoạch).")
]
LangOpt = Annotated[
    Lang, typer.Option("--lang", envvar="BAOCAO_LANG", help="Ngôn ngữ thông báo: vi hoặc en.")
]


def _version(value: bool) -> None:
    if value:
        from baocao import __version__

        typer.echo(f"baocao {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="In phiên bản rồi thoát."),
    ] = False,
) -> None:
    """Tổng hợp báo cáo kết quả thực hiện kế hoạch từ nhật ký của các đơn vị."""


@app.command(epilog=EXIT_CODES_HELP)
def validate(
    workspace: WorkspaceOpt = None,
    strict: StrictOpt = False,
    fmt: FormatOpt = OutputFormat.text,
    lang: LangOpt = Lang.vi,
) -> None:
    """Kiểm tra kế hoạch và nhật ký của mọi đơn vị; báo mọi lỗi kèm tệp:dòng:cột.

    Chỗ còn phải điền (giá trị trong ngoặc vuông, dòng '# CẦN ĐIỀN', thiếu người ký,
    nơi nhận) là lỗi: còn chúng thì chỉ lập được bản dự thảo (mã thoát 6).
    """
    from baocao import api

    try:
        ws = api.validate(workspace)
    except BaocaoError as error:
        if fmt is OutputFormat.text and not isinstance(error, PlaceholderError):
            errors = len(error.errors)
            say(f"Không hợp lệ: {errors} lỗi.", f"Invalid: {errors} error(s).", lang, err=True)
        fail(error, fmt, lang, err=False)
    print_problems(ws.warnings, fmt, lang, err=False)
    if fmt is OutputFormat.text:
        files, warns = len(ws.files), len(ws.warnings)
        say(
            f"Hợp lệ: {files} tệp, {len(ws.logs)} đơn vị đã gửi nhật ký, {warns} cảnh báo.",
            f"Valid: {files} files, {len(ws.logs)} units sent a log, {warns} warning(s).",
            lang,
            err=True,
        )
    if strict and ws.warnings:
        raise typer.Exit(int(ExitCode.STRICT_WARNINGS))


# --- getting started: plan import, init, schema --------------------------------------

plan_app = typer.Typer(
    name="plan",
    help="Làm việc với văn bản kế hoạch.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(plan_app, name="plan")

ForceOpt = Annotated[
    bool, typer.Option("--force", help="Ghi đè tệp đã có (mặc định: không bao giờ ghi đè).")
]


@plan_app.command("import", epilog=EXIT_CODES_HELP)
def plan_import(
    source: Annotated[
        Path, typer.Argument(help="Văn bản kế hoạch: .txt (UTF-8) hoặc .docx.", show_default=False)
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Tệp kế hoạch YAML sẽ ghi.", show_default=False)
    ],
    co_quan_chu_quan: Annotated[
        str | None, typer.Option("--co-quan-chu-quan", help="Cơ quan chủ quản: UBND HUYỆN …")
    ] = None,
    co_quan: Annotated[
        str | None, typer.Option("--co-quan", help="Cơ quan ban hành: PHÒNG TƯ PHÁP")
    ] = None,
    ky_hieu: Annotated[
        str | None, typer.Option("--ky-hieu", help="Chữ viết tắt cơ quan trong ký hiệu: PTP")
    ] = None,
    so: Annotated[str | None, typer.Option("--so", help="Số, ký hiệu: 25/KH-PTP")] = None,
    ngay: Annotated[
        str | None, typer.Option("--ngay", help="Ngày ban hành: 10/03/2021 hoặc 2021-03-10")
    ] = None,
    dia_danh: Annotated[
        str | None, typer.Option("--dia-danh", help="Địa danh ở dòng ngày tháng: Tân Lập")
    ] = None,
    ten: Annotated[
        str | None, typer.Option("--ten", help="Tên kế hoạch, sau chữ 'Kế hoạch'")
    ] = None,
    nam: Annotated[
        int | None, typer.Option("--nam", min=1900, max=2100, help="Năm kế hoạch")
    ] = None,
    force: ForceOpt = False,
    strict: StrictOpt = False,
    fmt: FormatOpt = OutputFormat.text,
    lang: LangOpt = Lang.vi,
) -> None:
    """Đọc văn bản kế hoạch (.txt, .docx) và ghi tệp kế hoạch YAML để rà soát."""
    from baocao import api

    options = api.HeaderOptions(co_quan_chu_quan, co_quan, ky_hieu, so, ngay, dia_danh, ten, nam)
    try:
        done = api.import_plan(source, output, options, force=force)
    except BaocaoError as error:
        fail(error, fmt, lang)
    plan = done.plan
    print_problems(done.warnings, fmt, lang, err=True)
    print_review(done, fmt, lang)
    if fmt is OutputFormat.text:
        marks = len(done.review)
        say(
            f"Đã ghi {output}: {len(plan.tasks)} nhiệm vụ, {len(plan.purposes)} mục đích, "
            f"{len(plan.schedule.periods)} kỳ báo cáo, {marks} giá trị cần xem lại (ở trên).",
            f"Wrote {output}: {len(plan.tasks)} tasks, {len(plan.purposes)} purposes, "
            f"{len(plan.schedule.periods)} reporting periods, {marks} value(s) to review (above).",
            lang,
            err=True,
        )
    if strict and done.warnings:
        raise typer.Exit(int(ExitCode.STRICT_WARNINGS))


@app.command(epilog=EXIT_CODES_HELP)
def init(
    folder: Annotated[Path, typer.Argument(help="Thư mục làm việc sẽ tạo.", show_default=False)],
    plan: Annotated[
        Path | None,
        typer.Option(
            "--plan",
            help="Kế hoạch: tệp YAML (chép vào) hoặc văn bản .txt/.docx (nhập); "
            "mặc định: kế hoạch mẫu.",
        ),
    ] = None,
    force: ForceOpt = False,
    fmt: FormatOpt = OutputFormat.text,
    lang: LangOpt = Lang.vi,
) -> None:
    """Tạo thư mục làm việc: cấu hình, kế hoạch, nhật ký mẫu cho từng đơn vị, lược đồ."""
    from baocao import api

    try:
        done = api.init_workspace(folder, plan, force=force)
    except BaocaoError as error:
        fail(error, fmt, lang)
    units = len(done.plan.units)
    done_line(
        done.warnings,
        fmt,
        lang,
        f"Đã tạo thư mục làm việc {folder}: {len(done.files)} tệp, nhật ký cho {units} đơn vị. "
        f"Kiểm tra bằng: baocao validate -w {folder}",
        f"Created workspace {folder}: {len(done.files)} files, logs for {units} units. "
        f"Check it with: baocao validate -w {folder}",
    )


@app.command(epilog=EXIT_CODES_HELP)
def schema(
    plan: Annotated[
        Path | None,
        typer.Option("--plan", help="Tệp kế hoạch YAML (mặc định: kế hoạch của thư mục làm việc)."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Thư mục ghi lược đồ (mặc định: <thư mục làm việc>/.schema)."
        ),
    ] = None,
    workspace: WorkspaceOpt = None,
    force: ForceOpt = False,
    fmt: FormatOpt = OutputFormat.text,
    lang: LangOpt = Lang.vi,
) -> None:
    """Ghi lược đồ JSON (JSON Schema) của kế hoạch, cấu hình và nhật ký để trình soạn thảo gợi ý."""
    from baocao import api

    try:
        done = api.write_schemas(output, plan, workspace, force=force)
    except BaocaoError as error:
        fail(error, fmt, lang)
    names = ", ".join(str(p) for p in done.paths)
    done_line(done.warnings, fmt, lang, f"Đã ghi lược đồ: {names}", f"Schemas written: {names}")


def _parse_day(value: str | None) -> date | None:
    if value is None:
        return None
    from baocao.api import parse_date

    try:
        return parse_date(value)
    except ValueError:
        raise typer.BadParameter(
            f"ngày không hợp lệ: {value} (viết 2021-03-15 hoặc 15/03/2021)"
        ) from None


@app.command("compile", epilog=EXIT_CODES_HELP)
def compile_(
    period: PeriodOpt = Period.m6,
    year: YearOpt = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Tệp .docx kết quả.")
    ] = None,
    template: Annotated[
        Path | None, typer.Option("--template", help="Mẫu báo cáo .docx khác.")
    ] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="Xuất thêm PDF (cần LibreOffice).")] = False,
    report_date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="Ngày ghi trên báo cáo (mặc định: han_bao_cao của kỳ; không có thì hạn nộp "
            "của đơn vị, hoặc ngày nhận báo cáo muộn nhất nếu sau hạn).",
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Chỉ tính báo cáo đơn vị gửi đến hết ngày này (mặc định: ngày báo cáo).",
        ),
    ] = None,
    draft: Annotated[
        bool,
        typer.Option(
            "--draft",
            help="Lập bản dự thảo (ghi 'DỰ THẢO', tên tệp …-du-thao.docx) dù còn chỗ cần điền.",
        ),
    ] = False,
    start: Annotated[
        str | None, typer.Option("--from", help="Số liệu tính từ ngày (ghi đè kế hoạch).")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", help="Số liệu tính đến ngày (ghi đè kế hoạch).")
    ] = None,
    compare_with: Annotated[
        Path | None,
        typer.Option(
            "--so-sanh",
            help="Tệp tóm tắt .json của báo cáo cùng kỳ năm trước: so sánh tăng, giảm.",
        ),
    ] = None,
    all_reports: Annotated[
        bool, typer.Option("--all", help="Lập mọi báo cáo khai trong baocao.yaml (mục bao_cao).")
    ] = False,
    wait: Annotated[
        float,
        typer.Option(
            "--wait", help="Chờ tối đa bấy nhiêu giây nếu một lần chạy khác đang lập báo cáo."
        ),
    ] = 0.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Chỉ in lỗi.")] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Ghi đè cả tệp trùng tên không do baocao lập (mặc định: từ chối)."
        ),
    ] = False,
    workspace: WorkspaceOpt = None,
    strict: StrictOpt = False,
    fmt: FormatOpt = OutputFormat.text,
    lang: LangOpt = Lang.vi,
) -> None:
    """Lập báo cáo kỳ (6 tháng, năm, quý) thành tệp .docx theo Nghị định 30/2020.

    Kèm theo mỗi báo cáo là tệp .json tóm tắt số liệu. Chạy lại khi dữ liệu không đổi
    thì không ghi lại tệp nào.
    """
    from baocao import api

    if all_reports:
        _compile_all(workspace, template, draft, wait, quiet, strict, fmt, lang, force)
        return
    try:
        done = api.compile_report(
            workspace,
            period.value,
            year,
            output=output,
            template=template,
            pdf=pdf,
            report_date=_parse_day(report_date),
            as_of=_parse_day(as_of),
            start=_parse_day(start),
            end=_parse_day(end),
            draft=draft,
            wait=wait,
            compare_with=compare_with,
            force=force,
        )
    except BaocaoError as error:
        fail(error, fmt, lang)
    if not quiet:
        print_problems(done.warnings, fmt, lang, err=True)
        say_compiled(done, lang)
    if strict and done.warnings:
        raise typer.Exit(int(ExitCode.STRICT_WARNINGS))


def _compile_all(
    workspace: Path | None,
    template: Path | None,
    draft: bool,
    wait: float,
    quiet: bool,
    strict: bool,
    fmt: OutputFormat,
    lang: Lang,
    force: bool,
) -> None:
    """All configured reports: a progress bar on a terminal, one line per report otherwise."""
    from baocao import api

    progress = BatchProgress(lang, quiet=quiet)
    try:
        results = api.compile_all(
            workspace,
            template=template,
            draft=draft,
            wait=wait,
            progress=progress,
            force=force,
        )
    except BaocaoError as error:
        progress.close()
        fail(error, fmt, lang)
    # The workspace's warnings once, and each report's own (what its date left out).
    warnings = sort_problems(p for done in results for p in done.warnings)
    if not quiet:
        print_problems(warnings, fmt, lang, err=True)
    progress.summary(results)
    if strict and warnings:
        raise typer.Exit(int(ExitCode.STRICT_WARNINGS))


@app.command(epilog=EXIT_CODES_HELP)
def status(
    period: PeriodOpt = Period.m6,
    year: YearOpt = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Tính đến ngày (mặc định: hôm nay); báo cáo gửi sau ngày này coi như chưa gửi.",
        ),
    ] = None,
    workspace: WorkspaceOpt = None,
    fmt: Annotated[
        StatusFormat, typer.Option("--format", help="text, json hoặc csv.")
    ] = StatusFormat.text,
    lang: LangOpt = Lang.vi,
) -> None:
    """Đơn vị nào đã gửi, gửi chậm, chưa gửi báo cáo của kỳ, so với hạn nộp của kế hoạch."""
    from baocao import api

    problem_fmt = OutputFormat.json if fmt is StatusFormat.json else OutputFormat.text
    try:
        report = api.status(workspace, period.value, year, as_of=_parse_day(as_of))
    except BaocaoError as error:
        fail(error, problem_fmt, lang)
    print_status(report, fmt, lang)


def _utf8_streams() -> None:
    # Scheduled runs on Windows write to files in the ANSI code page by default, which
    # cannot hold Vietnamese: say everything in UTF-8 instead of failing mid-line.
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def _on_sigterm(signum: int, frame: Any) -> None:
    raise Terminated


def main() -> None:
    """Console entry point: no traceback ever reaches a clerk.

    Stopped by Ctrl-C or SIGTERM, the run unwinds: a result being written is dropped
    whole (the previous one stays) and the workspace is released.
    """
    import signal

    _utf8_streams()
    # baocao uses no pydantic plugins; looking for them scans every installed package's
    # metadata, a tenth of a second of each run's start.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    signal.signal(signal.SIGTERM, _on_sigterm)
    # A national workspace holds millions of small objects that live until the end; the
    # default thresholds make the collector walk them all over again, ever more often.
    gc.set_threshold(100_000, 50, 100)
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("Đã dừng.\n")
        sys.exit(130)
    except Terminated:
        sys.stderr.write("Đã dừng.\n")
        sys.exit(143)
    except Exception as exc:  # an internal fault, not the user's: say so, briefly
        stopped = interruption(exc)
        if stopped is not None:  # Ctrl-C or SIGTERM that Python wrapped in another error
            sys.stderr.write("Đã dừng.\n")
            sys.exit(130 if isinstance(stopped, KeyboardInterrupt) else 143)
        if os.environ.get("BAOCAO_DEBUG"):
            raise
        sys.stderr.write(
            f"Lỗi nội bộ của baocao ({type(exc).__name__}: {exc}). "
            "Đặt BAOCAO_DEBUG=1 để xem chi tiết và báo cho người phát triển.\n"
        )
        sys.exit(int(ExitCode.INTERNAL))
