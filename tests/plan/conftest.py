"""Fixtures of the spreadsheet form tests (see formkit.py)."""

from formkit import blank_form, form, log, plan, plan_data

__all__ = ["blank_form", "form", "log", "plan", "plan_data"]
