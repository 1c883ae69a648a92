"""The allocation result as files: the spec's JSON and a workbook a manager can print."""
