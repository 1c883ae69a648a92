"""FSP Allocator's desktop app (PySide6): the window a team manager uses in the allocation meeting.

Every module imports Qt through `ui.qt`; the core (`fsp_allocator`) never imports Qt.
"""
