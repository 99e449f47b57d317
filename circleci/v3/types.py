"""Typed shapes of CircleCI API v3 answers, for mypy and IDEs.

There is no OpenAPI document of v3 to generate these from, so they are
written by hand from the entities of ``spec/v3-reference.md`` (section 3).
Every class is ``total=False``: v3 omits members that have no value, and
clients must accept that. Enumerations (``phase``, ``outcome``, ...) are
plain ``str``, since CircleCI adds values. At run time the answers are
plain dicts and lists, as decoded from JSON.
"""

from __future__ import annotations

from typing import Any, Optional, TypedDict

__all__ = [
    "CONFIDENCE_NOTE",
    "Reference",
    "NamedReference",
    "Page",
    "Meta",
    "RunError",
    "EventReference",
    "CommitAuthor",
    "Commit",
    "EventVcs",
    "EventAttributes",
    "EventSource",
    "TriggerSourceAttributes",
    "VcsSource",
    "HostedSource",
    "PipelineConfig",
    "PipelineCheckout",
    "WebhookSource",
    "TriggerFilter",
    "TriggerEvent",
    "Ref",
    "VersionName",
    "TriggerSourceReference",
    "Step",
    "ParallelExecution",
    "UsageResourceClass",
    "UsageSample",
    "RunScope",
    "IdDocument",
    "EmptyDocument",
    "JobTestResult",
    "LegacyMessage",
    "LegacyResourceClass",
    "LegacyResourceClassList",
    "LegacyRunnerToken",
    "LegacyRunnerTokenList",
    "LegacyRunnerInstance",
    "LegacyRunnerInstanceList",
    "LegacyTaskCount",
    "RunAttributes",
    "RunReferences",
    "Run",
    "RunDocument",
    "RunList",
    "WorkflowAttributes",
    "WorkflowReferences",
    "Workflow",
    "WorkflowDocument",
    "WorkflowList",
    "JobAttributes",
    "JobReferences",
    "Job",
    "JobDocument",
    "JobList",
    "ArtifactAttributes",
    "Artifact",
    "ArtifactDocument",
    "ArtifactList",
    "ResourceUsageAttributes",
    "ResourceUsage",
    "ResourceUsageDocument",
    "ResourceUsageList",
    "PipelineAttributes",
    "PipelineReferences",
    "Pipeline",
    "PipelineDocument",
    "PipelineList",
    "TriggerAttributes",
    "TriggerReferences",
    "Trigger",
    "TriggerDocument",
    "TriggerList",
    "ProjectAttributes",
    "ProjectReferences",
    "Project",
    "ProjectDocument",
    "ProjectList",
    "ProjectSettingsAttributes",
    "ProjectSettings",
    "ProjectSettingsDocument",
    "ProjectSettingsList",
    "ProjectEnvVarAttributes",
    "ProjectEnvVar",
    "ProjectEnvVarDocument",
    "ProjectEnvVarList",
    "OrgAttributes",
    "Org",
    "OrgDocument",
    "OrgList",
    "OrgSettingsAttributes",
    "OrgSettings",
    "OrgSettingsDocument",
    "OrgSettingsList",
    "UserAttributes",
    "User",
    "UserDocument",
    "UserList",
    "ProviderConnectionAttributes",
    "ProviderConnection",
    "ProviderConnectionDocument",
    "ProviderConnectionList",
    "ConnectionSetupAttributes",
    "ConnectionSetup",
    "ConnectionSetupDocument",
    "ConnectionSetupList",
    "ProviderRepositoryAttributes",
    "ProviderRepository",
    "ProviderRepositoryDocument",
    "ProviderRepositoryList",
    "CompileResultAttributes",
    "CompileResult",
    "CompileResultDocument",
    "CompileResultList",
    "ReleaseAttributes",
    "Release",
    "ReleaseDocument",
    "ReleaseList",
    "DeploymentAttributes",
    "DeploymentReferences",
    "Deployment",
    "DeploymentDocument",
    "DeploymentList",
    "DeployEnvironmentAttributes",
    "DeployEnvironmentReferences",
    "DeployEnvironment",
    "DeployEnvironmentDocument",
    "DeployEnvironmentList",
    "DeployComponentAttributes",
    "DeployComponentReferences",
    "DeployComponent",
    "DeployComponentDocument",
    "DeployComponentList",
    "DeployComponentVersionAttributes",
    "DeployComponentVersionReferences",
    "DeployComponentVersion",
    "DeployComponentVersionDocument",
    "DeployComponentVersionList",
    "DeploySettingsAttributes",
    "DeploySettingsReferences",
    "DeploySettings",
    "DeploySettingsDocument",
    "DeploySettingsList",
    "RollbackAttributes",
    "RollbackReferences",
    "Rollback",
    "RollbackDocument",
    "RollbackList",
    "SigningCertificateAttributes",
    "SigningCertificateReferences",
    "SigningCertificate",
    "SigningCertificateDocument",
    "SigningCertificateList",
    "SigningConfigAttributes",
    "SigningConfigReferences",
    "SigningConfig",
    "SigningConfigDocument",
    "SigningConfigList",
    "NamespaceAttributes",
    "Namespace",
    "NamespaceDocument",
    "NamespaceList",
    "OrbPackageAttributes",
    "OrbPackageReferences",
    "OrbPackage",
    "OrbPackageDocument",
    "OrbPackageList",
    "OrbVersionAttributes",
    "OrbVersionReferences",
    "OrbVersion",
    "OrbVersionDocument",
    "OrbVersionList",
    "OrbCategoryAttributes",
    "OrbCategory",
    "OrbCategoryDocument",
    "OrbCategoryList",
    "OrbValidationAttributes",
    "OrbValidation",
    "OrbValidationDocument",
    "OrbValidationList",
    "RunnerResourceClassAttributes",
    "RunnerResourceClass",
    "RunnerResourceClassDocument",
    "RunnerResourceClassList",
    "RunnerTokenAttributes",
    "RunnerTokenReferences",
    "RunnerToken",
    "RunnerTokenDocument",
    "RunnerTokenList",
    "RunnerAgentAttributes",
    "RunnerAgentReferences",
    "RunnerAgent",
    "RunnerAgentDocument",
    "RunnerAgentList",
    "RunnerFleetAttributes",
    "RunnerFleetReferences",
    "RunnerFleet",
    "RunnerFleetDocument",
    "RunnerFleetList",
    "ContextAttributes",
    "ContextReferences",
    "Context",
    "ContextDocument",
    "ContextList",
    "ContextEnvVarAttributes",
    "ContextEnvVarReferences",
    "ContextEnvVar",
    "ContextEnvVarDocument",
    "ContextEnvVarList",
    "ContextRestrictionAttributes",
    "ContextRestrictionReferences",
    "ContextRestriction",
    "ContextRestrictionDocument",
    "ContextRestrictionList",
    "NotificationIntegrationAttributes",
    "NotificationIntegrationReferences",
    "NotificationIntegration",
    "NotificationIntegrationDocument",
    "NotificationIntegrationList",
    "NotificationChannelConfigAttributes",
    "NotificationChannelConfigReferences",
    "NotificationChannelConfig",
    "NotificationChannelConfigDocument",
    "NotificationChannelConfigList",
    "NotificationPreferenceAttributes",
    "NotificationPreferenceReferences",
    "NotificationPreference",
    "NotificationPreferenceDocument",
    "NotificationPreferenceList",
    "NotificationLinkAttributes",
    "NotificationLinkReferences",
    "NotificationLink",
    "NotificationLinkDocument",
    "NotificationLinkList",
    "ChargeAttributes",
    "ChargeReferences",
    "Charge",
    "ChargeDocument",
    "ChargeList",
    "FunctionPackageAttributes",
    "FunctionPackageReferences",
    "FunctionPackage",
    "FunctionPackageDocument",
    "FunctionPackageList",
    "CatalogOfferingsAttributes",
    "CatalogOfferings",
    "CatalogOfferingsDocument",
    "CatalogOfferingsList",
]

