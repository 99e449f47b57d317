"""Operations of the "OIDC Token Management" tag of the CircleCI API v2.

Custom claims (``audience`` and ``ttl``) that CircleCI puts in the OIDC
identity tokens of jobs, set for a whole organization or for one project.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from .._args import query, required
from ._operation import V2Operations, operation

if TYPE_CHECKING:
    from .types import ClaimResponse


class OidcOperations(V2Operations):
    """Operations of the "OIDC Token Management" tag; part of :class:`~circleci.v2.ApiV2`."""

    @operation("DeleteOrgClaims", "DELETE", "/org/{orgID}/oidc-custom-claims")
    def delete_org_claims(self, org_id: str, *, claims: str) -> ClaimResponse:
        """Remove custom OIDC claims set at organization level.

        :param org_id: the organization's UUID.
        :param claims: the claims to remove, comma separated: ``"audience"``,
            ``"ttl"`` or ``"audience,ttl"`` (required).
        :returns: the organization's claims after the change.
        """
        params = query(claims=required(claims, "claims"))
        return self._call(self.delete_org_claims, org_id, params=params)

    @operation("GetOrgClaims", "GET", "/org/{orgID}/oidc-custom-claims")
    def get_org_claims(self, org_id: str) -> ClaimResponse:
        """Read the custom OIDC claims set at organization level.

        :param org_id: the organization's UUID.
        :returns: the claims, e.g. ``{"audience": [...], "ttl": "1h", ...}``.
        """
        return self._call(self.get_org_claims, org_id)

    @operation("PatchOrgClaims", "PATCH", "/org/{orgID}/oidc-custom-claims")
    def patch_org_claims(
        self, org_id: str, *, audience: Optional[list[str]] = None, ttl: Optional[str] = None
    ) -> ClaimResponse:
        """Create or change the custom OIDC claims of an organization.

        :param org_id: the organization's UUID.
        :param audience: the ``aud`` values of the tokens.
        :param ttl: how long tokens stay valid, as a duration such as ``"1h"``.
        :returns: the organization's claims after the change.
        """
        body = query(audience=audience, ttl=ttl)
        return self._call(self.patch_org_claims, org_id, body=body)

    @operation("DeleteProjectClaims", "DELETE", "/org/{orgID}/project/{projectID}/oidc-custom-claims")
    def delete_project_claims(self, org_id: str, project_id: str, *, claims: str) -> ClaimResponse:
        """Remove custom OIDC claims set for one project.

        :param org_id: the organization's UUID.
        :param project_id: the project's UUID.
        :param claims: the claims to remove, comma separated: ``"audience"``,
            ``"ttl"`` or ``"audience,ttl"`` (required).
        :returns: the project's claims after the change.
        """
        params = query(claims=required(claims, "claims"))
        return self._call(self.delete_project_claims, org_id, project_id, params=params)

    @operation("GetProjectClaims", "GET", "/org/{orgID}/project/{projectID}/oidc-custom-claims")
    def get_project_claims(self, org_id: str, project_id: str) -> ClaimResponse:
        """Read the custom OIDC claims set for one project.

        :param org_id: the organization's UUID.
        :param project_id: the project's UUID.
        :returns: the claims, e.g. ``{"audience": [...], "ttl": "1h", ...}``.
        """
        return self._call(self.get_project_claims, org_id, project_id)

    @operation("PatchProjectClaims", "PATCH", "/org/{orgID}/project/{projectID}/oidc-custom-claims")
    def patch_project_claims(
        self, org_id: str, project_id: str, *, audience: Optional[list[str]] = None, ttl: Optional[str] = None
    ) -> ClaimResponse:
        """Create or change the custom OIDC claims of one project.

        :param org_id: the organization's UUID.
        :param project_id: the project's UUID.
        :param audience: the ``aud`` values of the tokens.
        :param ttl: how long tokens stay valid, as a duration such as ``"1h"``.
        :returns: the project's claims after the change.
        """
        body = query(audience=audience, ttl=ttl)
        return self._call(self.patch_project_claims, org_id, project_id, body=body)
