"""The command line: parse options, call the API, print; errors and exit codes at one boundary.

Every command runs inside :func:`_boundary`: a :class:`~baocao.errors.BaocaoError` is
printed in the user's language and format and ends the run with its exit code, and
warnings end it with code 3 under ``--strict``. The environment is read once, into
:class:`~baocao.settings.Settings`, and handed to the API. Help and usage errors are in
Vietnamese (:class:`~baocao.console.VietnameseGroup`).
"""

from __future__ import annotations

import functools
import gc
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from baocao import api
from baocao.console import (
    BatchProgress,
    Lang,
    OutputFormat,
    StatusFormat,
    VietnameseCommand,
    VietnameseGroup,
    done_line,
    fail,
    print_problems,
    print_review,
    print_status,
    say,
    say_compiled,
)
from baocao.console_filing import print_filed
from baocao.errors import (
    BaocaoError,
    ExitCode,
    PlaceholderError,
    Problem,
    Terminated,
    display_path,
    sort_problems,
)
from baocao.settings import Settings
from baocao.stopping import interruption

_MEANINGS = {
    ExitCode.OK: "thành công",
    ExitCode.INVALID_INPUT: "dữ liệu không hợp lệ",
    ExitCode.USAGE: "sai cú pháp lệnh",
    ExitCode.STRICT_WARNINGS: "có cảnh báo khi dùng --strict",
    ExitCode.OUTPUT: "không ghi được kết quả, tệp đã có (thêm --force để ghi đè) hoặc mẫu báo cáo lỗi",
    ExitCode.LOCKED: "một lần chạy khác đang giữ thư mục làm việc",
    ExitCode.DRAFT_ONLY: "còn chỗ cần điền, chỉ lập được bản dự thảo",
    ExitCode.INTERNAL: "lỗi nội bộ",
}
_FILE_EXISTS = "tệp đã có (thêm --force để ghi đè) hoặc không ghi được"


def exit_codes(*codes: ExitCode, output: str = _MEANINGS[ExitCode.OUTPUT]) -> str:
    """The "Mã thoát: …" line of a command's help: the codes it can end with."""
    meanings = {**_MEANINGS, ExitCode.OUTPUT: output}
    listed = [ExitCode.OK, *codes, ExitCode.USAGE, ExitCode.INTERNAL]
    return "Mã thoát: " + "; ".join(f"{int(c)} {meanings[c]}" for c in sorted(set(listed))) + "."


app = typer.Typer(
    name="baocao",
    cls=VietnameseGroup,
    help="Tổng hợp báo cáo kết quả thực hiện kế hoạch (6 tháng, năm) từ nhật ký của các đơn vị.",
    epilog=exit_codes(*ExitCode),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help and usage errors: rich's formatting costs ~0.25 s of imports per run.
    rich_markup_mode=None,
)


def command(
    group: typer.Typer, *codes: ExitCode, name: str | None = None, output: str | None = None
) -> Callable[[Callable[..., None]], Any]:
    """Register a command of ``group`` whose help ends with the exit codes it can give."""
    epilog = exit_codes(*codes, output=output or _MEANINGS[ExitCode.OUTPUT])
    return group.command(name, cls=VietnameseCommand, epilog=epilog)


def _day(text: str) -> date:
    """A date option's value: dd/mm/yyyy or yyyy-mm-dd."""
    try:
        return api.parse_date(text)
    except ValueError:
        raise typer.BadParameter(
            f"'{text}' không phải ngày; viết dd/mm/yyyy hoặc yyyy-mm-dd (15/03/2021, 2021-03-15)"
        ) from None


def _date_option(name: str, help_text: str) -> Any:
    return typer.Option(
        name, metavar="NGÀY", parser=_day, help=f"{help_text}; NGÀY: dd/mm/yyyy hoặc yyyy-mm-dd."
    )


