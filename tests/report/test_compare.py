"""Comparison with the same period of an earlier year, from that year's summary.

The earlier year is the sample moved back to 2020, compiled by baocao itself, with
some figures changed: Tân Hòa did nothing for NV1, attendance was higher, and the plan
did not yet follow web posts (so_bai_dang_web).
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from decimal import ROUND_DOWN, Decimal
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from baocao import api
from baocao.cli import app
from baocao.errors import InputError
from baocao.report.contract import ReportContext

DATA = Path(__file__).resolve().parents[2] / "data"
YEAR_BEFORE = 2020


def _shift(value: Any) -> Any:
    """Every date and year of the sample, one year back."""
    if isinstance(value, dict):
        return {k: _shift(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shift(v) for v in value]
    if isinstance(value, date):
        return value.replace(year=value.year - 1)
    if isinstance(value, str):
        return value.replace("2021", "2020")
    if value == 2021:
        return 2020
    return value


def earlier_workspace(root: Path) -> Path:
    """The sample as it might have been in 2020, in ``root``."""
    yaml = YAML(typ="safe", pure=True)
    shutil.copytree(DATA, root)
    (root / "2021").rename(root / "2020")
    for narrative in (root / "dien-giai").glob("2021-*.yaml"):
        narrative.unlink()
    (root / "ke-hoach-2021.yaml").rename(root / "ke-hoach-2020.yaml")
    config = yaml.load((root / "baocao.yaml").read_text(encoding="utf-8"))
    config["ke_hoach"] = "ke-hoach-2020.yaml"
    config["bao_cao"] = []
    _dump(yaml, root / "baocao.yaml", config)
    plan = _shift(yaml.load((root / "ke-hoach-2020.yaml").read_text(encoding="utf-8")))
    nv3 = plan["nhiem_vu"][2]
    nv3["chi_tieu"] = [i for i in nv3["chi_tieu"] if i["ma"] != "so_bai_dang_web"]
    _dump(yaml, root / "ke-hoach-2020.yaml", plan)
    for path in (root / "2020").glob("*.yaml"):
        log = _shift(yaml.load(path.read_text(encoding="utf-8")))
        tasks = log.get("nhiem_vu") or {}
        if log["don_vi"] == "xa-tan-hoa":
            tasks.pop("NV1", None)
        for item in tasks.get("NV1", []):
            figures = item.get("so_lieu") or {}
            if "so_luot_nguoi" in figures:
                figures["so_luot_nguoi"] = figures["so_luot_nguoi"] * 2
        for item in tasks.get("NV3", []):
            (item.get("so_lieu") or {}).pop("so_bai_dang_web", None)
        _dump(yaml, path, log)
    return root


def _dump(yaml: YAML, path: Path, data: Any) -> None:
    with path.open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)


@pytest.fixture(scope="module")
def earlier(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The 2020 workspace's 6-month and year summaries."""
    root = earlier_workspace(tmp_path_factory.mktemp("nam-2020") / "ws")
    return {
        period: api.compile_report(root, period).output.with_suffix(".json")
        for period in ("6m", "1y")
    }


