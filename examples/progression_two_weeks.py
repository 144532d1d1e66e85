"""Follow one person through two weeks of home exercise, with a flare.

Run it with ``python examples/progression_two_weeks.py``. A person five
months into back pain (the chronic phase), cleared by their doctor, starts
glute bridges at 5 reps 3 times a day. Each evening they report their pain
and the reps they managed; the next morning they add how their back feels.

On day 6 they wake with a flare of their usual pain. During a flare of
chronic pain the rules use the acute phase's settings (clinical-rules §2):
the caller passes `backsafe.Phase.ACUTE` until two sessions in a row are
green and settled, then goes back to `backsafe.Phase.CHRONIC`.
"""

import datetime as dt

import backsafe as bs

BODY = bs.Body(mass_kg=80, height_m=1.78)
START = dt.date(2026, 3, 2)
CONFIG = bs.Config()
#: Two green, settled sessions in a row end a flare (clinical-rules §2).
SESSIONS_TO_END_A_FLARE = 2

#: (pain the morning before, worst pain during, pain the next morning,
#: whether the person reports a flare that morning); None means the
#: next-morning answer is missing.
REPORTS: list[tuple[int, int, int | None, bool]] = [
    (2, 2, 2, False),
    (2, 1, 2, False),
    (2, 2, 2, False),
    (2, 2, None, False),
    (2, 1, 2, False),
    (3, 6, 4, True),  # the flare: pain above 5/10, worse the next morning
    (4, 3, 3, False),
    (3, 2, 2, False),
    (2, 2, 2, False),
    (2, 2, 2, False),
    (2, 1, 2, False),
    (2, 2, 2, False),
    (2, 1, 2, False),
    (2, 2, 2, False),
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
        phase=bs.Phase.CHRONIC,
        mode=bs.TrainingMode.HOME_REPS,
        start=START,
        weeks=2,
        clearance=clearance,
        config=CONFIG,
    )
    print("Planned:")
    for step in plan.steps[:4]:
        print(f"  from {step.starts_on}: {describe(step.dose)}")
    print(f"  ... {len(plan.steps)} steps; {plan.steps[0].criteria.summary}")
    print()

    dose = plan.steps[0].dose
    history: list[bs.SessionReport] = []
    outcomes: list[bs.Outcome] = []
    in_flare = False
    good_in_a_row = 0
    for offset, (before, during, next_morning, flare) in enumerate(REPORTS):
        if flare:
            in_flare, good_in_a_row = True, 0
        phase = bs.Phase.ACUTE if in_flare else bs.Phase.CHRONIC
        report = bs.SessionReport(
            day=START + dt.timedelta(days=offset),
            pain_before=before,
            pain_during_max=during,
            pain_next_morning=next_morning,
            # One set a session at the dose; the worst of the day's three.
            sets=(bs.SetResult(reps=dose.reps),),
        )
        context = bs.Context(
            phase=phase,
            clearance=clearance,
            history=tuple(history),
            decisions=tuple(outcomes),
            programme_start=START,
            body=BODY,
            config=CONFIG,
        )
        outcome = bs.decide(report, dose, context)
        history.append(report)
        outcomes.append(outcome)
        next_dose = bs.apply_decision(outcome, dose)
        after = "-" if next_morning is None else str(next_morning)
        pains = f"{before}/{during}/{after}"
        print(
            f"day {offset + 1:2} {phase.value:8} pain {pains:6}"
            f" {outcome.decision.value:8}"
            f" -> {'stop' if next_dose is None else describe(next_dose)}"
        )
        for reason in outcome.reasons:
            print(f"         {reason.code.value}: {reason.message}")
        if next_dose is None:
            break
        dose = next_dose
        if in_flare:
            green = during <= CONFIG.green_max(bs.Phase.ACUTE)
            settled = report.is_settled(settle_tol=CONFIG.settle_tol)
            good_in_a_row = good_in_a_row + 1 if green and settled else 0
            if good_in_a_row >= SESSIONS_TO_END_A_FLARE:
                in_flare = False
    return outcomes


if __name__ == "__main__":
    run()
