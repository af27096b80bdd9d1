"""Creating a ready workspace: configuration, plan, one log per unit, schemas.

``init`` is what a clerk runs first. Every file it writes validates as it is, and
every YAML file starts with a ``yaml-language-server`` line pointing at the
schema beside it, so an editor completes keys and flags mistakes. The unit logs
hold each task and its indicators as commented examples: the clerk copies a
block, removes the "# " and fills in the figures.
"""

from __future__ import annotations

import importlib.resources
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from baocao.atomic import check_not_input
from baocao.core import keys
from baocao.core.models import Plan, Task
from baocao.errors import InputError, OutputError, Problem, display_path
from baocao.input.files import read_text
from baocao.input.validate import check, check_plan
from baocao.input.workspace import CONFIG_NAME, load_workspace
from baocao.input.yamlio import parse
from baocao.plan.build import HeaderOptions, build_plan
from baocao.plan.schema import (
    CONFIG_SCHEMA,
    LOG_SCHEMA,
    PLAN_SCHEMA,
    SCHEMA_FILES,
    write_schemas,
)
from baocao.plan.writing import (
    CHECK,
    FILL,
    Mark,
    dump_yaml,
    ensure_free,
    locate_marks,
    note,
    with_schema,
    write_text,
)
from baocao.settings import Settings

SCHEMA_DIR = ".schema"
SAMPLE_PLAN = "ke-hoach-2021.yaml"
PLAN_SUFFIXES = (".yaml", ".yml")
DOCUMENT_SUFFIXES = (".txt", ".docx")


@dataclass
class Initialised:
    """What ``init`` wrote, and the warnings of the plan import and of validation."""

    root: Path
    plan: Plan
    files: list[Path]
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class PlanSource:
    """A plan ready to be written: its YAML text, the model, and import warnings."""

    text: str
    plan: Plan
    warnings: list[Problem] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)


def load_plan(path: Path) -> PlanSource:
    """A plan YAML file, checked; raises :class:`InputError` with every problem."""
    file = display_path(path)
    text = read_text(path, file)
    doc = parse(text, file)
    plan, problems = check(Plan, doc)
    if plan is not None:
        problems.extend(check_plan(plan, doc))
    if plan is None or any(p.severity == "error" for p in problems):
        raise InputError(problems)
    return PlanSource(text, plan, doc.warnings)


def import_document(path: Path, options: HeaderOptions | None = None) -> PlanSource:
    """A plan document (.txt, .docx) read into plan YAML text."""
    from baocao.plan.document import read_plan_document
    from baocao.plan.importer import read_draft

    built = build_plan(read_draft(read_plan_document(path)), options)
    text = dump_yaml(built.tree)
    return PlanSource(text, built.plan, built.warnings, locate_marks(text, built.marks))


def plan_source(path: Path | None, options: HeaderOptions | None = None) -> PlanSource:
    """The plan from a YAML file, a document to import, or the bundled sample."""
    if path is None:
        sample = importlib.resources.files("baocao") / "samples" / SAMPLE_PLAN
        text = sample.read_text(encoding="utf-8")
        plan, problems = check(Plan, parse(text, SAMPLE_PLAN))
        assert plan is not None, problems  # the bundled sample is tested to be valid
        return PlanSource(text, plan)
    suffix = path.suffix.lower()
    if suffix in PLAN_SUFFIXES:
        return load_plan(path)
    if suffix in DOCUMENT_SUFFIXES:
        return import_document(path, options)
    raise InputError.one(
        "E502", display_path(path), suffix=path.suffix or "(không có)", hint=" hoặc .yaml"
    )