CONFIDENCE_NOTE = "Shapes from spec/v3-reference.md; fields the reference does not know may be present."


class Reference(TypedDict, total=False):
    """A related entity: ``{"id": ...}``."""

    id: str


class NamedReference(TypedDict, total=False):
    """A related entity with some of its fields copied in (``attributes``)."""

    id: str
    attributes: dict[str, Any]


class Page(TypedDict, total=False):
    """The cursors of a collection: ``next`` (``None`` on the last page) and ``prev``."""

    next: Optional[str]
    prev: Optional[str]


class Meta(TypedDict, total=False):
    """Optional extra information of an answer."""

    total_count: int
    messages: list[dict[str, str]]


class RunError(TypedDict, total=False):
    """A configuration or setup error of a run."""

    type: str
    message: str


class CommitAuthor(TypedDict, total=False):
    """The author of a commit."""

    name: str
    login: str


class Commit(TypedDict, total=False):
    """The commit a run built."""

    subject: str
    url: str
    author: CommitAuthor


class EventVcs(TypedDict, total=False):
    """The VCS side of the event that started a run."""

    branch: str
    tag: str
    revision: str
    origin_repository_url: str
    commit: Commit


class EventAttributes(TypedDict, total=False):
    """The event that started a run (``vcs`` may be ``None``)."""

    type: str
    action: str
    vcs: Optional[EventVcs]


class EventReference(TypedDict, total=False):
    """What started a run."""

    attributes: EventAttributes


class EventSource(TypedDict, total=False):
    """Where a trigger's event came from (``type``: ``webhook``, ...)."""

    type: str


class TriggerSourceAttributes(TypedDict, total=False):
    """The trigger of a run."""

    event_source: EventSource


class TriggerSourceReference(TypedDict, total=False):
    """The trigger of a run: ``attributes.event_source.type`` (e.g. ``"webhook"``)."""

    attributes: TriggerSourceAttributes


class VcsSource(TypedDict, total=False):
    """A repository at a provider (``github_app``, ``github_oauth``, ...)."""

    provider: str
    repo_id: str
    repo_full_name: str


class HostedSource(TypedDict, total=False):
    """Config hosted by CircleCI (``provider``: ``circleci``)."""

    provider: str


class PipelineConfig(TypedDict, total=False):
    """Where a pipeline's config comes from (``type``: ``vcs`` or ``hosted``)."""

    type: str
    file_path: str
    vcs: VcsSource
    hosted: HostedSource


class PipelineCheckout(TypedDict, total=False):
    """What a pipeline checks out."""

    type: str
    vcs: VcsSource


class WebhookSource(TypedDict, total=False):
    """A webhook event source."""

    name: str
    source: str


class TriggerFilter(TypedDict, total=False):
    """Which events fire a trigger (``preset``, e.g. ``all-pushes``)."""

    preset: str


class TriggerEvent(TypedDict, total=False):
    """The event that fires a trigger (``type``: ``vcs``, ``webhook`` or ``schedule``; ``schedule`` is open)."""

    type: str
    vcs: VcsSource
    webhook: WebhookSource
    schedule: dict[str, Any]
    filter: TriggerFilter


class Ref(TypedDict, total=False):
    """A git reference."""

    ref: str


class VersionName(TypedDict, total=False):
    """A version, by name."""

    name: str


class Step(TypedDict, total=False):
    """One step of a job's parallel execution."""

    name: str
    type: str
    num: int
    phase: str
    outcome: str
    exit_code: int
    command: str
    started_at: str
    ended_at: Optional[str]


class ParallelExecution(TypedDict, total=False):
    """The steps of one parallel execution of a job (its index is the execution number)."""

    steps: list[Step]


class UsageResourceClass(TypedDict, total=False):
    """The resource class a job ran on."""

    name: str
    cpu_count: float
    memory_limit_bytes: int


class UsageSample(TypedDict, total=False):
    """Sampled resource usage of one parallel execution; sample ``i`` is at ``i * interval_ms``."""

    execution: int
    interval_ms: int
    cpu_cores: list[float]
    memory_bytes: list[int]
    network_rx_bytes: int
    network_tx_bytes: int


