"""backsafe: how hard an exercise is on the lower back, and how to progress.

Everything public is importable from here: ``from backsafe import X``.
Modules behind an underscore may change without notice.

Everything beyond the core value types (the spinal-load functions, exercises
and the catalog, progressions, serialization, batch scoring and plots) loads
on first use, so ``import backsafe`` stays light.
"""

import importlib
from typing import TYPE_CHECKING, Any

from backsafe.exceptions import (
    BacksafeError,
    CatalogError,
    InvalidDataError,
    InvalidInputError,
    InvalidRowsError,
    MissingExtraError,
    UnknownExerciseError,
)
from backsafe.spine._result import LoadContribution, SpinalLoad
from backsafe.spine._submodel_types import Submodel
from backsafe.spine._types import (
    Anthropometrics,
    Body,
    CalibratedTask,
    LeanClass,
    Limits,
    LoadPlacement,
    LoadSource,
    ModelMethod,
    Posture,
    Sex,
    SpineLevel,
    StressLevel,
    Support,
    TorsoLean,
)

if TYPE_CHECKING:
    from backsafe.batch._arrays import score_many, spinal_load_many
    from backsafe.batch._frame import score_frame
    from backsafe.batch._result import SpinalLoadArrays
    from backsafe.coaching._apply import apply_decision
    from backsafe.coaching._context import Context
    from backsafe.coaching._decide import decide
    from backsafe.coaching._doses import Change, Dose
    from backsafe.coaching._episode import Episode, Session, replay
    from backsafe.coaching._generate import generate_progression
    from backsafe.coaching._outcomes import (
        Advice,
        Decision,
        Outcome,
        Reason,
        ReasonCode,
    )
    from backsafe.coaching._phases import Config, Phase
    from backsafe.coaching._progression import (
        Criteria,
        Progression,
        Step,
    )
    from backsafe.coaching._reports import (
        Clearance,
        MorningReport,
        PlacedSymptom,
        RecordedRiskFactor,
        RedFlag,
        RiskFactor,
        SessionReport,
        SetResult,
        Symptom,
        SymptomSite,
        Urgency,
    )
    from backsafe.daily._composite import (
        CompositeLiftingIndex,
        TaskIndices,
        composite_lifting_index,
    )
    from backsafe.daily._duration import LiftingSession
    from backsafe.daily._lifting import (
        LiftAnalysis,
        LiftingTask,
        RecommendedWeightLimit,
        analyze_lift,
        lifting_duration,
        recommended_weight_limit,
        sampled_frequency,
    )
    from backsafe.daily._multipliers import (
        Coupling,
        LiftingDuration,
        LiftingFactor,
    )
    from backsafe.daily._task_io import tasks
    from backsafe.daily._task_scoring import (
        TaskScore,
        TaskSwap,
        TaskSwapList,
        WayScore,
        score_task,
        task_swaps,
    )
    from backsafe.daily._tasks import DailyTask, TaskCollection, TaskWay
    from backsafe.exercises._alternatives import (
        Alternative,
        AlternativeList,
        alternatives,
        equivalent_load,
        working_leg_load_kg,
    )
    from backsafe.exercises._catalog import (
        Catalog,
        ExerciseSelection,
        catalog,
    )
    from backsafe.exercises._equipment import (
        LoadUnit,
        available_loads_kg,
        max_load_kg,
        next_load,
        previous_load,
        round_down_to_equipment,
    )
    from backsafe.exercises._exercise import (
        Equipment,
        Exercise,
        ExerciseFlag,
        MovementPattern,
        Muscle,
        Stance,
        TrainingMode,
    )
    from backsafe.exercises._rewrite_rules import ChangeKind
    from backsafe.exercises._scoring import exercise_posture, score
    from backsafe.exercises._workout import (
        Workout,
        WorkoutChange,
        WorkoutItem,
        WorkoutRewrite,
        rewrite_workout,
    )
    from backsafe.plots._plot import (
        plot_exercises,
        plot_lean,
        plot_progression,
    )
    from backsafe.plots._plot_daily import plot_task
    from backsafe.serde._converter import (
        from_dict,
        from_json,
        to_dict,
        to_json,
    )
    from backsafe.serde._schema import json_schema
    from backsafe.spine._dortmund import dortmund_limits
    from backsafe.spine._evidence import Evidence
    from backsafe.spine._model import mass_above_joint_kg, spinal_load
    from backsafe.spine._size_limits import size_scaled_limits

