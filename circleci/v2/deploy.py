"""Operations of the "Deploy" tag of the CircleCI API v2.

Deploy environments and components (the services CircleCI tracks releases
of) of an organization, and the versions of a component.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from .._args import query, required
from ._operation import V2Operations, operation

if TYPE_CHECKING:
    from .types import Component, Environment, LoosePage, Version


class DeployOperations(V2Operations):
    """Operations of the "Deploy" tag; part of :class:`~circleci.v2.ApiV2`."""

    @operation("listEnvironments", "GET", "/deploy/environments", paginated=True)
    def list_environments(
        self, *, org_id: str, page_size: int, page_token: Optional[str] = None
    ) -> LoosePage[Environment]:
        """List an organization's deploy environments.

        :param org_id: the organization's UUID (required).
        :param page_size: how many environments per page (required).
        :param page_token: the ``next_page_token`` of the previous page.
        :returns: a page, ``{"items": [...], "next_page_token": ...}``.
        """
        params = query(
            **{
                "org-id": required(org_id, "org_id"),
                "page-size": required(page_size, "page_size"),
                "page-token": page_token,
            }
        )
        return self._call(self.list_environments, params=params)

    @operation("getEnvironment", "GET", "/deploy/environments/{environment_id}")
    def get_environment(self, environment_id: str) -> Environment:
        """Fetch one deploy environment.

        :param environment_id: the environment's UUID.
        :returns: the environment: ``id``, ``name``, ``labels``, ...
        """
        return self._call(self.get_environment, environment_id)

    @operation("listComponents", "GET", "/deploy/components", paginated=True)
    def list_components(
        self,
        *,
        org_id: str,
        page_size: int,
        project_id: Optional[str] = None,
        page_token: Optional[str] = None,
    ) -> LoosePage[Component]:
        """List an organization's deploy components.

        :param org_id: the organization's UUID (required).
        :param page_size: how many components per page (required).
        :param project_id: only the components of this project (UUID).
        :param page_token: the ``next_page_token`` of the previous page.
        :returns: a page, ``{"items": [...], "next_page_token": ...}``.
        """
        params = query(
            **{
                "org-id": required(org_id, "org_id"),
                "page-size": required(page_size, "page_size"),
                "project-id": project_id,
                "page-token": page_token,
            }
        )
        return self._call(self.list_components, params=params)

    @operation("getComponent", "GET", "/deploy/components/{component_id}")
    def get_component(self, component_id: str) -> Component:
        """Fetch one deploy component.

        :param component_id: the component's id.
        :returns: the component: ``id``, ``name``, ``project_id``, ``release_count``, ...
        """
        return self._call(self.get_component, component_id)

    @operation("listComponentVersions", "GET", "/deploy/components/{component_id}/versions", paginated=True)
    def list_component_versions(
        self, component_id: str, *, environment_id: Optional[str] = None, page_token: Optional[str] = None
    ) -> LoosePage[Version]:
        """List the versions of a deploy component.

        :param component_id: the component's id.
        :param environment_id: only the versions deployed to this environment (UUID).
        :param page_token: the ``next_page_token`` of the previous page.
        :returns: a page, ``{"items": [...], "next_page_token": ...}``.
        """
        params = query(**{"environment-id": environment_id, "page-token": page_token})
        return self._call(self.list_component_versions, component_id, params=params)
