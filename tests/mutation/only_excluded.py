"""Keep only the operator families a configuration's filter leaves out.

``python tests/mutation/only_excluded.py SESSION CONFIG``, after
``cosmic-ray init`` (and instead of ``cr-filter-operators``), marks
skipped every pending mutant whose operator the ``exclude-operators``
list of *CONFIG* does not match, so the session runs exactly the
families the filtered session left out: the two sessions together run
every mutant. The list is read from the configuration, so the families
are named in one place.
"""

import re
import sys
import tomllib
from pathlib import Path

from cosmic_ray.work_db import (  # type: ignore[import-untyped,import-not-found,unused-ignore]
    WorkDB,
    use_db,
)
from cosmic_ray.work_item import (  # type: ignore[import-untyped,import-not-found,unused-ignore]
    WorkerOutcome,
    WorkResult,
)


def main(path: str, config: str) -> None:
    """Mark skipped the mutants of *path* that *config*'s filter keeps."""
    with Path(config).open("rb") as f:
        settings = tomllib.load(f)["cosmic-ray"]["filters"]
    families = settings["operators-filter"]["exclude-operators"]
    # The filter's own test: re.match of the alternatives (its source).
    excluded = re.compile("|".join(f"(?:{e})" for e in families))
    with use_db(path, WorkDB.Mode.open) as db:
        items = list(db.pending_work_items)
        kept = 0
        for item in items:
            if all(excluded.match(m.operator_name) for m in item.mutations):
                kept += 1
            else:
                db.set_result(
                    item.job_id,
                    WorkResult(worker_outcome=WorkerOutcome.SKIPPED),
                )
        sys.stdout.write(f"{len(items)} mutants, {kept} kept\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