# ``from`` is a Python keyword, so this one is spelled with the functional form.
RunScope = TypedDict("RunScope", {"project_ids": list[str], "from": str, "to": str}, total=False)
"""The ``scope`` of a search: project ids and an RFC 3339 time window (``from``, ``to``)."""


class IdDocument(TypedDict, total=False):
    """An answer carrying only the new (or affected) entity's id: ``{"data": {"id": ...}}``."""

    data: Reference


class EmptyDocument(TypedDict, total=False):
    """An answer with an empty entity: ``{"data": {}}``."""

    data: dict[str, Any]


class JobTestResult(TypedDict, total=False):
    """One test of a job, one line of its JSON Lines answer."""

    classname: str
    name: str
    result: str
    run_time: float
    message: str


class LegacyMessage(TypedDict, total=False):
    """The legacy runner service's ``{"message": ...}``."""

    message: str


class LegacyResourceClass(TypedDict, total=False):
    """A resource class of the legacy runner service."""

    id: str
    resource_class: str
    description: str


class LegacyResourceClassList(TypedDict, total=False):
    """``{"items": [...]}`` of legacy resource classes."""

    items: list[LegacyResourceClass]


class LegacyRunnerToken(TypedDict, total=False):
    """A runner token of the legacy runner service (``token`` only when created)."""

    id: str
    resource_class: str
    nickname: str
    created_at: str
    token: str


class LegacyRunnerTokenList(TypedDict, total=False):
    """``{"items": [...]}`` of legacy runner tokens."""

    items: list[LegacyRunnerToken]


class LegacyRunnerInstance(TypedDict, total=False):
    """A connected runner, as the legacy runner service reports it."""

    resource_class: str
    hostname: str
    name: str
    first_connected: str
    last_connected: str
    last_used: str
    ip: str
    version: str


class LegacyRunnerInstanceList(TypedDict, total=False):
    """``{"items": [...]}`` of runner instances."""

    items: list[LegacyRunnerInstance]


class LegacyTaskCount(TypedDict, total=False):
    """Task counts of a resource class: ``unclaimed_task_count`` or ``running_runner_tasks``."""

    unclaimed_task_count: int
    running_runner_tasks: int


class RunAttributes(TypedDict, total=False):
    """The fields of a run."""

    phase: str
    current_outcome: str
    outcome: str
    created_at: str
    errors: list[RunError]
    vcs: dict[str, str]


class RunReferences(TypedDict, total=False):
    """The entities a run refers to."""

    event: EventReference
    trigger: TriggerSourceReference
    project: Reference
    user: Reference


class Run(TypedDict, total=False):
    """A run: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: RunAttributes
    references: RunReferences


class RunDocument(TypedDict, total=False):
    """An answer carrying one run: ``{"data": ...}``."""

    data: Run
    meta: Meta


class RunList(TypedDict, total=False):
    """A page of runs: ``{"data": [...], "page": ...}``."""

    data: list[Run]
    page: Page
    meta: Meta


class WorkflowAttributes(TypedDict, total=False):
    """The fields of a workflow."""

    name: str
    phase: str
    outcome: str
    current_outcome: str
    created_at: str
    ended_at: Optional[str]


class WorkflowReferences(TypedDict, total=False):
    """The entities a workflow refers to."""

    run: Reference
    project: Reference
    user: Reference


class Workflow(TypedDict, total=False):
    """A workflow: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: WorkflowAttributes
    references: WorkflowReferences


class WorkflowDocument(TypedDict, total=False):
    """An answer carrying one workflow: ``{"data": ...}``."""

    data: Workflow
    meta: Meta


class WorkflowList(TypedDict, total=False):
    """A page of workflows: ``{"data": [...], "page": ...}``."""

    data: list[Workflow]
    page: Page
    meta: Meta


class JobAttributes(TypedDict, total=False):
    """The fields of a job."""

    number: int
    name: str
    type: str
    phase: str
    outcome: str
    current_outcome: str
    started_at: str
    ended_at: Optional[str]
    parallel_executions: list[ParallelExecution]


class JobReferences(TypedDict, total=False):
    """The entities a job refers to."""

    workflow: Reference
    project: Reference
    pipeline: Reference
    user: Reference


class Job(TypedDict, total=False):
    """A job: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: JobAttributes
    references: JobReferences


class JobDocument(TypedDict, total=False):
    """An answer carrying one job: ``{"data": ...}``."""

    data: Job
    meta: Meta


class JobList(TypedDict, total=False):
    """A page of jobs: ``{"data": [...], "page": ...}``."""

    data: list[Job]
    page: Page
    meta: Meta


class ArtifactAttributes(TypedDict, total=False):
    """The fields of a artifact."""

    path: str
    url: str
    execution: int


class Artifact(TypedDict, total=False):
    """A artifact: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: ArtifactAttributes


class ArtifactDocument(TypedDict, total=False):
    """An answer carrying one artifact: ``{"data": ...}``."""

    data: Artifact
    meta: Meta


class ArtifactList(TypedDict, total=False):
    """A page of artifacts: ``{"data": [...], "page": ...}``."""

    data: list[Artifact]
    page: Page
    meta: Meta


class ResourceUsageAttributes(TypedDict, total=False):
    """The fields of a resource usage."""

    resource_class: UsageResourceClass
    parallel_executions: list[UsageSample]


class ResourceUsage(TypedDict, total=False):
    """A resource usage: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: ResourceUsageAttributes


class ResourceUsageDocument(TypedDict, total=False):
    """An answer carrying one resource usage: ``{"data": ...}``."""

    data: ResourceUsage
    meta: Meta


class ResourceUsageList(TypedDict, total=False):
    """A page of resource usages: ``{"data": [...], "page": ...}``."""

    data: list[ResourceUsage]
    page: Page
    meta: Meta


class PipelineAttributes(TypedDict, total=False):
    """The fields of a pipeline."""

    name: str
    description: str
    created_at: str
    config: PipelineConfig
    checkout: PipelineCheckout


class PipelineReferences(TypedDict, total=False):
    """The entities a pipeline refers to."""

    project: Reference


class Pipeline(TypedDict, total=False):
    """A pipeline: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: PipelineAttributes
    references: PipelineReferences