WorkspaceOpt = Annotated[
    Path | None,
    typer.Option(
        "--workspace",
        "-w",
        metavar="THƯ_MỤC",
        help="Thư mục làm việc (mặc định: ./ hoặc ./data/).",
    ),
]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Coi cảnh báo là lỗi (mã thoát 3).")]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", help="Định dạng: text hoặc json.")]
PeriodOpt = Annotated[api.Period, typer.Option("--period", "-p", help="Kỳ báo cáo: 6m, 1y, q1–q4.")]
YearOpt = Annotated[
    int | None,
    typer.Option("--year", metavar="NĂM", help="Năm báo cáo (mặc định: năm kế hoạch)."),
]
LangOpt = Annotated[
    Lang, typer.Option("--lang", envvar="BAOCAO_LANG", help="Ngôn ngữ thông báo: vi hoặc en.")
]
ForceOpt = Annotated[
    bool, typer.Option("--force", help="Ghi đè tệp đã có (mặc định: không bao giờ ghi đè).")
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"baocao {api.__version__}")
        raise typer.Exit()


def _settings(ctx: typer.Context) -> Settings:
    """The run's settings: those :func:`main` read from the environment, or read now."""
    root = ctx.find_root()
    if not isinstance(root.obj, Settings):
        root.obj = Settings.from_env()
    return root.obj


Command = Callable[..., "list[Problem] | None"]


def _boundary(
    *, problems_on_stdout: bool = False, count_errors: bool = False
) -> Callable[[Command], Callable[..., None]]:
    """Run a command: its user errors printed and turned into exit codes, in one place.

    The command returns the warnings that ``--strict`` turns into exit code 3 (None when
    it has no ``--strict``). ``validate`` prints problems on stdout, its output proper,
    after a count of the errors; the other commands print them on stderr.
    """

    def wrap(command: Command) -> Callable[..., None]:
        @functools.wraps(command)
        def run(**options: Any) -> None:
            fmt = OutputFormat.json if options.get("fmt") == "json" else OutputFormat.text
            lang: Lang = options.get("lang", Lang.vi)
            try:
                warnings = command(**options)
            except BaocaoError as error:
                if (
                    count_errors
                    and fmt is OutputFormat.text
                    and not isinstance(error, PlaceholderError)
                ):
                    errors = len(error.errors)
                    vi, en = f"Không hợp lệ: {errors} lỗi.", f"Invalid: {errors} error(s)."
                    say(vi, en, lang, err=True)
                fail(error, fmt, lang, err=not problems_on_stdout)
            if options.get("strict") and warnings:
                raise typer.Exit(int(ExitCode.STRICT_WARNINGS))

        return run

    return wrap


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="In phiên bản rồi thoát."),
    ] = False,
) -> None:
    """Tổng hợp báo cáo kết quả thực hiện kế hoạch từ nhật ký của các đơn vị."""
    _settings(ctx)


@command(app, ExitCode.INVALID_INPUT, ExitCode.STRICT_WARNINGS, ExitCode.DRAFT_ONLY)
@_boundary(problems_on_stdout=True, count_errors=True)
def validate(
    ctx: typer.Context,
    workspace: WorkspaceOpt = None,
    strict: StrictOpt = False,
    fmt: FormatOpt = OutputFormat.text,
    lang: LangOpt = Lang.vi,
) -> list[Problem]:
    """Kiểm tra kế hoạch và nhật ký của mọi đơn vị; báo mọi lỗi kèm tệp:dòng:cột.

    Chỗ còn phải điền (giá trị trong ngoặc vuông, dòng '# CẦN ĐIỀN', thiếu người ký,
    nơi nhận) là lỗi: còn chúng thì chỉ lập được bản dự thảo (mã thoát 6).
    """
    ws = api.validate(workspace, settings=_settings(ctx))
    print_problems(ws.warnings, fmt, lang, err=False)
    if fmt is OutputFormat.text:
        files, warns = len(ws.files), len(ws.warnings)
        say(
            f"Hợp lệ: {files} tệp, {len(ws.logs)} đơn vị đã gửi nhật ký, {warns} cảnh báo.",
            f"Valid: {files} files, {len(ws.logs)} units sent a log, {warns} warning(s).",
            lang,
            err=True,
        )
    return ws.warnings


