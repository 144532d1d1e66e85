"""What the service does: one `Operation` per endpoint.

Each operation names its path, its request envelope (a small attrs class
read by backsafe's strict converter, so a request is checked exactly like
a document) and its result type; `backsafe.web._app` routes them and
`backsafe.web._openapi` describes them, both from the table `OPERATIONS`.
Adding an endpoint is adding an entry here.
"""

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, Final, Literal

import attrs

import backsafe as bs
from backsafe import _validation as v
from backsafe.spine import _constants as k

#: The most rows a batch scores, unless the app is built with another.
MAX_ROWS: Final = 1000
#: The most sessions a week a plan request may ask for (the library checks
#: the bound of the mode: at most 3 strength sessions).
DAYS_A_WEEK: Final = 7


@attrs.frozen(kw_only=True)
class Operation:
    """One endpoint.

    Attributes:
        name: The operationId.
        method: ``"get"`` or ``"post"``.
        path: The path, with ``{slug}`` for a path parameter.
        summary: One line for the OpenAPI document.
        result: The class (or ``list[X]``) of the answer's document.
        run: Computes the answer from the request envelope (or ``None``)
            and the path parameters.
        request: The class of the request body, if any.
        problems: The error statuses it may answer with.
    """

    name: str
    method: Literal["get", "post"]
    path: str
    summary: str
    result: Any
    run: Callable[[Any, Mapping[str, str]], object]
    request: type | None = None
    problems: tuple[int, ...] = (413, 422)


# --- Request envelopes -----------------------------------------------------


@attrs.frozen(kw_only=True)
class PostureRequest:
    """A posture to score.

    Attributes:
        posture: The posture.
        body: Whose spine.
        joint: The joint to report.
    """

    posture: bs.Posture
    body: bs.Body
    joint: bs.SpineLevel = attrs.field(
        default=bs.SpineLevel.L4_L5, validator=v.member(bs.SpineLevel)
    )


@attrs.frozen(kw_only=True)
class ExerciseRequest:
    """A catalog exercise to score at its hardest point.

    Attributes:
        exercise: The exercise's slug.
        body: Whose spine.
        load_kg: Total external load, 0-600 kg.
    """

    exercise: str = attrs.field(validator=v.slug())
    body: bs.Body
    load_kg: float = attrs.field(
        default=0.0, validator=v.real(0.0, k.MAX_LOAD_KG, unit="kg")
    )


@attrs.frozen(kw_only=True)
class BatchRow:
    """One logged set of a batch.

    Attributes:
        exercise: The exercise's slug.
        load_kg: Total external load, 0-600 kg.
    """

    exercise: str = attrs.field(validator=v.slug())
    load_kg: float = attrs.field(
        default=0.0, validator=v.real(0.0, k.MAX_LOAD_KG, unit="kg")
    )


@attrs.frozen(kw_only=True)
class BatchRequest:
    """Sets of one person to score, row by row.

    Attributes:
        body: Whose spine.
        rows: The sets, at most 1000 (or the server's limit).
    """

    body: bs.Body
    rows: tuple[BatchRow, ...]


@attrs.frozen(kw_only=True)
class AlternativesRequest:
    """An exercise to replace by back-friendlier ones.

    Attributes:
        exercise: The exercise's slug.
        body: Whose spine and legs.
        load_kg: Its total external load, 0-600 kg.
        max_level: Keep only alternatives graded at most this.
        exercises: "slug" names each alternative's exercise by its slug;
            "object" gives it whole.
    """

    exercise: str = attrs.field(validator=v.slug())
    body: bs.Body
    load_kg: float = attrs.field(
        default=0.0, validator=v.real(0.0, k.MAX_LOAD_KG, unit="kg")
    )
    max_level: bs.StressLevel | None = attrs.field(
        default=None, validator=v.optional_member(bs.StressLevel)
    )
    exercises: Literal["object", "slug"] = "slug"


@attrs.frozen(kw_only=True)
class RewriteRequest:
    """A workout to make back-friendly (its exercises by slug or whole).

    Attributes:
        workout: The workout.
        body: Whose spine.
        max_level: The limit every item must meet.
    """

    workout: bs.Workout
    body: bs.Body
    max_level: bs.StressLevel = attrs.field(
        default=bs.StressLevel.LOW, validator=v.member(bs.StressLevel)
    )


