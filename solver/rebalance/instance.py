"""The rebalance model's input: one team's workers and the families that may move.

The core builds it: weights and loads in hundredths (`solver.SCALE`), and for each family
the receivers that rules 3, 4, 6, 8, the exclusions and "not released" allow
(`MovingFamily.eligible`). The caps (rules 5 and 7) are the model's, through
`solver.rebalance.rule_checks`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TeamWorker:
    """A lead-role worker of the team with their load before any move."""

    id: str
    capacity: int  # hundredths
    max_load: int  # hundredths: capacity x max_load_ratio, rule 7's ceiling
    load: int  # hundredths: every child they lead now
    court_load: int  # families with a child in PLO/COURT they lead now
    court_cap: int
    balanced: bool  # counts in aim 3: not released and not left


@dataclass(frozen=True, slots=True)
class MovingFamily:
    """A family that must move (forced) or may move (a voluntary candidate).

    Only the children `from_worker` leads move (`weight`). `fixed_worker` (the family's
    other lead worker, or an honoured pin) takes a forced family over the caps;
    `continuity_worker` is aim 2's choice when it may take the family.
    """

    id: str
    from_worker: str
    weight: int  # hundredths: the moving children's weights
    court: bool  # the receiver gains a family in PLO/COURT
    forced: bool
    urgency: int  # 0..3, 0 the most urgent (workbook aim 1)
    referral_rank: int  # 0 the oldest referral among the team's forced families
    eligible: tuple[str, ...]  # receivers allowed by the rules the core applies, stable order
    fixed_worker: str | None = None
    continuity_worker: str | None = None


@dataclass(frozen=True, slots=True)
class RebalanceInstance:
    """One team: its lead workers, the forced families and the voluntary candidates."""

    team: str
    workers: tuple[TeamWorker, ...]
    families: tuple[MovingFamily, ...]
    max_moves: int = 0  # voluntary moves allowed at most (the frontier runs 0..max_moves)

    def worker(self, worker_id: str) -> TeamWorker:
        """The worker with this id (KeyError if none)."""
        for w in self.workers:
            if w.id == worker_id:
                return w
        raise KeyError(worker_id)
