"""What FakeCircleCI knows: users, projects, pipelines, workflows, jobs and settings.

Jobs move on the fake :class:`~circleci.testing.clock.Clock`. Every change
happens at a known fake time (a job that was queued at ``t`` starts at
``t + queue_delay`` and stops ``duration`` seconds later), and :meth:`State.tick`
applies, in time order, every change that is due. So the state is the same
whether it is looked at once after an hour or every second.

A v2 job receives its number when it is queued, and from then on it is also
the v1.1 build of that number, as on CircleCI. Approval jobs and jobs still
blocked by others have no number.
"""

from __future__ import annotations

import hashlib
import random
import threading
import uuid
from dataclasses import dataclass, field, replace
from typing import Any, Optional, TypeVar

from .clock import Clock

__all__ = [
    "TERMINAL",
    "Artifact",
    "CheckoutKey",
    "Context",
    "EnvVar",
    "Job",
    "JobPlan",
    "NotFoundError",
    "Pipeline",
    "Project",
    "Schedule",
    "State",
    "User",
    "Workflow",
    "WorkflowPlan",
    "default_steps",
    "find",
]

T = TypeVar("T")

TERMINAL = frozenset({"success", "failed", "canceled", "not_run"})
"""Job statuses that never change again."""


class NotFoundError(LookupError):
    """Something asked for does not exist; the server answers 404 with this message."""


@dataclass
class StepPlan:
    """One step of a planned job: its name and what it prints.

    :param name: the step's name, as CircleCI shows it (``"Checkout code"``).
    :param output: what the step writes to standard output.
    :param error_output: what the step writes to standard error.
    :param failed: whether the step fails (the job fails with it).
    """

    name: str
    output: str = ""
    error_output: str = ""
    failed: bool = False


@dataclass
class JobPlan:
    """What a job of a triggered pipeline will do.

    :param name: the job's name.
    :param duration: fake seconds it runs for.
    :param outcome: ``"success"`` or ``"failed"``.
    :param requires: names of the jobs of the same workflow it waits for.
    :param type: ``"build"``, or ``"approval"`` for a job that holds the
        workflow until it is approved.
    :param artifacts: files it uploads, path to content.
    :param tests: test results it records, each a dict with CircleCI's fields
        (``name``, ``classname``, ``result``, ...); missing ones are filled in.
    :param steps: the steps it runs and what they print; empty for a default
        set of steps that matches its outcome.
    """

    name: str
    duration: float = 2.0
    outcome: str = "success"
    requires: tuple[str, ...] = ()
    type: str = "build"
    artifacts: dict[str, bytes] = field(default_factory=dict)
    tests: list[dict[str, Any]] = field(default_factory=list)
    steps: list[StepPlan] = field(default_factory=list)


@dataclass
class WorkflowPlan:
    """A workflow that each triggered pipeline of a project runs.

    :param name: the workflow's name.
    :param jobs: its jobs, in the order they are listed.
    """

    name: str
    jobs: list[JobPlan]


@dataclass
class User:
    """A CircleCI user."""

    id: str
    login: str
    name: str

    @property
    def avatar_url(self) -> str:
        """Where the user's picture would be."""
        return f"https://avatars.example.com/{self.login}"


@dataclass
class EnvVar:
    """A project's environment variable."""

    name: str
    value: str
    created_at: float


@dataclass
class CheckoutKey:
    """A project's checkout key; ``type`` is ``deploy-key`` or ``github-user-key``."""

    fingerprint: str
    type: str
    public_key: str
    created_at: float
    preferred: bool = True


@dataclass
class Artifact:
    """A file a job uploaded."""

    path: str
    content: bytes
    node_index: int = 0