@attrs.frozen(kw_only=True)
class PlanRequest:
    """A progression to plan.

    Attributes:
        exercise: The exercise's slug.
        body: Whose spine.
        phase: The phase of back pain.
        mode: How the exercise is trained.
        start: The first day, YYYY-MM-DD.
        weeks: How many weeks, 1-52.
        load_kg: The starting load, 0-600 kg (always in kg).
        sessions_per_week: Sessions a week: 1-3 in strength mode, 1-7
            otherwise; the mode's and phase's default when not given
            (strength: 2, 3 when chronic; otherwise daily).
        unit: What the gym's weights are marked in, "kg" or "lb": load
            steps go to the loads a normal gym offers in that unit.
    """

    exercise: str = attrs.field(validator=v.slug())
    body: bs.Body
    phase: bs.Phase = attrs.field(validator=v.member(bs.Phase))
    mode: bs.TrainingMode = attrs.field(validator=v.member(bs.TrainingMode))
    start: dt.date
    weeks: int = attrs.field(default=8, validator=v.integer(1, 52))
    load_kg: float = attrs.field(
        default=0.0, validator=v.real(0.0, k.MAX_LOAD_KG, unit="kg")
    )
    sessions_per_week: int | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(v.integer(1, DAYS_A_WEEK)),
    )
    unit: bs.LoadUnit = attrs.field(
        default=bs.LoadUnit.KG, validator=v.member(bs.LoadUnit)
    )


@attrs.frozen(kw_only=True)
class DecideRequest:
    """A session report to act on.

    Attributes:
        report: What the session was like.
        dose: The dose that was done.
        context: The person's situation.
    """

    report: bs.SessionReport
    dose: bs.Dose
    context: bs.Context


@attrs.frozen(kw_only=True)
class EpisodeRequest:
    """The facts an episode starts from.

    Attributes:
        onset: The first day of the episode of back pain, YYYY-MM-DD.
        plan: The plan to follow; or, without one, *dose*.
        dose: The dose to start at, without a plan.
        clearance: A clinician's clearance, if given yet.
        phase: An explicit phase overriding the one from the onset.
        body: The person; the plan's body by default.
    """

    onset: dt.date
    plan: bs.Progression | None = None
    dose: bs.Dose | None = None
    clearance: bs.Clearance | None = None
    phase: bs.Phase | None = None
    body: bs.Body | None = None


@attrs.frozen(kw_only=True)
class RecordRequest:
    """A report to record into the episode the product keeps.

    Exactly one of *report* (a session's evening or complete report) and
    *morning* (the next-morning answer that completes the latest session)
    is given.

    Attributes:
        episode: The episode as the service last returned it.
        report: A session report.
        morning: A next-morning answer.
    """

    episode: bs.Episode
    report: bs.SessionReport | None = None
    morning: bs.MorningReport | None = None


@attrs.frozen(kw_only=True)
class TaskRequest:
    """An everyday task to score, for one person.

    Attributes:
        task: The task's slug.
        body: Whose spine.
        load_kg: The load carried or lifted, 0-600 kg; the task's own if
            not given.
    """

    task: str = attrs.field(validator=v.slug())
    body: bs.Body
    load_kg: float | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(
            v.real(0.0, k.MAX_LOAD_KG, unit="kg")
        ),
    )


@attrs.frozen(kw_only=True)
class LiftRequest:
    """A lift to judge by the revised NIOSH lifting equation.

    Attributes:
        task: The lift, measured at both ends.
        duration: The work duration class.
    """

    task: bs.LiftingTask
    duration: bs.LiftingDuration = attrs.field(
        validator=v.member(bs.LiftingDuration)
    )


# --- What each endpoint does -----------------------------------------------


def _spinal_load(req: PostureRequest, _: object) -> bs.SpinalLoad:
    return bs.spinal_load(req.posture, req.body, joint=req.joint)


def _score(req: ExerciseRequest, _: object) -> bs.SpinalLoad:
    exercise = bs.catalog.get(req.exercise)
    return bs.score(exercise, req.body, load_kg=req.load_kg)


def _batch(max_rows: int) -> Callable[[Any, object], object]:
    def run(req: BatchRequest, _: object) -> list[bs.SpinalLoad]:
        if len(req.rows) > max_rows:
            raise bs.InvalidInputError.out_of_range(
                "rows", len(req.rows), f"at most {max_rows} rows"
            )
        return [
            bs.score(
                bs.catalog.get(row.exercise), req.body, load_kg=row.load_kg
            )
            for row in req.rows
        ]

    return run


def _exercises(_: None, __: object) -> bs.ExerciseSelection:
    return bs.catalog.filter()


def _exercise(_: None, params: Mapping[str, str]) -> bs.Exercise:
    return bs.catalog.get(params["slug"])


def _alternatives(req: AlternativesRequest, _: object) -> bs.AlternativeList:
    return bs.alternatives(
        req.exercise, req.body, load_kg=req.load_kg, max_level=req.max_level
    )


def _rewrite(req: RewriteRequest, _: object) -> bs.WorkoutRewrite:
    return bs.rewrite_workout(req.workout, req.body, max_level=req.max_level)


def _plan(req: PlanRequest, _: object) -> bs.Progression:
    return bs.generate_progression(
        req.exercise,
        req.body,
        phase=req.phase,
        mode=req.mode,
        start=req.start,
        weeks=req.weeks,
        load_kg=req.load_kg,
        sessions_per_week=req.sessions_per_week,
        unit=req.unit,
    )


def _decide(req: DecideRequest, _: object) -> bs.Outcome:
    return bs.decide(req.report, req.dose, req.context)


