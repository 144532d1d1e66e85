"""Score a log of sets in bulk: numpy arrays, a pandas frame, and Dask.

Needs numpy, pandas and dask (``pip install "backsafe[array]" pandas
dask``). Run it as ``python examples/batch_scoring.py``.
"""

from typing import Any

import dask.dataframe as dd
import numpy as np
import pandas as pd

import backsafe as bs


def score_with_dask(sets: dd.DataFrame, **options: Any) -> dd.DataFrame:
    """Add backsafe's score columns to every partition of *sets*.

    *options* go to `backsafe.score_frame` (column names, a catalog, the
    model's options). Dask learns the result's columns and dtypes from
    scoring the empty frame that describes *sets*, so nothing is computed
    until the caller asks.
    """
    # An empty pandas frame with the partitions' columns and dtypes.
    empty: pd.DataFrame = sets._meta  # noqa: SLF001
    meta = bs.score_frame(empty, **options)
    scored: dd.DataFrame = sets.map_partitions(  # type: ignore[no-untyped-call]
        bs.score_frame, meta=meta, **options
    )
    return scored


def logged_sets(rows: int, *, seed: int = 0) -> pd.DataFrame:
    """Make up a log of *rows* sets of loaded leg exercises."""
    rng = np.random.default_rng(seed)
    slugs = ["goblet-squat", "split-squat", "romanian-deadlift", "step-up"]
    return pd.DataFrame(
        {
            "exercise": pd.Categorical(rng.choice(slugs, rows)),
            "mass_kg": rng.uniform(50.0, 110.0, rows).round(1),
            "height_m": rng.uniform(1.55, 1.95, rows).round(2),
            "load_kg": rng.choice([0.0, 8.0, 16.0, 24.0, 40.0], rows),
        }
    )


def main() -> None:
    """Score the same log three ways and show that they agree."""
    sets = logged_sets(10_000)

    loads = bs.score_many(
        sets["exercise"].to_numpy(dtype=str),
        mass_kg=sets["mass_kg"].to_numpy(),
        height_m=sets["height_m"].to_numpy(),
        load_kg=sets["load_kg"].to_numpy(),
    )
    scored = bs.score_frame(sets)
    partitioned = dd.from_pandas(sets, npartitions=4)  # type: ignore[no-untyped-call]
    on_dask = score_with_dask(partitioned).compute(  # type: ignore[no-untyped-call]
        scheduler="threads"
    )

    for other in (scored, on_dask):
        if not np.array_equal(loads.compression_n, other["compression_n"]):
            raise SystemExit("the three ways disagree")
    summary = scored.groupby("exercise", observed=True).agg(
        sets=("level", "size"),
        median_compression_n=("compression_n", "median"),
        worst=("level", "max"),
    )
    print(summary.round())


if __name__ == "__main__":
    main()
