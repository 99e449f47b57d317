"""An in-memory CircleCI server for testing scripts offline.

.. versionadded:: 1.3.0

:class:`FakeCircleCI` answers the v1.1 and v2 API on 127.0.0.1 from a seeded
state, runs triggered pipelines on a clock the test controls, serves
artifacts from a second host, checks request bodies against CircleCI's spec
and can inject faults. ``python -m circleci.testing`` runs it standalone.

It needs nothing beyond the standard library.
"""

from .clock import Clock
from .faults import Fault
from .server import DEFAULT_TOKEN, FakeCircleCI
from .state import Job, JobPlan, Pipeline, Project, State, StepPlan, Workflow, WorkflowPlan

__all__ = [
    "DEFAULT_TOKEN",
    "Clock",
    "FakeCircleCI",
    "Fault",
    "Job",
    "JobPlan",
    "Pipeline",
    "Project",
    "State",
    "StepPlan",
    "Workflow",
    "WorkflowPlan",
]
