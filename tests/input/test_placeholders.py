"""What is left to fill in: found wherever the report takes its words from, nothing else."""

from __future__ import annotations

from pathlib import Path

from conftest import found, validate


def write(ws: Path, name: str, text: str) -> None:
    path = ws / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


CONFIG_HEAD = "ke_hoach: ke-hoach.yaml\nnguoi_ky:\n  chuc_vu: TRƯỞNG PHÒNG\n  ho_ten: Lê Văn An\n"


def test_a_placeholder_in_the_clerks_narrative(ws: Path) -> None:
    write(
        ws,
        "dien-giai/2021-6m.yaml",
        "ky: 6m\nnam: 2021\nchi_dao:\n  - Ngày [ngày], Phòng Tư pháp ban hành Công văn số 118.\n",
    )
    problems, refused = validate(ws)
    assert refused
    assert found(problems) == [("E130", "ws/dien-giai/2021-6m.yaml", 4, 5)]
    assert problems[0].params["field"] == "chi_dao"


def test_a_footnote_mark_and_an_explaining_comment_are_no_placeholders(ws: Path) -> None:
    plan = ws / "ke-hoach.yaml"
    text = plan.read_text(encoding="utf-8").replace(
        "ten: Đẩy mạnh công tác tuyên truyền",
        "ten: Đẩy mạnh công tác tuyên truyền [1]\n    # CẦN ĐIỀN: (đã điền)",
    )
    plan.write_text(text, encoding="utf-8")
    problems, refused = validate(ws)
    assert (found(problems), refused) == ([], False)


def test_recipients_without_archive_last_or_at_all(ws: Path) -> None:
    write(
        ws,
        "baocao.yaml",
        CONFIG_HEAD + 'noi_nhan:\n  - "Lưu: VT, PTP"\n  - UBND huyện (để b/c)\n',
    )
    problems, _ = validate(ws)
    assert found(problems) == [("E133", "ws/baocao.yaml", 5, 1)]
    write(ws, "baocao.yaml", CONFIG_HEAD)
    problems, _ = validate(ws)
    assert found(problems) == [("E134", "ws/baocao.yaml", 1, 1)]
    assert problems[0].message() == (
        "noi_nhan: cần ít nhất một nơi nhận và dòng lưu văn bản (có 0 dòng)"
    )