# --- getting started: plan import, init, schema --------------------------------------

plan_app = typer.Typer(
    name="plan",
    cls=VietnameseGroup,
    help="Làm việc với văn bản kế hoạch.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(plan_app, name="plan")


@command(
    plan_app,
    ExitCode.INVALID_INPUT,
    ExitCode.STRICT_WARNINGS,
    ExitCode.OUTPUT,
    name="import",
    output=_FILE_EXISTS,
)
@_boundary()
def plan_import(
    source: Annotated[
        Path,
        typer.Argument(
            metavar="VĂN_BẢN",
            help="Văn bản kế hoạch: .txt (UTF-8) hoặc .docx.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", metavar="TỆP", help="Tệp kế hoạch YAML sẽ ghi.", show_default=False
        ),
    ],
    co_quan_chu_quan: Annotated[
        str | None,
        typer.Option("--co-quan-chu-quan", metavar="TÊN", help="Cơ quan chủ quản: UBND HUYỆN …"),
    ] = None,
    co_quan: Annotated[
        str | None,
        typer.Option("--co-quan", metavar="TÊN", help="Cơ quan ban hành: PHÒNG TƯ PHÁP"),
    ] = None,
    ky_hieu: Annotated[
        str | None,
        typer.Option("--ky-hieu", metavar="CHỮ", help="Chữ viết tắt cơ quan trong ký hiệu: PTP"),
    ] = None,
    so: Annotated[
        str | None, typer.Option("--so", metavar="SỐ", help="Số, ký hiệu: 25/KH-PTP")
    ] = None,
    ngay: Annotated[
        str | None,
        typer.Option(
            "--ngay",
            metavar="NGÀY",
            help="Ngày ban hành; NGÀY: dd/mm/yyyy hoặc yyyy-mm-dd.",
        ),
    ] = None,
    dia_danh: Annotated[
        str | None,
        typer.Option("--dia-danh", metavar="TÊN", help="Địa danh ở dòng ngày tháng: Tân Lập"),
    ] = None,
    ten: Annotated[
        str | None,
        typer.Option("--ten", metavar="TÊN", help="Tên kế hoạch, sau chữ 'Kế hoạch'"),
    ] = None,
    nam: Annotated[
        int | None,
        typer.Option("--nam", metavar="NĂM", min=1900, max=2100, help="Năm kế hoạch"),
    ] = None,
    force: ForceOpt = False,
    strict: StrictOpt = False,
    fmt: FormatOpt = OutputFormat.text,
    lang: LangOpt = Lang.vi,
) -> list[Problem]:
    """Đọc văn bản kế hoạch (.txt, .docx) và ghi tệp kế hoạch YAML để rà soát."""
    options = api.HeaderOptions(co_quan_chu_quan, co_quan, ky_hieu, so, ngay, dia_danh, ten, nam)
    done = api.import_plan(source, output, options, force=force)
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
    return done.warnings


@command(app, ExitCode.INVALID_INPUT, ExitCode.OUTPUT, output=_FILE_EXISTS)
@_boundary()
def init(
    ctx: typer.Context,
    folder: Annotated[
        Path,
        typer.Argument(metavar="THƯ_MỤC", help="Thư mục làm việc sẽ tạo.", show_default=False),
    ],
    plan: Annotated[
        Path | None,
        typer.Option(
            "--plan",
            metavar="TỆP...",
            help="Kế hoạch: tệp YAML (chép vào) hoặc văn bản .txt/.docx (nhập); "
            "mặc định: kế hoạch mẫu.",
        ),
    ] = None,
    force: ForceOpt = False,
    fmt: FormatOpt = OutputFormat.text,
    lang: LangOpt = Lang.vi,
) -> None:
    """Tạo thư mục làm việc: cấu hình, kế hoạch, nhật ký mẫu cho từng đơn vị, lược đồ."""
    done = api.init_workspace(folder, plan, force=force, settings=_settings(ctx))
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


@command(app, ExitCode.INVALID_INPUT, ExitCode.OUTPUT, output=_FILE_EXISTS)
@_boundary()
def schema(
    ctx: typer.Context,
    plan: Annotated[
        Path | None,
        typer.Option(
            "--plan",
            metavar="TỆP...",
            help="Tệp kế hoạch YAML (mặc định: kế hoạch của thư mục làm việc).",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="THƯ_MỤC",
            help="Thư mục ghi lược đồ (mặc định: <thư mục làm việc>/.schema).",
        ),
    ] = None,
    workspace: WorkspaceOpt = None,
    force: ForceOpt = False,
    fmt: FormatOpt = OutputFormat.text,
    lang: LangOpt = Lang.vi,
) -> None:
    """Ghi lược đồ JSON (JSON Schema) của kế hoạch, cấu hình và nhật ký để trình soạn thảo gợi ý."""
    done = api.write_schemas(output, plan, workspace, force=force, settings=_settings(ctx))
    names = ", ".join(str(p) for p in done.paths)
    done_line(done.warnings, fmt, lang, f"Đã ghi lược đồ: {names}", f"Schemas written: {names}")


@command(
    app,
    *ExitCode,
    name="compile",
    output="không ghi được kết quả, tệp -o đã có (thêm --force để ghi đè) hoặc mẫu báo cáo lỗi",
)
@_boundary()
def compile_(
    ctx: typer.Context,
    period: PeriodOpt = api.Period.HALF_YEAR,
    year: YearOpt = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="TỆP...",
            help="Tệp .docx kết quả; nếu đã có và không phải báo cáo do baocao lập thì cần --force.",
        ),
    ] = None,
    template: Annotated[
        Path | None, typer.Option("--template", metavar="TỆP", help="Mẫu báo cáo .docx khác.")
    ] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="Xuất thêm PDF (cần LibreOffice).")] = False,
    report_date: Annotated[
        date | None,
        _date_option(
            "--date",
            "Ngày ghi trên báo cáo (mặc định: han_bao_cao của kỳ; không có thì hạn nộp "
            "của đơn vị, hoặc ngày nhận báo cáo muộn nhất nếu sau hạn)",
        ),
    ] = None,
    as_of: Annotated[
        date | None,
        _date_option(
            "--as-of", "Chỉ tính báo cáo đơn vị gửi đến hết ngày này (mặc định: ngày báo cáo)"
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
        date | None, _date_option("--from", "Số liệu tính từ ngày (thay cho kế hoạch)")
    ] = None,
    end: Annotated[
        date | None, _date_option("--to", "Số liệu tính đến ngày (thay cho kế hoạch)")
    ] = None,
    compare_with: Annotated[
        Path | None,
        typer.Option(
            "--so-sanh",
            metavar="TỆP",
            help="Tệp tóm tắt .json của báo cáo cùng kỳ năm trước: so sánh tăng, giảm.",
        ),
    ] = None,
    all_reports: Annotated[
        bool, typer.Option("--all", help="Lập mọi báo cáo khai trong baocao.yaml (mục bao_cao).")
    ] = False,
    wait: Annotated[
        float,
        typer.Option(
            "--wait",
            metavar="GIÂY",
            help="Chờ tối đa bấy nhiêu giây nếu một lần chạy khác đang lập báo cáo.",
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
) -> list[Problem]:
    """Lập báo cáo kỳ (6 tháng, năm, quý) thành tệp .docx theo Nghị định 30/2020.

    Kèm theo mỗi báo cáo là tệp .json tóm tắt số liệu. Chạy lại khi dữ liệu không đổi
    thì không ghi lại tệp nào.
    """
    settings = _settings(ctx)
    if all_reports:
        return _compile_all(workspace, template, draft, wait, quiet, fmt, lang, settings, force)
    done = api.compile_report(
        workspace,
        period,
        year,
        output=output,
        template=template,
        pdf=pdf,
        report_date=report_date,
        as_of=as_of,
        start=start,
        end=end,
        draft=draft,
        wait=wait,
        compare_with=compare_with,
        force=force,
        settings=settings,
    )
    if not quiet:
        print_problems(done.warnings, fmt, lang, err=True)
        say_compiled(done, lang)
    return done.warnings


def _compile_all(
    workspace: Path | None,
    template: Path | None,
    draft: bool,
    wait: float,
    quiet: bool,
    fmt: OutputFormat,
    lang: Lang,
    settings: Settings,
    force: bool,
) -> list[Problem]:
    """All configured reports: a progress bar on a terminal, one line per report otherwise."""
    progress = BatchProgress(lang, quiet=quiet)
    try:
        results = api.compile_all(
            workspace,
            template=template,
            draft=draft,
            wait=wait,
            progress=progress,
            settings=settings,
            force=force,
        )
    finally:
        progress.close()
    # The workspace's warnings once, and each report's own (what its date left out).
    warnings = sort_problems(p for done in results for p in done.warnings)
    if not quiet:
        print_problems(warnings, fmt, lang, err=True)
    progress.summary(results)
    return warnings


@command(app, ExitCode.INVALID_INPUT)
@_boundary()
def status(
    ctx: typer.Context,
    period: PeriodOpt = api.Period.HALF_YEAR,
    year: YearOpt = None,
    as_of: Annotated[
        date | None,
        _date_option(
            "--as-of",
            "Tính đến ngày (mặc định: hôm nay); báo cáo gửi sau ngày này coi như chưa gửi",
        ),
    ] = None,
    workspace: WorkspaceOpt = None,
    fmt: Annotated[
        StatusFormat, typer.Option("--format", help="Định dạng: text, json hoặc csv.")
    ] = StatusFormat.text,
    lang: LangOpt = Lang.vi,
) -> None:
    """Đơn vị nào đã gửi, gửi chậm, chưa gửi báo cáo của kỳ, so với hạn nộp của kế hoạch."""
    report = api.status(workspace, period, year, as_of=as_of, settings=_settings(ctx))
    print_status(report, fmt, lang)


# --- units' submissions: forms out, submissions in --------------------------------------


@command(
    app,
    ExitCode.INVALID_INPUT,
    ExitCode.OUTPUT,
    output="tệp đã có (thêm --force để ghi đè) hoặc không ghi được",
)
@_boundary()
def form(
    ctx: typer.Context,
    don_vi: Annotated[
        str | None,
        typer.Option("--don-vi", metavar="MÃ", help="Mã đơn vị cần lập biểu mẫu."),
    ] = None,
    all_units: Annotated[
        bool, typer.Option("--all", help="Lập biểu mẫu cho mọi đơn vị, mỗi đơn vị một tệp.")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="TỆP_HOẶC_THƯ_MỤC",
            help="Tệp .xlsx (một đơn vị) hoặc thư mục (--all); "
            "mặc định: <thư mục làm việc>/bieu-mau/.",
        ),
    ] = None,
    workspace: WorkspaceOpt = None,
    force: ForceOpt = False,
    fmt: FormatOpt = OutputFormat.text,
    lang: LangOpt = Lang.vi,
) -> None:
    """Lập biểu mẫu Excel (.xlsx) để đơn vị điền, có sẵn những gì nhật ký đã ghi."""
    if all_units == (don_vi is not None):
        raise typer.BadParameter("chọn một trong hai: --don-vi MÃ hoặc --all")
    paths = api.make_forms(workspace, don_vi, output=output, force=force, settings=_settings(ctx))
    shown = display_path(paths[0]) if len(paths) == 1 else display_path(paths[0].parent)
    done_line(
        [],
        fmt,
        lang,
        f"Đã lập {len(paths)} biểu mẫu: {shown}",
        f"Wrote {len(paths)} form(s): {shown}",
    )


@command(
    app,
    ExitCode.INVALID_INPUT,
    ExitCode.STRICT_WARNINGS,
    ExitCode.OUTPUT,
    ExitCode.LOCKED,
    output="không ghi được nhật ký",
)
@_boundary()
def nhan(
    ctx: typer.Context,
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="TỆP...",
            help="Tệp đơn vị gửi: biểu mẫu .xlsx, nhật ký .yaml; tệp tóm tắt .json của cơ "
            "quan cấp dưới.",
            show_default=False,
        ),
    ],
    don_vi: Annotated[
        str | None,
        typer.Option(
            "--don-vi",
            metavar="MÃ",
            help="Chỉ nhận tệp của đơn vị có mã này; với tệp .json: cơ quan cấp dưới đã gửi.",
        ),
    ] = None,
    ngay_gui: Annotated[
        date | None,
        _date_option("--ngay-gui", "Ngày đơn vị gửi, khi tệp không ghi (mặc định: hôm nay)"),
    ] = None,
    ky: Annotated[
        api.Period | None,
        typer.Option(
            "--ky",
            metavar="KỲ",
            help="Kỳ báo cáo của lần gửi này: 6m, 1y, q1–q4 "
            "(mặc định: kỳ có hạn nộp gần ngày gửi nhất).",
        ),
    ] = None,
    kiem_tra: Annotated[
        bool,
        typer.Option("--kiem-tra", help="Chỉ kiểm tra và cho biết sẽ thay đổi gì; không ghi gì."),
    ] = False,
    wait: Annotated[
        float,
        typer.Option(
            "--wait",
            metavar="GIÂY",
            help="Chờ tối đa bấy nhiêu giây nếu một lần chạy khác đang ghi.",
        ),
    ] = 0.0,
    workspace: WorkspaceOpt = None,
    strict: StrictOpt = False,
    fmt: FormatOpt = OutputFormat.text,
    lang: LangOpt = Lang.vi,
) -> list[Problem]:
    """Nhận tệp đơn vị gửi (biểu mẫu .xlsx, nhật ký .yaml) vào nhật ký <năm>/<mã>.yaml.

    Tệp tóm tắt .json của cơ quan cấp dưới (cap_duoi) được lưu thành <năm>/<mã>.json.
    Kiểm tra mọi tệp trước: có lỗi thì không ghi gì. Bản trước được lưu trong
    <năm>/.lich-su/. In ra những gì thay đổi theo từng nhiệm vụ.
    """
    try:
        filed = api.receive(
            files,
            workspace,
            unit=don_vi,
            sent_on=ngay_gui,
            period=ky,
            check_only=kiem_tra,
            strict=strict,
            wait=wait,
            settings=_settings(ctx),
        )
    except BaocaoError as error:
        if not (strict and error.problems and not error.errors):
            raise
        print_problems(error.problems, fmt, lang, err=True)  # nothing filed: exit 3
        return error.problems
    print_filed(filed, fmt, lang, check_only=kiem_tra)
    return []


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

    The environment is read here, once. Stopped by Ctrl-C or SIGTERM, the run unwinds:
    a result being written is dropped whole (the previous one stays) and the workspace
    is released.
    """
    import os
    import signal

    _utf8_streams()
    # baocao uses no pydantic plugins; looking for them scans every installed package's
    # metadata, a tenth of a second of each run's start.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    settings = Settings.from_env()
    signal.signal(signal.SIGTERM, _on_sigterm)
    # A national workspace holds millions of small objects that live until the end; the
    # default thresholds make the collector walk them all over again, ever more often.
    gc.set_threshold(100_000, 50, 100)
    try:
        app(obj=settings)
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
        if settings.debug:
            raise
        sys.stderr.write(
            f"Lỗi nội bộ của baocao ({type(exc).__name__}: {exc}). "
            "Đặt BAOCAO_DEBUG=1 để xem chi tiết và báo cho người phát triển.\n"
        )
        sys.exit(int(ExitCode.INTERNAL))