class PipelineDocument(TypedDict, total=False):
    """An answer carrying one pipeline: ``{"data": ...}``."""

    data: Pipeline
    meta: Meta


class PipelineList(TypedDict, total=False):
    """A page of pipelines: ``{"data": [...], "page": ...}``."""

    data: list[Pipeline]
    page: Page
    meta: Meta


class TriggerAttributes(TypedDict, total=False):
    """The fields of a trigger."""

    is_disabled: bool
    created_at: str
    event: TriggerEvent
    config: Ref
    checkout: Ref


class TriggerReferences(TypedDict, total=False):
    """The entities a trigger refers to."""

    project: Reference
    pipeline: Reference


class Trigger(TypedDict, total=False):
    """A trigger: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: TriggerAttributes
    references: TriggerReferences


class TriggerDocument(TypedDict, total=False):
    """An answer carrying one trigger: ``{"data": ...}``."""

    data: Trigger
    meta: Meta


class TriggerList(TypedDict, total=False):
    """A page of triggers: ``{"data": [...], "page": ...}``."""

    data: list[Trigger]
    page: Page
    meta: Meta


class ProjectAttributes(TypedDict, total=False):
    """The fields of a project."""

    name: str
    slug: str


class ProjectReferences(TypedDict, total=False):
    """The entities a project refers to."""

    org: NamedReference


class Project(TypedDict, total=False):
    """A project: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: ProjectAttributes
    references: ProjectReferences


class ProjectDocument(TypedDict, total=False):
    """An answer carrying one project: ``{"data": ...}``."""

    data: Project
    meta: Meta


class ProjectList(TypedDict, total=False):
    """A page of projects: ``{"data": [...], "page": ...}``."""

    data: list[Project]
    page: Page
    meta: Meta


class ProjectSettingsAttributes(TypedDict, total=False):
    """The fields of a project settings."""

    enable_ai_error_summarization: bool
    enable_auto_cancel_redundant_workflows: bool
    enable_building_fork_prs: bool
    is_build_prs_only: bool
    can_pass_secrets_to_fork_pr_jobs: bool
    can_set_github_status: bool
    is_running_disabled: bool
    is_ssh_disabled: bool
    enable_dynamic_config: bool
    is_admin_required_for_writing_settings: bool
    is_oss: bool
    pr_only_branch_overrides: list[str]
    enable_unversioned_config: bool


class ProjectSettings(TypedDict, total=False):
    """A project settings: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: ProjectSettingsAttributes


class ProjectSettingsDocument(TypedDict, total=False):
    """An answer carrying one project settings: ``{"data": ...}``."""

    data: ProjectSettings
    meta: Meta


class ProjectSettingsList(TypedDict, total=False):
    """A page of project settingss: ``{"data": [...], "page": ...}``."""

    data: list[ProjectSettings]
    page: Page
    meta: Meta


class ProjectEnvVarAttributes(TypedDict, total=False):
    """The fields of a project env var."""

    name: str
    value: str


class ProjectEnvVar(TypedDict, total=False):
    """A project env var: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: ProjectEnvVarAttributes


class ProjectEnvVarDocument(TypedDict, total=False):
    """An answer carrying one project env var: ``{"data": ...}``."""

    data: ProjectEnvVar
    meta: Meta


class ProjectEnvVarList(TypedDict, total=False):
    """A page of project env vars: ``{"data": [...], "page": ...}``."""

    data: list[ProjectEnvVar]
    page: Page
    meta: Meta


class OrgAttributes(TypedDict, total=False):
    """The fields of a org."""

    name: str


class Org(TypedDict, total=False):
    """A org: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: OrgAttributes


class OrgDocument(TypedDict, total=False):
    """An answer carrying one org: ``{"data": ...}``."""

    data: Org
    meta: Meta


class OrgList(TypedDict, total=False):
    """A page of orgs: ``{"data": [...], "page": ...}``."""

    data: list[Org]
    page: Page
    meta: Meta


class OrgSettingsAttributes(TypedDict, total=False):
    """The fields of a org settings."""

    is_runner_terms_of_service_accepted: bool
    enable_ai_error_summarization: bool
    enable_ai_agents: bool
    enable_unversioned_config: bool
    enable_certified_public_orbs: bool
    enable_chunk_ip_ranges: bool
    enable_minor_ai_features: bool
    enable_private_orbs: bool
    enable_uncertified_public_orbs: bool
    is_bitbucket_workspace_member_org_member: bool
    is_user_checkout_keys_disabled: bool
    is_running_disabled: bool
    enable_image_brownouts: bool
    is_context_group_restriction_required: bool
    enable_resource_class_brownouts: bool


class OrgSettings(TypedDict, total=False):
    """A org settings: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: OrgSettingsAttributes


class OrgSettingsDocument(TypedDict, total=False):
    """An answer carrying one org settings: ``{"data": ...}``."""

    data: OrgSettings
    meta: Meta


class OrgSettingsList(TypedDict, total=False):
    """A page of org settingss: ``{"data": [...], "page": ...}``."""

    data: list[OrgSettings]
    page: Page
    meta: Meta


class UserAttributes(TypedDict, total=False):
    """The fields of a user."""

    name: str
    login: str
    avatar_url: str


class User(TypedDict, total=False):
    """A user: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: UserAttributes


class UserDocument(TypedDict, total=False):
    """An answer carrying one user: ``{"data": ...}``."""

    data: User
    meta: Meta


class UserList(TypedDict, total=False):
    """A page of users: ``{"data": [...], "page": ...}``."""

    data: list[User]
    page: Page
    meta: Meta


class ProviderConnectionAttributes(TypedDict, total=False):
    """The fields of a provider connection."""

    provider: str
    external_id: str
    login: str
    repository_selection: str
    authorized_username: str
    connection_error: str


class ProviderConnection(TypedDict, total=False):
    """A provider connection: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: ProviderConnectionAttributes


