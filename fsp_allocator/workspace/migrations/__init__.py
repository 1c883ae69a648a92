"""Alembic migrations of the workspace schema (run programmatically; no alembic.ini needed)."""
