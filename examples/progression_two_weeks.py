"""Follow one person through two weeks of home exercise, flare included.

Run it with ``python examples/progression_two_weeks.py``. A person nine
weeks into an episode of back pain (the subacute phase), cleared by their
doctor, starts glute bridges at 5 reps 3 times a day. Each evening they
report their pain; the next morning they add how their back feels. The
script plans the programme, then decides after every report and prints why,
including a flare on day 9 that undoes the last step up.
"""

import datetime as dt

import backsafe as bs

BODY = bs.Body(mass_kg=80, height_m=1.78)
START = dt.date(2026, 3, 2)

#: (pain the morning before, worst pain during, pain the next morning);
#: None means the next-morning answer is missing.
REPORTS: list[tuple[int, int, int | None]] = [
    (3, 2, 3),
    (3, 2, 3),
    (3, 1, 2),
    (2, 1, 2),
    (2, 2, 2),
    (2, 2, None),
    (2, 2, 2),
    (2, 3, 2),
    (3, 6, 5),  # the flare: pain above 5/10, and worse the next morning
    (5, 4, 4),
    (4, 3, 3),
    (3, 2, 2),
    (2, 2, 2),
    (2, 1, 2),
]


def describe(dose: bs.Dose) -> str:
    """Summarise a dose in a few words."""
    return f"{dose.exercise} {dose.reps} reps x{dose.sessions_per_day}/day"


def run() -> list[bs.Outcome]:
    """Decide after every report and return the outcomes, oldest first."""
    clearance = bs.Clearance(cleared=True, on=START - dt.timedelta(days=3))
    plan = bs.generate_progression(
        "glute-bridge",
        BODY,
        phase=bs.Phase.SUBACUTE,
        mode=bs.TrainingMode.HOME_REPS,
        start=START,
        weeks=2,
        clearance=clearance,
    )
    print("Planned:")
    for step in plan.steps[:4]:
        print(f"  from {step.starts_on}: {describe(step.dose)}")
    print(f"  ... {len(plan.steps)} steps; {plan.steps[0].criteria.summary}")
    print()

    dose = plan.steps[0].dose
    history: list[bs.SessionReport] = []
    outcomes: list[bs.Outcome] = []
    for offset, (before, during, next_morning) in enumerate(REPORTS):
        report = bs.SessionReport(
            day=START + dt.timedelta(days=offset),
            pain_before=before,
            pain_during_max=during,
            pain_next_morning=next_morning,
        )
        context = bs.Context(
            phase=bs.Phase.SUBACUTE,
            clearance=clearance,
            history=tuple(history),
            decisions=tuple(outcomes),
            programme_start=START,
            body=BODY,
        )
        outcome = bs.decide(report, dose, context)
        history.append(report)
        outcomes.append(outcome)
        next_dose = bs.apply_decision(outcome, dose)
        after = "-" if next_morning is None else str(next_morning)
        pains = f"{before}/{during}/{after}"
        print(
            f"day {offset + 1:2} pain {pains:6} {outcome.decision.value:8}"
            f" -> {'stop' if next_dose is None else describe(next_dose)}"
        )
        for reason in outcome.reasons:
            print(f"         {reason.code.value}: {reason.message}")
        if next_dose is None:
            break
        dose = next_dose
    return outcomes


if __name__ == "__main__":
    run()