@dataclass
class Project:
    """A project, with its settings and the plan its pipelines run."""

    id: str
    vcs: str
    org: str
    name: str
    org_id: str
    plan: list[WorkflowPlan]
    default_branch: str = "main"
    following: bool = True
    env_vars: dict[str, EnvVar] = field(default_factory=dict)
    checkout_keys: dict[str, CheckoutKey] = field(default_factory=dict)
    ssh_keys: dict[str, Optional[str]] = field(default_factory=dict)
    pipeline_count: int = 0
    job_count: int = 0

    @property
    def slug(self) -> str:
        """``gh/org/repo``."""
        return f"{self.vcs}/{self.org}/{self.name}"

    @property
    def vcs_url(self) -> str:
        """The repository's URL."""
        host = "github.com" if self.vcs == "gh" else "bitbucket.org"
        return f"https://{host}/{self.org}/{self.name}"


@dataclass
class Pipeline:
    """A triggered pipeline; its workflows appear at ``setup_at``."""

    id: str
    project: Project
    number: int
    created_at: float
    setup_at: float
    branch: Optional[str]
    tag: Optional[str]
    revision: str
    parameters: dict[str, Any]
    trigger_type: str
    actor: User
    plan: list[WorkflowPlan]
    workflows: list[Workflow] = field(default_factory=list)

    @property
    def state(self) -> str:
        """``setup-pending`` until its workflows exist, then ``created`` (``errored`` with no workflow to run)."""
        if not self.workflows:
            return "errored" if self.errors else "setup-pending"
        return "created"

    @property
    def errors(self) -> list[dict[str, str]]:
        """Config errors: a plan without workflows cannot run."""
        return [] if self.plan else [{"type": "config", "message": "No workflow in the config to run."}]


@dataclass
class Workflow:
    """One run of a workflow of a pipeline."""

    id: str
    pipeline: Pipeline
    name: str
    created_at: float
    jobs: list[Job] = field(default_factory=list)
    canceled_by: Optional[str] = None
    rerun_of: Optional[str] = None

    @property
    def status(self) -> str:
        """The workflow's status, from its jobs' statuses."""
        statuses = {job.status for job in self.jobs}
        if statuses & {"queued", "running"}:
            return "failing" if "failed" in statuses else "running"
        if "on_hold" in statuses:
            return "on_hold"
        for final in ("canceled", "failed"):
            if final in statuses:
                return final
        return "success"

    @property
    def stopped_at(self) -> Optional[float]:
        """When its last job stopped, once every job has."""
        if any(job.status not in TERMINAL for job in self.jobs):
            return None
        return max((job.stopped_at or self.created_at for job in self.jobs), default=self.created_at)


@dataclass
class Job:
    """A job of a workflow, and once it has a number, a v1.1 build."""

    id: str
    workflow: Workflow
    plan: JobPlan
    requires: list[Job]
    status: str = "blocked"
    number: Optional[int] = None
    queued_at: Optional[float] = None
    started_at: Optional[float] = None
    stopped_at: Optional[float] = None
    approved_by: Optional[str] = None
    canceled_by: Optional[str] = None
    artifacts: list[Artifact] = field(default_factory=list)
    tests: list[dict[str, Any]] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The job's name."""
        return self.plan.name

    @property
    def project(self) -> Project:
        """The job's project."""
        return self.workflow.pipeline.project


@dataclass
class Context:
    """An organization's context and its variables (name to (value, created, updated))."""

    id: str
    name: str
    owner_id: str
    created_at: float
    variables: dict[str, tuple[str, float, float]] = field(default_factory=dict)


@dataclass
class Schedule:
    """A scheduled pipeline of a project."""

    id: str
    project: Project
    name: str
    timetable: dict[str, Any]
    parameters: dict[str, Any]
    actor: User
    created_at: float
    updated_at: float
    description: Optional[str] = None


