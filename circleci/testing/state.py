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

import calendar
import hashlib
import random
import re
import threading
import time
import uuid
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Optional, TypeVar

from .clock import Clock

__all__ = [
    "TERMINAL",
    "Artifact",
    "CheckoutKey",
    "Context",
    "EnvVar",
    "Job",
    "JobPlan",
    "OUTCOMES",
    "NotFoundError",
    "Pipeline",
    "Project",
    "Schedule",
    "State",
    "StepPlan",
    "User",
    "Workflow",
    "WorkflowPlan",
    "default_steps",
    "find",
]

T = TypeVar("T")

TERMINAL = frozenset({"success", "failed", "canceled", "not_run", "infrastructure_fail", "timedout"})
"""Job statuses that never change again."""

OUTCOMES = ("success", "failed", "infrastructure_fail", "timedout", "canceled")
"""How a planned job can end."""

FAILURES = frozenset({"failed", "infrastructure_fail", "timedout"})
"""Job statuses that fail their workflow."""

Listener = Callable[[str, Any], None]
"""Called with ``("job-completed", job)`` or ``("workflow-completed", workflow)`` as they happen."""


SHORT_VCS = {"github": "gh", "bitbucket": "bb"}
"""The short form a slug uses for each long ``vcs_type`` (``gh/org/repo``)."""


def short_vcs(vcs: str) -> str:
    """``gh`` for ``github``, ``bb`` for ``bitbucket``; any other ``vcs`` as given."""
    return SHORT_VCS.get(vcs, vcs)


