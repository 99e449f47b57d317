"""Operations of the "Organization" tag of the CircleCI API v2.

Organizations and their allow-list of URL orbs. An organization is named
by its slug (``gh/org``, ``bb/org``, ``circleci/<org-id>``; its ``/`` are
kept) or by its UUID.
"""

from __future__ import annotations

from typing import Any

from .._args import query, required, segment, slug
from .._client import BaseClient
from ._operation import operation


def _org_path(org_slug_or_id: str, *rest: str) -> str:
    """``organization/<slug-or-id>[/rest...]``; items of ``rest`` must be encoded already."""
    return "/".join(["organization", slug(org_slug_or_id, "org_slug_or_id"), *rest])


class OrganizationOperations(BaseClient):
    """Operations of the "Organization" tag; part of :class:`~circleci.v2.ApiV2`."""

    @operation("createOrganization", "POST", "/organization")
    def create_organization(self, *, name: str, vcs_type: str) -> Any:
        """Create an organization.

        :param name: the organization's name (required).
        :param vcs_type: where its code lives; ``"circleci"`` for a standalone
            organization (required).
        :returns: the new organization: ``id``, ``name``, ``slug``, ``vcs_type``.

        Endpoint: ``POST /organization``
        """
        body = query(name=required(name, "name"), vcs_type=required(vcs_type, "vcs_type"))
        return self._request("POST", "organization", body)

    @operation("deleteOrganization", "DELETE", "/organization/{org-slug-or-id}")
    def delete_organization(self, org_slug_or_id: str) -> Any:
        """Delete an organization with all its projects (done in the background).

        :param org_slug_or_id: the organization's slug (``gh/org``) or UUID.
        :returns: ``{"message": ...}``.

        Endpoint: ``DELETE /organization/{org-slug-or-id}``
        """
        return self._request("DELETE", _org_path(org_slug_or_id))

    @operation("listURLOrbAllowListEntries", "GET", "/organization/{org-slug-or-id}/url-orb-allow-list")
    def list_url_orb_allow_list_entries(self, org_slug_or_id: str) -> Any:
        """List the URL prefixes an organization allows URL orbs from.

        :param org_slug_or_id: the organization's slug (``gh/org``) or UUID.
        :returns: ``{"items": [...]}``.

        Endpoint: ``GET /organization/{org-slug-or-id}/url-orb-allow-list``
        """
        return self._request("GET", _org_path(org_slug_or_id, "url-orb-allow-list"))

    @operation("createURLOrbAllowListEntry", "POST", "/organization/{org-slug-or-id}/url-orb-allow-list")
    def create_url_orb_allow_list_entry(self, org_slug_or_id: str, *, name: str, prefix: str, auth: str) -> Any:
        """Allow URL orbs whose address starts with a prefix.

        :param org_slug_or_id: the organization's slug (``gh/org``) or UUID.
        :param name: a name for the entry (required).
        :param prefix: the URL prefix, e.g. ``"https://example.com/orbs/"`` (required).
        :param auth: how to authenticate when fetching those orbs: ``"none"``,
            ``"github-app"``, ``"github-oauth"`` or ``"bitbucket-oauth"`` (required).
        :returns: ``{"id": ..., "message": ...}``.

        Endpoint: ``POST /organization/{org-slug-or-id}/url-orb-allow-list``
        """
        body = query(name=required(name, "name"), prefix=required(prefix, "prefix"), auth=required(auth, "auth"))
        return self._request("POST", _org_path(org_slug_or_id, "url-orb-allow-list"), body)

    @operation(
        "removeURLOrbAllowListEntry",
        "DELETE",
        "/organization/{org-slug-or-id}/url-orb-allow-list/{allow-list-entry-id}",
    )
    def remove_url_orb_allow_list_entry(self, org_slug_or_id: str, allow_list_entry_id: str) -> Any:
        """Remove an entry from an organization's URL orb allow-list.

        :param org_slug_or_id: the organization's slug (``gh/org``) or UUID.
        :param allow_list_entry_id: the entry's id.
        :returns: ``{"id": ..., "message": ...}``.

        Endpoint: ``DELETE /organization/{org-slug-or-id}/url-orb-allow-list/{allow-list-entry-id}``
        """
        path = _org_path(org_slug_or_id, "url-orb-allow-list", segment(allow_list_entry_id, "allow_list_entry_id"))
        return self._request("DELETE", path)
