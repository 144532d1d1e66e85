"""Turn a barbell back-squat day into a back-friendly leg day.

Run it with ``python examples/back_friendly_leg_day.py``. It scores a
classic leg day for a reference lifter, lists the back squat's
alternatives at the same work per leg, and rewrites the whole day so that
every exercise stays below the NIOSH action limit, with one reason per
change.
"""

import backsafe as bs

#: The lifter: 80 kg, 1.78 m.
BODY = bs.Body(mass_kg=80, height_m=1.78)

#: A barbell day: sets, reps (per leg for single-leg work) and total load.
LEG_DAY = bs.Workout(
    name="Barbell leg day",
    items=(
        bs.WorkoutItem.from_slug(
            "low-bar-back-squat", sets=4, reps=6, load_kg=80
        ),
        bs.WorkoutItem.from_slug(
            "romanian-deadlift", sets=3, reps=8, load_kg=60
        ),
        bs.WorkoutItem.from_slug("leg-extension", sets=3, reps=12, load_kg=40),
        bs.WorkoutItem.from_slug(
            "seated-leg-curl", sets=3, reps=12, load_kg=35
        ),
        bs.WorkoutItem.from_slug("bent-knee-sit-up", sets=3, reps=15),
    ),
)


def describe(workout: bs.Workout) -> list[str]:
    """Return one line per item: dose, spinal load and its grade."""
    lines = []
    for item in workout.items:
        load = bs.score(item.exercise, BODY, load_kg=item.load_kg)
        lines.append(
            f"  {item.exercise.name:32} {item.sets}x{item.reps:<3}"
            f" {item.load_kg:5.0f} kg {load.compression_n:6.0f} N"
            f"  {load.level.value}"
        )
    return lines


def main() -> None:
    """Print the day before and after, and the squat's alternatives."""
    print(f"{LEG_DAY.name}, {BODY.mass_kg:g} kg lifter:")
    print("\n".join(describe(LEG_DAY)))

    squat = LEG_DAY.items[0]
    print(
        f"\nAlternatives to the {squat.exercise.name.lower()} at"
        f" {squat.load_kg:g} kg, same work per leg:"
    )
    found = bs.alternatives(
        squat.exercise, BODY, load_kg=squat.load_kg, max_level="low"
    )
    for alt in found:
        print(
            f"  {alt.exercise.name:32} {alt.load_kg:5.0f} kg"
            f" {alt.spinal_load.compression_n:6.0f} N"
            f"  {alt.relative_reduction:4.0%} less"
        )

    rewrite = bs.rewrite_workout(LEG_DAY, BODY, max_level="low")
    print("\nBack-friendly version:")
    print("\n".join(describe(rewrite.workout)))
    print("\nWhy:")
    for reason in rewrite.reasons:
        print(f"- {reason}")


if __name__ == "__main__":
    main()