def init_workspace(
    root: Path,
    plan: Path | None = None,
    *,
    force: bool = False,
    options: HeaderOptions | None = None,
    settings: Settings | None = None,
) -> Initialised:
    """Create a workspace in ``root`` that validates straight away.

    Nothing is written when any target file exists and ``force`` is not set: the
    error names every such file.
    """
    if root.exists() and not root.is_dir():
        raise OutputError.one("E508", display_path(root), path=display_path(root))
    source = plan_source(plan, options)
    year = source.plan.year
    plan_name = f"ke-hoach-{year}.yaml"
    logs = {unit.code: root / str(year) / f"{unit.code}.yaml" for unit in source.plan.units}
    schema_dir = root / SCHEMA_DIR
    targets = [
        root / CONFIG_NAME,
        root / plan_name,
        *logs.values(),
        *(schema_dir / name for name in SCHEMA_FILES),
    ]
    if plan is not None:
        check_not_input(targets, [plan])  # --force replaces results, never the plan given
    ensure_free(targets, force=force)
    written = write_schemas(schema_dir, source.plan, force=True)
    write_text(
        root / plan_name, with_schema(source.text, f"{SCHEMA_DIR}/{PLAN_SCHEMA}"), force=True
    )
    write_text(root / CONFIG_NAME, config_text(source.plan, plan_name), force=True)
    for unit in source.plan.units:
        write_text(logs[unit.code], log_text(source.plan, unit.code), force=True)
    workspace = load_workspace(root, settings=settings)
    files = [root / CONFIG_NAME, root / plan_name, *logs.values(), *written]
    return Initialised(root, source.plan, files, [*source.warnings, *workspace.warnings])


def config_text(plan: Plan, plan_name: str) -> str:
    """baocao.yaml for ``plan``: the plan's signer and recipients to review, or
    placeholders for the clerk to fill in."""
    config = CommentedMap()
    config.yaml_set_start_comment("Cấu hình thư mục làm việc của baocao.")
    config[keys.PLAN_FILE] = plan_name
    config[keys.OUTPUT_DIR] = "ket-qua"
    config.yaml_set_comment_before_after_key(
        keys.OUTPUT_DIR,
        before=f"Nhật ký hoạt động của các đơn vị nằm ở thư mục {plan.year}/, mỗi đơn vị một tệp.",
    )
    config[keys.SIGNER] = _signer(plan)
    config.yaml_set_comment_before_after_key(keys.SIGNER, before="\n")
    config[keys.RECIPIENTS] = CommentedSeq(
        plan.recipients or ["[Cơ quan cấp trên] (để b/c)", f"Lưu: VT, {plan.issuer_abbr}"]
    )
    config.yaml_set_comment_before_after_key(
        keys.RECIPIENTS,
        before="\nNơi nhận của báo cáo, mỗi dòng một nơi; dòng cuối là nơi lưu. Cơ quan nhận\n"
        "báo cáo ghi kèm '(để b/c)': mục V chuyển đến đó các đề xuất gửi chính cơ quan ấy.",
    )
    if plan.recipients:
        note(
            config,
            keys.RECIPIENTS,
            f"{CHECK}: chép từ nơi nhận của kế hoạch; báo cáo thường gửi cấp trên (để b/c)",
        )
    config[keys.JOBS] = CommentedSeq(
        CommentedMap({keys.PERIOD: period.value, keys.YEAR: plan.year})
        for period in plan.schedule.periods
    )
    config.yaml_set_comment_before_after_key(
        keys.JOBS,
        before="\nCác báo cáo lập bằng một lệnh: baocao compile --all (ví dụ theo lịch chạy tự động).",
    )
    return with_schema(dump_yaml(config), f"{SCHEMA_DIR}/{CONFIG_SCHEMA}")


def _signer(plan: Plan) -> CommentedMap:
    """The report's signer: the plan's own, to review, or placeholders to fill in."""
    if plan.signer is not None:
        signer = CommentedMap(
            {
                keys.AUTHORITY: plan.signer.authority,
                keys.TITLE: plan.signer.title,
                keys.FULL_NAME: plan.signer.name,
            }
        )
        note(signer, keys.AUTHORITY, f"{CHECK}: người ký kế hoạch; người ký báo cáo có thể khác")
        return signer
    signer = CommentedMap(
        {keys.AUTHORITY: "", keys.TITLE: "[CHỨC VỤ NGƯỜI KÝ]", keys.FULL_NAME: "[Họ và tên]"}
    )
    note(
        signer, keys.AUTHORITY, "để trống khi thủ trưởng ký; 'KT. TRƯỞNG PHÒNG' khi cấp phó ký thay"
    )
    note(signer, keys.TITLE, f"{FILL}: chữ in hoa, ví dụ TRƯỞNG PHÒNG")
    note(signer, keys.FULL_NAME, f"{FILL}: họ và tên người ký")
    return signer