@pytest.fixture
def current(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(DATA, root)
    return root


def earlier_total(summary: Path, task: str, indicator: str) -> int:
    data = json.loads(summary.read_text(encoding="utf-8"))
    entry = next(t for t in data["tasks"] if t["code"] == task)
    value = entry["totals"][indicator]
    assert isinstance(value, int)
    return value


def paragraphs(context: ReportContext, number: int) -> list[str]:
    item: list[str] = context.nhiem_vu[number - 1].doan
    return item


# --- the words -----------------------------------------------------------------------


def vn_change(now: int, before: int) -> str:
    """The change in percent as a reader computes it: one decimal, toward zero, comma."""
    change = (Decimal(abs(now - before)) * 100 / before).quantize(Decimal("0.1"), ROUND_DOWN)
    return f"{change.normalize():f}".replace(".", ",")


def vn(n: int) -> str:
    """A count as sentences write it: "08", "1.250"."""
    return f"0{n}" if 1 <= n <= 9 else f"{n:,}".replace(",", ".")


def test_sentence_per_task_with_increase_decrease_and_new(
    current: Path, earlier: dict[str, Path]
) -> None:
    ws = api.validate(current)
    built = api.build(ws, "6m", compare_with=earlier["6m"])
    agg, context = built.aggregate, built.context
    buoi, before = agg.total("NV1", "so_buoi"), earlier_total(earlier["6m"], "NV1", "so_buoi")
    people = agg.total("NV1", "so_luot_nguoi")
    people_before = earlier_total(earlier["6m"], "NV1", "so_luot_nguoi")
    assert before < buoi and people_before > people  # as the earlier workspace was made
    nv1 = next(p for p in paragraphs(context, 1) if p.startswith("So với cùng kỳ"))
    assert nv1 == (
        f"So với cùng kỳ năm 2020, số buổi tuyên truyền tăng {vn_change(buoi, before)}% "
        f"(từ {vn(before)} lên {vn(buoi)} buổi); số lượt người tham dự giảm "
        f"{vn_change(people, people_before)}% (từ {vn(people_before)} xuống {vn(people)} "
        "lượt người); tỷ lệ xã, thị trấn tổ chức tuyên truyền tăng 25 điểm phần trăm "
        "(từ 50% lên 75%)."
    )
    nv3 = next(p for p in paragraphs(context, 3) if p.startswith("So với cùng kỳ"))
    assert nv3.endswith(
        "bài đăng trên Trang thông tin điện tử là chỉ tiêu mới, cùng kỳ năm 2020 chưa theo dõi."
    )
    books = agg.total("NV2", "so_cuon_sach")
    nv2 = next(p for p in paragraphs(context, 2) if p.startswith("So với cùng kỳ"))
    assert f"số cuốn sách pháp luật được cấp phát bằng cùng kỳ ({vn(books)} cuốn)" in nv2


def test_task_not_yet_due_is_not_compared(current: Path, earlier: dict[str, Path]) -> None:
    context = api.build(api.validate(current), "6m", compare_with=earlier["6m"]).context
    assert not any(p.startswith("So với cùng kỳ") for p in paragraphs(context, 4))


def test_appendix_table_has_the_earlier_year_columns(
    current: Path, earlier: dict[str, Path]
) -> None:
    table = api.build(api.validate(current), "6m", compare_with=earlier["6m"]).context.phu_luc
    table = table.chi_tieu
    assert table is not None
    assert table.cot == [
        "Chỉ tiêu năm",
        "Thực hiện",
        "Tỷ lệ đạt (%)",
        "Cùng kỳ năm 2020",
        "So với cùng kỳ",
    ]
    rows = {row.noi_dung: row.so for row in table.dong}
    before = earlier_total(earlier["6m"], "NV1", "so_buoi")
    assert rows["- Buổi tuyên truyền (buổi)"] == [
        "100",
        "77",
        "77",
        vn(before),
        f"tăng {vn_change(77, before)}%",
    ]
    assert rows["- Tỷ lệ xã, thị trấn tổ chức tuyên truyền (%)"] == [
        "100",
        "75",
        "-",
        "50",
        "tăng 25 điểm %",
    ]
    assert rows["- Bài đăng trên Trang thông tin điện tử (bài)"][-2:] == ["-", "mới"]


def test_summary_carries_targets_and_the_comparison(
    current: Path, earlier: dict[str, Path]
) -> None:
    done = api.compile_report(current, "6m", compare_with=earlier["6m"])
    assert done.summary is not None
    data = json.loads(done.summary.read_text(encoding="utf-8"))
    assert data["format"] == "baocao-summary/3"
    assert data["compared_with"]["year"] == 2020 and data["compared_with"]["period"] == "6m"
    nv1 = next(t for t in data["tasks"] if t["code"] == "NV1")
    buoi = next(i for i in nv1["indicators"] if i["code"] == "so_buoi")
    assert {k: buoi[k] for k in ("value", "to_date", "target", "achieved", "met")} == {
        "value": 77,
        "to_date": 77,
        "target": 100,
        "achieved": 77.0,
        "met": False,
    }
    before = earlier_total(earlier["6m"], "NV1", "so_buoi")
    assert (buoi["earlier"], buoi["change"]) == (before, "up")
    assert buoi["change_amount"] == float(vn_change(77, before).replace(",", "."))
    ratio = next(i for i in nv1["indicators"] if i["code"] == "ty_le_xa")
    assert (ratio["kind"], ratio["value"], ratio["part"], ratio["whole"]) == ("ratio", 75.0, 3, 4)
    assert (ratio["earlier"], ratio["change"], ratio["change_amount"]) == (50.0, "up", 25.0)
    assert {u["unit"]: u["target"] for u in buoi["unit_targets"]} == dict.fromkeys(
        ("tt-tan-lap", "xa-an-binh", "xa-tan-hoa", "xa-phu-my"), 6
    )
    # the earlier summary is an input: its file and digest are recorded
    assert data["inputs"][-1]["sha256"] == data["compared_with"]["sha256"]


def test_changed_earlier_summary_makes_the_report_again(
    current: Path, earlier: dict[str, Path], tmp_path: Path
) -> None:
    copy = tmp_path / "2020.json"
    shutil.copy(earlier["6m"], copy)
    first = api.compile_report(current, "6m", compare_with=copy)
    assert api.compile_report(current, "6m", compare_with=copy).changed is False
    data = json.loads(copy.read_text(encoding="utf-8"))
    nv1 = next(t for t in data["tasks"] if t["code"] == "NV1")
    nv1["totals"]["so_buoi"] = 70
    copy.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    again = api.compile_report(current, "6m", compare_with=copy)
    assert again.changed and again.output == first.output
    assert "tăng 10% (từ 70 lên 77 buổi)" in " ".join(paragraphs(again.context, 1))


def test_batch_job_compares_with_its_so_sanh(current: Path, earlier: dict[str, Path]) -> None:
    shutil.copy(earlier["1y"], current / "nam-2020.json")
    config = current / "baocao.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(
            "    ten_tep: bao-cao-nam-2021.docx\n",
            "    ten_tep: bao-cao-nam-2021.docx\n    so_sanh: nam-2020.json\n",
        ),
        encoding="utf-8",
    )
    done = {c.window.period: c for c in api.compile_all(current)}
    assert any(p.startswith("So với cùng kỳ năm 2020") for p in paragraphs(done["1y"].context, 1))
    assert not any(p.startswith("So với cùng kỳ") for p in paragraphs(done["6m"].context, 1))