APP_VCS = ("circleci", "gitlab")
"""The ``vcs`` of projects whose slug is ``circleci/<org-id>/<project-id>`` (GitHub App, GitLab)."""


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
    :param outcome: how its first run ends: ``"success"``, ``"failed"``,
        ``"infrastructure_fail"``, ``"timedout"`` or ``"canceled"``; anything
        else raises :class:`ValueError` at once.
    :param requires: names of the jobs of the same workflow it waits for.
    :param type: ``"build"``, or ``"approval"`` for a job that holds the
        workflow until it is approved.
    :param artifacts: files it uploads, path to content.
    :param tests: test results it records, each a dict with CircleCI's fields
        (``name``, ``classname``, ``result``, ...); missing ones are filled in.
    :param steps: the steps it runs and what they print; empty for a default
        set of steps that matches its outcome.
    :param rerun_outcome: how its reruns end (default: as ``outcome``); with
        ``outcome="failed", rerun_outcome="success"`` a job fails on its first
        run and passes when rerun, as a flaky job does.
    :param credits: the credits one run of it uses (what Insights adds up).
    """

    name: str
    duration: float = 2.0
    outcome: str = "success"
    requires: tuple[str, ...] = ()
    type: str = "build"
    artifacts: dict[str, bytes] = field(default_factory=dict)
    tests: list[dict[str, Any]] = field(default_factory=list)
    steps: list[StepPlan] = field(default_factory=list)
    rerun_outcome: Optional[str] = None
    credits: int = 0

    def __post_init__(self) -> None:
        for outcome in (self.outcome, self.rerun_outcome or self.outcome):
            if outcome not in OUTCOMES:
                raise ValueError(f"job {self.name!r}: unknown outcome {outcome!r}; one of {', '.join(OUTCOMES)}")
        if self.type not in ("build", "approval"):
            raise ValueError(f"job {self.name!r}: type must be 'build' or 'approval', not {self.type!r}")
        self.requires = tuple(self.requires)

    def outcome_of(self, attempt: int) -> str:
        """How run number ``attempt`` (1 for the first) ends."""
        return self.outcome if attempt <= 1 else self.rerun_outcome or self.outcome


@dataclass
class WorkflowPlan:
    """A workflow that each triggered pipeline of a project runs.

    A workflow runs for every pipeline unless its filters say otherwise, as
    CircleCI's ``filters`` and ``when`` do: ``branches`` and ``tags`` list
    names, or regular expressions written between slashes (``"/release-.*/"``);
    ``parameters`` lists pipeline parameter values the pipeline must have.

    :param name: the workflow's name.
    :param jobs: its jobs, in the order they are listed.
    :param branches: the branches it runs for (default: every branch).
    :param tags: the tags it runs for (default: every tag).
    :param parameters: pipeline parameters and the values they must have
        (``{"deploy": True}``); a declared parameter's default counts.
    :raises ValueError: when a job requires a job the workflow does not list
        before it.
    """

    name: str
    jobs: list[JobPlan]
    branches: Optional[list[str]] = None
    tags: Optional[list[str]] = None
    parameters: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for job in self.jobs:
            unknown = [name for name in job.requires if name not in seen]
            if unknown:
                raise ValueError(f"workflow {self.name!r}: job {job.name!r} requires unknown job(s) {unknown}")
            seen.add(job.name)

    def runs_for(self, branch: Optional[str], tag: Optional[str], parameters: dict[str, Any]) -> bool:
        """Whether a pipeline of that branch, tag and parameters runs this workflow."""
        if branch is not None and self.branches is not None and not _matches(self.branches, branch):
            return False
        if tag is not None and self.tags is not None and not _matches(self.tags, tag):
            return False
        return all(parameters.get(name) == value for name, value in self.parameters.items())


def _matches(filters: list[str], name: str) -> bool:
    """Whether a name passes CircleCI-style filters (exact names, or ``/regex/``)."""
    for item in filters:
        regex = item.startswith("/") and item.endswith("/") and len(item) > 1
        if (re.fullmatch(item[1:-1], name) is not None) if regex else item == name:
            return True
    return False


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
    parameters: Optional[dict[str, Any]] = None
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        """``gh/org/repo``, or ``circleci/<org-id>/<project-id>`` for GitHub App and GitLab projects."""
        if self.vcs in APP_VCS:
            return f"circleci/{self.org_id}/{self.id}"
        return f"{self.vcs}/{self.org}/{self.name}"

    @property
    def org_slug(self) -> str:
        """``gh/org``, or ``circleci/<org-id>``."""
        return self.slug.rsplit("/", 1)[0]

    @property
    def vcs_url(self) -> str:
        """The repository's URL."""
        host = {"gh": "github.com", "bb": "bitbucket.org", "gitlab": "gitlab.com"}.get(self.vcs, "github.com")
        return f"https://{host}/{self.org}/{self.name}"

    def check_parameters(self, given: dict[str, Any]) -> dict[str, Any]:
        """The pipeline parameters of a trigger, defaults included.

        :raises ValueError: when the project declares its parameters and
            ``given`` has others, as CircleCI refuses them.
        """
        if self.parameters is None:
            return dict(given)
        unknown = sorted(set(given) - set(self.parameters))
        if unknown:
            raise ValueError(f"Unexpected argument(s): {', '.join(unknown)}")
        return {**self.parameters, **given}


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

    notified: bool = False

    @property
    def status(self) -> str:
        """The workflow's status, from its jobs' statuses."""
        statuses = {job.status for job in self.jobs}
        if statuses & {"queued", "running"}:
            return "failing" if statuses & FAILURES else "running"
        if "on_hold" in statuses:
            return "on_hold"
        if "canceled" in statuses:
            return "canceled"
        return "failed" if statuses & FAILURES else "success"

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
    no_dependency_cache: bool = False
    attempt: int = 1
    carried: bool = False
    ssh: bool = False

    @property
    def name(self) -> str:
        """The job's name."""
        return self.plan.name

    @property
    def project(self) -> Project:
        """The job's project."""
        return self.workflow.pipeline.project