def _example_day(task: Task, year: int) -> date:
    """A day inside both the task's time frame and the plan year."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    day = max(task.start, first)
    return day if day <= min(task.end, last) else first


def _notes_example(plan: Plan, example: str) -> list[str]:
    """Commented lines of kho_khan / de_xuat by period: "  # 6m:", "  #   - …"."""
    lines = []
    for period in plan.schedule.periods:
        lines += [f"  # {period}:", f"  #   - {example}"]
    return lines


def log_text(plan: Plan, unit: str) -> str:
    """A unit's empty activity log with every task laid out as a commented example."""
    name = plan.unit_name(unit)
    lines = [
        f"# Nhật ký hoạt động năm {plan.year} của {name} (Kế hoạch số {plan.number}).",
        "#",
        "# Ghi mỗi hoạt động một mục dưới mã nhiệm vụ: ngày, nội dung và số liệu.",
        "# Chép khối mẫu của nhiệm vụ, bỏ dấu '# ' ở đầu các dòng của khối rồi điền.",
        "# Ngày viết 2021-03-15 hoặc 15/03/2021; số liệu viết số liền, không dấu chấm: 1500.",
        f"{keys.UNITS}: {unit}",
        f"{keys.YEAR}: {plan.year}",
        "",
        "# Ngày gửi báo cáo từng kỳ, điền khi gửi:",
        f"{keys.SENT}:",
    ]
    for period, schedule in plan.schedule.periods.items():
        if isinstance(schedule.due, str):  # the plan still leaves the deadline to fill in
            lines.append(f"  # {period}: {plan.year}-MM-DD  # báo cáo {period.label}")
            continue
        day, month = schedule.due
        lines.append(
            f"  # {period}: {plan.year}-{month:02d}-{day:02d}"
            f"  # báo cáo {period.label}, hạn {day:02d}/{month}"
        )
    lines += ["", f"{keys.TASKS}:"]
    for index, task in enumerate(plan.tasks):
        if index:
            lines.append("")
        lines.append(f"  # {task.code}. {task.title} — thời gian: {task.time_frame}")
        lines += [
            f"  # {task.code}:",
            f"  #   - {keys.DAY}: {_example_day(task, plan.year).isoformat()}",
            f"  #     {keys.TEXT}: Nội dung hoạt động",
        ]
        if task.counted:  # ratios ('%') are computed by baocao, never written in a log
            lines.append(f"  #     {keys.FIGURES}:")
            width = max(len(i.code) for i in task.counted) + 3
            for indicator in task.counted:
                key = f"{indicator.code}: 0"
                lines.append(
                    f"  #       {key:<{width}}  # {indicator.label} ({indicator.unit_of_measure})"
                )
    lines += [
        "",
        "# Khó khăn, vướng mắc và đề xuất, kiến nghị theo kỳ báo cáo: dưới mã kỳ, mỗi ý một",
        "# dòng bắt đầu bằng '- '; mỗi báo cáo chỉ trích các ý của kỳ mình. Đề xuất gửi cấp",
        "# trên ghi rõ cơ quan được đề nghị: 'Đề nghị UBND huyện …'.",
        f"{keys.DIFFICULTIES}:",
        *_notes_example(plan, "Khó khăn, vướng mắc gặp phải khi thực hiện kế hoạch."),
        f"{keys.PROPOSALS}:",
        *_notes_example(plan, "Đề nghị (cơ quan được đề nghị) … — đề xuất, kiến nghị của kỳ."),
    ]
    return with_schema("\n".join(lines) + "\n", f"../{SCHEMA_DIR}/{LOG_SCHEMA}")
