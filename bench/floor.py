"""The parse floor: LibYAML's bare event parse of the files ``bench/naive.py`` reads.

The configuration, the plan and every ``<year>/*.yaml`` log, parsed with PyYAML's
C parser (``yaml.parse`` with ``CSafeLoader``) and every event consumed; no Python
data is built. Writes the number of files and events to OUT.

    python bench/floor.py WORKSPACE OUT.txt
"""

import sys
from pathlib import Path

import yaml


def events(path):
    count = 0
    for _event in yaml.parse(path.read_bytes(), Loader=yaml.CSafeLoader):
        count += 1
    return count


root, out = Path(sys.argv[1]), Path(sys.argv[2])
config = yaml.load((root / "baocao.yaml").read_bytes(), Loader=yaml.CSafeLoader)
logs = sorted(p for p in root.glob("*/*.yaml") if p.parent.name.isdigit())
files = [root / "baocao.yaml", root / config["ke_hoach"], *logs]
total = sum(events(path) for path in files)
Path(out).write_text(f"{len(files)} files, {total} events\n", encoding="utf-8")