def test_version_1_summary_is_still_read(
    current: Path, earlier: dict[str, Path], tmp_path: Path
) -> None:
    data = json.loads(earlier["6m"].read_text(encoding="utf-8"))
    data["format"] = "baocao-summary/1"
    for key in ("since", "compared_with"):
        data.pop(key)
    for task in data["tasks"]:
        task.pop("outcome")
        task.pop("indicators")
    old = tmp_path / "v1.json"
    old.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    context = api.build(api.validate(current), "6m", compare_with=old).context
    nv1 = next(p for p in paragraphs(context, 1) if p.startswith("So với cùng kỳ"))
    before = earlier_total(earlier["6m"], "NV1", "so_buoi")
    assert f"số buổi tuyên truyền tăng {vn_change(77, before)}% (từ {before} lên 77 buổi)" in nv1
    # version 1 had no ratios: the share of communes is new to it
    assert "tỷ lệ xã, thị trấn tổ chức tuyên truyền là chỉ tiêu mới" in nv1


# --- refusals --------------------------------------------------------------------------


def refused(current: Path, summary: Path, period: str = "6m") -> tuple[str, str]:
    with pytest.raises(InputError) as info:
        api.build(api.validate(current), period, compare_with=summary)
    problem = info.value.problems[0]
    return problem.code, problem.message()


def test_summary_of_another_period_kind_is_refused(current: Path, earlier: dict[str, Path]) -> None:
    assert refused(current, earlier["1y"], "6m") == (
        "E153",
        "tệp so sánh là báo cáo năm 2020, không cùng kỳ với báo cáo 6 tháng đầu năm 2021",
    )


def test_summary_of_the_same_or_a_later_year_is_refused(current: Path, tmp_path: Path) -> None:
    same = api.compile_report(current, "6m").output.with_suffix(".json")
    assert refused(current, same) == (
        "E154",
        "tệp so sánh là báo cáo năm 2021; cần báo cáo cùng kỳ của một năm trước năm 2021",
    )


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        (
            b'{"tasks": []}',
            "E150",
            'không phải tệp tóm tắt báo cáo của baocao (không có dòng "format": '
            '"baocao-summary/…"); dùng tệp .json lập cùng báo cáo',
        ),
        (
            b"PK\x03\x04 a docx perhaps",
            "E150",
            "không phải tệp tóm tắt báo cáo của baocao (nội dung không phải JSON); "
            "dùng tệp .json lập cùng báo cáo",
        ),
        (b"[" * 100_000, "E150", None),
        (
            b'{"format": "baocao-summary/9"}',
            "E151",
            "tệp tóm tắt phiên bản 9, bản baocao này chỉ đọc được phiên bản 1, 2, 3",
        ),
        (b'{"format": "baocao-summary/2", "tasks": 5}', "E152", None),
        (b"\xff\xfe{", "E001", None),
    ],
)
def test_what_is_not_a_readable_summary_is_refused(
    current: Path, tmp_path: Path, content: bytes, code: str, message: str | None
) -> None:
    path = tmp_path / "khac.json"
    path.write_bytes(content)
    found = refused(current, path)
    assert found[0] == code
    if message is not None:
        assert found[1] == message


def test_missing_summary_is_named(current: Path, tmp_path: Path) -> None:
    assert refused(current, tmp_path / "khong-co.json")[0] == "E011"


def test_command_line_refuses_with_exit_code_1_and_changes_nothing(
    current: Path, earlier: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(current.parent)
    result = CliRunner().invoke(
        app, ["compile", "-w", "ws", "--period", "6m", "--so-sanh", str(earlier["1y"])]
    )
    assert result.exit_code == 1
    assert "E153 tệp so sánh là báo cáo năm 2020" in result.stderr
    assert not (current / "ket-qua").exists()


def test_command_line_compares(
    current: Path, earlier: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(current.parent)
    result = CliRunner().invoke(
        app, ["compile", "-w", "ws", "--period", "6m", "--so-sanh", str(earlier["6m"])]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads((current / "ket-qua" / "bao-cao-6-thang-2021.json").read_text("utf-8"))
    assert summary["compared_with"]["name"] == "6 tháng đầu năm 2020"


def test_report_may_not_be_written_over_the_summary_compared_with(
    current: Path, earlier: dict[str, Path], tmp_path: Path
) -> None:
    copy = tmp_path / "bao-cao.json"
    shutil.copy(earlier["6m"], copy)
    before = copy.read_bytes()
    from baocao.errors import OutputError

    with pytest.raises(OutputError) as info:
        api.compile_report(current, "6m", output=tmp_path / "bao-cao.docx", compare_with=copy)
    assert info.value.problems[0].code == "E412"
    assert copy.read_bytes() == before
