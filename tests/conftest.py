import os

from hypothesis import settings

settings.register_profile("dev", max_examples=20)
settings.register_profile("thorough", max_examples=2_000)

# CI=true makes Hypothesis load its own derandomised "ci" profile; a profile
# named here is loaded only when asked for.
if "HYPOTHESIS_PROFILE" in os.environ:
    settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])
