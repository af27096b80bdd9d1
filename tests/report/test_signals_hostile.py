"""Hostile corpus: stopping a run. SIGTERM and Ctrl-C (SIGINT) end baocao promptly —
while it loads, while it checks logs in worker processes, while LibreOffice converts or
hangs — with exit code 143 or 130 and never a traceback; LibreOffice's whole process
group and its profile go with it, and so they do when baocao is killed outright.

These run the installed command in processes of their own, with a private temporary
folder, and a fake LibreOffice (a shell script) that records its process and its
arguments.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from baocao.errors import Terminated
from baocao.stopping import interruption, unraisable
from hostile import command, compiled, run, template

pytestmark = pytest.mark.skipif(os.name != "posix", reason="sends POSIX signals")

STOPPED = {signal.SIGINT: 130, signal.SIGTERM: 143}


def wait_for(condition: object, seconds: float = 60, what: str = "") -> None:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, f"never happened: {what}"
        time.sleep(0.02)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie has ended; only its parent has not looked yet
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return True


@pytest.fixture
def private_tmp(tmp_path: Path) -> Path:
    folder = tmp_path / "tmp"
    folder.mkdir()
    return folder


def hanging_soffice(tmp_path: Path) -> dict[str, str]:
    """A LibreOffice that starts a converter child, records both, and never finishes."""
    folder = tmp_path / "fake-bin"
    folder.mkdir()
    script = folder / "soffice"
    script.write_text(
        "#!/bin/sh\n"
        f'printf "%s\\n" "$@" > {tmp_path}/args\n'
        "sleep 300 &\n"
        f"echo $$ $! > {tmp_path}/pids\n"
        "wait\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return {"PATH": f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"}


def pids(tmp_path: Path) -> list[int]:
    return [int(p) for p in (tmp_path / "pids").read_text().split()]


def finish(run: subprocess.Popen[str]) -> tuple[int, str, float]:
    started = time.monotonic()
    _out, err = run.communicate(timeout=60)
    return run.returncode, err, time.monotonic() - started


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_stopped_while_libreoffice_hangs(
    ws: Path, tmp_path: Path, private_tmp: Path, sig: signal.Signals
) -> None:
    # SIGTERM: baocao was still running 60 s later. SIGINT: an orphan soffice and its
    # profile were left in the temporary folder.
    env = {**hanging_soffice(tmp_path), "TMPDIR": str(private_tmp)}
    started = command("compile", "-w", "ws", "--pdf", env=env)
    wait_for(lambda: (tmp_path / "pids").exists(), what="LibreOffice started")
    started.send_signal(sig)
    code, err, took = finish(started)
    assert (code, "Traceback" in err) == (STOPPED[sig], False)
    assert took < 10  # promptly, not at the end of the 180 s conversion limit
    wait_for(lambda: not any(alive(pid) for pid in pids(tmp_path)), 10, "LibreOffice gone")
    wait_for(lambda: list(private_tmp.iterdir()) == [], 10, "profile deleted")
    report = ws / "ket-qua" / "bao-cao-6-thang-2021.docx"
    assert report.exists()  # the .docx was written before LibreOffice ran


def test_killed_while_libreoffice_hangs(ws: Path, tmp_path: Path, private_tmp: Path) -> None:
    # SIGKILL cannot be handled: the watcher beside LibreOffice sees baocao go.
    env = {**hanging_soffice(tmp_path), "TMPDIR": str(private_tmp)}
    started = command("compile", "-w", "ws", "--pdf", env=env)
    wait_for(lambda: (tmp_path / "pids").exists(), what="LibreOffice started")
    started.kill()
    finish(started)
    wait_for(lambda: not any(alive(pid) for pid in pids(tmp_path)), 10, "LibreOffice gone")
    wait_for(lambda: list(private_tmp.iterdir()) == [], 10, "profile deleted")


def test_libreoffice_gets_absolute_paths_only(ws: Path, tmp_path: Path) -> None:
    # A report named "-bao-cao.docx" was read by soffice as an option.
    folder = tmp_path / "fake-bin"
    folder.mkdir()
    (folder / "soffice").write_text(
        f'#!/bin/sh\nprintf "%s\\n" "$@" > {tmp_path}/args\n', encoding="utf-8"
    )
    (folder / "soffice").chmod(0o755)
    env = {"PATH": f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = run("compile", "-w", "ws", "--pdf", "-o", "-bao-cao.docx", env=env)
    assert result.exit_code == 4  # the fake made no PDF
    args = (tmp_path / "args").read_text(encoding="utf-8").splitlines()
    paths = [a for a in args if not a.startswith("-") and a != "pdf"]
    assert paths and all(Path(p).is_absolute() for p in paths), args
    assert args[-1] == str((Path.cwd() / "-bao-cao.docx").resolve())


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_report_named_like_an_option_converts(ws: Path, private_tmp: Path) -> None:
    started = command(
        "compile", "-w", "ws", "--pdf", "-o", "-bao-cao.docx", env={"TMPDIR": str(private_tmp)}
    )
    code, err, _took = finish(started)
    assert code == 0, err
    assert Path("-bao-cao.pdf").read_bytes().startswith(b"%PDF")
    assert list(private_tmp.iterdir()) == []


# --- while loading, while checking ----------------------------------------------------------


def handles_sigterm(pid: int) -> bool:
    """Whether the process has its own SIGTERM handler: baocao's first line has run."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True  # already gone
    caught = int(
        next(line for line in status.splitlines() if line.startswith("SigCgt:")).split()[1], 16
    )
    return bool(caught & (1 << (signal.SIGTERM - 1)))


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("delay", [0.0, 0.01, 0.03, 0.06, 0.1, 0.2, 0.4])
def test_stopped_while_loading(ws: Path, sig: signal.Signals, delay: float) -> None:
    # SIGINT during start-up printed a traceback. From baocao's first line on, every
    # moment of the start ends the same way.
    started = command("validate", "-w", "ws")
    wait_for(lambda: handles_sigterm(started.pid), 30, "baocao started")
    time.sleep(delay)
    started.send_signal(sig)
    code, err, _took = finish(started)
    assert "Traceback" not in err
    # 0: it had finished already; -sig: stopped while Python itself was closing down,
    # by the signal's own default action (the shell shows the same 130 or 143).
    assert code in (STOPPED[sig], -sig, 0)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_stopped_while_workers_check_logs(ws: Path, sig: signal.Signals) -> None:
    # Worker processes must not print their own tracebacks, nor keep the run waiting.
    for index in range(400):
        shutil.copy(ws / "2021" / "xa-an-binh.yaml", ws / "2021" / f"ban-sao-{index}.yaml")
    started = command("validate", "-w", "ws", env={"BAOCAO_CACHE": "0", "BAOCAO_JOBS": "2"})
    # Two processes check the logs: this one and a worker.
    wait_for(lambda: len(children(started.pid)) >= 1, 60, "worker started")
    started.send_signal(sig)
    code, err, took = finish(started)
    assert (code, err.count("Traceback")) == (STOPPED[sig], 0)
    assert took < 10


