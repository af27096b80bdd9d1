"""Onboarding a plan: reading plan documents, import, time frames, schedules, scaffolding."""
