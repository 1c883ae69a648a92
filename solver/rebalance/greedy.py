"""The by-hand baseline: each forced family, most urgent first, to the least-loaded
eligible worker who can take it (its fixed worker when it has one). No voluntary moves.

It is what a manager does with a spreadsheet, so the benchmark prints it beside the
frontier, and it stands in for a point no search reached. The caps come from `rule_checks`.
"""

from __future__ import annotations

from solver.rebalance import rule_checks
from solver.rebalance.instance import RebalanceInstance


def greedy_rehome(instance: RebalanceInstance) -> dict[str, str | None]:
    """Family id -> receiver (None = unplaced or staying), under every hard rule."""
    workers = {w.id: w for w in instance.workers}
    load = {w.id: w.load for w in instance.workers}
    court = dict.fromkeys(load, 0)
    plan: dict[str, str | None] = dict.fromkeys((f.id for f in instance.families), None)
    forced = [f for f in instance.families if f.forced]
    for f in forced:
        if f.from_worker in load:
            load[f.from_worker] -= f.weight
    order = sorted(forced, key=lambda f: (f.fixed_worker is None, f.urgency, f.referral_rank))
    for f in order:
        if f.fixed_worker is not None and f.fixed_worker in workers:
            choice: str | None = f.fixed_worker
        else:
            fitting = [
                w
                for w in f.eligible
                if w in workers
                and w != f.from_worker
                and rule_checks.fits(rule_checks.state(workers[w], load[w], court[w]), f)
            ]
            choice = min(
                fitting,
                key=lambda w: load[w] / workers[w].capacity if workers[w].capacity else 1e9,
                default=None,
            )
        if choice is None:
            if f.from_worker in load:
                load[f.from_worker] += f.weight
            continue
        plan[f.id] = choice
        load[choice] += f.weight
        court[choice] += int(f.court)
    return plan
