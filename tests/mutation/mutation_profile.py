"""A pytest plugin: the Hypothesis profile of a mutation run.

Loaded with ``-p mutation_profile`` (with ``tests/mutation`` on the path).
Derandomised, without deadlines or health checks: a mutant is killed by
a test that fails on it, never by a slow machine or an unlucky draw.
"""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "mutation",
    max_examples=10,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
    print_blob=False,
)
settings.load_profile("mutation")
