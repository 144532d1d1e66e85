"""Score the founding article's leg exercises for a reference body.

Run it with ``python examples/leg_day.py``. It prints each exercise's lean,
its spinal load at a typical working load, and its grade against the NIOSH
limits, heaviest first, so the back-friendlier choices are easy to see.
"""

import backsafe as bs

#: A reference adult and a working load for each exercise, in kilograms
#: (both dumbbells together; the bar; the machine's stack).
BODY = bs.Body(mass_kg=80, height_m=1.78)
LEG_DAY: dict[str, float] = {
    "conventional-deadlift": 80,
    "low-bar-back-squat": 60,
    "high-bar-back-squat": 60,
    "front-squat": 50,
    "goblet-squat": 20,
    "romanian-deadlift": 50,
    "split-squat": 30,
    "rear-foot-elevated-split-squat": 24,
    "reverse-lunge": 24,
    "step-up": 20,
    "single-leg-box-squat": 0,
    "leg-press": 100,
    "leg-extension": 30,
    "seated-leg-curl": 30,
    "barbell-hip-thrust": 60,
    "glute-bridge": 0,
    "stability-ball-hamstring-curl": 0,
}


def main() -> None:
    """Print the table."""
    rows = []
    for slug, load in LEG_DAY.items():
        exercise = bs.catalog.get(slug)
        result = bs.score(exercise, BODY, load_kg=load)
        rows.append((result.compression_n, exercise, load, result))
    rows.sort(key=lambda row: row[0], reverse=True)

    print(f"Spinal load at L4/L5 for {BODY.mass_kg:g} kg, {BODY.height_m} m")
    print(f"{'exercise':34} {'load':>6} {'lean':>6} {'compr.':>8}  level")
    for compression, exercise, load, result in rows:
        lean = exercise.typical_lean.degrees
        print(
            f"{exercise.name:34} {load:5.0f}kg {lean:5.0f}° "
            f"{compression:7.0f}N  {result.level.value}"
        )
    print(
        "\nLimits: 3400 N action limit, 6400 N maximum (NIOSH 1981)."
        " Upright and single-leg work keeps the spine low."
    )


if __name__ == "__main__":
    main()
