"""The service: every team of a workbook or workspace at once (`docs/service.md`).

`figures` computes the service report's figures per team and for the service; `plan`
projects them forward with intake and closure rates and what-if roster changes; `rates`
measures those rates from a workspace's accepted weeks. Nothing here allocates.
"""