@dataclass
class Organization:
    """An organization; ``vcs_type`` is ``github``, ``bitbucket`` or ``circleci`` (GitHub App, GitLab)."""

    id: str
    name: str
    vcs_type: str

    @property
    def slug(self) -> str:
        """``gh/acme``, ``bb/acme`` or ``circleci/<id>``."""
        short = SHORT_VCS.get(self.vcs_type)
        return f"{short}/{self.name}" if short else f"circleci/{self.id}"


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
        self.orgs: dict[str, Organization] = {}
        self.tables: dict[str, dict[str, Any]] = {}
        self.listeners: list[Listener] = []
        self._active: list[Job] = []
        self._waiting: list[Pipeline] = []
        self.log_link: Optional[Callable[[Job, int], str]] = None
        """Signs the link to a job's step log (set by the storage host)."""
        self._scheduled_until = clock.now()
        self.user = self.add_user("fake-user", "Fake User")

    def table(self, name: str) -> dict[str, Any]:
        """A named table of records kept as the spec shapes them (webhooks, groups, ...), created empty."""
        return self.tables.setdefault(name, {})

    # -- identifiers --------------------------------------------------------

    def new_id(self) -> str:
        """A fresh UUID, reproducible for a given seed."""
        return str(uuid.UUID(int=self._random.getrandbits(128), version=4))

    def new_sha(self) -> str:
        """A fresh 40-digit commit hash."""
        return f"{self._random.getrandbits(160):040x}"

    # -- lookups ------------------------------------------------------------

    def project(self, slug: str) -> Project:
        """The project of a slug such as ``gh/org/repo`` (``github``/``bitbucket`` work too)
        or ``circleci/<org-id>/<project-id>``."""
        vcs, _, rest = slug.partition("/")
        vcs = short_vcs(vcs)
        found = self.projects.get(f"{vcs}/{rest}")
        if found is None:
            raise NotFoundError("Project not found")
        return found

    def project_by_id(self, project_id: str) -> Project:
        """A project by id."""
        for project in self.projects.values():
            if project.id == project_id:
                return project
        raise NotFoundError("Project not found")

    def org(self, slug_or_id: str) -> Organization:
        """An organization by id or slug (``gh/acme``, ``github/acme``, ``circleci/<id>``)."""
        vcs, _, name = slug_or_id.partition("/")
        vcs_type = {"gh": "github", "github": "github", "bb": "bitbucket", "bitbucket": "bitbucket"}.get(vcs)
        for org in self.orgs.values():
            if org.id == slug_or_id or (vcs_type, name) == (org.vcs_type, org.name) or org.slug == slug_or_id:
                return org
        raise NotFoundError("Organization not found")

    def add_org(self, name: str, vcs_type: str) -> Organization:
        """The organization of that name and kind, added if new."""
        for org in self.orgs.values():
            if (org.name, org.vcs_type) == (name, vcs_type):
                return org
        org = Organization(self.new_id(), name, vcs_type)
        self.orgs[org.id] = org
        return org

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
            if job.project is project and job.number == number and not job.carried:
                return job
        raise NotFoundError("Job not found.")

    def builds(self, project: Optional[Project] = None) -> list[Job]:
        """Jobs that have a number (the v1.1 builds), newest first; without a project, those of
        the projects v1.1 knows (not GitHub App or GitLab ones)."""
        numbered = [job for job in self.jobs.values() if job.number is not None and not job.carried]
        if project is not None:
            numbered = [job for job in numbered if job.project is project]
        else:
            numbered = [job for job in numbered if job.project.vcs not in APP_VCS]
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
        self,
        org: str,
        name: str,
        *,
        vcs: str = "gh",
        plan: Optional[list[WorkflowPlan]] = None,
        parameters: Optional[dict[str, Any]] = None,
        first_build_number: int = 1,
    ) -> Project:
        """Add a project; ``plan`` is what its pipelines run (default: build, then test).

        :param vcs: ``gh``, ``bb``, or ``circleci`` (GitHub App) and
            ``gitlab``, whose slugs are ``circleci/<org-id>/<project-id>``.
        :param parameters: the pipeline parameters its config declares, with
            their defaults; ``None`` accepts any.
        :param first_build_number: the number of its first job (v1.1 build).
        """
        if vcs not in ("gh", "bb", *APP_VCS):
            raise ValueError(f"vcs must be gh, bb, circleci or gitlab, not {vcs!r}")
        if first_build_number < 1:
            raise ValueError("first_build_number must be 1 or more")
        vcs_type = {"gh": "github", "bb": "bitbucket"}.get(vcs, "circleci")
        organization = self.add_org(org, vcs_type)
        project = Project(self.new_id(), vcs, org, name, organization.id, plan if plan is not None else default_plan())
        project.following = vcs not in APP_VCS  # v1.1 (which lists followed projects) knows only gh and bb
        project.parameters = None if parameters is None else dict(parameters)
        project.job_count = first_build_number - 1
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
        revision: Optional[str] = None,
    ) -> Pipeline:
        """Start a pipeline, as a trigger would; its workflows appear after ``setup_delay``.

        :param at: the fake time of the trigger; default now (a past time
            replays the pipeline's history up to now).
        :param actor: who triggered it; default the token's user.
        :param revision: the commit; default a new one.
        :raises ValueError: for parameters the project does not declare.
        """
        effective = project.check_parameters(dict(parameters or {}))
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
            revision=revision or self.new_sha(),
            parameters=dict(parameters or {}),
            trigger_type=trigger_type,
            actor=actor or self.user,
            plan=list(project.plan if plan is None else plan),
        )
        pipeline.plan = [w for w in pipeline.plan if w.runs_for(pipeline.branch, tag, effective)]
        self.pipelines[pipeline.id] = pipeline
        self._waiting.append(pipeline)
        self.tick()
        return pipeline

    def _start_workflow(
        self,
        pipeline: Pipeline,
        plan: WorkflowPlan,
        at: float,
        rerun_of: Optional[Workflow] = None,
        rerun: Optional[Callable[[Job], bool]] = None,
        ssh: bool = False,
    ) -> Workflow:
        """Start a workflow; for a rerun, ``rerun`` says which jobs of ``rerun_of`` run again
        (the others are carried over as they ended)."""
        workflow = Workflow(self.new_id(), pipeline, plan.name, at, rerun_of=rerun_of.id if rerun_of else None)
        before = {job.name: job for job in rerun_of.jobs} if rerun_of else {}
        by_name: dict[str, Job] = {}
        for job_plan in plan.jobs:
            job = Job(self.new_id(), workflow, job_plan, [by_name[name] for name in job_plan.requires])
            previous = before.get(job_plan.name)
            if previous is not None:
                job.attempt = previous.attempt + 1
                if rerun is not None and not rerun(previous):
                    _carry(job, previous)
                else:
                    job.ssh = ssh
            by_name[job_plan.name] = job
            workflow.jobs.append(job)
            self.jobs[job.id] = job
            if not job.carried:
                self._active.append(job)
        pipeline.workflows.append(workflow)
        self.workflows[workflow.id] = workflow
        return workflow

    # -- time ---------------------------------------------------------------

    def tick(self) -> None:
        """Apply every change that is due by the clock's current time, earliest first."""
        now = self.clock.now()
        self._fire_schedules(now)
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
            # a rerun's job cannot start before its workflow exists, even after jobs carried over from the past
            return max([job.workflow.created_at, *(dep.stopped_at or 0.0 for dep in job.requires)])
        return None

    def _change(self, job: Job, when: float) -> None:
        if job.status == "queued":
            job.status, job.started_at = "running", when
        elif job.status == "running":
            outcome = job.plan.outcome_of(job.attempt)
            self._finish(job, outcome, when)
            if outcome == "success":
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
        if status != "not_run":
            self._emit("job-completed", job)
        workflow = job.workflow
        if not workflow.notified and workflow.stopped_at is not None:
            workflow.notified = True
            self._emit("workflow-completed", workflow)

    def _emit(self, event: str, subject: Any) -> None:
        for listener in list(self.listeners):
            listener(event, subject)

    def _fire_schedules(self, now: float) -> None:
        """Trigger the pipelines of every schedule due since the last look, in time order."""
        since, self._scheduled_until = self._scheduled_until, max(now, self._scheduled_until)
        due = sorted(
            (moment, schedule.id, schedule)
            for schedule in list(self.schedules.values())
            for moment in fire_times(schedule.timetable, since, now)
        )
        for moment, _, schedule in due:
            if schedule.id not in self.schedules:  # pragma: no cover (a listener deleted it meanwhile)
                continue
            values = dict(schedule.parameters)
            branch, tag = values.pop("branch", None), values.pop("tag", None)
            try:
                self.trigger(
                    schedule.project,
                    branch=branch,
                    tag=tag,
                    parameters=values,
                    trigger_type="schedule",
                    at=moment,
                    actor=schedule.actor,
                )
            except ValueError:  # parameters the project stopped declaring: CircleCI skips the run
                continue

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

    def rerun(
        self,
        workflow: Workflow,
        *,
        from_failed: bool = False,
        jobs: Optional[list[str]] = None,
        ssh: bool = False,
    ) -> Workflow:
        """Run a workflow again, as a new workflow of the same pipeline.

        :param from_failed: rerun only the jobs that did not succeed (and
            those after them); the others are carried over.
        :param jobs: rerun only the jobs of these ids; the others are carried over.
        :param ssh: the rerun jobs allow SSH (with ``jobs``).
        """
        plan = WorkflowPlan(workflow.name, [job.plan for job in workflow.jobs])
        chosen: Optional[Callable[[Job], bool]] = None
        if jobs:
            chosen = lambda job: job.id in jobs  # noqa: E731
        elif from_failed:
            chosen = lambda job: job.status != "success"  # noqa: E731
        rerun = self._start_workflow(workflow.pipeline, plan, self.clock.now(), workflow, chosen, ssh)
        self.tick()
        return rerun

    def retry_build(self, job: Job) -> Job:
        """Run one build again, alone in a new workflow of its pipeline; return the new build."""
        plan = WorkflowPlan(job.workflow.name, [replace(job.plan, requires=())])
        rerun = self._start_workflow(job.workflow.pipeline, plan, self.clock.now(), job.workflow)
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
    that prints its name and fails (writing CircleCI's exit message to
    standard error) when the job's outcome is not a success. Approval jobs
    run no steps.
    """
    if plan.type == "approval":
        return []
    failed = plan.outcome != "success"
    return [
        StepPlan("Spin up environment", output="Starting container cimg/base:stable\nUsing build environment\n"),
        StepPlan("Checkout code", output="Cloning git repository\nChecking out branch\n"),
        StepPlan(
            plan.name,
            output=f"Running {plan.name}\n",
            error_output="Exited with code exit status 1\n" if failed else "",
            failed=failed,
        ),
    ]


def _carry(job: Job, previous: Job) -> None:
    """Make a job of a rerun stand for the earlier run it does not repeat."""
    job.carried, job.attempt = True, previous.attempt
    job.status, job.number = previous.status, previous.number
    job.queued_at, job.started_at, job.stopped_at = previous.queued_at, previous.started_at, previous.stopped_at
    job.approved_by, job.artifacts, job.tests = previous.approved_by, previous.artifacts, previous.tests


DAYS = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")
MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


def timetable_error(timetable: Any) -> Optional[str]:
    """Why a schedule's timetable is invalid (the limits CircleCI's spec states in prose), or ``None``."""
    if not isinstance(timetable, dict):
        return "timetable must be an object"
    per_hour = timetable.get("per-hour")
    if not isinstance(per_hour, int) or isinstance(per_hour, bool) or not 1 <= per_hour <= 60:
        return "per-hour must be an integer from 1 to 60"
    hours = timetable.get("hours-of-day")
    if not isinstance(hours, list) or not hours or any(not isinstance(h, int) or not 0 <= h <= 23 for h in hours):
        return "hours-of-day must be a non-empty list of hours from 0 to 23"
    checks: list[tuple[str, Callable[[Any], bool]]] = [
        ("days-of-week", lambda day: day in DAYS),
        ("days-of-month", lambda day: isinstance(day, int) and 1 <= day <= 31),
        ("months", lambda month: month in MONTHS),
    ]
    for name, valid in checks:
        values = timetable.get(name)
        if values is not None and (not isinstance(values, list) or not all(valid(v) for v in values)):
            return f"{name} has an invalid value"
    if not timetable.get("days-of-week") and not timetable.get("days-of-month"):
        return "days-of-week or days-of-month is required"
    return None


def fire_times(timetable: dict[str, Any], after: float, until: float) -> list[float]:
    """When a timetable fires in ``(after, until]``: ``per-hour`` evenly spread runs in each
    matching hour (UTC)."""
    if until <= after or timetable_error(timetable) is not None:
        return []
    per_hour: int = timetable["per-hour"]
    moments: list[float] = []
    hour = int(after // 3600) * 3600
    while hour <= until:
        moment = time.gmtime(hour)
        if _hour_matches(timetable, moment):
            for index in range(per_hour):
                when = hour + index * 3600 / per_hour
                if after < when <= until:
                    moments.append(float(when))
        hour += 3600
    return moments


def _hour_matches(timetable: dict[str, Any], moment: time.struct_time) -> bool:
    months = timetable.get("months") or MONTHS
    if moment.tm_hour not in timetable["hours-of-day"] or calendar.month_abbr[moment.tm_mon].upper() not in months:
        return False
    weekdays, monthdays = timetable.get("days-of-week") or [], timetable.get("days-of-month") or []
    return DAYS[moment.tm_wday] in weekdays or moment.tm_mday in monthdays


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