class State:
    """Every object of the fake, and the operations that change them.

    Callers hold :attr:`lock` while they read or change the state; the HTTP
    server does for each request, and :class:`~circleci.testing.FakeCircleCI`'s
    methods do too.

    :param clock: the fake time.
    :param seed: makes ids and revisions the same from one run to the next.
    :param queue_delay: fake seconds a job waits in the queue before it runs.
    :param setup_delay: fake seconds between a trigger and its workflows.
    :param page_size: items per page of a v2 list.
    """

    def __init__(
        self, clock: Clock, *, seed: int = 0, queue_delay: float = 1.0, setup_delay: float = 1.0, page_size: int = 20
    ) -> None:
        self.clock = clock
        self.page_size = page_size
        self.queue_delay = queue_delay
        self.setup_delay = setup_delay
        self.lock = threading.RLock()
        self._random = random.Random(seed)
        self.users: dict[str, User] = {}
        self.projects: dict[str, Project] = {}
        self.pipelines: dict[str, Pipeline] = {}
        self.workflows: dict[str, Workflow] = {}
        self.jobs: dict[str, Job] = {}
        self.contexts: dict[str, Context] = {}
        self.schedules: dict[str, Schedule] = {}
        self._active: list[Job] = []
        self._waiting: list[Pipeline] = []
        self.user = self.add_user("fake-user", "Fake User")

    # -- identifiers --------------------------------------------------------

    def new_id(self) -> str:
        """A fresh UUID, reproducible for a given seed."""
        return str(uuid.UUID(int=self._random.getrandbits(128), version=4))

    def new_sha(self) -> str:
        """A fresh 40-digit commit hash."""
        return f"{self._random.getrandbits(160):040x}"

    # -- lookups ------------------------------------------------------------

    def project(self, slug: str) -> Project:
        """The project of a slug such as ``gh/org/repo`` (``github``/``bitbucket`` work too)."""
        vcs, _, rest = slug.partition("/")
        vcs = {"github": "gh", "bitbucket": "bb"}.get(vcs, vcs)
        found = self.projects.get(f"{vcs}/{rest}")
        if found is None:
            raise NotFoundError("Project not found")
        return found

    def pipeline(self, pipeline_id: str) -> Pipeline:
        """A pipeline by id."""
        return find(self.pipelines, pipeline_id, "Pipeline not found")

    def workflow(self, workflow_id: str) -> Workflow:
        """A workflow by id."""
        return find(self.workflows, workflow_id, "Workflow not found")

    def job(self, job_id: str) -> Job:
        """A job by id."""
        return find(self.jobs, job_id, "Job not found.")

    def job_by_number(self, project: Project, number: int) -> Job:
        """A project's job (v1.1 build) by number."""
        for job in self.jobs.values():
            if job.project is project and job.number == number:
                return job
        raise NotFoundError("Job not found.")

    def builds(self, project: Optional[Project] = None) -> list[Job]:
        """Jobs that have a number (the v1.1 builds), newest first."""
        numbered = [job for job in self.jobs.values() if job.number is not None]
        if project is not None:
            numbered = [job for job in numbered if job.project is project]
        return sorted(numbered, key=lambda job: (job.queued_at or 0.0, job.number or 0), reverse=True)

    def context(self, context_id: str) -> Context:
        """A context by id."""
        return find(self.contexts, context_id, "Context not found")

    def schedule(self, schedule_id: str) -> Schedule:
        """A schedule by id."""
        return find(self.schedules, schedule_id, "Schedule not found")

    # -- creation -----------------------------------------------------------

    def add_user(self, login: str, name: str) -> User:
        """Add a user."""
        user = User(self.new_id(), login, name)
        self.users[user.id] = user
        return user

    def add_project(
        self, org: str, name: str, *, vcs: str = "gh", plan: Optional[list[WorkflowPlan]] = None
    ) -> Project:
        """Add a project; ``plan`` is what its pipelines run (default: build, then test)."""
        org_id = next((p.org_id for p in self.projects.values() if p.org == org), None) or self.new_id()
        project = Project(self.new_id(), vcs, org, name, org_id, plan if plan is not None else default_plan())
        self.projects[project.slug] = project
        return project

    def trigger(
        self,
        project: Project,
        *,
        branch: Optional[str] = None,
        tag: Optional[str] = None,
        parameters: Optional[dict[str, Any]] = None,
        trigger_type: str = "api",
        plan: Optional[list[WorkflowPlan]] = None,
        at: Optional[float] = None,
        setup_delay: Optional[float] = None,
        actor: Optional[User] = None,
    ) -> Pipeline:
        """Start a pipeline, as a trigger would; its workflows appear after ``setup_delay``.

        :param at: the fake time of the trigger; default now (a past time
            replays the pipeline's history up to now).
        :param actor: who triggered it; default the token's user.
        """
        created = self.clock.now() if at is None else at
        project.pipeline_count += 1
        pipeline = Pipeline(
            id=self.new_id(),
            project=project,
            number=project.pipeline_count,
            created_at=created,
            setup_at=created + (self.setup_delay if setup_delay is None else setup_delay),
            branch=branch if branch is not None or tag is not None else project.default_branch,
            tag=tag,
            revision=self.new_sha(),
            parameters=dict(parameters or {}),
            trigger_type=trigger_type,
            actor=actor or self.user,
            plan=list(project.plan if plan is None else plan),
        )
        self.pipelines[pipeline.id] = pipeline
        self._waiting.append(pipeline)
        self.tick()
        return pipeline

    def _start_workflow(
        self, pipeline: Pipeline, plan: WorkflowPlan, at: float, rerun_of: Optional[str] = None
    ) -> Workflow:
        workflow = Workflow(self.new_id(), pipeline, plan.name, at, rerun_of=rerun_of)
        by_name: dict[str, Job] = {}
        for job_plan in plan.jobs:
            job = Job(self.new_id(), workflow, job_plan, [by_name[name] for name in job_plan.requires])
            by_name[job_plan.name] = job
            workflow.jobs.append(job)
            self.jobs[job.id] = job
            self._active.append(job)
        pipeline.workflows.append(workflow)
        self.workflows[workflow.id] = workflow
        return workflow

    # -- time ---------------------------------------------------------------

    def tick(self) -> None:
        """Apply every change that is due by the clock's current time, earliest first."""
        now = self.clock.now()
        for pipeline in [p for p in self._waiting if p.setup_at <= now]:
            self._waiting.remove(pipeline)
            for plan in pipeline.plan:
                self._start_workflow(pipeline, plan, pipeline.setup_at)
        while True:
            due = [(when, job) for job in self._active if (when := self._next_change(job)) is not None and when <= now]
            if not due:
                return
            when, job = min(due, key=lambda pair: pair[0])
            self._change(job, when)

    def _next_change(self, job: Job) -> Optional[float]:
        """When the job changes status next, or ``None`` while it waits for something else."""
        if job.status == "queued":
            return (job.queued_at or 0.0) + self.queue_delay
        if job.status == "running":
            return (job.started_at or 0.0) + job.plan.duration
        if job.status == "blocked" and all(dep.status in TERMINAL for dep in job.requires):
            return max((dep.stopped_at or 0.0 for dep in job.requires), default=job.workflow.created_at)
        return None

    def _change(self, job: Job, when: float) -> None:
        if job.status == "queued":
            job.status, job.started_at = "running", when
        elif job.status == "running":
            self._finish(job, job.plan.outcome, when)
            if job.plan.outcome == "success":
                job.artifacts = [Artifact(path, content) for path, content in job.plan.artifacts.items()]
            job.tests = [_test_result(test) for test in job.plan.tests]
        elif any(dep.status != "success" for dep in job.requires):
            self._finish(job, "not_run", None)
        elif job.plan.type == "approval":
            job.status = "on_hold"
            self._active.remove(job)
        else:
            job.project.job_count += 1
            job.status, job.number, job.queued_at = "queued", job.project.job_count, when

    def _finish(self, job: Job, status: str, when: Optional[float]) -> None:
        job.status, job.stopped_at = status, when
        if job in self._active:
            self._active.remove(job)

    # -- actions ------------------------------------------------------------

    def cancel_job(self, job: Job) -> None:
        """Cancel a job that has not finished; its dependents will not run."""
        if job.status not in TERMINAL:
            job.canceled_by = self.user.id
            self._finish(job, "canceled", self.clock.now())
            self.tick()

    def cancel_workflow(self, workflow: Workflow) -> None:
        """Cancel every job of a workflow that has not finished."""
        workflow.canceled_by = self.user.id
        for job in workflow.jobs:
            self.cancel_job(job)

    def approve(self, workflow: Workflow, approval_id: str) -> None:
        """Approve the workflow's approval job ``approval_id``, which lets the jobs after it run.

        :raises NotFoundError: when no approval of that workflow waits under that id.
        """
        job = next((j for j in workflow.jobs if j.id == approval_id and j.status == "on_hold"), None)
        if job is None:
            raise NotFoundError("Approval request not found")
        job.approved_by = self.user.id
        job.started_at = job.stopped_at = self.clock.now()
        job.status = "success"
        self.tick()

    def rerun(self, workflow: Workflow) -> Workflow:
        """Run a workflow again, as a new workflow of the same pipeline."""
        plan = next((p for p in workflow.pipeline.plan if p.name == workflow.name), WorkflowPlan(workflow.name, []))
        rerun = self._start_workflow(workflow.pipeline, plan, self.clock.now(), rerun_of=workflow.id)
        self.tick()
        return rerun

    def retry_build(self, job: Job) -> Job:
        """Run one build again, alone in a new workflow of its pipeline; return the new build."""
        plan = WorkflowPlan(job.workflow.name, [replace(job.plan, requires=())])
        rerun = self._start_workflow(job.workflow.pipeline, plan, self.clock.now(), rerun_of=job.workflow.id)
        self.tick()
        return rerun.jobs[0]


