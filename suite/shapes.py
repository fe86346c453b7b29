"""Ramp-up shapes: steps, a linear ramp, a spike; each a LoadTestShape.

Their loads are computed in suite.shape_params. Their parameters are read again each time
a test starts, so a test started from the web UI's form uses the form's values.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from locust import LoadTestShape

from suite.shape_params import Load, ShapeParams, describe, load_at


class SuiteShape(LoadTestShape):
    """A shape of the suite: its load at each tick, until its duration is over."""

    abstract: ClassVar[bool] = True
    use_common_options: ClassVar[bool] = True
    """Keeps the form's user count and spawn rate editable, for a test without a shape."""
    name: ClassVar[str]
    """Its value of --shape."""

    def __init__(self, params: ShapeParams, read: Callable[[], ShapeParams] | None = None) -> None:
        """``read`` gives the parameters anew at each start (the form may have changed them)."""
        super().__init__()
        self.params = params
        self._read = read

    def reset_time(self) -> None:
        super().reset_time()
        if self._read is not None:
            self.params = self._read()

    def tick(self) -> Load | None:
        return load_at(self.name, self.params, self.get_run_time())

    def describe(self) -> str:
        return describe(self.name, self.params)


class StepsShape(SuiteShape):
    """--shape-step-users more every --shape-step-seconds, up to --shape-target-users."""

    name = "steps"


class RampShape(SuiteShape):
    """From 0 to --shape-target-users in --shape-ramp-seconds, at an even rate; then held."""

    name = "ramp"


class SpikeShape(SuiteShape):
    """--shape-target-users; --shape-spike-users for --shape-spike-seconds from --shape-spike-at."""

    name = "spike"


SHAPES: dict[str, type[SuiteShape]] = {s.name: s for s in (StepsShape, RampShape, SpikeShape)}
