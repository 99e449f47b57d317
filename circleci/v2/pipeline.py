"""Operations of the "Pipeline" tag of the CircleCI API v2."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional, Union

from .._args import query
from ._operation import V2Operations, operation

if TYPE_CHECKING:
    from .types import (
        MessageResponse,
        Page,
        Pipeline,
        PipelineConfig,
        PipelineCreation,
        PipelineNotTriggeredResponse,
        PipelineTriggeredResponse,
        TriggerPipelineRunBodyCheckout,
        TriggerPipelineRunBodyConfig,
        Workflow,
    )


class PipelineOperations(V2Operations):
    """Operations of the "Pipeline" tag; part of :class:`~circleci.v2.ApiV2`."""

    @operation("listPipelines", "GET", "/pipeline", paginated=True)
    def list_pipelines(
        self, *, org_slug: Optional[str] = None, mine: Optional[bool] = None, page_token: Optional[str] = None
    ) -> Page[Pipeline]:
        """List the recent pipelines of an organization's projects.

        :param org_slug: the organization, e.g. ``gh/org``.
        :param mine: ``True`` for only the pipelines you triggered.
        :param page_token: the ``next_page_token`` of the previous page.
        :returns: a page, ``{"items": [...], "next_page_token": ...}``.
        """
        params = query(**{"org-slug": org_slug, "mine": mine, "page-token": page_token})
        return self._call(self.list_pipelines, params=params)

    @operation("continuePipeline", "POST", "/pipeline/continue")
    def continue_pipeline(
        self, *, continuation_key: str, configuration: str, parameters: Optional[dict[str, Any]] = None
    ) -> MessageResponse:
        """Continue a setup-workflow pipeline with the configuration it generated.

        :param continuation_key: the pipeline's continuation key.
        :param configuration: the configuration to run, as YAML or JSON text.
        :param parameters: pipeline parameters, name to value.
        :returns: the API's message.
        """
        body = query(**{"continuation-key": continuation_key, "configuration": configuration, "parameters": parameters})
        return self._call(self.continue_pipeline, body=body)

    @operation("getPipelineById", "GET", "/pipeline/{pipeline-id}")
    def get_pipeline_by_id(self, pipeline_id: str) -> Pipeline:
        """Fetch one pipeline by its id.

        :param pipeline_id: the pipeline's UUID.
        :returns: the pipeline.
        """
        return self._call(self.get_pipeline_by_id, pipeline_id)

    @operation("getPipelineConfigById", "GET", "/pipeline/{pipeline-id}/config")
    def get_pipeline_config_by_id(self, pipeline_id: str) -> PipelineConfig:
        """Fetch the configuration a pipeline ran with, as written and as compiled.

        :param pipeline_id: the pipeline's UUID.
        :returns: ``{"source": ..., "compiled": ..., ...}``.
        """
        return self._call(self.get_pipeline_config_by_id, pipeline_id)

    @operation("getPipelineValuesById", "GET", "/pipeline/{pipeline_id}/values")
    def get_pipeline_values_by_id(self, pipeline_id: str) -> dict[str, Any]:
        """Fetch the pipeline values (``pipeline.*``) a pipeline was given.

        :param pipeline_id: the pipeline's UUID.
        :returns: a map of value names to values.
        """
        return self._call(self.get_pipeline_values_by_id, pipeline_id)

    @operation("listWorkflowsByPipelineId", "GET", "/pipeline/{pipeline-id}/workflow", paginated=True)
    def list_workflows_by_pipeline_id(self, pipeline_id: str, *, page_token: Optional[str] = None) -> Page[Workflow]:
        """List the workflows of a pipeline.

        :param pipeline_id: the pipeline's UUID.
        :param page_token: the ``next_page_token`` of the previous page.
        :returns: a page, ``{"items": [...], "next_page_token": ...}``.
        """
        params = query(**{"page-token": page_token})
        return self._call(self.list_workflows_by_pipeline_id, pipeline_id, params=params)

    @operation("listPipelinesForProject", "GET", "/project/{project-slug}/pipeline", paginated=True)
    def list_pipelines_for_project(
        self, project_slug: str, *, branch: Optional[str] = None, page_token: Optional[str] = None
    ) -> Page[Pipeline]:
        """List a project's pipelines, newest first.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param branch: only pipelines of this branch.
        :param page_token: the ``next_page_token`` of the previous page.
        :returns: a page, ``{"items": [...], "next_page_token": ...}``.
        """
        params = query(branch=branch, **{"page-token": page_token})
        return self._call(self.list_pipelines_for_project, project_slug, params=params)

    @operation("triggerPipeline", "POST", "/project/{project-slug}/pipeline")
    def trigger_pipeline(
        self,
        project_slug: str,
        *,
        branch: Optional[str] = None,
        tag: Optional[str] = None,
        parameters: Optional[dict[str, Any]] = None,
    ) -> PipelineCreation:
        """Start a new pipeline on a project (the v2 replacement of the v1.1 trigger).

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param branch: the branch to build; not together with ``tag``.
        :param tag: the tag to build; not together with ``branch``.
        :param parameters: pipeline parameters, name to value.
        :returns: the new pipeline's ``id``, ``number``, ``state`` and ``created_at``.
        """
        body = query(branch=branch, tag=tag, parameters=parameters)
        return self._call(self.trigger_pipeline, project_slug, body=body)

    @operation("listMyPipelines", "GET", "/project/{project-slug}/pipeline/mine", paginated=True)
    def list_my_pipelines(self, project_slug: str, *, page_token: Optional[str] = None) -> Page[Pipeline]:
        """List the pipelines of a project that you triggered.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param page_token: the ``next_page_token`` of the previous page.
        :returns: a page, ``{"items": [...], "next_page_token": ...}``.
        """
        params = query(**{"page-token": page_token})
        return self._call(self.list_my_pipelines, project_slug, params=params)

    @operation("getPipelineByNumber", "GET", "/project/{project-slug}/pipeline/{pipeline-number}")
    def get_pipeline_by_number(self, project_slug: str, pipeline_number: int) -> Pipeline:
        """Fetch a pipeline by its number within a project.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param pipeline_number: the pipeline's number, as shown in the UI.
        :returns: the pipeline.
        """
        return self._call(self.get_pipeline_by_number, project_slug, pipeline_number)

    @operation("triggerPipelineRun", "POST", "/project/{provider}/{organization}/{project}/pipeline/run")
    def trigger_pipeline_run(
        self,
        provider: str,
        organization: str,
        project: str,
        *,
        definition_id: Optional[str] = None,
        config: Optional[TriggerPipelineRunBodyConfig] = None,
        checkout: Optional[TriggerPipelineRunBodyCheckout] = None,
        parameters: Optional[dict[str, Any]] = None,
    ) -> Union[PipelineNotTriggeredResponse, PipelineTriggeredResponse]:
        """Run a pipeline definition of a project (GitHub App, GitLab and others).

        :param provider: ``github``, ``gh``, ``bitbucket``, ``bb`` or ``circleci``.
        :param organization: the organization's name or id.
        :param project: the project's name or id.
        :param definition_id: the pipeline definition's UUID.
        :param config: where to read the configuration from, e.g. ``{"branch": "main"}``.
        :param checkout: what to check out, e.g. ``{"tag": "v2"}``.
        :param parameters: pipeline parameters, name to value.
        :returns: the new pipeline's ``id``, ``number``, ``state`` and ``created_at``,
            or a message when no pipeline was created.
        """
        body = query(definition_id=definition_id, config=config, checkout=checkout, parameters=parameters)
        return self._call(self.trigger_pipeline_run, provider, organization, project, body=body)
