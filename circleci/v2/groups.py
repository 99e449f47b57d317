"""Operations of the "Groups" tag of the CircleCI API v2: groups of users in an organization."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from .._args import query
from ._operation import V2Operations, operation

if TYPE_CHECKING:
    from .types import DeleteGroupResponse, Group, Groups


class GroupsOperations(V2Operations):
    """Operations of the "Groups" tag; part of :class:`~circleci.v2.ApiV2`."""

    @operation("getOrganizationGroups", "GET", "/organizations/{org_id}/groups", paginated=True)
    def get_organization_groups(
        self, org_id: str, *, limit: Optional[int] = None, page_token: Optional[str] = None
    ) -> Groups:
        """List the groups of an organization.

        :param org_id: the organization's id.
        :param limit: the most groups to return per page.
        :param page_token: the ``next_page_token`` of the previous page.
        :returns: a page, ``{"items": [...], "next_page_token": ..., "total_count": ...}``.
        """
        params = query(limit=limit, **{"page-token": page_token})
        return self._call(self.get_organization_groups, org_id, params=params)

    @operation("createOrganizationGroup", "POST", "/organizations/{org_id}/groups")
    def create_organization_group(self, org_id: str, *, name: str, description: Optional[str] = None) -> Group:
        """Create a group in an organization.

        :param org_id: the organization's id.
        :param name: the group's name (required).
        :param description: what the group is for.
        :returns: the new group: ``id``, ``name``, ``description``.
        """
        body = query(name=name, description=description)
        return self._call(self.create_organization_group, org_id, body=body)

    @operation("getGroup", "GET", "/organizations/{org_id}/groups/{group_id}")
    def get_group(self, org_id: str, group_id: str) -> Group:
        """Fetch one group of an organization.

        :param org_id: the organization's id.
        :param group_id: the group's UUID.
        :returns: the group: ``id``, ``name``, ``description``.
        """
        return self._call(self.get_group, org_id, group_id)

    @operation("deleteGroup", "DELETE", "/organizations/{org_id}/groups/{group_id}")
    def delete_group(self, org_id: str, group_id: str) -> DeleteGroupResponse:
        """Delete a group of an organization.

        :param org_id: the organization's id.
        :param group_id: the group's UUID.
        :returns: ``{"message": ...}``.
        """
        return self._call(self.delete_group, org_id, group_id)
