"""Measure backsafe's speed and print the figures as Markdown tables.

Run it from the repository root in the benchmark environment (see
``docs/performance.md``)::

    python benchmarks/run.py            # 10 thousand, 1 and 10 million rows
    python benchmarks/run.py --quick    # 10 thousand rows only
    python benchmarks/run.py --ratios   # the two ratios of issue 10 only

Every figure is the median of several runs, in processor time (imports:
wall time in fresh processes). What is measured:

1. ``import backsafe`` against ``import attrs``, each in fresh processes;
2. one `backsafe.spinal_load` call and one `backsafe.score` call, and
   `score` against the same equations as bare float arithmetic;
3. batch scoring against one hand-fused numpy expression of the same
   formula and against a Python loop of scalar calls, with peak memory;
4. an 8-week progression against streprogen 4.1 building and rendering a
   comparable 8-week program (skipped if streprogen is not installed).
"""

import argparse
import datetime as dt
import functools
import gc
import math
import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

import backsafe as bs
from backsafe.spine import _constants as k

FloatArray = npt.NDArray[np.float64]

#: Rows of the batch benchmark.
SIZES = (10_000, 1_000_000, 10_000_000)
#: Rows of the Python loop of scalar calls; its cost is linear in the rows,
#: so larger sizes are projected from this one.
LOOP_ROWS = 10_000
#: Fresh processes per import measurement.
IMPORT_RUNS = 21
#: Runs per timing (after one warm-up run).
RUNS = 5
#: Slugs in the logged-sets benchmark (all in the built-in catalog).
SLUGS = (
    "goblet-squat",
    "split-squat",
    "romanian-deadlift",
    "step-up",
    "glute-bridge",
    "bird-dog",
    "leg-press",
    "reverse-lunge",
)

IMPORT_CODE = (
    "import time; t = time.perf_counter(); import {module}; "
    "print(time.perf_counter() - t)"
)


def row(*cells: str) -> str:
    """Format one row of a Markdown table."""
    return "| " + " | ".join(cells) + " |"


def median_s(run: Callable[[], object], runs: int = RUNS) -> float:
    """Return the median time of *run* in seconds, after a warm-up.

    The time is the processor time of this process (everything measured
    here runs on one thread), so other jobs on a shared machine disturb it
    far less than they disturb wall time.
    """
    run()
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return statistics.median(times)


def peak_mb(run: Callable[[], object]) -> float:
    """Return the peak memory *run* allocates (numpy included), in MB."""
    gc.collect()
    tracemalloc.start()
    try:
        run()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 1e6


def machine() -> str:
    """Describe the machine and the software measured."""
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        total_kb = int(meminfo.read_text().split()[1])
        memory = f", {total_kb / 1e6:.0f} GB RAM"
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()}; "
        f"Python {platform.python_version()}, numpy {np.__version__}, "
        f"backsafe {metadata.version('backsafe')}, "
        f"attrs {metadata.version('attrs')}"
    )


# --- 1. Import ---------------------------------------------------------------