class ProviderConnectionDocument(TypedDict, total=False):
    """An answer carrying one provider connection: ``{"data": ...}``."""

    data: ProviderConnection
    meta: Meta


class ProviderConnectionList(TypedDict, total=False):
    """A page of provider connections: ``{"data": [...], "page": ...}``."""

    data: list[ProviderConnection]
    page: Page
    meta: Meta


class ConnectionSetupAttributes(TypedDict, total=False):
    """The fields of a connection setup."""

    next_step: str
    url: str
    state_token: str
    manifest: dict[str, Any]


class ConnectionSetup(TypedDict, total=False):
    """A connection setup: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: ConnectionSetupAttributes


class ConnectionSetupDocument(TypedDict, total=False):
    """An answer carrying one connection setup: ``{"data": ...}``."""

    data: ConnectionSetup
    meta: Meta


class ConnectionSetupList(TypedDict, total=False):
    """A page of connection setups: ``{"data": [...], "page": ...}``."""

    data: list[ConnectionSetup]
    page: Page
    meta: Meta


class ProviderRepositoryAttributes(TypedDict, total=False):
    """The fields of a provider repository."""

    repo_id: str
    owner: str
    repo_name: str
    repo_full_name: str
    default_branch: str
    is_private: bool
    provider: str


class ProviderRepository(TypedDict, total=False):
    """A provider repository: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: ProviderRepositoryAttributes


class ProviderRepositoryDocument(TypedDict, total=False):
    """An answer carrying one provider repository: ``{"data": ...}``."""

    data: ProviderRepository
    meta: Meta


class ProviderRepositoryList(TypedDict, total=False):
    """A page of provider repositorys: ``{"data": [...], "page": ...}``."""

    data: list[ProviderRepository]
    page: Page
    meta: Meta


class CompileResultAttributes(TypedDict, total=False):
    """The fields of a compile result."""

    phase: str
    outcome: str
    compiled_config: str


class CompileResult(TypedDict, total=False):
    """A compile result: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: CompileResultAttributes


class CompileResultDocument(TypedDict, total=False):
    """An answer carrying one compile result: ``{"data": ...}``."""

    data: CompileResult
    meta: Meta


class CompileResultList(TypedDict, total=False):
    """A page of compile results: ``{"data": [...], "page": ...}``."""

    data: list[CompileResult]
    page: Page
    meta: Meta


class ReleaseAttributes(TypedDict, total=False):
    """The fields of a release."""

    tool: str
    version: str
    published_at: str


class Release(TypedDict, total=False):
    """A release: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: ReleaseAttributes


class ReleaseDocument(TypedDict, total=False):
    """An answer carrying one release: ``{"data": ...}``."""

    data: Release
    meta: Meta


class ReleaseList(TypedDict, total=False):
    """A page of releases: ``{"data": [...], "page": ...}``."""

    data: list[Release]
    page: Page
    meta: Meta


class DeploymentAttributes(TypedDict, total=False):
    """The fields of a deployment."""

    type: str
    status: str
    target_version: VersionName
    is_rollback: bool
    created_at: str
    ended_at: str
    failure_reason: str


class DeploymentReferences(TypedDict, total=False):
    """The entities a deployment refers to."""

    deploy_component: NamedReference
    deploy_environment: Reference
    pipeline: Reference
    workflow: Reference


class Deployment(TypedDict, total=False):
    """A deployment: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: DeploymentAttributes
    references: DeploymentReferences


class DeploymentDocument(TypedDict, total=False):
    """An answer carrying one deployment: ``{"data": ...}``."""

    data: Deployment
    meta: Meta


class DeploymentList(TypedDict, total=False):
    """A page of deployments: ``{"data": [...], "page": ...}``."""

    data: list[Deployment]
    page: Page
    meta: Meta


class DeployEnvironmentAttributes(TypedDict, total=False):
    """The fields of a deploy environment."""

    name: str


class DeployEnvironmentReferences(TypedDict, total=False):
    """The entities a deploy environment refers to."""

    org: Reference


class DeployEnvironment(TypedDict, total=False):
    """A deploy environment: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: DeployEnvironmentAttributes
    references: DeployEnvironmentReferences


class DeployEnvironmentDocument(TypedDict, total=False):
    """An answer carrying one deploy environment: ``{"data": ...}``."""

    data: DeployEnvironment
    meta: Meta


class DeployEnvironmentList(TypedDict, total=False):
    """A page of deploy environments: ``{"data": [...], "page": ...}``."""

    data: list[DeployEnvironment]
    page: Page
    meta: Meta


class DeployComponentAttributes(TypedDict, total=False):
    """The fields of a deploy component."""

    name: str
    type: str


class DeployComponentReferences(TypedDict, total=False):
    """The entities a deploy component refers to."""

    project: Reference


class DeployComponent(TypedDict, total=False):
    """A deploy component: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: DeployComponentAttributes
    references: DeployComponentReferences


class DeployComponentDocument(TypedDict, total=False):
    """An answer carrying one deploy component: ``{"data": ...}``."""

    data: DeployComponent
    meta: Meta


class DeployComponentList(TypedDict, total=False):
    """A page of deploy components: ``{"data": [...], "page": ...}``."""

    data: list[DeployComponent]
    page: Page
    meta: Meta


class DeployComponentVersionAttributes(TypedDict, total=False):
    """The fields of a deploy component version."""

    name: str
    created_at: str


class DeployComponentVersionReferences(TypedDict, total=False):
    """The entities a deploy component version refers to."""

    component: Reference


class DeployComponentVersion(TypedDict, total=False):
    """A deploy component version: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: DeployComponentVersionAttributes
    references: DeployComponentVersionReferences


class DeployComponentVersionDocument(TypedDict, total=False):
    """An answer carrying one deploy component version: ``{"data": ...}``."""

    data: DeployComponentVersion
    meta: Meta


