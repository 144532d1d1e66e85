"""Coaching: phases, doses, reports, decisions, planning and the rules.

This room imports the spine model and the exercises. It re-exports
nothing: the public names are served by the ``backsafe`` package.

The value types, lowest first:

- ``_phases``: `Phase` and `Config`, the thresholds of the rules;
- ``_doses``: `Dose` and `Change`, the one thing a step changes;
- ``_progression``: `Progression`, its `Step` and their `Criteria`;
- ``_reports``: what a person reports (`SessionReport`, `SetResult`,
  `Symptom`, `SymptomSite`, `PlacedSymptom`, `MorningReport`, `RedFlag`,
  `Urgency`, `RiskFactor`, `RecordedRiskFactor`, `Clearance`);
- ``_outcomes``: `Outcome`, its `Decision`, `Reason`, `ReasonCode` and
  `Advice`;
- ``_context``: `Context`, what `decide` needs besides report and dose;
- ``_fields``: the attrs field validators they share.

The mechanics and the public functions:

- ``_caps``: what a phase lets a step reach, and the catalog index;
- ``_stepping``: the first dose, one step up, one step back;
- ``_generate``: `generate_progression`;
- ``_rule_checks``: the rows of the decision table;
- ``_decide``: `decide`;
- ``_apply``: `apply_decision`;
- ``_episode_rules``: the mechanics of recording a report (order, phase
  from the facts, context, re-plan);
- ``_episode``: `Episode`, its `Session`, and `replay`: one person's
  episode as one immutable record.
"""