__all__ = [
    "Advice",
    "Alternative",
    "AlternativeList",
    "Anthropometrics",
    "BacksafeError",
    "Body",
    "CalibratedTask",
    "Catalog",
    "CatalogError",
    "Change",
    "ChangeKind",
    "Clearance",
    "CompositeLiftingIndex",
    "Config",
    "Context",
    "Coupling",
    "Criteria",
    "DailyTask",
    "Decision",
    "Dose",
    "Episode",
    "Equipment",
    "Evidence",
    "Exercise",
    "ExerciseFlag",
    "ExerciseSelection",
    "InvalidDataError",
    "InvalidInputError",
    "InvalidRowsError",
    "LeanClass",
    "LiftAnalysis",
    "LiftingDuration",
    "LiftingFactor",
    "LiftingSession",
    "LiftingTask",
    "Limits",
    "LoadContribution",
    "LoadPlacement",
    "LoadSource",
    "LoadUnit",
    "MissingExtraError",
    "ModelMethod",
    "MorningReport",
    "MovementPattern",
    "Muscle",
    "Outcome",
    "Phase",
    "PlacedSymptom",
    "Posture",
    "Progression",
    "Reason",
    "ReasonCode",
    "RecommendedWeightLimit",
    "RecordedRiskFactor",
    "RedFlag",
    "RiskFactor",
    "Session",
    "SessionReport",
    "SetResult",
    "Sex",
    "SpinalLoad",
    "SpinalLoadArrays",
    "SpineLevel",
    "Stance",
    "Step",
    "StressLevel",
    "Submodel",
    "Support",
    "Symptom",
    "SymptomSite",
    "TaskCollection",
    "TaskIndices",
    "TaskScore",
    "TaskSwap",
    "TaskSwapList",
    "TaskWay",
    "TorsoLean",
    "TrainingMode",
    "UnknownExerciseError",
    "Urgency",
    "WayScore",
    "Workout",
    "WorkoutChange",
    "WorkoutItem",
    "WorkoutRewrite",
    "alternatives",
    "analyze_lift",
    "apply_decision",
    "available_loads_kg",
    "catalog",
    "composite_lifting_index",
    "decide",
    "dortmund_limits",
    "equivalent_load",
    "exercise_posture",
    "from_dict",
    "from_json",
    "generate_progression",
    "json_schema",
    "lifting_duration",
    "mass_above_joint_kg",
    "max_load_kg",
    "next_load",
    "plot_exercises",
    "plot_lean",
    "plot_progression",
    "plot_task",
    "previous_load",
    "recommended_weight_limit",
    "replay",
    "rewrite_workout",
    "round_down_to_equipment",
    "sampled_frequency",
    "score",
    "score_frame",
    "score_many",
    "score_task",
    "size_scaled_limits",
    "spinal_load",
    "spinal_load_many",
    "task_swaps",
    "tasks",
    "to_dict",
    "to_json",
    "working_leg_load_kg",
]

