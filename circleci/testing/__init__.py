"""An in-memory CircleCI server for testing scripts offline.

.. versionadded:: 1.3.0

:class:`FakeCircleCI` answers the v1.1 API and every v2 operation on
127.0.0.1 (and API v3) from a seeded state, runs triggered pipelines on a clock the test
controls, serves artifacts from a second host, checks request bodies against
CircleCI's spec, delivers signed webhooks, logs requests and can inject
faults. ``python -m circleci.testing`` runs it standalone; the ``circleci``
pytest plugin gives tests a ready fixture.

It needs nothing beyond the standard library.
"""

from .clock import Clock
from .faults import Fault
from .hooks import Deliveries, Delivery
from .server import DEFAULT_TOKEN, SEEDED_START, FakeCircleCI, LoggedRequest
from .state import OUTCOMES, Job, JobPlan, Pipeline, Project, State, StepPlan, Workflow, WorkflowPlan

__all__ = [
    "DEFAULT_TOKEN",
    "OUTCOMES",
    "SEEDED_START",
    "Clock",
    "Deliveries",
    "Delivery",
    "FakeCircleCI",
    "Fault",
    "Job",
    "JobPlan",
    "LoggedRequest",
    "Pipeline",
    "Project",
    "State",
    "StepPlan",
    "Workflow",
    "WorkflowPlan",
]
