"""Operations of the "Trigger" tag of the CircleCI API v2.

Triggers start a pipeline definition's pipelines on events (pushes, pull
requests, custom webhooks). They belong to a project, given by its id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from .._args import query
from ._operation import V2Operations, operation

if TYPE_CHECKING:
    from .types import CreateTriggerBodyEventSource, Trigger, TriggerDeleted, TriggerList, UpdateTriggerBodyEventSource


class TriggerOperations(V2Operations):
    """Operations of the "Trigger" tag; part of :class:`~circleci.v2.ApiV2`."""

    @operation(
        "listPipelineDefinitionTriggers",
        "GET",
        "/projects/{project_id}/pipeline-definitions/{pipeline_definition_id}/triggers",
    )
    def list_pipeline_definition_triggers(self, project_id: str, pipeline_definition_id: str) -> TriggerList:
        """List the triggers of a pipeline definition.

        :param project_id: the project's id (a UUID, not a slug).
        :param pipeline_definition_id: the pipeline definition's id.
        :returns: ``{"items": [...]}``.
        """
        return self._call(self.list_pipeline_definition_triggers, project_id, pipeline_definition_id)

    @operation("createTrigger", "POST", "/projects/{project_id}/pipeline-definitions/{pipeline_definition_id}/triggers")
    def create_trigger(
        self,
        project_id: str,
        pipeline_definition_id: str,
        *,
        event_source: CreateTriggerBodyEventSource,
        event_preset: Optional[str] = None,
        checkout_ref: Optional[str] = None,
        config_ref: Optional[str] = None,
        event_name: Optional[str] = None,
        disabled: Optional[bool] = None,
        parameters: Optional[dict[str, Any]] = None,
    ) -> Trigger:
        """Add a trigger to a pipeline definition.

        :param project_id: the project's id (a UUID, not a slug).
        :param pipeline_definition_id: the pipeline definition's id.
        :param event_source: where events come from, e.g.
            ``{"provider": "github_app", "repo": {"external_id": "123"}}`` or
            ``{"provider": "webhook", "webhook": {"sender": "..."}}`` (required).
        :param event_preset: which events start a pipeline (``github_app``
            only), e.g. ``"all-pushes"`` or ``"only-open-prs"``.
        :param checkout_ref: the ref to check code out at.
        :param config_ref: the ref to read the config from.
        :param event_name: a name for the triggering event (``webhook`` only).
        :param disabled: ``True`` to create the trigger turned off.
        :param parameters: pipeline parameters, name to value (``schedule`` triggers only).
        :returns: the new trigger.
        """
        body = query(
            event_source=event_source,
            event_preset=event_preset,
            checkout_ref=checkout_ref,
            config_ref=config_ref,
            event_name=event_name,
            disabled=disabled,
            parameters=parameters,
        )
        return self._call(self.create_trigger, project_id, pipeline_definition_id, body=body)

    @operation("getTrigger", "GET", "/projects/{project_id}/triggers/{trigger_id}")
    def get_trigger(self, project_id: str, trigger_id: str) -> Trigger:
        """Fetch one trigger.

        :param project_id: the project's id (a UUID, not a slug).
        :param trigger_id: the trigger's id.
        :returns: the trigger.
        """
        return self._call(self.get_trigger, project_id, trigger_id)

    @operation("updateTrigger", "PATCH", "/projects/{project_id}/triggers/{trigger_id}")
    def update_trigger(
        self,
        project_id: str,
        trigger_id: str,
        *,
        event_preset: Optional[str] = None,
        checkout_ref: Optional[str] = None,
        config_ref: Optional[str] = None,
        event_name: Optional[str] = None,
        disabled: Optional[bool] = None,
        event_source: Optional[UpdateTriggerBodyEventSource] = None,
        parameters: Optional[dict[str, Any]] = None,
    ) -> Trigger:
        """Change some fields of a trigger; the others are kept.

        :param project_id: the project's id (a UUID, not a slug).
        :param trigger_id: the trigger's id.
        :param event_preset: which events start a pipeline (``github_app`` only).
        :param checkout_ref: the ref to check code out at.
        :param config_ref: the ref to read the config from.
        :param event_name: a name for the triggering event (``webhook`` only).
        :param disabled: ``True`` to turn the trigger off, ``False`` to turn it on.
        :param event_source: for ``webhook`` triggers, e.g. ``{"webhook": {"sender": "..."}}``;
            for ``schedule`` triggers, ``{"schedule": {"cron_expression": "0 3 * * *"}}``.
        :param parameters: pipeline parameters, name to value (``schedule`` triggers only).
        :returns: the trigger after the change.
        """
        body = query(
            event_preset=event_preset,
            checkout_ref=checkout_ref,
            config_ref=config_ref,
            event_name=event_name,
            disabled=disabled,
            event_source=event_source,
            parameters=parameters,
        )
        return self._call(self.update_trigger, project_id, trigger_id, body=body)

    @operation("deleteTrigger", "DELETE", "/projects/{project_id}/triggers/{trigger_id}")
    def delete_trigger(self, project_id: str, trigger_id: str) -> TriggerDeleted:
        """Delete a trigger.

        :param project_id: the project's id (a UUID, not a slug).
        :param trigger_id: the trigger's id.
        :returns: ``{"message": ...}``.
        """
        return self._call(self.delete_trigger, project_id, trigger_id)
