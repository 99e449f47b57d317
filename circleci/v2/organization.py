"""Operations of the "Organization" tag of the CircleCI API v2.

Organizations and their allow-list of URL orbs. An organization is named
by its slug (``gh/org``, ``bb/org``, ``circleci/<org-id>``; its ``/`` are
kept) or by its UUID.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._args import query
from ._operation import V2Operations, operation

if TYPE_CHECKING:
    from .types import (
        CreateOrganizationResponse,
        CreateURLOrbAllowListEntryResponse,
        GetOrganizationResponse,
        ListURLOrbAllowListEntriesResponse,
        MessageResponse,
        RemoveURLOrbAllowListEntryResponse,
    )


class OrganizationOperations(V2Operations):
    """Operations of the "Organization" tag; part of :class:`~circleci.v2.ApiV2`."""

    @operation("createOrganization", "POST", "/organization")
    def create_organization(self, *, name: str, vcs_type: str) -> CreateOrganizationResponse:
        """Create an organization.

        :param name: the organization's name (required).
        :param vcs_type: where its code lives; ``"circleci"`` for a standalone
            organization (required).
        :returns: the new organization: ``id``, ``name``, ``slug``, ``vcs_type``.
        """
        body = query(name=name, vcs_type=vcs_type)
        return self._call(self.create_organization, body=body)

    @operation("deleteOrganization", "DELETE", "/organization/{org-slug-or-id}")
    def delete_organization(self, org_slug_or_id: str) -> MessageResponse:
        """Delete an organization with all its projects (done in the background).

        :param org_slug_or_id: the organization's slug (``gh/org``) or UUID.
        :returns: ``{"message": ...}``.
        """
        return self._call(self.delete_organization, org_slug_or_id)

    @operation("getOrganization", "GET", "/organization/{org-slug-or-id}")
    def get_organization(self, org_slug_or_id: str) -> GetOrganizationResponse:
        """Fetch an organization by its slug or id.

        :param org_slug_or_id: the organization's slug (``gh/org``) or UUID.
        :returns: its ``id``, ``name``, ``slug`` and ``vcs_type``.
        """
        return self._call(self.get_organization, org_slug_or_id)

    @operation("listURLOrbAllowListEntries", "GET", "/organization/{org-slug-or-id}/url-orb-allow-list")
    def list_url_orb_allow_list_entries(self, org_slug_or_id: str) -> ListURLOrbAllowListEntriesResponse:
        """List the URL prefixes an organization allows URL orbs from.

        :param org_slug_or_id: the organization's slug (``gh/org``) or UUID.
        :returns: ``{"items": [...]}``.
        """
        return self._call(self.list_url_orb_allow_list_entries, org_slug_or_id)

    @operation("createURLOrbAllowListEntry", "POST", "/organization/{org-slug-or-id}/url-orb-allow-list")
    def create_url_orb_allow_list_entry(
        self, org_slug_or_id: str, *, name: str, prefix: str, auth: str
    ) -> CreateURLOrbAllowListEntryResponse:
        """Allow URL orbs whose address starts with a prefix.

        :param org_slug_or_id: the organization's slug (``gh/org``) or UUID.
        :param name: a name for the entry (required).
        :param prefix: the URL prefix, e.g. ``"https://example.com/orbs/"`` (required).
        :param auth: how to authenticate when fetching those orbs: ``"none"``,
            ``"github-app"``, ``"github-oauth"`` or ``"bitbucket-oauth"`` (required).
        :returns: ``{"id": ..., "message": ...}``.
        """
        body = query(name=name, prefix=prefix, auth=auth)
        return self._call(self.create_url_orb_allow_list_entry, org_slug_or_id, body=body)

    @operation(
        "removeURLOrbAllowListEntry",
        "DELETE",
        "/organization/{org-slug-or-id}/url-orb-allow-list/{allow-list-entry-id}",
    )
    def remove_url_orb_allow_list_entry(
        self, org_slug_or_id: str, allow_list_entry_id: str
    ) -> RemoveURLOrbAllowListEntryResponse:
        """Remove an entry from an organization's URL orb allow-list.

        :param org_slug_or_id: the organization's slug (``gh/org``) or UUID.
        :param allow_list_entry_id: the entry's id.
        :returns: ``{"id": ..., "message": ...}``.
        """
        return self._call(self.remove_url_orb_allow_list_entry, org_slug_or_id, allow_list_entry_id)
