"""Rebalancing open caseloads (`docs/rebalance.md`, the contract `rebalance.md`).

`builder` turns a workbook and the released workers into one `RebalanceInstance` per team,
`service.rebalance` solves every team's frontier and `assemble` makes the manager's result:
moves with reasons, unplaced families with why, workload and the frontier.
`run.run_rebalance` is the API for the app and the workspace: a `RebalanceRun` gives the
plan at any frontier point (`result(k)`) and takes the manager's own choices
(`choices`: family -> worker, or None to keep it; checked in `choices`).
"""