# Public names served on first access: name -> (module, attribute or None
# for the module itself).
_LAZY: dict[str, tuple[str, str | None]] = {
    "exercise_posture": ("backsafe.exercises._scoring", "exercise_posture"),
    "mass_above_joint_kg": ("backsafe.spine._model", "mass_above_joint_kg"),
    "dortmund_limits": ("backsafe.spine._dortmund", "dortmund_limits"),
    "size_scaled_limits": (
        "backsafe.spine._size_limits",
        "size_scaled_limits",
    ),
    "score": ("backsafe.exercises._scoring", "score"),
    "spinal_load": ("backsafe.spine._model", "spinal_load"),
    "Equipment": ("backsafe.exercises._exercise", "Equipment"),
    "Exercise": ("backsafe.exercises._exercise", "Exercise"),
    "ExerciseFlag": ("backsafe.exercises._exercise", "ExerciseFlag"),
    "MovementPattern": ("backsafe.exercises._exercise", "MovementPattern"),
    "Muscle": ("backsafe.exercises._exercise", "Muscle"),
    "Stance": ("backsafe.exercises._exercise", "Stance"),
    "TrainingMode": ("backsafe.exercises._exercise", "TrainingMode"),
    "Advice": ("backsafe.coaching._outcomes", "Advice"),
    "Alternative": ("backsafe.exercises._alternatives", "Alternative"),
    "AlternativeList": ("backsafe.exercises._alternatives", "AlternativeList"),
    "Catalog": ("backsafe.exercises._catalog", "Catalog"),
    "ExerciseSelection": ("backsafe.exercises._catalog", "ExerciseSelection"),
    "SpinalLoadArrays": ("backsafe.batch._result", "SpinalLoadArrays"),
    "Change": ("backsafe.coaching._doses", "Change"),
    "ChangeKind": ("backsafe.exercises._rewrite_rules", "ChangeKind"),
    "Clearance": ("backsafe.coaching._reports", "Clearance"),
    "Config": ("backsafe.coaching._phases", "Config"),
    "Context": ("backsafe.coaching._context", "Context"),
    "Criteria": ("backsafe.coaching._progression", "Criteria"),
    "Decision": ("backsafe.coaching._outcomes", "Decision"),
    "Dose": ("backsafe.coaching._doses", "Dose"),
    "Episode": ("backsafe.coaching._episode", "Episode"),
    "Evidence": ("backsafe.spine._evidence", "Evidence"),
    "MorningReport": ("backsafe.coaching._reports", "MorningReport"),
    "PlacedSymptom": ("backsafe.coaching._reports", "PlacedSymptom"),
    "Session": ("backsafe.coaching._episode", "Session"),
    "SymptomSite": ("backsafe.coaching._reports", "SymptomSite"),
    "replay": ("backsafe.coaching._episode", "replay"),
    "Outcome": ("backsafe.coaching._outcomes", "Outcome"),
    "Phase": ("backsafe.coaching._phases", "Phase"),
    "Progression": ("backsafe.coaching._progression", "Progression"),
    "Reason": ("backsafe.coaching._outcomes", "Reason"),
    "ReasonCode": ("backsafe.coaching._outcomes", "ReasonCode"),
    "RecordedRiskFactor": ("backsafe.coaching._reports", "RecordedRiskFactor"),
    "RedFlag": ("backsafe.coaching._reports", "RedFlag"),
    "RiskFactor": ("backsafe.coaching._reports", "RiskFactor"),
    "SessionReport": ("backsafe.coaching._reports", "SessionReport"),
    "SetResult": ("backsafe.coaching._reports", "SetResult"),
    "Step": ("backsafe.coaching._progression", "Step"),
    "Symptom": ("backsafe.coaching._reports", "Symptom"),
    "Urgency": ("backsafe.coaching._reports", "Urgency"),
    "Workout": ("backsafe.exercises._workout", "Workout"),
    "WorkoutChange": ("backsafe.exercises._workout", "WorkoutChange"),
    "WorkoutItem": ("backsafe.exercises._workout", "WorkoutItem"),
    "WorkoutRewrite": ("backsafe.exercises._workout", "WorkoutRewrite"),
    "alternatives": ("backsafe.exercises._alternatives", "alternatives"),
    "apply_decision": ("backsafe.coaching._apply", "apply_decision"),
    "catalog": ("backsafe.exercises._catalog", "catalog"),
    "decide": ("backsafe.coaching._decide", "decide"),
    "LoadUnit": ("backsafe.exercises._equipment", "LoadUnit"),
    "available_loads_kg": (
        "backsafe.exercises._equipment",
        "available_loads_kg",
    ),
    "max_load_kg": ("backsafe.exercises._equipment", "max_load_kg"),
    "next_load": ("backsafe.exercises._equipment", "next_load"),
    "previous_load": ("backsafe.exercises._equipment", "previous_load"),
    "round_down_to_equipment": (
        "backsafe.exercises._equipment",
        "round_down_to_equipment",
    ),
    "equivalent_load": ("backsafe.exercises._alternatives", "equivalent_load"),
    "from_dict": ("backsafe.serde._converter", "from_dict"),
    "from_json": ("backsafe.serde._converter", "from_json"),
    "generate_progression": (
        "backsafe.coaching._generate",
        "generate_progression",
    ),
    "json_schema": ("backsafe.serde._schema", "json_schema"),
    "plot_exercises": ("backsafe.plots._plot", "plot_exercises"),
    "plot_lean": ("backsafe.plots._plot", "plot_lean"),
    "plot_progression": ("backsafe.plots._plot", "plot_progression"),
    "rewrite_workout": ("backsafe.exercises._workout", "rewrite_workout"),
    "score_frame": ("backsafe.batch._frame", "score_frame"),
    "score_many": ("backsafe.batch._arrays", "score_many"),
    "spinal_load_many": ("backsafe.batch._arrays", "spinal_load_many"),
    "to_dict": ("backsafe.serde._converter", "to_dict"),
    "to_json": ("backsafe.serde._converter", "to_json"),
    "working_leg_load_kg": (
        "backsafe.exercises._alternatives",
        "working_leg_load_kg",
    ),
    "CompositeLiftingIndex": (
        "backsafe.daily._composite",
        "CompositeLiftingIndex",
    ),
    "TaskIndices": ("backsafe.daily._composite", "TaskIndices"),
    "composite_lifting_index": (
        "backsafe.daily._composite",
        "composite_lifting_index",
    ),
    "LiftingSession": ("backsafe.daily._duration", "LiftingSession"),
    "LiftAnalysis": ("backsafe.daily._lifting", "LiftAnalysis"),
    "LiftingTask": ("backsafe.daily._lifting", "LiftingTask"),
    "RecommendedWeightLimit": (
        "backsafe.daily._lifting",
        "RecommendedWeightLimit",
    ),
    "analyze_lift": ("backsafe.daily._lifting", "analyze_lift"),
    "lifting_duration": ("backsafe.daily._duration", "lifting_duration"),
    "recommended_weight_limit": (
        "backsafe.daily._lifting",
        "recommended_weight_limit",
    ),
    "sampled_frequency": ("backsafe.daily._duration", "sampled_frequency"),
    "Coupling": ("backsafe.daily._multipliers", "Coupling"),
    "LiftingDuration": ("backsafe.daily._multipliers", "LiftingDuration"),
    "LiftingFactor": ("backsafe.daily._multipliers", "LiftingFactor"),
    "tasks": ("backsafe.daily._task_io", "tasks"),
    "TaskScore": ("backsafe.daily._task_scoring", "TaskScore"),
    "TaskSwap": ("backsafe.daily._task_scoring", "TaskSwap"),
    "TaskSwapList": ("backsafe.daily._task_scoring", "TaskSwapList"),
    "WayScore": ("backsafe.daily._task_scoring", "WayScore"),
    "score_task": ("backsafe.daily._task_scoring", "score_task"),
    "task_swaps": ("backsafe.daily._task_scoring", "task_swaps"),
    "DailyTask": ("backsafe.daily._tasks", "DailyTask"),
    "TaskCollection": ("backsafe.daily._tasks", "TaskCollection"),
    "TaskWay": ("backsafe.daily._tasks", "TaskWay"),
    "plot_task": ("backsafe.plots._plot_daily", "plot_task"),
}


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415

        return version("backsafe")
    try:
        module_name, attribute = _LAZY[name]
    except KeyError:
        msg = f"module 'backsafe' has no attribute {name!r}"
        raise AttributeError(msg) from None
    module = importlib.import_module(module_name, __name__)
    value = module if attribute is None else getattr(module, attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*__all__, "__version__"])
