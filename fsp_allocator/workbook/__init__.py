"""The team workbook: reading and checking it (import) and writing it (export, demo, template)."""
