"""Rebalancing open caseloads (`docs/rebalance.md`, the contract `rebalance.md`).

`builder` turns a workbook and the released workers into one `RebalanceInstance` per team,
`service.rebalance` solves every team's frontier and `assemble` makes the manager's result:
moves with reasons, unplaced families with why, workload and the frontier.
"""
