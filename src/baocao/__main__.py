"""The `baocao` command and `python -m baocao`: stoppable from its first moment.

Ctrl-C (SIGINT) and SIGTERM end the run with exit code 130 or 143 and one line, never
a traceback, whenever they come — while the program is still loading included.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn


def _stopped(code: int) -> NoReturn:
    # A second Ctrl-C while saying so must not turn into a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        sys.stderr.write("Đã dừng.\n")
        sys.stderr.flush()
    finally:
        sys.exit(code)


def main() -> None:
    """Console entry point: load and run the command line, stopped cleanly by a signal.

    While the program loads, the two signals are held and arrive once it has loaded: a
    KeyboardInterrupt raised inside the import machinery can come out wrapped in another
    error (or be dropped) instead of stopping the run. Before this first line runs,
    SIGTERM ends the process the operating system's way (status 143, nothing printed).
    """
    try:
        with _held():
            from baocao.errors import Terminated
            from baocao.stopping import unraisable

            sys.unraisablehook = unraisable(sys.unraisablehook)

        def on_sigterm(signum: int, frame: Any) -> None:
            raise Terminated

        try:
            with _held():
                signal.signal(signal.SIGTERM, on_sigterm)
                from baocao.cli import main as run
            run()
        except Terminated:
            _stopped(143)
    except KeyboardInterrupt:
        _stopped(130)


@contextmanager
def _held() -> Iterator[None]:
    # baocao.stopping.signals_held, without importing anything of baocao first.
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


if __name__ == "__main__":
    main()
