"""The scorer on made-up imports: a perfect import of every expected file scores all right, and a
changed value is wrong, or flagged when its line carries a marker.

    python -m pytest test_score.py
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from score import FLAGGED, RIGHT, WRONG, norm, score, unwrap

HERE = Path(__file__).resolve().parent
EXPECTED = sorted((HERE / "expected").glob("*.yaml"))


def load(path: Path) -> dict:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def iso(day: str) -> str:
    return datetime.strptime(unwrap(day)[0], "%d/%m/%Y").date().isoformat()


def perfect(expected: dict) -> str:
    """The plan YAML a perfect importer would write, with the keys the scorer reads."""
    tasks = []
    for index, task in enumerate(expected["nhiem_vu"], 1):
        indicators = []
        for target in task.get("muc_tieu") or []:
            value = str(unwrap(target)[0])
            percent = value.endswith("%")
            indicators.append(
                {
                    "ma": f"chi_tieu_{len(indicators) + 1}",
                    "ten": "số",
                    "don_vi_tinh": "%" if percent else "cái",
                    "muc_tieu": float(value.rstrip("%").replace(",", ".")),
                }
            )
        words = " ".join(task.get("chi_tieu_co") or [])
        indicators.append({"ma": "so_khac", "ten": f"số {words}".strip(), "don_vi_tinh": "lần"})
        entry = {"ma": f"NV{index}", "ten": task["ten"], "chu_tri": unwrap(task["chu_tri"])[0]}
        if unwrap(task.get("phoi_hop"))[0]:
            entry["phoi_hop"] = unwrap(task["phoi_hop"])[0]
        entry |= {
            "thoi_gian": "…",
            "tu_ngay": iso(task["tu_ngay"]),
            "den_ngay": iso(task["den_ngay"]),
            "san_pham": task["san_pham"],
            "chi_tieu": indicators,
        }
        tasks.append(entry)
    units = [unwrap(u)[0] for u in expected.get("don_vi_bao_cao") or ["Đơn vị đề xuất"]]
    plan = {
        "ten": expected["ten"],
        "nam": unwrap(expected["nam"])[0],
        "nhiem_vu": tasks,
        "to_chuc_thuc_hien": ["…", expected["to_chuc_thuc_hien_cuoi"]],
        "bao_cao_dinh_ky": {
            "ky": {k: {"han_nop": unwrap(v)[0]} for k, v in expected["bao_cao_dinh_ky"].items()}
        },
        "nguoi_ky": {k: unwrap(v)[0] for k, v in expected["nguoi_ky"].items()},
        "noi_nhan": expected["noi_nhan"],
        "don_vi": [{"ma": f"dv{i}", "ten": name} for i, name in enumerate(units)],
    }
    buffer = io.StringIO()
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.dump(plan, buffer)
    text = buffer.getvalue()
    if not expected.get("don_vi_bao_cao"):  # proposed units, marked for review
        text = text.replace("\ndon_vi:", "\n# KIỂM TRA: đề xuất\ndon_vi:")
    return text


def run(tmp_path: Path, expected_path: Path, text: str) -> dict[str, list[str]]:
    imported = tmp_path / "plan.yaml"
    imported.write_text(text, encoding="utf-8")
    output = " ".join(load(expected_path).get("canh_bao") or [])
    by_status: dict[str, list[str]] = {RIGHT: [], FLAGGED: [], WRONG: []}
    for result in score(expected_path, expected_path, imported, output):
        by_status[result.status].append(result.field)
    return by_status


@pytest.mark.parametrize("expected_path", EXPECTED, ids=lambda p: p.stem[:2])
def test_a_perfect_import_is_all_right(tmp_path: Path, expected_path: Path) -> None:
    found = run(tmp_path, expected_path, perfect(load(expected_path)))
    assert found[WRONG] == []
    unnamed = [] if load(expected_path).get("don_vi_bao_cao") else ["don_vi"]
    assert found[FLAGGED] == unnamed


def test_a_changed_value_is_wrong_and_a_marker_makes_it_flagged(tmp_path: Path) -> None:
    path = EXPECTED[0]
    text = perfect(load(path)).replace(
        "chu_tri: Chi cục Bảo vệ môi trường", "chu_tri: Chi cục Thủy lợi", 1
    )
    assert "T4.chu_tri" in run(tmp_path, path, text)[WRONG]
    marked = text.replace("chu_tri: Chi cục Thủy lợi", "chu_tri: Chi cục Thủy lợi # KIỂM TRA", 1)
    assert "T4.chu_tri" in run(tmp_path, path, marked)[FLAGGED]


def test_years_as_targets_and_unset_periods_are_wrong(tmp_path: Path) -> None:
    path = EXPECTED[0]  # task 2 names "năm 2024"; the plan sets quarterly reports only
    text = perfect(load(path)).replace(
        "- ma: so_khac", "- ma: nam\n        muc_tieu: 2024\n      - ma: so_khac", 2
    )
    text = text.replace("    q4:\n", "    6m:\n      han_nop: 15/6\n    q4:\n")
    wrong = run(tmp_path, path, text)[WRONG]
    assert "T2.không phải mục tiêu 2024" in wrong
    assert "bao_cao_dinh_ky.6m thừa" in wrong


def test_missing_signer_and_recipients_are_wrong(tmp_path: Path) -> None:
    path = EXPECTED[0]
    text = perfect(load(path))
    text = text[: text.index("nguoi_ky:")] + text[text.index("don_vi:") :]
    wrong = run(tmp_path, path, text)[WRONG]
    assert {"nguoi_ky.ho_ten", "noi_nhan"} <= set(wrong)


def test_text_compares_across_spellings() -> None:
    assert norm("Hoà giải\u00a0viên  ở cơ sở./.") == norm("hòa giải viên ở cơ sở")
    assert norm("- Lưu: VT, PTP.") == norm("Lưu: VT, PTP")
    assert norm("hoạt động") == "hoạt động"  # closed syllables are left alone
    assert norm("Phòng Văn hóa – Xã hội") == norm("Phòng Văn hóa - Xã hội")
