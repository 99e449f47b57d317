"""Orgs, users, providers, config and tools: endpoints of CircleCI's API v3."""

from __future__ import annotations

from typing import Any, Optional

from ._base import V3Client
from ._endpoint import endpoint, envelope, flat
from .types import (
    CompileResultDocument,
    ConnectionSetupDocument,
    OrgDocument,
    OrgList,
    OrgSettingsDocument,
    ProviderConnectionList,
    ProviderRepositoryList,
    ReleaseList,
    UserList,
)


class OrgOperations(V3Client):
    """Orgs, users, providers, config and tools; part of :class:`~circleci.v3.ApiV3`."""

    @endpoint("GET", "/api/v3/orgs", paginated=True)
    def list_orgs(self, *, filter_slug: Optional[str] = None, page_cursor: Optional[str] = None) -> OrgList:
        """List organizations, or resolve an organization slug (``gh/acme``) with ``filter_slug``.

        From the reference: Resolve an org slug (gh/acme, bb/acme, circleci/<uuid>) to its id; unmatched slug = 200
        with empty data.

        :param filter_slug: a slug, sent unchanged as ``filter[slug]``.
        :param page_cursor: the ``page.next`` cursor of the previous page, sent as ``page[cursor]``; :meth:`iterate`
            follows it for you.
        :returns: the decoded answer, a :class:`~circleci.v3.types.OrgList`.
        """
        return self._call(self.list_orgs, params={"filter[slug]": filter_slug, "page[cursor]": page_cursor})

    @endpoint("GET", "/api/v3/orgs/{org_id}", confidence="third-party")
    def get_org(self, org_id: str) -> OrgDocument:
        """Fetch one organization.

        Confidence: ``third-party`` (known from a client outside CircleCI's CLI, such as its Terraform provider;
        spec and service may differ).

        :param org_id: the org's id.
        :returns: the decoded answer, a :class:`~circleci.v3.types.OrgDocument`.
        """
        return self._call(self.get_org, org_id)

    @endpoint("GET", "/api/v3/orgs/{org_id}/settings")
    def get_org_settings(self, org_id: str) -> OrgSettingsDocument:
        """Fetch an organization's settings.

        :param org_id: the org's id.
        :returns: the decoded answer, a :class:`~circleci.v3.types.OrgSettingsDocument`.
        """
        return self._call(self.get_org_settings, org_id)

    @endpoint("POST", "/api/v3/orgs/{org_id}/update-settings", body="flat")
    def update_org_settings(
        self,
        org_id: str,
        *,
        is_runner_terms_of_service_accepted: Optional[bool] = None,
        enable_ai_error_summarization: Optional[bool] = None,
        enable_ai_agents: Optional[bool] = None,
        enable_unversioned_config: Optional[bool] = None,
        enable_certified_public_orbs: Optional[bool] = None,
        enable_chunk_ip_ranges: Optional[bool] = None,
        enable_minor_ai_features: Optional[bool] = None,
        enable_private_orbs: Optional[bool] = None,
        enable_uncertified_public_orbs: Optional[bool] = None,
        is_bitbucket_workspace_member_org_member: Optional[bool] = None,
        is_user_checkout_keys_disabled: Optional[bool] = None,
        is_running_disabled: Optional[bool] = None,
        enable_image_brownouts: Optional[bool] = None,
        is_context_group_restriction_required: Optional[bool] = None,
        enable_resource_class_brownouts: Optional[bool] = None,
    ) -> OrgSettingsDocument:
        """Change some of an organization's settings; the answer holds all of them.

        :param org_id: the org's id.
        :param is_runner_terms_of_service_accepted: the ``is_runner_terms_of_service_accepted`` field.
        :param enable_ai_error_summarization: the ``enable_ai_error_summarization`` field.
        :param enable_ai_agents: the ``enable_ai_agents`` field.
        :param enable_unversioned_config: the ``enable_unversioned_config`` field.
        :param enable_certified_public_orbs: the ``enable_certified_public_orbs`` field.
        :param enable_chunk_ip_ranges: the ``enable_chunk_ip_ranges`` field.
        :param enable_minor_ai_features: the ``enable_minor_ai_features`` field.
        :param enable_private_orbs: the ``enable_private_orbs`` field.
        :param enable_uncertified_public_orbs: the ``enable_uncertified_public_orbs`` field.
        :param is_bitbucket_workspace_member_org_member: the ``is_bitbucket_workspace_member_org_member`` field.
        :param is_user_checkout_keys_disabled: the ``is_user_checkout_keys_disabled`` field.
        :param is_running_disabled: the ``is_running_disabled`` field.
        :param enable_image_brownouts: the ``enable_image_brownouts`` field.
        :param is_context_group_restriction_required: the ``is_context_group_restriction_required`` field.
        :param enable_resource_class_brownouts: the ``enable_resource_class_brownouts`` field.
        :returns: the decoded answer, a :class:`~circleci.v3.types.OrgSettingsDocument`.
        """
        return self._call(
            self.update_org_settings,
            org_id,
            body=flat(
                **{
                    "is_runner_terms_of_service_accepted": is_runner_terms_of_service_accepted,
                    "enable_ai_error_summarization": enable_ai_error_summarization,
                    "enable_ai_agents": enable_ai_agents,
                    "enable_unversioned_config": enable_unversioned_config,
                    "enable_certified_public_orbs": enable_certified_public_orbs,
                    "enable_chunk_ip_ranges": enable_chunk_ip_ranges,
                    "enable_minor_ai_features": enable_minor_ai_features,
                    "enable_private_orbs": enable_private_orbs,
                    "enable_uncertified_public_orbs": enable_uncertified_public_orbs,
                    "is_bitbucket_workspace_member_org_member": is_bitbucket_workspace_member_org_member,
                    "is_user_checkout_keys_disabled": is_user_checkout_keys_disabled,
                    "is_running_disabled": is_running_disabled,
                    "enable_image_brownouts": enable_image_brownouts,
                    "is_context_group_restriction_required": is_context_group_restriction_required,
                    "enable_resource_class_brownouts": enable_resource_class_brownouts,
                }
            ),
        )

    @endpoint("GET", "/api/v3/users")
    def list_users(self, *, filter_user_id: Optional[str] = None) -> UserList:
        """Tell who the token belongs to: call with ``filter_user_id="me"`` (the only value supported).

        From the reference: Who am I: only filter[user_id]=me is supported; returns a one-element collection.

        :param filter_user_id: a user's id, or ``"me"``, sent as ``filter[user_id]``.
        :returns: the decoded answer, a :class:`~circleci.v3.types.UserList`.
        """
        return self._call(self.list_users, params={"filter[user_id]": filter_user_id})

    @endpoint("GET", "/api/v3/provider/connections", paginated=True)
    def list_provider_connections(
        self, *, filter_org_id: Optional[str] = None, page_cursor: Optional[str] = None
    ) -> ProviderConnectionList:
        """List an organization's connections to VCS providers.

        :param filter_org_id: an organization's id, sent as ``filter[org_id]``.
        :param page_cursor: the ``page.next`` cursor of the previous page, sent as ``page[cursor]``; :meth:`iterate`
            follows it for you.
        :returns: the decoded answer, a :class:`~circleci.v3.types.ProviderConnectionList`.
        """
        return self._call(
            self.list_provider_connections, params={"filter[org_id]": filter_org_id, "page[cursor]": page_cursor}
        )

    @endpoint("POST", "/api/v3/provider/connections/setup", body="flat")
    def setup_provider_connection(
        self,
        *,
        filter_org_id: Optional[str] = None,
        type: Optional[str] = None,
        vcs: Optional[dict[str, Any]] = None,
        return_url: Optional[str] = None,
    ) -> ConnectionSetupDocument:
        """Start connecting an organization to a VCS provider (each call mints a new state token).

        From the reference: Start connecting a VCS provider (NOT idempotent: mints a state token).

        :param filter_org_id: an organization's id, sent as ``filter[org_id]``.
        :param type: the ``type`` field.
        :param vcs: the ``vcs`` field (``provider``).
        :param return_url: the ``return_url`` field.
        :returns: the decoded answer, a :class:`~circleci.v3.types.ConnectionSetupDocument`.
        """
        return self._call(
            self.setup_provider_connection,
            params={"filter[org_id]": filter_org_id},
            body=flat(**{"type": type, "vcs": vcs, "return_url": return_url}),
        )

    @endpoint("GET", "/api/v3/provider/repositories", paginated=True, max_limit=100, limit_with_cursor=False)
    def list_provider_repositories(
        self,
        *,
        filter_org_id: Optional[str] = None,
        filter_provider: Optional[str] = None,
        page_limit: Optional[int] = None,
        page_cursor: Optional[str] = None,
    ) -> ProviderRepositoryList:
        """List the repositories an organization's provider connection can reach.

        From the reference: Repositories a connection can reach; page[limit]<=100; send page[limit] only on the
        first request.

        :param filter_org_id: an organization's id, sent as ``filter[org_id]``.
        :param filter_provider: a provider (``github_app``, ...), sent as ``filter[provider]``.
        :param page_limit: entities per page (at most 100; checked before sending), sent as ``page[limit]``.
        :param page_cursor: the ``page.next`` cursor of the previous page, sent as ``page[cursor]``; :meth:`iterate`
            follows it for you.
        :returns: the decoded answer, a :class:`~circleci.v3.types.ProviderRepositoryList`.
        """
        return self._call(
            self.list_provider_repositories,
            params={
                "filter[org_id]": filter_org_id,
                "filter[provider]": filter_provider,
                "page[limit]": page_limit,
                "page[cursor]": page_cursor,
            },
        )

    @endpoint("POST", "/api/v3/configs/compile", body="envelope")
    def compile_config(
        self,
        *,
        config: Optional[str] = None,
        enable_next_preview: Optional[bool] = None,
        pipeline_parameters: Optional[dict[str, Any]] = None,
        pipeline_values: Optional[dict[str, Any]] = None,
        org_id: Optional[str] = None,
    ) -> CompileResultDocument:
        """Compile and validate a pipeline config; an invalid one still answers 200, with ``outcome`` failed.

        From the reference: Compile/validate pipeline config; 200 even when invalid (outcome failed +
        meta.messages); auth optional.

        :param config: the ``config`` attribute.
        :param enable_next_preview: the ``enable_next_preview`` attribute.
        :param pipeline_parameters: the ``pipeline_parameters`` attribute.
        :param pipeline_values: the ``pipeline_values`` attribute.
        :param org_id: the id of the org, sent as ``references.org.id``.
        :returns: the decoded answer, a :class:`~circleci.v3.types.CompileResultDocument`.
        """
        return self._call(
            self.compile_config,
            body=envelope(
                {
                    "config": config,
                    "enable_next_preview": enable_next_preview,
                    "pipeline_parameters": pipeline_parameters,
                    "pipeline_values": pipeline_values,
                },
                {"org": org_id},
            ),
        )

    @endpoint("GET", "/api/v3/tool/releases")
    def list_tool_releases(self, *, filter_tool: Optional[str] = None) -> ReleaseList:
        """Fetch the latest release of a CircleCI tool (no token needed).

        From the reference: Latest release of a CircleCI tool (filter[tool] required); anonymous; Cache-Control max-
        age=3600.

        :param filter_tool: the tool's name (``circleci-cli``), sent as ``filter[tool]``.
        :returns: the decoded answer, a :class:`~circleci.v3.types.ReleaseList`.
        """
        return self._call(self.list_tool_releases, params={"filter[tool]": filter_tool})
