"""Pipelines, triggers and projects: endpoints of CircleCI's API v3."""

from __future__ import annotations

from typing import Any, Optional

from ._base import V3Client
from ._endpoint import endpoint, envelope, flat
from .types import (
    PipelineCheckout,
    PipelineConfig,
    PipelineDocument,
    PipelineList,
    ProjectDocument,
    ProjectEnvVarDocument,
    ProjectEnvVarList,
    ProjectList,
    ProjectSettingsDocument,
    Ref,
    RollbackDocument,
    TriggerDocument,
    TriggerEvent,
    TriggerList,
)


class ProjectOperations(V3Client):
    """Pipelines, triggers and projects; part of :class:`~circleci.v3.ApiV3`."""

    @endpoint("GET", "/api/v3/pipelines", paginated=True)
    def list_pipelines(
        self, *, filter_project_id: Optional[str] = None, page_cursor: Optional[str] = None
    ) -> PipelineList:
        """List a project's pipelines (what v2 calls pipeline definitions: which repository and config file to use).

        :param filter_project_id: a project's id, sent as ``filter[project_id]``.
        :param page_cursor: the ``page.next`` cursor of the previous page, sent as ``page[cursor]``; :meth:`iterate`
            follows it for you.
        :returns: the decoded answer, a :class:`~circleci.v3.types.PipelineList`.
        """
        return self._call(
            self.list_pipelines, params={"filter[project_id]": filter_project_id, "page[cursor]": page_cursor}
        )

    @endpoint("POST", "/api/v3/pipelines", body="envelope")
    def create_pipeline(
        self,
        *,
        name: Optional[str] = None,
        description: Optional[str] = None,
        config: Optional[PipelineConfig] = None,
        checkout: Optional[PipelineCheckout] = None,
        project_id: Optional[str] = None,
    ) -> PipelineDocument:
        """Create a pipeline (v2's pipeline definition) in a project.

        From the reference: Create a pipeline definition (project travels in references; unknown members rejected).

        :param name: the ``name`` attribute.
        :param description: the ``description`` attribute.
        :param config: the ``config`` attribute (``type``, ``file_path``, ``vcs.provider``, ``vcs.repo_id``,
            ``vcs.repo_full_name``, ``hosted.provider``).
        :param checkout: the ``checkout`` attribute (``type``, ``vcs.provider``, ``vcs.repo_id``,
            ``vcs.repo_full_name``).
        :param project_id: the id of the project, sent as ``references.project.id``.
        :returns: the decoded answer, a :class:`~circleci.v3.types.PipelineDocument`.
        """
        return self._call(
            self.create_pipeline,
            body=envelope(
                {"name": name, "description": description, "config": config, "checkout": checkout},
                {"project": project_id},
            ),
        )

    @endpoint("GET", "/api/v3/pipelines/{pipeline_id}", confidence="third-party")
    def get_pipeline(self, pipeline_id: str) -> PipelineDocument:
        """Fetch one pipeline (v2's pipeline definition).

        Confidence: ``third-party`` (known from a client outside CircleCI's CLI, such as its Terraform provider;
        spec and service may differ).

        :param pipeline_id: the pipeline's id.
        :returns: the decoded answer, a :class:`~circleci.v3.types.PipelineDocument`.
        """
        return self._call(self.get_pipeline, pipeline_id)

    @endpoint("DELETE", "/api/v3/pipelines/{pipeline_id}", confidence="third-party")
    def delete_pipeline(self, pipeline_id: str) -> None:
        """Delete a pipeline (v2's pipeline definition); v3 has no update for it.

        Confidence: ``third-party`` (known from a client outside CircleCI's CLI, such as its Terraform provider;
        spec and service may differ).

        :param pipeline_id: the pipeline's id.
        :returns: nothing (the API answers with no body).
        """
        self._call(self.delete_pipeline, pipeline_id)

    @endpoint("GET", "/api/v3/triggers", paginated=True)
    def list_triggers(
        self,
        *,
        filter_project_id: Optional[str] = None,
        filter_pipeline_id: Optional[str] = None,
        page_cursor: Optional[str] = None,
    ) -> TriggerList:
        """List the triggers of a project, or of one of its pipelines.

        :param filter_project_id: a project's id, sent as ``filter[project_id]``.
        :param filter_pipeline_id: a pipeline's id, sent as ``filter[pipeline_id]``.
        :param page_cursor: the ``page.next`` cursor of the previous page, sent as ``page[cursor]``; :meth:`iterate`
            follows it for you.
        :returns: the decoded answer, a :class:`~circleci.v3.types.TriggerList`.
        """
        return self._call(
            self.list_triggers,
            params={
                "filter[project_id]": filter_project_id,
                "filter[pipeline_id]": filter_pipeline_id,
                "page[cursor]": page_cursor,
            },
        )

    @endpoint("POST", "/api/v3/triggers", body="envelope")
    def create_trigger(
        self,
        *,
        filter_project_id: Optional[str] = None,
        is_disabled: Optional[bool] = None,
        event: Optional[TriggerEvent] = None,
        config: Optional[Ref] = None,
        checkout: Optional[Ref] = None,
        pipeline_id: Optional[str] = None,
    ) -> TriggerDocument:
        """Create a trigger that starts a pipeline on a VCS event, a webhook or a schedule.

        From the reference: Create a trigger (filter[project_id] in query, pipeline in body references; unknown
        members rejected).

        :param filter_project_id: a project's id, sent as ``filter[project_id]``.
        :param is_disabled: the ``is_disabled`` attribute.
        :param event: the ``event`` attribute (``type``, ``vcs.provider``, ``vcs.repo_id``, ``vcs.repo_full_name``,
            ``webhook.name``, ``webhook.source``, ``schedule``, ``filter.preset``).
        :param config: the ``config`` attribute (``ref``).
        :param checkout: the ``checkout`` attribute (``ref``).
        :param pipeline_id: the id of the pipeline, sent as ``references.pipeline.id``.
        :returns: the decoded answer, a :class:`~circleci.v3.types.TriggerDocument`.
        """
        return self._call(
            self.create_trigger,
            params={"filter[project_id]": filter_project_id},
            body=envelope(
                {"is_disabled": is_disabled, "event": event, "config": config, "checkout": checkout},
                {"pipeline": pipeline_id},
            ),
        )

    @endpoint("GET", "/api/v3/projects", paginated=True, max_limit=50)
    def list_projects(
        self,
        *,
        filter_slug: Optional[str] = None,
        filter_org_id: Optional[str] = None,
        filter_name: Optional[str] = None,
        filter_following: Optional[bool] = None,
        page_limit: Optional[int] = None,
        page_cursor: Optional[str] = None,
    ) -> ProjectList:
        """List projects: by slug, by organization (optionally by name) or the ones followed.

        From the reference: List/resolve projects: exactly one scope of filter[slug]  or
        filter[org_id](+filter[name])  or filter[following]=true; slug combined with others is 400; page[limit]<=50.

        :param filter_slug: a slug, sent unchanged as ``filter[slug]``.
        :param filter_org_id: an organization's id, sent as ``filter[org_id]``.
        :param filter_name: a name, sent as ``filter[name]``.
        :param filter_following: ``True`` for the projects followed (the only value accepted), sent as
            ``filter[following]``.
        :param page_limit: entities per page (at most 50; checked before sending), sent as ``page[limit]``.
        :param page_cursor: the ``page.next`` cursor of the previous page, sent as ``page[cursor]``; :meth:`iterate`
            follows it for you.
        :returns: the decoded answer, a :class:`~circleci.v3.types.ProjectList`.
        """
        return self._call(
            self.list_projects,
            params={
                "filter[slug]": filter_slug,
                "filter[org_id]": filter_org_id,
                "filter[name]": filter_name,
                "filter[following]": filter_following,
                "page[limit]": page_limit,
                "page[cursor]": page_cursor,
            },
        )

    @endpoint("GET", "/api/v3/projects/{project_id}")
    def get_project(self, project_id: str) -> ProjectDocument:
        """Fetch one project: its name and organization.

        :param project_id: the project's id.
        :returns: the decoded answer, a :class:`~circleci.v3.types.ProjectDocument`.
        """
        return self._call(self.get_project, project_id)

    @endpoint("GET", "/api/v3/projects/{project_id}/settings")
    def get_project_settings(self, project_id: str) -> ProjectSettingsDocument:
        """Fetch a project's settings.

        :param project_id: the project's id.
        :returns: the decoded answer, a :class:`~circleci.v3.types.ProjectSettingsDocument`.
        """
        return self._call(self.get_project_settings, project_id)

    @endpoint("POST", "/api/v3/projects/{project_id}/update-settings", body="flat")
    def update_project_settings(
        self,
        project_id: str,
        *,
        enable_ai_error_summarization: Optional[bool] = None,
        enable_auto_cancel_redundant_workflows: Optional[bool] = None,
        enable_building_fork_prs: Optional[bool] = None,
        is_build_prs_only: Optional[bool] = None,
        can_pass_secrets_to_fork_pr_jobs: Optional[bool] = None,
        can_set_github_status: Optional[bool] = None,
        is_running_disabled: Optional[bool] = None,
        is_ssh_disabled: Optional[bool] = None,
        enable_dynamic_config: Optional[bool] = None,
        is_admin_required_for_writing_settings: Optional[bool] = None,
        is_oss: Optional[bool] = None,
        pr_only_branch_overrides: Optional[list[str]] = None,
        enable_unversioned_config: Optional[bool] = None,
    ) -> ProjectSettingsDocument:
        """Change some of a project's settings; the answer holds all of them.

        From the reference: Partially update project settings (FLAT body, only fields sent change).

        :param project_id: the project's id.
        :param enable_ai_error_summarization: the ``enable_ai_error_summarization`` field.
        :param enable_auto_cancel_redundant_workflows: the ``enable_auto_cancel_redundant_workflows`` field.
        :param enable_building_fork_prs: the ``enable_building_fork_prs`` field.
        :param is_build_prs_only: the ``is_build_prs_only`` field.
        :param can_pass_secrets_to_fork_pr_jobs: the ``can_pass_secrets_to_fork_pr_jobs`` field.
        :param can_set_github_status: the ``can_set_github_status`` field.
        :param is_running_disabled: the ``is_running_disabled`` field.
        :param is_ssh_disabled: the ``is_ssh_disabled`` field.
        :param enable_dynamic_config: the ``enable_dynamic_config`` field.
        :param is_admin_required_for_writing_settings: the ``is_admin_required_for_writing_settings`` field.
        :param is_oss: the ``is_oss`` field.
        :param pr_only_branch_overrides: the ``pr_only_branch_overrides`` field.
        :param enable_unversioned_config: the ``enable_unversioned_config`` field.
        :returns: the decoded answer, a :class:`~circleci.v3.types.ProjectSettingsDocument`.
        """
        return self._call(
            self.update_project_settings,
            project_id,
            body=flat(
                **{
                    "enable_ai_error_summarization": enable_ai_error_summarization,
                    "enable_auto_cancel_redundant_workflows": enable_auto_cancel_redundant_workflows,
                    "enable_building_fork_prs": enable_building_fork_prs,
                    "is_build_prs_only": is_build_prs_only,
                    "can_pass_secrets_to_fork_pr_jobs": can_pass_secrets_to_fork_pr_jobs,
                    "can_set_github_status": can_set_github_status,
                    "is_running_disabled": is_running_disabled,
                    "is_ssh_disabled": is_ssh_disabled,
                    "enable_dynamic_config": enable_dynamic_config,
                    "is_admin_required_for_writing_settings": is_admin_required_for_writing_settings,
                    "is_oss": is_oss,
                    "pr_only_branch_overrides": pr_only_branch_overrides,
                    "enable_unversioned_config": enable_unversioned_config,
                }
            ),
        )

    @endpoint("POST", "/api/v3/projects/{project_id}/rollback", body="flat")
    def rollback_project(
        self,
        project_id: str,
        *,
        component_id: Optional[str] = None,
        environment_id: Optional[str] = None,
        namespace: Optional[str] = None,
        current_version: Optional[str] = None,
        target_version: Optional[str] = None,
        reason: Optional[str] = None,
        parameters: Optional[dict[str, Any]] = None,
        checkout_ref: Optional[str] = None,
        config_ref: Optional[str] = None,
    ) -> RollbackDocument:
        """Roll a deployed component of a project back to an earlier version.

        :param project_id: the project's id.
        :param component_id: the ``component_id`` field.
        :param environment_id: the ``environment_id`` field.
        :param namespace: the ``namespace`` field.
        :param current_version: the ``current_version`` field.
        :param target_version: the ``target_version`` field.
        :param reason: the ``reason`` field.
        :param parameters: the ``parameters`` field.
        :param checkout_ref: the ``checkout_ref`` field.
        :param config_ref: the ``config_ref`` field.
        :returns: the decoded answer, a :class:`~circleci.v3.types.RollbackDocument`.
        """
        return self._call(
            self.rollback_project,
            project_id,
            body=flat(
                **{
                    "component_id": component_id,
                    "environment_id": environment_id,
                    "namespace": namespace,
                    "current_version": current_version,
                    "target_version": target_version,
                    "reason": reason,
                    "parameters": parameters,
                    "checkout_ref": checkout_ref,
                    "config_ref": config_ref,
                }
            ),
        )

    @endpoint("DELETE", "/api/v3/projects/{project_id}/dlc")
    def purge_project_dlc(self, project_id: str) -> None:
        """Purge a project's Docker layer cache.

        :param project_id: the project's id.
        :returns: nothing (the API answers with no body).
        """
        self._call(self.purge_project_dlc, project_id)

    @endpoint("GET", "/api/v3/projects/{project_id}/environment-variables", confidence="cli-branch")
    def list_project_env_vars(self, project_id: str) -> ProjectEnvVarList:
        """List a project's environment variables, values masked.

        Confidence: ``cli-branch`` (seen only on an unmerged branch of CircleCI's CLI; the endpoint may change).

        :param project_id: the project's id.
        :returns: the decoded answer, a :class:`~circleci.v3.types.ProjectEnvVarList`.
        """
        return self._call(self.list_project_env_vars, project_id)

    @endpoint("POST", "/api/v3/projects/{project_id}/environment-variables", confidence="cli-branch", body="flat")
    def create_project_env_var(
        self, project_id: str, *, name: Optional[str] = None, value: Optional[str] = None
    ) -> ProjectEnvVarDocument:
        """Create or replace a project environment variable.

        Confidence: ``cli-branch`` (seen only on an unmerged branch of CircleCI's CLI; the endpoint may change).

        :param project_id: the project's id.
        :param name: the ``name`` field.
        :param value: the ``value`` field.
        :returns: the decoded answer, a :class:`~circleci.v3.types.ProjectEnvVarDocument`.
        """
        return self._call(self.create_project_env_var, project_id, body=flat(**{"name": name, "value": value}))

    @endpoint("DELETE", "/api/v3/projects/{project_id}/environment-variables/{name}", confidence="cli-branch")
    def delete_project_env_var(self, project_id: str, name: str) -> None:
        """Delete a project environment variable by name.

        Confidence: ``cli-branch`` (seen only on an unmerged branch of CircleCI's CLI; the endpoint may change).

        :param project_id: the project's id.
        :param name: the environment variable's name.
        :returns: nothing (the API answers with no body).
        """
        self._call(self.delete_project_env_var, project_id, name)
