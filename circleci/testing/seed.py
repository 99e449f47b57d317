"""The data a new FakeCircleCI starts with.

The token's user and a teammate, the organization ``acme`` with two GitHub projects, ``widget`` and
``gadget``: each has finished pipelines (the second pipeline of ``widget``
failed its tests), pushed by the teammate, environment variables and a checkout key; ``acme`` has a
context with a variable, and ``widget`` a nightly schedule.
"""

from __future__ import annotations

from .state import CheckoutKey, Context, EnvVar, JobPlan, Project, Schedule, State, WorkflowPlan, fingerprint

__all__ = ["ORG", "PROJECTS", "seed"]

ORG = "acme"
PROJECTS = ("widget", "gadget")
HOUR = 3600.0


def seed(state: State) -> None:
    """Fill an empty state with the seeded objects."""
    now = state.clock.now()
    teammate = state.add_user("teammate", "Team Mate")
    for name in PROJECTS:
        project = state.add_project(ORG, name)
        _settings(state, project, now)
        for age in (3, 2, 1):
            plan = _failing_plan(project) if (name, age) == ("widget", 2) else None
            state.trigger(project, plan=plan, trigger_type="webhook", at=now - age * HOUR, actor=teammate)
    widget = state.project(f"gh/{ORG}/widget")
    context = Context(state.new_id(), "deploy-secrets", widget.org_id, now - 10 * HOUR)
    context.variables["AWS_ACCESS_KEY_ID"] = ("AKIAFAKE00000000", now - 10 * HOUR, now - 10 * HOUR)
    state.contexts[context.id] = context
    nightly = Schedule(
        id=state.new_id(),
        project=widget,
        name="nightly",
        timetable={"per-hour": 1, "hours-of-day": [2], "days-of-week": ["MON", "TUE", "WED", "THU", "FRI"]},
        parameters={"branch": "main"},
        actor=state.user,
        created_at=now - 10 * HOUR,
        updated_at=now - 10 * HOUR,
        description="Nightly build of main",
    )
    state.schedules[nightly.id] = nightly


def _settings(state: State, project: Project, now: float) -> None:
    for name, value in (("API_URL", "https://api.example.com"), ("DEPLOY_TOKEN", "s3cr3t-d3pl0y")):
        project.env_vars[name] = EnvVar(name, value, now - 20 * HOUR)
    public_key = f"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA{project.name} deploy@{project.org}"
    key = CheckoutKey(fingerprint(public_key), "deploy-key", public_key, now - 20 * HOUR)
    project.checkout_keys[key.fingerprint] = key


def _failing_plan(project: Project) -> list[WorkflowPlan]:
    build, test = project.plan[0].jobs
    failed = JobPlan(
        test.name, test.duration, "failed", test.requires, tests=[{"name": "test_adds", "result": "failure"}]
    )
    return [WorkflowPlan(project.plan[0].name, [build, failed])]