class DeployComponentVersionList(TypedDict, total=False):
    """A page of deploy component versions: ``{"data": [...], "page": ...}``."""

    data: list[DeployComponentVersion]
    page: Page
    meta: Meta


class DeploySettingsAttributes(TypedDict, total=False):
    """The fields of a deploy settings."""

    auto_cancel_redundant_deploys: bool


class DeploySettingsReferences(TypedDict, total=False):
    """The entities a deploy settings refers to."""

    project: Reference


class DeploySettings(TypedDict, total=False):
    """A deploy settings: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: DeploySettingsAttributes
    references: DeploySettingsReferences


class DeploySettingsDocument(TypedDict, total=False):
    """An answer carrying one deploy settings: ``{"data": ...}``."""

    data: DeploySettings
    meta: Meta


class DeploySettingsList(TypedDict, total=False):
    """A page of deploy settingss: ``{"data": [...], "page": ...}``."""

    data: list[DeploySettings]
    page: Page
    meta: Meta


class RollbackAttributes(TypedDict, total=False):
    """The fields of a rollback."""

    rollback_type: str


class RollbackReferences(TypedDict, total=False):
    """The entities a rollback refers to."""

    project: Reference
    deploy_component: Reference
    deploy_environment: Reference


class Rollback(TypedDict, total=False):
    """A rollback: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: RollbackAttributes
    references: RollbackReferences


class RollbackDocument(TypedDict, total=False):
    """An answer carrying one rollback: ``{"data": ...}``."""

    data: Rollback
    meta: Meta


class RollbackList(TypedDict, total=False):
    """A page of rollbacks: ``{"data": [...], "page": ...}``."""

    data: list[Rollback]
    page: Page
    meta: Meta


class SigningCertificateAttributes(TypedDict, total=False):
    """The fields of a signing certificate."""

    file_name: str
    cert_type: str
    fingerprint: str
    created_at: str
    expires_at: Optional[str]


class SigningCertificateReferences(TypedDict, total=False):
    """The entities a signing certificate refers to."""

    org: Reference


class SigningCertificate(TypedDict, total=False):
    """A signing certificate: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: SigningCertificateAttributes
    references: SigningCertificateReferences


class SigningCertificateDocument(TypedDict, total=False):
    """An answer carrying one signing certificate: ``{"data": ...}``."""

    data: SigningCertificate
    meta: Meta


class SigningCertificateList(TypedDict, total=False):
    """A page of signing certificates: ``{"data": [...], "page": ...}``."""

    data: list[SigningCertificate]
    page: Page
    meta: Meta


class SigningConfigAttributes(TypedDict, total=False):
    """The fields of a signing config."""

    name: str
    provisioning_profiles: list[dict[str, str]]


class SigningConfigReferences(TypedDict, total=False):
    """The entities a signing config refers to."""

    signing_certificate: NamedReference


class SigningConfig(TypedDict, total=False):
    """A signing config: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: SigningConfigAttributes
    references: SigningConfigReferences


class SigningConfigDocument(TypedDict, total=False):
    """An answer carrying one signing config: ``{"data": ...}``."""

    data: SigningConfig
    meta: Meta


class SigningConfigList(TypedDict, total=False):
    """A page of signing configs: ``{"data": [...], "page": ...}``."""

    data: list[SigningConfig]
    page: Page
    meta: Meta


class NamespaceAttributes(TypedDict, total=False):
    """The fields of a namespace."""

    name: str


class Namespace(TypedDict, total=False):
    """A namespace: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: NamespaceAttributes


class NamespaceDocument(TypedDict, total=False):
    """An answer carrying one namespace: ``{"data": ...}``."""

    data: Namespace
    meta: Meta


class NamespaceList(TypedDict, total=False):
    """A page of namespaces: ``{"data": [...], "page": ...}``."""

    data: list[Namespace]
    page: Page
    meta: Meta


class OrbPackageAttributes(TypedDict, total=False):
    """The fields of a orb package."""

    name: str
    is_private: bool
    is_listed: bool
    created_at: str
    home_url: str
    last_30_days_build_count: int
    last_30_days_project_count: int
    last_30_days_org_count: int


class OrbPackageReferences(TypedDict, total=False):
    """The entities a orb package refers to."""

    namespace: NamedReference
    orb_versions: list[NamedReference]
    orb_categories: list[NamedReference]


class OrbPackage(TypedDict, total=False):
    """A orb package: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: OrbPackageAttributes
    references: OrbPackageReferences


class OrbPackageDocument(TypedDict, total=False):
    """An answer carrying one orb package: ``{"data": ...}``."""

    data: OrbPackage
    meta: Meta


class OrbPackageList(TypedDict, total=False):
    """A page of orb packages: ``{"data": [...], "page": ...}``."""

    data: list[OrbPackage]
    page: Page
    meta: Meta


class OrbVersionAttributes(TypedDict, total=False):
    """The fields of a orb version."""

    version: str
    created_at: str
    source: str


class OrbVersionReferences(TypedDict, total=False):
    """The entities a orb version refers to."""

    orb_package: NamedReference


class OrbVersion(TypedDict, total=False):
    """A orb version: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: OrbVersionAttributes
    references: OrbVersionReferences


class OrbVersionDocument(TypedDict, total=False):
    """An answer carrying one orb version: ``{"data": ...}``."""

    data: OrbVersion
    meta: Meta


class OrbVersionList(TypedDict, total=False):
    """A page of orb versions: ``{"data": [...], "page": ...}``."""

    data: list[OrbVersion]
    page: Page
    meta: Meta


class OrbCategoryAttributes(TypedDict, total=False):
    """The fields of a orb category."""

    name: str


class OrbCategory(TypedDict, total=False):
    """A orb category: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: OrbCategoryAttributes


class OrbCategoryDocument(TypedDict, total=False):
    """An answer carrying one orb category: ``{"data": ...}``."""

    data: OrbCategory
    meta: Meta


class OrbCategoryList(TypedDict, total=False):
    """A page of orb categorys: ``{"data": [...], "page": ...}``."""

    data: list[OrbCategory]
    page: Page
    meta: Meta