def children(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []


def test_stopped_while_rendering_a_template(ws: Path) -> None:
    compiled(ws)
    name = template(
        "cham.docx", "{% for a in range(99999) %}{% for b in range(9) %}{% endfor %}{% endfor %}"
    )
    started = command("compile", "-w", "ws", "--template", name, "-o", "cham.docx")
    wait_for(lambda: len(children(started.pid)) >= 1, 30, "the template's process started")
    renderer = int(children(started.pid)[0])
    started.send_signal(signal.SIGTERM)
    code, err, _took = finish(started)
    assert (code, "Traceback" in err) == (143, False)
    wait_for(lambda: not alive(renderer), 10, "the template's process gone")


# --- a signal's exception that Python wraps or drops ---------------------------------------


def test_ctrl_c_wrapped_in_another_error_still_stops() -> None:
    # Python 3.11 wraps an exception raised while a class is set up in a RuntimeError.
    try:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as exc:
            raise RuntimeError("Error calling __set_name__") from exc
    except RuntimeError as wrapped:
        assert isinstance(interruption(wrapped), KeyboardInterrupt)
    assert interruption(ValueError("x")) is None


def test_ctrl_c_in_a_destructor_is_sent_again() -> None:
    # Raised in a __del__, Ctrl-C was printed with a traceback and dropped. The hook
    # sends the signal again, a moment later, to be handled in ordinary code.
    received: list[int] = []
    previous = {sig: signal.signal(sig, lambda n, _f: received.append(n)) for sig in STOPPED}
    try:
        passed_on: list[object] = []
        hook = unraisable(passed_on.append)
        hook(SimpleNamespace(exc_type=KeyboardInterrupt))
        hook(SimpleNamespace(exc_type=Terminated))
        hook(SimpleNamespace(exc_type=ValueError))
        assert received == []  # not inside the hook itself
        wait_for(lambda: len(received) == 2, 10, "the signals sent again")
        assert sorted(received) == sorted([signal.SIGINT, signal.SIGTERM])
        assert len(passed_on) == 1  # anything else is Python's to print
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
