"""Write docs/tom-tat-json.schema.json from the summary model: python docs/build_summary_schema.py"""

from __future__ import annotations

from pathlib import Path

from baocao.core.summary import json_schema_text

if __name__ == "__main__":
    target = Path(__file__).resolve().parent / "tom-tat-json.schema.json"
    target.write_text(json_schema_text(), encoding="utf-8")
    print(target.name)