class OrbValidationAttributes(TypedDict, total=False):
    """The fields of a orb validation."""

    is_valid: bool
    output_yaml: str
    errors: list[str]


class OrbValidation(TypedDict, total=False):
    """A orb validation: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: OrbValidationAttributes


class OrbValidationDocument(TypedDict, total=False):
    """An answer carrying one orb validation: ``{"data": ...}``."""

    data: OrbValidation
    meta: Meta


class OrbValidationList(TypedDict, total=False):
    """A page of orb validations: ``{"data": [...], "page": ...}``."""

    data: list[OrbValidation]
    page: Page
    meta: Meta


class RunnerResourceClassAttributes(TypedDict, total=False):
    """The fields of a runner resource class."""

    resource_class: str
    description: str


class RunnerResourceClass(TypedDict, total=False):
    """A runner resource class: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: RunnerResourceClassAttributes


class RunnerResourceClassDocument(TypedDict, total=False):
    """An answer carrying one runner resource class: ``{"data": ...}``."""

    data: RunnerResourceClass
    meta: Meta


class RunnerResourceClassList(TypedDict, total=False):
    """A page of runner resource classs: ``{"data": [...], "page": ...}``."""

    data: list[RunnerResourceClass]
    page: Page
    meta: Meta


class RunnerTokenAttributes(TypedDict, total=False):
    """The fields of a runner token."""

    nickname: str
    created_at: str
    token: str


class RunnerTokenReferences(TypedDict, total=False):
    """The entities a runner token refers to."""

    resource_class: NamedReference


class RunnerToken(TypedDict, total=False):
    """A runner token: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: RunnerTokenAttributes
    references: RunnerTokenReferences


class RunnerTokenDocument(TypedDict, total=False):
    """An answer carrying one runner token: ``{"data": ...}``."""

    data: RunnerToken
    meta: Meta


class RunnerTokenList(TypedDict, total=False):
    """A page of runner tokens: ``{"data": [...], "page": ...}``."""

    data: list[RunnerToken]
    page: Page
    meta: Meta


class RunnerAgentAttributes(TypedDict, total=False):
    """The fields of a runner agent."""

    name: str
    is_busy: bool
    version: str
    first_connected_at: str
    last_connected_at: str


class RunnerAgentReferences(TypedDict, total=False):
    """The entities a runner agent refers to."""

    resource_class: NamedReference


class RunnerAgent(TypedDict, total=False):
    """A runner agent: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: RunnerAgentAttributes
    references: RunnerAgentReferences


class RunnerAgentDocument(TypedDict, total=False):
    """An answer carrying one runner agent: ``{"data": ...}``."""

    data: RunnerAgent
    meta: Meta


class RunnerAgentList(TypedDict, total=False):
    """A page of runner agents: ``{"data": [...], "page": ...}``."""

    data: list[RunnerAgent]
    page: Page
    meta: Meta


class RunnerFleetAttributes(TypedDict, total=False):
    """The fields of a runner fleet."""

    name: str
    active_agents: int
    idle_agents: int
    disconnected_agents: int
    agent_count: int
    running_tasks: int
    queued_tasks: int
    last_task_claimed_at: str


class RunnerFleetReferences(TypedDict, total=False):
    """The entities a runner fleet refers to."""

    resource_class: Reference
    runner_agents: list[NamedReference]


class RunnerFleet(TypedDict, total=False):
    """A runner fleet: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: RunnerFleetAttributes
    references: RunnerFleetReferences


class RunnerFleetDocument(TypedDict, total=False):
    """An answer carrying one runner fleet: ``{"data": ...}``."""

    data: RunnerFleet
    meta: Meta


class RunnerFleetList(TypedDict, total=False):
    """A page of runner fleets: ``{"data": [...], "page": ...}``."""

    data: list[RunnerFleet]
    page: Page
    meta: Meta


class ContextAttributes(TypedDict, total=False):
    """The fields of a context."""

    name: str
    created_at: str


class ContextReferences(TypedDict, total=False):
    """The entities a context refers to."""

    org: Reference


class Context(TypedDict, total=False):
    """A context: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: ContextAttributes
    references: ContextReferences


class ContextDocument(TypedDict, total=False):
    """An answer carrying one context: ``{"data": ...}``."""

    data: Context
    meta: Meta


class ContextList(TypedDict, total=False):
    """A page of contexts: ``{"data": [...], "page": ...}``."""

    data: list[Context]
    page: Page
    meta: Meta


class ContextEnvVarAttributes(TypedDict, total=False):
    """The fields of a context env var."""

    name: str
    truncated_value: str
    created_at: str
    updated_at: str


class ContextEnvVarReferences(TypedDict, total=False):
    """The entities a context env var refers to."""

    context: Reference


class ContextEnvVar(TypedDict, total=False):
    """A context env var: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: ContextEnvVarAttributes
    references: ContextEnvVarReferences


class ContextEnvVarDocument(TypedDict, total=False):
    """An answer carrying one context env var: ``{"data": ...}``."""

    data: ContextEnvVar
    meta: Meta


class ContextEnvVarList(TypedDict, total=False):
    """A page of context env vars: ``{"data": [...], "page": ...}``."""

    data: list[ContextEnvVar]
    page: Page
    meta: Meta


class ContextRestrictionAttributes(TypedDict, total=False):
    """The fields of a context restriction."""

    restriction_type: str
    match_pattern: str
    name: str


class ContextRestrictionReferences(TypedDict, total=False):
    """The entities a context restriction refers to."""

    context: Reference


class ContextRestriction(TypedDict, total=False):
    """A context restriction: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: ContextRestrictionAttributes
    references: ContextRestrictionReferences


class ContextRestrictionDocument(TypedDict, total=False):
    """An answer carrying one context restriction: ``{"data": ...}``."""

    data: ContextRestriction
    meta: Meta


class ContextRestrictionList(TypedDict, total=False):
    """A page of context restrictions: ``{"data": [...], "page": ...}``."""

    data: list[ContextRestriction]
    page: Page
    meta: Meta


