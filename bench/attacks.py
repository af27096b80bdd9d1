"""How long hostile templates and documents take to be refused, and what a user template costs.

    python bench/attacks.py              # every attack, then the cost of --template
    python bench/attacks.py lipsum bomb  # some of them

Each attack runs as the installed command would (`baocao compile --template T` on a copy
of the small test workspace; `baocao plan import` for the document bomb) and prints its
wall time, exit code and the message. Before the limits these ran 30-60 s or more, took
up to 6.9 GB, hung, or ended in an internal error (exit 70).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from importlib.resources import files
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MINIMAL = REPO / "tests" / "corpus" / "_minimal"
DEFAULT = Path(str(files("baocao").joinpath("templates", "bao-cao.docx")))

ATTACKS = {
    "center": "{{ trich_yeu|center(10**9) }}",
    "printf-width": "{{ '%0999999999d' % 1 }}",
    "format-width": "{{ '{:>999999999}'.format(1) }}",
    "lipsum": "{{ lipsum(10**6) }}",
    "nested-ranges": "{% for a in range(99999) %}{% for b in range(99999) %}{{ a }}"
    "{% endfor %}{% endfor %}",
    "nested-silent": "{% for a in range(99999) %}{% for b in range(99999) %}{% endfor %}"
    "{% endfor %}",
    "recursive-loop": "{% for i in range(10) recursive %}{% if loop.depth &lt; 9 %}"
    "{{ loop(range(10)) }}{% endif %}{% endfor %}",
    "string-doubling": "{% set ns = namespace(s='ab') %}{% for i in range(64) %}"
    "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
    "recursive-macro": "{% macro r(n) %}{{ r(n + 1) }}{% endmacro %}{{ r(0) }}",
    "replace-blow-up": "{{ ('a' * 1000)|replace('a', 'a' * 1000)|replace('a', 'a' * 1000) }}",
}


def baocao(*args: str, cwd: Path) -> tuple[float, int, str]:
    exe = Path(sys.executable).with_name("baocao")
    started = time.monotonic()
    done = subprocess.run(
        [str(exe), *args], cwd=cwd, capture_output=True, text=True, timeout=900, check=False
    )
    return time.monotonic() - started, done.returncode, done.stderr.strip().splitlines()[-1:]


def template(folder: Path, name: str, change: object) -> Path:
    path = folder / f"{name}.docx"
    with zipfile.ZipFile(DEFAULT) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = change(data)  # type: ignore[operator]
            target.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return path


def tag(text: str) -> object:
    return lambda data: data.replace(b"{{ trich_yeu }}", text.encode(), 1)


def bomb(data: bytes) -> bytes:
    start = data.index(b"<w:body>") + len(b"<w:body>")
    return data[:start] + b"<w:p/>" * 31_000_000 + data[start:]


def show(name: str, took: float, code: int, said: list[str]) -> None:
    print(f"{name:22} {took:6.2f} s  exit {code}  {said[0][:110] if said else ''}", flush=True)


def main(only: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        here = Path(tmp)
        shutil.copytree(MINIMAL, here / "ws")
        print(f"{'attack':22} {'wall':>8}")
        for name, text in ATTACKS.items():
            if not only or name in only:
                path = template(here, name, tag(text))
                show(name, *baocao("compile", "-w", "ws", "--template", str(path), cwd=here))
        if not only or "bomb" in only:
            path = template(here, "bomb", bomb)
            print(f"(bomb: {path.stat().st_size // 1024} KB, 31,000,000 paragraphs unpacked)")
            show(
                "bomb as template",
                *baocao("compile", "-w", "ws", "--template", str(path), cwd=here),
            )
            show("bomb as plan", *baocao("plan", "import", str(path), "-o", "kh.yaml", cwd=here))
        if not only or "cost" in only:
            copy = template(here, "copy", lambda data: data)
            runs = (("packaged template", []), ("--template (a copy)", ["--template", str(copy)]))
            for label, extra in runs:
                times = []
                for _ in range(5):
                    for made in here.glob("out.*"):
                        made.unlink()  # so that every run renders
                    times.append(
                        baocao("compile", "-w", "ws", "-o", "out.docx", *extra, cwd=here)[0]
                    )
                print(f"{label:22} {min(times):6.2f} s  (best of 5, the whole command)")


if __name__ == "__main__":
    main(sys.argv[1:])
