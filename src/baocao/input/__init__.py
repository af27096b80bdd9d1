"""Reading a workspace: YAML with positions, validation against the plan, unit logs."""
