"""Stopping a run cleanly: Ctrl-C (SIGINT) and SIGTERM held while processes are started.

Python runs its own at-fork handlers while a process is being started; a signal that
arrives just then raises inside one of them, where the exception is printed and
dropped ("Exception ignored in …"), and the run goes on as if never stopped. Holding
the two signals for those moments delivers them right after, where they stop the run.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["release_in_child", "signals_held"]

_STOPPING = {signal.SIGINT, signal.SIGTERM}


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM inside the block (POSIX); they arrive when it ends.

    A process started inside the block inherits the hold: it calls
    :func:`release_in_child` once its own handling is in place.
    """
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def release_in_child() -> None:
    """In a process started inside :func:`signals_held`: receive the signals again."""
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPPING)
