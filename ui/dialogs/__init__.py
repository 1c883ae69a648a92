"""Dialogs, each with an `ask(...)` classmethod that tests replace."""