class NotificationIntegrationAttributes(TypedDict, total=False):
    """The fields of a notification integration."""

    type: str
    workspace_name: str
    team_id: str
    status: str
    created_at: str
    updated_at: str


class NotificationIntegrationReferences(TypedDict, total=False):
    """The entities a notification integration refers to."""

    org: NamedReference


class NotificationIntegration(TypedDict, total=False):
    """A notification integration: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: NotificationIntegrationAttributes
    references: NotificationIntegrationReferences


class NotificationIntegrationDocument(TypedDict, total=False):
    """An answer carrying one notification integration: ``{"data": ...}``."""

    data: NotificationIntegration
    meta: Meta


class NotificationIntegrationList(TypedDict, total=False):
    """A page of notification integrations: ``{"data": [...], "page": ...}``."""

    data: list[NotificationIntegration]
    page: Page
    meta: Meta


class NotificationChannelConfigAttributes(TypedDict, total=False):
    """The fields of a notification channel config."""

    channel_type: str
    target: str
    channel_name: str
    is_enabled: bool
    scope: str


class NotificationChannelConfigReferences(TypedDict, total=False):
    """The entities a notification channel config refers to."""

    user: Reference
    project: Reference
    org: Reference


class NotificationChannelConfig(TypedDict, total=False):
    """A notification channel config: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: NotificationChannelConfigAttributes
    references: NotificationChannelConfigReferences


class NotificationChannelConfigDocument(TypedDict, total=False):
    """An answer carrying one notification channel config: ``{"data": ...}``."""

    data: NotificationChannelConfig
    meta: Meta


class NotificationChannelConfigList(TypedDict, total=False):
    """A page of notification channel configs: ``{"data": [...], "page": ...}``."""

    data: list[NotificationChannelConfig]
    page: Page
    meta: Meta


class NotificationPreferenceAttributes(TypedDict, total=False):
    """The fields of a notification preference."""

    preference_name: str
    channel: str
    scope: str
    group_id: str
    group_name: str
    section_id: str
    section_name: str
    preference_display_order: int
    group_display_order: int
    section_display_order: int
    preference_experimental: bool
    group_experimental: bool
    section_experimental: bool
    user_configurable: bool
    is_enabled: bool


class NotificationPreferenceReferences(TypedDict, total=False):
    """The entities a notification preference refers to."""

    user: Reference
    project: Reference
    org: Reference


class NotificationPreference(TypedDict, total=False):
    """A notification preference: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: NotificationPreferenceAttributes
    references: NotificationPreferenceReferences


class NotificationPreferenceDocument(TypedDict, total=False):
    """An answer carrying one notification preference: ``{"data": ...}``."""

    data: NotificationPreference
    meta: Meta


class NotificationPreferenceList(TypedDict, total=False):
    """A page of notification preferences: ``{"data": [...], "page": ...}``."""

    data: list[NotificationPreference]
    page: Page
    meta: Meta


class NotificationLinkAttributes(TypedDict, total=False):
    """The fields of a notification link."""

    connection_type: str
    external_id: str
    external_scope_id: str
    display_name: str


class NotificationLinkReferences(TypedDict, total=False):
    """The entities a notification link refers to."""

    user: Reference


class NotificationLink(TypedDict, total=False):
    """A notification link: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: NotificationLinkAttributes
    references: NotificationLinkReferences


class NotificationLinkDocument(TypedDict, total=False):
    """An answer carrying one notification link: ``{"data": ...}``."""

    data: NotificationLink
    meta: Meta


class NotificationLinkList(TypedDict, total=False):
    """A page of notification links: ``{"data": [...], "page": ...}``."""

    data: list[NotificationLink]
    page: Page
    meta: Meta


class ChargeAttributes(TypedDict, total=False):
    """The fields of a charge."""

    name: str
    credits: int
    runs: int
    credits_per_run: float


class ChargeReferences(TypedDict, total=False):
    """The entities a charge refers to."""

    project: Reference


class Charge(TypedDict, total=False):
    """A charge: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: ChargeAttributes
    references: ChargeReferences


class ChargeDocument(TypedDict, total=False):
    """An answer carrying one charge: ``{"data": ...}``."""

    data: Charge
    meta: Meta


class ChargeList(TypedDict, total=False):
    """A page of charges: ``{"data": [...], "page": ...}``."""

    data: list[Charge]
    page: Page
    meta: Meta


class FunctionPackageAttributes(TypedDict, total=False):
    """The fields of a function package."""

    name: str
    description: str
    latest_version: str


class FunctionPackageReferences(TypedDict, total=False):
    """The entities a function package refers to."""

    versions: list[NamedReference]


class FunctionPackage(TypedDict, total=False):
    """A function package: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: FunctionPackageAttributes
    references: FunctionPackageReferences


class FunctionPackageDocument(TypedDict, total=False):
    """An answer carrying one function package: ``{"data": ...}``."""

    data: FunctionPackage
    meta: Meta


class FunctionPackageList(TypedDict, total=False):
    """A page of function packages: ``{"data": [...], "page": ...}``."""

    data: list[FunctionPackage]
    page: Page
    meta: Meta


class CatalogOfferingsAttributes(TypedDict, total=False):
    """The fields of a catalog offerings."""

    linux: dict[str, list[str]]
    windows: dict[str, list[str]]
    macos: dict[str, list[str]]
    deprecated: dict[str, list[str]]


class CatalogOfferings(TypedDict, total=False):
    """A catalog offerings: ``id``, ``attributes`` and ``references``."""

    id: str
    attributes: CatalogOfferingsAttributes


class CatalogOfferingsDocument(TypedDict, total=False):
    """An answer carrying one catalog offerings: ``{"data": ...}``."""

    data: CatalogOfferings
    meta: Meta


class CatalogOfferingsList(TypedDict, total=False):
    """A page of catalog offeringss: ``{"data": [...], "page": ...}``."""

    data: list[CatalogOfferings]
    page: Page
    meta: Meta
