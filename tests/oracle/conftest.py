"""Hypothesis profiles for the differential tests (tests/oracle).

``default`` keeps ``make test`` fast and deterministic (derandomized);
``ASR_HYPOTHESIS=long`` runs many more examples, new ones at every run;
``ASR_HYPOTHESIS=dev`` does not shrink a failure (fast feedback while debugging).
``ASR_HYPOTHESIS_EXAMPLES=N`` overrides the number of examples of the chosen profile.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings

_COMMON = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}
_EXAMPLES = {"default": 12, "long": 400, "dev": 12}
_PROFILE = os.environ.get("ASR_HYPOTHESIS", "default")
_N = int(os.environ.get("ASR_HYPOTHESIS_EXAMPLES") or _EXAMPLES.get(_PROFILE, 15))
# make test explores a fixed set of examples (the same on every machine, so CI is not a lottery);
# the long profile draws new ones at every run and is how new disagreements are found.
settings.register_profile("default", max_examples=_N, derandomize=True, **_COMMON)
settings.register_profile("long", max_examples=_N, **_COMMON)
settings.register_profile(
    "dev", max_examples=_N, phases=[Phase.explicit, Phase.reuse, Phase.generate], **_COMMON
)
settings.load_profile(_PROFILE)