def import_s(module: str) -> float:
    """Time ``import module`` in a fresh interpreter, in seconds."""
    out = subprocess.run(
        [sys.executable, "-c", IMPORT_CODE.format(module=module)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout)


def bench_import() -> list[str]:
    """Compare ``import backsafe`` with ``import attrs``."""
    times: dict[str, list[float]] = {"attrs": [], "backsafe": []}
    for _ in range(IMPORT_RUNS):
        for module, runs in times.items():
            runs.append(import_s(module))
    attrs_s = statistics.median(times["attrs"])
    backsafe_s = statistics.median(times["backsafe"])
    ratio = backsafe_s / attrs_s
    return [
        row("import", "median (ms)"),
        "|---|---:|",
        row("`import attrs`", f"{attrs_s * 1e3:.1f}"),
        row("`import backsafe`", f"{backsafe_s * 1e3:.1f}"),
        row("ratio (target <= 1.5)", f"{ratio:.2f}"),
    ]


# --- 2. One call -------------------------------------------------------------


def per_call_us(run: Callable[[], object], calls: int) -> float:
    """Median time of one call of *run*, in microseconds."""

    def many() -> None:
        for _ in range(calls):
            run()

    return median_s(many) / calls * 1e6


#: tan 5 degrees (Cholewicki et al. 1991), as the model's geometry has it.
_EXTENSOR_SHEAR = math.tan(math.radians(5.0))


def bare_score(
    mass_kg: float, height_m: float, lean_deg: float, load_kg: float
) -> tuple[Any, ...]:
    """`score` of a goblet squat as bare float arithmetic, for the ratio.

    The same equations as the model (free standing, Winter's table, L4/L5,
    a trunk-borne load, the default limits): each source's moment,
    compression and shear, the muscle force, the totals, the three grades
    and the band, with no validation and no objects.
    """
    g = k.GRAVITY_M_S2
    radians = math.radians(lean_deg)
    sin, cos = math.sin(radians), math.cos(radians)
    upper_n = k.MASS_ABOVE_L4L5_WINTER * g * mass_kg
    load_n = load_kg * g
    upper_moment = upper_n * k.UPPER_COM_DISTANCE_PER_H * height_m * sin
    load_moment = load_n * k.SHOULDER_DISTANCE_PER_H * height_m * sin
    moment = upper_moment + load_moment
    muscle = moment / k.EXTENSOR_MOMENT_ARM_L4L5_M
    compression = upper_n * cos + load_n * cos + muscle
    # The extensors' line of action, 5 degrees posterior, shears backward.
    shear = upper_n * sin + load_n * sin - muscle * _EXTENSOR_SHEAR
    compression_level = (compression >= k.NIOSH_ACTION_LIMIT_N) + (
        compression >= k.NIOSH_MAXIMUM_PERMISSIBLE_LIMIT_N
    )
    shear_level = (abs(shear) >= k.SHEAR_ACTION_LIMIT_N) + (
        abs(shear) >= k.SHEAR_MAXIMUM_PERMISSIBLE_LIMIT_N
    )
    return (
        (upper_moment, upper_n * cos, upper_n * sin),
        (load_moment, load_n * cos, load_n * sin),
        muscle,
        moment,
        compression,
        shear,
        max(compression_level, shear_level),
        compression_level,
        shear_level,
        compression * (1 - 0.15),
        compression * (1 + 0.30),
    )


def score_ratio(calls: int = 5_000, reps: int = 15) -> tuple[float, ...]:
    """`score` against `bare_score`, timed in alternating blocks.

    Returns the median time of one `score` call and of one bare call, in
    microseconds, and the median of the paired ratios.
    """
    body = bs.Body(mass_kg=80, height_m=1.78)
    squat = bs.catalog.get("goblet-squat")
    lean = squat.typical_lean.degrees
    runs: dict[str, Callable[[], object]] = {
        "score": lambda: bs.score(squat, body, load_kg=16),
        "bare": lambda: bare_score(80.0, 1.78, lean, 16.0),
    }
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(reps):
        for name, run in runs.items():
            gc.collect()
            run()
            start = time.process_time()
            for _ in range(calls):
                run()
            times[name].append((time.process_time() - start) / calls)
    s, b = times["score"], times["bare"]
    paired = statistics.median(x / y for x, y in zip(s, b, strict=True))
    return statistics.median(s) * 1e6, statistics.median(b) * 1e6, paired


def bench_single_call() -> list[str]:
    """Time one scalar call of the model, and `score` against bare floats."""
    body = bs.Body(mass_kg=80, height_m=1.78)
    lift = bs.Posture(
        lean=bs.TorsoLean(degrees=45),
        load_kg=60,
        placement=bs.LoadPlacement.HANDS_HANGING,
    )
    squat = bs.catalog.get("goblet-squat")
    load_us = per_call_us(lambda: bs.spinal_load(lift, body), 2_000)
    score_us = per_call_us(lambda: bs.score(squat, body, load_kg=16), 2_000)
    alternating, bare_us, ratio = score_ratio()
    return [
        row("call", "median (µs)"),
        "|---|---:|",
        row("`spinal_load(posture, body)`", f"{load_us:.1f}"),
        row("`score(exercise, body, load_kg=16)`", f"{score_us:.1f}"),
        row(
            "`score`, alternating with the bare equations",
            f"{alternating:.2f}",
        ),
        row("the same equations as bare float arithmetic", f"{bare_us:.2f}"),
        row("`score` / bare (target <= 8)", f"{ratio:.1f}"),
    ]


# --- 3. Batch ----------------------------------------------------------------


class Columns(NamedTuple):
    """Random free-standing lifts with a load in the hands."""

    lean_deg: FloatArray
    mass_kg: FloatArray
    height_m: FloatArray
    load_kg: FloatArray

    @classmethod
    def random(cls, rows: int, seed: int = 0) -> "Columns":
        """Draw *rows* lifts."""
        rng = np.random.default_rng(seed)
        return cls(
            lean_deg=rng.uniform(0.0, 60.0, rows),
            mass_kg=rng.uniform(45.0, 130.0, rows),
            height_m=rng.uniform(1.50, 2.00, rows),
            load_kg=rng.uniform(0.0, 100.0, rows),
        )


def batch(c: Columns) -> bs.SpinalLoadArrays:
    """The library: spinal_load_many over the columns."""
    return bs.spinal_load_many(
        lean_deg=c.lean_deg,
        mass_kg=c.mass_kg,
        height_m=c.height_m,
        load_kg=c.load_kg,
        placement=bs.LoadPlacement.HANDS_HANGING,
    )


def fused(c: Columns) -> tuple[Any, ...]:
    """The same outputs by hand: one numpy expression per output.

    Free standing, Winter's table, L4/L5, a load in the hanging hands, the
    default limits; no validation and no chunking.
    """
    g, arm = k.GRAVITY_M_S2, k.EXTENSOR_MOMENT_ARM_L4L5_M
    radians = np.radians(c.lean_deg)
    sin, cos = np.sin(radians), np.cos(radians)
    weight_n = c.mass_kg * (k.MASS_ABOVE_L4L5_WINTER * g) + c.load_kg * g
    moment = (
        c.mass_kg * (k.MASS_ABOVE_L4L5_WINTER * g * k.UPPER_COM_DISTANCE_PER_H)
        + c.load_kg * (g * k.SHOULDER_DISTANCE_PER_H)
    ) * (c.height_m * sin)
    muscle = moment / arm
    compression = muscle + weight_n * cos
    # The extensors' line of action, 5 degrees posterior, shears backward.
    shear = weight_n * sin - muscle * _EXTENSOR_SHEAR
    # The band of the static path (`backsafe.spine._evidence`).
    low, high = compression * (1 - 0.15), compression * (1 + 0.30)
    c_level = (compression >= k.NIOSH_ACTION_LIMIT_N).astype(np.int8) + (
        compression >= k.NIOSH_MAXIMUM_PERMISSIBLE_LIMIT_N
    )
    s_level = (shear >= k.SHEAR_ACTION_LIMIT_N).astype(np.int8) + (
        shear >= k.SHEAR_MAXIMUM_PERMISSIBLE_LIMIT_N
    )
    return moment, compression, shear, np.maximum(c_level, s_level), low, high


def loop(c: Columns) -> list[bs.SpinalLoad]:
    """The same by scalar calls, one Posture and Body per row."""
    return [
        bs.spinal_load(
            bs.Posture(
                lean=bs.TorsoLean(degrees=lean),
                load_kg=load,
                placement=bs.LoadPlacement.HANDS_HANGING,
            ),
            bs.Body(mass_kg=mass, height_m=height),
        )
        for lean, mass, height, load in zip(
            c.lean_deg.tolist(),
            c.mass_kg.tolist(),
            c.height_m.tolist(),
            c.load_kg.tolist(),
            strict=True,
        )
    ]


def logged_sets(rows: int, seed: int = 0) -> dict[str, Any]:
    """Random logged sets of catalog exercises, slugs as strings."""
    rng = np.random.default_rng(seed)
    codes = rng.integers(0, len(SLUGS), rows)
    slugs = np.asarray(SLUGS)[codes]
    takes_load = np.array([bs.catalog.get(s).takes_load for s in SLUGS])
    loaded = takes_load[codes]
    load = np.where(loaded, rng.choice([8.0, 16.0, 24.0, 40.0], rows), 0.0)
    return {
        "exercise": slugs,
        "mass_kg": rng.uniform(45.0, 130.0, rows),
        "height_m": rng.uniform(1.50, 2.00, rows),
        "load_kg": load,
    }


def bench_batch(sizes: tuple[int, ...]) -> list[str]:
    """Batch throughput and memory against the fused expression and a loop."""
    sample = Columns.random(LOOP_ROWS, seed=1)
    loop_row_s = median_s(lambda: loop(sample), runs=3) / LOOP_ROWS
    lines = [
        row(
            "rows",
            "batch (ms)",
            "fused numpy (ms)",
            "batch / fused speed (target >= 0.5)",
            "Python loop (ms)",
            "batch / loop speed (target >= 50)",
            "batch peak (MB)",
            "fused peak (MB)",
            "result (MB)",
        ),
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for rows in sizes:
        columns = Columns.random(rows)
        run_batch = functools.partial(batch, columns)
        run_fused = functools.partial(fused, columns)
        batch_s = median_s(run_batch)
        fused_s = median_s(run_fused)
        loop_s = loop_row_s * rows
        projected = "" if rows == LOOP_ROWS else " *"
        lines.append(
            row(
                f"{rows:,}",
                f"{batch_s * 1e3:,.1f}",
                f"{fused_s * 1e3:,.1f}",
                f"{fused_s / batch_s:.2f}",
                f"{loop_s * 1e3:,.0f}{projected}",
                f"{loop_s / batch_s:,.0f}",
                f"{peak_mb(run_batch):,.1f}",
                f"{peak_mb(run_fused):,.1f}",
                f"{rows * (5 * 8 + 5) / 1e6:,.1f}",
            )
        )
        del columns
        gc.collect()
    lines.append("")
    lines.append(
        f"\\* projected from {LOOP_ROWS:,} rows "
        f"({loop_row_s * 1e6:.1f} µs a row); the loop's cost is linear."
    )
    return lines


def bench_ratios(reps: int = 15) -> list[str]:
    """Batch against the fused expression, alternating in blocks of calls.

    On a shared machine the speed drifts within seconds; timing the two in
    alternation, *reps* blocks each, and comparing medians and minima from
    the same stretch of time gives a ratio that drifts far less.
    """
    lines = [
        row(
            "rows",
            "batch median (ms)",
            "fused median (ms)",
            "fused / batch, of medians",
            "of minima",
            "median of paired blocks",
        ),
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for rows, calls in ((10_000, 20), (1_000_000, 2)):
        columns = Columns.random(rows)
        runs: dict[str, Callable[[], object]] = {
            "batch": functools.partial(batch, columns),
            "fused": functools.partial(fused, columns),
        }
        times: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(reps):
            for name, run in runs.items():
                gc.collect()
                run()
                start = time.process_time()
                for _ in range(calls):
                    run()
                times[name].append((time.process_time() - start) / calls)
        b, f = times["batch"], times["fused"]
        paired = statistics.median(x / y for x, y in zip(f, b, strict=True))
        lines.append(
            row(
                f"{rows:,}",
                f"{statistics.median(b) * 1e3:,.3f}",
                f"{statistics.median(f) * 1e3:,.3f}",
                f"{statistics.median(f) / statistics.median(b):.2f}",
                f"{min(f) / min(b):.2f}",
                f"{paired:.2f}",
            )
        )
    return lines


def bench_logged_sets(sizes: tuple[int, ...]) -> list[str]:
    """Throughput of score_many and score_frame on catalog slugs."""
    import pandas as pd  # noqa: PLC0415

    lines = [
        row(
            "rows",
            "`score_many`, slugs as str (ms)",
            "peak (MB)",
            "`score_frame`, categorical slugs (ms)",
            "peak (MB)",
        ),
        "|---:|---:|---:|---:|---:|",
    ]
    for rows in sizes:
        sets = logged_sets(rows)
        frame = pd.DataFrame(sets).astype({"exercise": "category"})

        def many(s: dict[str, Any] = sets) -> bs.SpinalLoadArrays:
            return bs.score_many(
                s["exercise"],
                mass_kg=s["mass_kg"],
                height_m=s["height_m"],
                load_kg=s["load_kg"],
            )

        def on_frame(f: pd.DataFrame = frame) -> pd.DataFrame:
            return bs.score_frame(f)

        lines.append(
            row(
                f"{rows:,}",
                f"{median_s(many) * 1e3:,.1f}",
                f"{peak_mb(many):,.1f}",
                f"{median_s(on_frame) * 1e3:,.1f}",
                f"{peak_mb(on_frame):,.1f}",
            )
        )
        del sets, frame
        gc.collect()
    return lines


# --- 4. Progression ----------------------------------------------------------


def backsafe_program() -> str:
    """Plan 8 weeks of split squats and render the plan as JSON."""
    plan = bs.generate_progression(
        "split-squat",
        bs.Body(mass_kg=80, height_m=1.78),
        phase=bs.Phase.CHRONIC,
        mode=bs.TrainingMode.STRENGTH,
        start=dt.date(2026, 3, 2),
        weeks=8,
        load_kg=20.0,
    )
    return bs.to_json(plan)


def streprogen_program() -> str:
    """Build and render an 8-week split-squat program with streprogen."""
    from streprogen import Program  # type: ignore[import-not-found]  # noqa: PLC0415

    # 6-8 reps at a steady 78 % of the 1RM (the intensity those reps map
    # to), the bar from 20 to 25 kg: like backsafe's strength mode.
    program = Program(
        "Split squat",
        duration=8,
        units="kg",
        round_to=2.5,
        intensity=78,
        intensity_scaler_func=lambda _week: 1.0,
        min_reps=6,
        max_reps=8,
    )
    with program.Day("Legs"):
        program.DynamicExercise(
            "Split squat", start_weight=20, final_weight=25
        )
    program.render()
    text: str = program.to_txt()
    return text


def bench_progression() -> list[str]:
    """An 8-week progression against streprogen 4.1."""
    backsafe_s = median_s(backsafe_program, runs=21)
    lines = [
        row("8-week program", "median (ms)"),
        "|---|---:|",
        row(
            "backsafe `generate_progression` + `to_json`",
            f"{backsafe_s * 1e3:.2f}",
        ),
    ]
    try:
        version = metadata.version("streprogen")
    except metadata.PackageNotFoundError:
        lines.append("| streprogen | not installed: skipped |")
        return lines
    streprogen_s = median_s(streprogen_program, runs=21)
    lines += [
        row(
            f"streprogen {version} `Program.render` + `to_txt`",
            f"{streprogen_s * 1e3:.2f}",
        ),
        row("speed-up (target >= 10)", f"{streprogen_s / backsafe_s:.1f}"),
    ]
    return lines


def main() -> None:
    """Run every benchmark and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="10 thousand rows only"
    )
    parser.add_argument(
        "--ratios",
        action="store_true",
        help="batch against fused numpy only, alternating",
    )
    args = parser.parse_args()
    if args.ratios:
        print(f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC.")
        print("\n".join(bench_ratios()), flush=True)
        score_us, bare_us, ratio = score_ratio()
        print(
            f"\n`score` {score_us:.2f} µs, bare floats {bare_us:.2f} µs:"
            f" score / bare = {ratio:.1f} (target <= 8)",
            flush=True,
        )
        return
    sizes = SIZES[:1] if args.quick else SIZES
    print(f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on")
    print(f"{machine()}.")
    sections: list[tuple[str, Callable[[], list[str]]]] = [
        ("Import", bench_import),
        ("One call", bench_single_call),
        ("Batch: spinal_load_many", lambda: bench_batch(sizes)),
        ("Batch: logged sets", lambda: bench_logged_sets(sizes)),
        ("Progression", bench_progression),
    ]
    for title, bench in sections:
        print(f"\n### {title}\n", flush=True)
        print("\n".join(bench()), flush=True)


if __name__ == "__main__":
    main()
