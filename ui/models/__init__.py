"""Table models: each adapts one kind of core data for one view; none opens a dialog."""
