"""The `baocao` command and `python -m baocao`: stoppable from its first moment.

Ctrl-C (SIGINT) and SIGTERM end the run with exit code 130 or 143 and one line, never
a traceback, whenever they come — while the program is still loading included.
"""

from __future__ import annotations

import signal
import sys
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

    Until the handler is in place, SIGTERM ends the process the operating system's
    way (status 143, nothing printed) and Ctrl-C is Python's KeyboardInterrupt.
    """
    try:
        from baocao.errors import Terminated

        def on_sigterm(signum: int, frame: Any) -> None:
            raise Terminated

        try:
            signal.signal(signal.SIGTERM, on_sigterm)
            from baocao.cli import main as run

            run()
        except Terminated:
            _stopped(143)
    except KeyboardInterrupt:
        _stopped(130)


if __name__ == "__main__":
    main()
