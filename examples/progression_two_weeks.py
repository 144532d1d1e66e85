"""Follow one person through two weeks of home exercise, with a flare.

Run it with ``python examples/progression_two_weeks.py``. A person five
months into back pain (the chronic phase), cleared by their doctor, starts
glute bridges at 5 reps 3 times a day. Each evening they report their pain
and the reps they managed; the next morning they add how their back feels.

The product keeps one `backsafe.Episode` and gives it each report as it
arrives: the evening report gives a provisional outcome (never a step up),
the next-morning answer (`backsafe.MorningReport`) the final one.

On day 6 they wake with a flare of their usual pain and say so in the
report (``flare=True``). During a flare of chronic pain the rules use the
acute phase's settings (clinical-rules §2) until two sessions in a row are
green and settled; the episode works the phase out from the onset and the
flare, and every outcome says which phase it used.
"""

import datetime as dt

import backsafe as bs

BODY = bs.Body(mass_kg=80, height_m=1.78)
START = dt.date(2026, 3, 2)
CONFIG = bs.Config()
#: Five months into back pain: the chronic phase.
ONSET = START - dt.timedelta(weeks=22)

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
    """Record every report and return the final outcomes, oldest first."""
    clearance = bs.Clearance(
        cleared=True, by_clinician=True, on=START - dt.timedelta(days=3)
    )
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

    episode = bs.Episode.begin(
        onset=ONSET, plan=plan, clearance=clearance, config=CONFIG
    )
    outcomes: list[bs.Outcome] = []
    for offset, (before, during, next_morning, flare) in enumerate(REPORTS):
        day = START + dt.timedelta(days=offset)
        if episode.plan is None:  # stopped: nothing until a new clearance
            break
        dose = episode.plan.step_on(day).dose
        # In the evening: one set at the dose, the worst of the day's three.
        evening = bs.SessionReport(
            day=day,
            pain_before=before,
            pain_during_max=during,
            sets=(bs.SetResult(reps=dose.reps),),
            flare=flare,
        )
        episode, provisional = episode.record(evening)
        outcome = provisional
        if next_morning is not None:
            # The next morning: the answer completes the same session.
            answer = bs.MorningReport(day=day, pain_next_morning=next_morning)
            episode, outcome = episode.record(answer)
        outcomes.append(outcome)
        next_dose = outcome.dose_after
        after = "-" if next_morning is None else str(next_morning)
        pains = f"{before}/{during}/{after}"
        phase = outcome.phase.value if outcome.phase else "-"
        print(
            f"day {offset + 1:2} {phase:8} pain {pains:6}"
            f" {outcome.decision.value:8}"
            f" -> {'stop' if next_dose is None else describe(next_dose)}"
            f" (evening: {provisional.decision.value})"
        )
        for reason in outcome.reasons:
            print(f"         {reason.code.value}: {reason.message}")
        if next_dose is None:
            break
    return outcomes


if __name__ == "__main__":
    run()
