"""The library API behind the CLI: what scripts and tests call directly."""

from __future__ import annotations

from pathlib import Path

from baocao.workspace import Workspace, find_root, load_workspace


def validate(workspace: Path | None = None) -> Workspace:
    """Load and check every file of a workspace.

    Returns the validated workspace (its ``warnings`` may be non-empty); raises
    :class:`baocao.errors.InputError` with every problem found when any is an error.
    """
    return load_workspace(find_root(workspace))
