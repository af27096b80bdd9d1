"""Keeps LibreOffice on a leash: run as a script, beside baocao, for one PDF conversion.

    python soffice_watch.py WORK_FOLDER SOFFICE ARGS...

Starts LibreOffice in a process group of its own, its output and temporary files in
WORK_FOLDER, and prints its exit status when it ends. Its standard input is a pipe from baocao: when that pipe
closes — baocao is done with the folder, is stopping, or was killed outright — it
ends LibreOffice's whole group (soffice is a launcher: the converter is its child) and
deletes WORK_FOLDER, which holds LibreOffice's profile. So no LibreOffice and no profile
outlives the run, however the run ends. Standard library only: it starts in a few ms.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import threading


def _end_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def _say(line: str) -> None:
    with contextlib.suppress(OSError):  # baocao is gone: the end of the pipe says so too
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def main(argv: list[str]) -> int:
    folder, command = argv[0], argv[1:]
    # Ctrl-C reaches the terminal's whole process group: baocao decides, then closes
    # the pipe. A termination signal sent to this process alone cleans up too.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    released = threading.Event()

    def on_release() -> None:
        sys.stdin.buffer.read()  # returns at end of file: baocao closed the pipe or died
        released.set()

    signal.signal(signal.SIGTERM, lambda *_: released.set())
    threading.Thread(target=on_release, daemon=True).start()
    # LibreOffice's own temporary files go into the folder too, and with it.
    scratch = os.path.join(folder, "tmp")
    os.makedirs(scratch, exist_ok=True)
    for name in ("TMPDIR", "TMP", "TEMP"):
        os.putenv(name, scratch)
    try:
        with (
            open(os.path.join(folder, "stdout.log"), "wb") as out,
            open(os.path.join(folder, "stderr.log"), "wb") as err,
        ):
            soffice = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=out, stderr=err, start_new_session=True
            )
    except OSError as exc:
        _say(f"start: {exc.strerror or exc}")
        released.wait()
        shutil.rmtree(folder, ignore_errors=True)
        return 0
    while soffice.poll() is None and not released.wait(0.05):
        pass
    _end_group(soffice.pid)  # what the launcher left running, or everything when released
    status = soffice.wait()
    if not released.is_set():
        _say(str(status))
        released.wait()  # baocao reads the PDF, then lets go
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