def default_plan() -> list[WorkflowPlan]:
    """The plan of a new project: ``build`` (2 s), then ``test`` (3 s, with artifacts and test results)."""
    return [
        WorkflowPlan(
            "build-and-test",
            [
                JobPlan("build", duration=2.0),
                JobPlan(
                    "test",
                    duration=3.0,
                    requires=("build",),
                    artifacts={
                        "reports/junit.xml": b'<testsuite name="app" tests="2" failures="0"/>\n',
                        "coverage/index.html": b"<html><body>Coverage: 100%</body></html>\n",
                    },
                    tests=[
                        {"name": "test_adds", "classname": "tests.test_math"},
                        {"name": "test_subtracts", "classname": "tests.test_math"},
                    ],
                ),
            ],
        )
    ]


def default_steps(plan: JobPlan) -> list[StepPlan]:
    """The steps a job runs when its plan names none (``JobPlan.steps`` empty).

    "Spin up environment", "Checkout code", then a step named after the job
    that fails (writing to standard error) when the job's outcome is a failure.
    Approval jobs run no steps.
    """
    if plan.type == "approval":
        return []
    failed = plan.outcome != "success"
    return [
        StepPlan("Spin up environment", output="Starting container cimg/base:current\nUsing build environment\n"),
        StepPlan("Checkout code", output="Cloning the repository\nChecked out the revision\n"),
        StepPlan(
            plan.name,
            output=f"Running {plan.name}\n" + ("1 failed\n" if failed else "All done\n"),
            error_output=f"{plan.name} failed: exit code 1\n" if failed else "",
            failed=failed,
        ),
    ]


def fingerprint(text: str) -> str:
    """An SSH-style MD5 fingerprint of a key's text (``aa:bb:...``)."""
    digest = hashlib.md5(text.encode()).hexdigest()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def _test_result(test: dict[str, Any]) -> dict[str, Any]:
    defaults = {"message": "", "source": "pytest", "run_time": 0.01, "file": "tests/test_app.py", "result": "success"}
    return {**defaults, "name": "test", "classname": "tests", **test}


def find(table: dict[str, T], key: str, message: str) -> T:
    """``table[key]``; a missing key raises :class:`NotFoundError` with ``message`` (the server's 404)."""
    found = table.get(key)
    if found is None:
        raise NotFoundError(message)
    return found