def _begin(req: EpisodeRequest, _: object) -> bs.Episode:
    return bs.Episode.begin(
        onset=req.onset,
        plan=req.plan,
        dose=req.dose,
        clearance=req.clearance,
        phase=req.phase,
        body=req.body,
    )


def _record(req: RecordRequest, _: object) -> bs.Episode:
    given = [r for r in (req.report, req.morning) if r is not None]
    if len(given) != 1:
        raise bs.InvalidInputError.out_of_range(
            "report",
            len(given),
            "exactly one of report and morning",
        )
    episode, _outcome = req.episode.record(given[0])
    return episode


def _tasks(_: None, __: object) -> bs.TaskCollection:
    return bs.tasks


def _score_task(req: TaskRequest, _: object) -> bs.TaskScore:
    return bs.score_task(req.task, req.body, load_kg=req.load_kg)


def _task_swaps(req: TaskRequest, _: object) -> list[bs.TaskSwap]:
    return list(bs.task_swaps(req.task, req.body, load_kg=req.load_kg))


def _lift(req: LiftRequest, _: object) -> bs.LiftAnalysis:
    return bs.analyze_lift(req.task, duration=req.duration)


def operations(*, max_rows: int = MAX_ROWS) -> tuple[Operation, ...]:
    """Return every endpoint of the service."""
    return (
        Operation(
            name="spinalLoad",
            method="post",
            path="/v1/spinal-load",
            summary="The spinal load of one posture.",
            request=PostureRequest,
            result=bs.SpinalLoad,
            run=_spinal_load,
        ),
        Operation(
            name="score",
            method="post",
            path="/v1/score",
            summary="The spinal load of one catalog exercise.",
            request=ExerciseRequest,
            result=bs.SpinalLoad,
            run=_score,
        ),
        Operation(
            name="scoreBatch",
            method="post",
            path="/v1/score/batch",
            summary=f"The spinal loads of up to {max_rows} logged sets.",
            request=BatchRequest,
            result=list[bs.SpinalLoad],
            run=_batch(max_rows),
        ),
        Operation(
            name="listExercises",
            method="get",
            path="/v1/exercises",
            summary="Every exercise of the built-in catalog.",
            result=bs.ExerciseSelection,
            run=_exercises,
            problems=(),
        ),
        Operation(
            name="getExercise",
            method="get",
            path="/v1/exercises/{slug}",
            summary="One exercise of the built-in catalog, by slug.",
            result=bs.Exercise,
            run=_exercise,
            problems=(404,),
        ),
        Operation(
            name="alternatives",
            method="post",
            path="/v1/alternatives",
            summary="Back-friendlier exercises at the same leg work.",
            request=AlternativesRequest,
            result=bs.AlternativeList,
            run=_alternatives,
        ),
        Operation(
            name="rewriteWorkout",
            method="post",
            path="/v1/workouts/rewrite",
            summary="A workout made back-friendly, and why.",
            request=RewriteRequest,
            result=bs.WorkoutRewrite,
            run=_rewrite,
        ),
        Operation(
            name="plan",
            method="post",
            path="/v1/plans",
            summary="A progression planned from published rules.",
            request=PlanRequest,
            result=bs.Progression,
            run=_plan,
        ),
        Operation(
            name="decide",
            method="post",
            path="/v1/decide",
            summary="What to do after a session report.",
            request=DecideRequest,
            result=bs.Outcome,
            run=_decide,
        ),
        Operation(
            name="beginEpisode",
            method="post",
            path="/v1/episodes",
            summary="Start an episode record from its facts and a plan.",
            request=EpisodeRequest,
            result=bs.Episode,
            run=_begin,
        ),
        Operation(
            name="recordReport",
            method="post",
            path="/v1/episodes/record",
            summary=(
                "Record a report into an episode; the new episode's last"
                " session holds the outcome."
            ),
            request=RecordRequest,
            result=bs.Episode,
            run=_record,
        ),
        Operation(
            name="listTasks",
            method="get",
            path="/v1/tasks",
            summary="Every everyday task of the built-in collection.",
            result=bs.TaskCollection,
            run=_tasks,
            problems=(),
        ),
        Operation(
            name="scoreTask",
            method="post",
            path="/v1/tasks/score",
            summary="Every way of an everyday task, scored for one person.",
            request=TaskRequest,
            result=bs.TaskScore,
            run=_score_task,
        ),
        Operation(
            name="taskSwaps",
            method="post",
            path="/v1/tasks/swaps",
            summary="Back-friendlier ways of an everyday task, ranked.",
            request=TaskRequest,
            result=list[bs.TaskSwap],
            run=_task_swaps,
        ),
        Operation(
            name="lift",
            method="post",
            path="/v1/lift",
            summary="A lift judged by the revised NIOSH lifting equation.",
            request=LiftRequest,
            result=bs.LiftAnalysis,
            run=_lift,
        ),
    )


def exercise_form(req: object) -> Literal["object", "slug"]:
    """How the answer to *req* writes its nested exercises."""
    return (
        "slug" if getattr(req, "exercises", "object") == "slug" else "object"
    )
