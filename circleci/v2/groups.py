"""Operations of the "Groups" tag of the CircleCI API v2: groups of users in an organization."""

from __future__ import annotations

from typing import Any, Optional

from .._args import query, required, segment
from .._client import BaseClient
from ._operation import operation


def _groups_path(org_id: str, *rest: str) -> str:
    """``organizations/<org_id>/groups[/rest...]``; items of ``rest`` must be encoded already."""
    return "/".join(["organizations", segment(org_id, "org_id"), "groups", *rest])


class GroupsOperations(BaseClient):
    """Operations of the "Groups" tag; part of :class:`~circleci.v2.ApiV2`."""

    @operation("getOrganizationGroups", "GET", "/organizations/{org_id}/groups", paginated=True)
    def get_organization_groups(
        self, org_id: str, *, limit: Optional[int] = None, page_token: Optional[str] = None
    ) -> Any:
        """List the groups of an organization.

        :param org_id: the organization's id.
        :param limit: the most groups to return per page.
        :param page_token: the ``next_page_token`` of the previous page.
        :returns: a page, ``{"items": [...], "next_page_token": ..., "total_count": ...}``.

        Endpoint: ``GET /organizations/{org_id}/groups``
        """
        params = query(limit=limit, **{"page-token": page_token})
        return self._request("GET", _groups_path(org_id), params=params)

    @operation("createOrganizationGroup", "POST", "/organizations/{org_id}/groups")
    def create_organization_group(self, org_id: str, *, name: str, description: Optional[str] = None) -> Any:
        """Create a group in an organization.

        :param org_id: the organization's id.
        :param name: the group's name (required).
        :param description: what the group is for.
        :returns: the new group: ``id``, ``name``, ``description``.

        Endpoint: ``POST /organizations/{org_id}/groups``
        """
        body = query(name=required(name, "name"), description=description)
        return self._request("POST", _groups_path(org_id), body)

    @operation("getGroup", "GET", "/organizations/{org_id}/groups/{group_id}")
    def get_group(self, org_id: str, group_id: str) -> Any:
        """Fetch one group of an organization.

        :param org_id: the organization's id.
        :param group_id: the group's UUID.
        :returns: the group: ``id``, ``name``, ``description``.

        Endpoint: ``GET /organizations/{org_id}/groups/{group_id}``
        """
        return self._request("GET", _groups_path(org_id, segment(group_id, "group_id")))

    @operation("deleteGroup", "DELETE", "/organizations/{org_id}/groups/{group_id}")
    def delete_group(self, org_id: str, group_id: str) -> Any:
        """Delete a group of an organization.

        :param org_id: the organization's id.
        :param group_id: the group's UUID.
        :returns: ``{"message": ...}``.

        Endpoint: ``DELETE /organizations/{org_id}/groups/{group_id}``
        """
        return self._request("DELETE", _groups_path(org_id, segment(group_id, "group_id")))
