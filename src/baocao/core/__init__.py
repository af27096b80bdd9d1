"""The data model (plan, log, narrative, settings), reporting periods and Vietnamese text."""
