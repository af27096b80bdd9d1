"""Stopping a run cleanly: Ctrl-C (SIGINT) and SIGTERM held while processes are started.

Python runs its own at-fork handlers while a process is being started; a signal that
arrives just then raises inside one of them, where the exception is printed and
dropped ("Exception ignored in …"), and the run goes on as if never stopped. Holding
the two signals for those moments delivers them right after, where they stop the run.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["interruption", "release_in_child", "signals_held", "unraisable"]

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


def interruption(exc: BaseException) -> BaseException | None:
    """The KeyboardInterrupt or SIGTERM's exception that ``exc`` wraps, if any.

    Python wraps an exception raised while it sets up a class (``__set_name__``) in a
    RuntimeError: a Ctrl-C at that moment must still stop the run as Ctrl-C.
    """
    from baocao.errors import Terminated

    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, KeyboardInterrupt | Terminated):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


_AGAIN_AFTER = 0.02
"""Seconds before a dropped signal is sent again: the hook has long returned by then."""


def unraisable(hook: Callable[[Any], object]) -> Callable[[Any], None]:
    """A ``sys.unraisablehook`` that hands a signal's exception back to the run.

    An exception raised where Python cannot pass it on (a ``__del__``, a weak
    reference's callback) is printed and dropped; for Ctrl-C or SIGTERM that would be
    a traceback and a run that goes on. The signal is sent again instead, a moment
    later from another thread (sent at once, its handler would run inside this hook
    and be dropped again), and arrives where the run can stop.
    """
    from baocao.errors import Terminated

    def handle(unraisable: Any) -> None:
        kind = getattr(unraisable, "exc_type", None)
        if kind is not None and issubclass(kind, KeyboardInterrupt):
            _send_again(signal.SIGINT)
        elif kind is not None and issubclass(kind, Terminated):
            _send_again(signal.SIGTERM)
        else:
            hook(unraisable)

    return handle


def _send_again(signum: signal.Signals) -> None:
    timer = threading.Timer(_AGAIN_AFTER, os.kill, (os.getpid(), signum))
    timer.daemon = True
    timer.start()
