"""Keep every Nth mutant of a cosmic-ray session; mark the rest skipped.

A bounded run: ``python tests/mutation/sample.py SESSION N [OFFSET]``
keeps the mutants whose position is OFFSET (0 by default) plus a multiple
of N, so offsets 0 to N - 1 split a session into N disjoint samples.
The position orders the mutants by where they are (module, line,
column) and what they do (operator, occurrence), never by job id (a
random id drawn at ``cosmic-ray init``), so two sessions of one source
keep the same mutants.
"""

import sys

from cosmic_ray.work_db import (  # type: ignore[import-untyped,import-not-found,unused-ignore]
    WorkDB,
    use_db,
)
from cosmic_ray.work_item import (  # type: ignore[import-untyped,import-not-found,unused-ignore]
    WorkerOutcome,
    WorkItem,
    WorkResult,
)


def _position(item: WorkItem) -> tuple[tuple[str, int, int, str, int], ...]:
    return tuple(
        (
            str(m.module_path),
            *m.start_pos,
            m.operator_name,
            m.occurrence,
        )
        for m in item.mutations
    )


def main(path: str, step: int, offset: int = 0) -> None:
    """Mark all but every *step*-th pending mutant of *path* skipped."""
    with use_db(path, WorkDB.Mode.open) as db:
        items = sorted(db.pending_work_items, key=_position)
        for i, item in enumerate(items):
            if i % step != offset:
                db.set_result(
                    item.job_id,
                    WorkResult(worker_outcome=WorkerOutcome.SKIPPED),
                )
        sys.stdout.write(
            f"{len(items)} mutants, {len(items[offset::step])} kept\n"
        )


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), *map(int, sys.argv[3:4]))
