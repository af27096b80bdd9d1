"""Where a task and a unit stand over a report's window: the states a report and its
summary name (the aggregate decides them, the summary model holds them)."""

from __future__ import annotations

from enum import StrEnum


class TaskStatus(StrEnum):
    """Where a task stands over a window."""

    DONE = "done"  # its time frame is over, and something was done
    IN_PROGRESS = "in_progress"  # under way: something done, its time frame runs on
    NOT_DUE = "not_due"  # it starts after the window
    NOT_DONE = "not_done"  # due, and nothing reported


class Submission(StrEnum):
    """Whether a unit sent its report for a period, and when."""

    ON_TIME = "on_time"
    LATE = "late"
    NOT_SENT = "not_sent"  # not sent, and the due date has passed
    NOT_DUE = "not_due"  # not sent yet, and not yet due
