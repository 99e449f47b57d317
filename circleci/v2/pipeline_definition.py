"""Operations of the "Pipeline Definition" tag of the CircleCI API v2.

Pipeline definitions of a project (GitHub App and GitLab projects): which
config file to use and where to check code out from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Union

from .._args import query
from ._operation import V2Operations, operation

if TYPE_CHECKING:
    from .types import (
        CreatePipelineDefinitionBodyCheckoutSource,
        CreatePipelineDefinitionBodyConfigSource1,
        CreatePipelineDefinitionBodyConfigSource2,
        PipelineDefinition,
        PipelineDefinitionDeleted,
        PipelineDefinitionList,
        UpdatePipelineDefinitionBodyCheckoutSource,
        UpdatePipelineDefinitionBodyConfigSource,
    )


class PipelineDefinitionOperations(V2Operations):
    """Operations of the "Pipeline Definition" tag; part of :class:`~circleci.v2.ApiV2`."""

    @operation("listPipelineDefinitions", "GET", "/projects/{project_id}/pipeline-definitions")
    def list_pipeline_definitions(self, project_id: str) -> PipelineDefinitionList:
        """List a project's pipeline definitions.

        :param project_id: the project's id (a UUID, not a slug).
        :returns: ``{"items": [...]}``.
        """
        return self._call(self.list_pipeline_definitions, project_id)

    @operation("createPipelineDefinition", "POST", "/projects/{project_id}/pipeline-definitions")
    def create_pipeline_definition(
        self,
        project_id: str,
        *,
        name: str,
        config_source: Union[CreatePipelineDefinitionBodyConfigSource1, CreatePipelineDefinitionBodyConfigSource2],
        checkout_source: CreatePipelineDefinitionBodyCheckoutSource,
        description: Optional[str] = None,
    ) -> PipelineDefinition:
        """Add a pipeline definition to a project.

        :param project_id: the project's id (a UUID, not a slug).
        :param name: the definition's name (required).
        :param config_source: where the config lives, e.g.
            ``{"provider": "github_app", "repo": {"external_id": "123"}, "file_path": ".circleci/config.yml"}``
            (required).
        :param checkout_source: the repository the ``checkout`` step uses, e.g.
            ``{"provider": "github_app", "repo": {"external_id": "123"}}`` (required).
        :param description: a description of the definition.
        :returns: the new pipeline definition.
        """
        body = query(
            name=name,
            description=description,
            config_source=config_source,
            checkout_source=checkout_source,
        )
        return self._call(self.create_pipeline_definition, project_id, body=body)

    @operation("getPipelineDefinition", "GET", "/projects/{project_id}/pipeline-definitions/{pipeline_definition_id}")
    def get_pipeline_definition(self, project_id: str, pipeline_definition_id: str) -> PipelineDefinition:
        """Fetch one pipeline definition.

        :param project_id: the project's id (a UUID, not a slug).
        :param pipeline_definition_id: the definition's id.
        :returns: the pipeline definition.
        """
        return self._call(self.get_pipeline_definition, project_id, pipeline_definition_id)

    @operation(
        "updatePipelineDefinition", "PATCH", "/projects/{project_id}/pipeline-definitions/{pipeline_definition_id}"
    )
    def update_pipeline_definition(
        self,
        project_id: str,
        pipeline_definition_id: str,
        *,
        name: Optional[str] = None,
        description: Optional[str] = None,
        config_source: Optional[UpdatePipelineDefinitionBodyConfigSource] = None,
        checkout_source: Optional[UpdatePipelineDefinitionBodyCheckoutSource] = None,
    ) -> PipelineDefinition:
        """Change some fields of a pipeline definition; the others are kept.

        :param project_id: the project's id (a UUID, not a slug).
        :param pipeline_definition_id: the definition's id.
        :param name: a new name.
        :param description: a new description.
        :param config_source: a new config location, e.g. ``{"file_path": ".circleci/other.yml"}``.
        :param checkout_source: a new checkout repository.
        :returns: the pipeline definition after the change.
        """
        body = query(name=name, description=description, config_source=config_source, checkout_source=checkout_source)
        return self._call(self.update_pipeline_definition, project_id, pipeline_definition_id, body=body)

    @operation(
        "deletePipelineDefinition", "DELETE", "/projects/{project_id}/pipeline-definitions/{pipeline_definition_id}"
    )
    def delete_pipeline_definition(self, project_id: str, pipeline_definition_id: str) -> PipelineDefinitionDeleted:
        """Delete a pipeline definition.

        :param project_id: the project's id (a UUID, not a slug).
        :param pipeline_definition_id: the definition's id.
        :returns: ``{"message": ...}``.
        """
        return self._call(self.delete_pipeline_definition, project_id, pipeline_definition_id)
