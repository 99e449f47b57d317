"""Operations of the "Rollback" tag of the CircleCI API v2."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from .._args import query
from ._operation import V2Operations, operation

if TYPE_CHECKING:
    from .types import RollbackProjectResponse


class RollbackOperations(V2Operations):
    """Operations of the "Rollback" tag; part of :class:`~circleci.v2.ApiV2`."""

    @operation("rollbackProject", "POST", "/projects/{project_id}/rollback")
    def rollback_project(
        self,
        project_id: str,
        *,
        environment_name: str,
        component_name: str,
        current_version: str,
        target_version: str,
        namespace: Optional[str] = None,
        parameters: Optional[dict[str, Any]] = None,
        reason: Optional[str] = None,
    ) -> RollbackProjectResponse:
        """Roll a deployed component back to an earlier version.

        CircleCI starts the project's rollback pipeline (or reruns the
        workflow that deployed ``target_version``).

        :param project_id: the project's id (a UUID, not a slug).
        :param environment_name: the environment to roll back, e.g. ``"production"`` (required).
        :param component_name: the component to roll back (required).
        :param current_version: the version deployed now (required).
        :param target_version: the version to go back to (required).
        :param namespace: the component's namespace.
        :param parameters: extra pipeline parameters for the rollback pipeline.
        :param reason: why the rollback is done, kept for the record.
        :returns: ``{"id": ..., "rollback_type": ...}``.
        """
        body = query(
            environment_name=environment_name,
            component_name=component_name,
            current_version=current_version,
            target_version=target_version,
            namespace=namespace,
            parameters=parameters,
            reason=reason,
        )
        return self._call(self.rollback_project, project_id, body=body)
