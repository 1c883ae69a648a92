"""The main window's views, one per model, each named after its model."""
