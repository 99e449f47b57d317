"""Notifications and analysis: endpoints of CircleCI's API v3."""

from __future__ import annotations

from typing import Any, Optional

from ._base import V3Client
from ._endpoint import endpoint, envelope, flat
from .types import (
    ChargeList,
    NotificationChannelConfigDocument,
    NotificationChannelConfigList,
    NotificationIntegrationDocument,
    NotificationIntegrationList,
    NotificationLinkList,
    NotificationPreferenceDocument,
    NotificationPreferenceList,
    RunScope,
)


class NotificationOperations(V3Client):
    """Notifications and analysis; part of :class:`~circleci.v3.ApiV3`."""

    @endpoint("GET", "/api/v3/notification/integrations", confidence="third-party", paginated=True)
    def list_notification_integrations(
        self,
        *,
        filter_org_id: Optional[str] = None,
        filter_type: Optional[str] = None,
        page_cursor: Optional[str] = None,
    ) -> NotificationIntegrationList:
        """List an organization's notification integrations (Slack workspaces).

        Confidence: ``third-party`` (known from a client outside CircleCI's CLI, such as its Terraform provider;
        spec and service may differ).

        :param filter_org_id: an organization's id, sent as ``filter[org_id]``.
        :param filter_type: an integration type (``slack``), sent as ``filter[type]``.
        :param page_cursor: the ``page.next`` cursor of the previous page, sent as ``page[cursor]``; :meth:`iterate`
            follows it for you.
        :returns: the decoded answer, a :class:`~circleci.v3.types.NotificationIntegrationList`.
        """
        return self._call(
            self.list_notification_integrations,
            params={"filter[org_id]": filter_org_id, "filter[type]": filter_type, "page[cursor]": page_cursor},
        )

    @endpoint("GET", "/api/v3/notification/integrations/{integration_id}", confidence="third-party")
    def get_notification_integration(self, integration_id: str) -> NotificationIntegrationDocument:
        """Fetch one notification integration.

        Confidence: ``third-party`` (known from a client outside CircleCI's CLI, such as its Terraform provider;
        spec and service may differ).

        :param integration_id: the integration's id.
        :returns: the decoded answer, a :class:`~circleci.v3.types.NotificationIntegrationDocument`.
        """
        return self._call(self.get_notification_integration, integration_id)

    @endpoint(
        "POST",
        "/api/v3/notification/integrations/{integration_id}/set-status",
        confidence="third-party",
        body="envelope",
    )
    def set_notification_integration_status(
        self, integration_id: str, *, status: Optional[str] = None
    ) -> NotificationIntegrationDocument:
        """Set status active or disabled.

        Confidence: ``third-party`` (known from a client outside CircleCI's CLI, such as its Terraform provider;
        spec and service may differ).

        :param integration_id: the integration's id.
        :param status: the ``status`` attribute.
        :returns: the decoded answer, a :class:`~circleci.v3.types.NotificationIntegrationDocument`.
        """
        return self._call(
            self.set_notification_integration_status,
            integration_id,
            body=envelope({"status": status}),
        )

    @endpoint("DELETE", "/api/v3/notification/integrations/{integration_id}", confidence="third-party")
    def delete_notification_integration(self, integration_id: str) -> None:
        """Revoke a notification integration.

        Confidence: ``third-party`` (known from a client outside CircleCI's CLI, such as its Terraform provider;
        spec and service may differ).

        :param integration_id: the integration's id.
        :returns: nothing (the API answers with no body).
        """
        self._call(self.delete_notification_integration, integration_id)

    @endpoint("GET", "/api/v3/notification/preferences", confidence="third-party", paginated=True)
    def list_notification_preferences(
        self,
        *,
        filter_scope: Optional[str] = None,
        filter_project_id: Optional[str] = None,
        filter_org_id: Optional[str] = None,
        page_cursor: Optional[str] = None,
    ) -> NotificationPreferenceList:
        """List the notification preferences of the caller or of a project.

        Confidence: ``third-party`` (known from a client outside CircleCI's CLI, such as its Terraform provider;
        spec and service may differ).

        :param filter_scope: ``user`` or ``project``, sent as ``filter[scope]``.
        :param filter_project_id: a project's id, sent as ``filter[project_id]``.
        :param filter_org_id: an organization's id, sent as ``filter[org_id]``.
        :param page_cursor: the ``page.next`` cursor of the previous page, sent as ``page[cursor]``; :meth:`iterate`
            follows it for you.
        :returns: the decoded answer, a :class:`~circleci.v3.types.NotificationPreferenceList`.
        """
        return self._call(
            self.list_notification_preferences,
            params={
                "filter[scope]": filter_scope,
                "filter[project_id]": filter_project_id,
                "filter[org_id]": filter_org_id,
                "page[cursor]": page_cursor,
            },
        )

    @endpoint("POST", "/api/v3/notification/preferences", confidence="third-party", body="envelope")
    def update_notification_preferences(
        self,
        *,
        scope: Optional[str] = None,
        updates: Optional[list[dict[str, Any]]] = None,
        project_id: Optional[str] = None,
        org_id: Optional[str] = None,
    ) -> NotificationPreferenceDocument:
        """Switch notification preferences on or off; the answer is the whole set.

        Confidence: ``third-party`` (known from a client outside CircleCI's CLI, such as its Terraform provider;
        spec and service may differ).

        :param scope: the ``scope`` attribute.
        :param updates: the ``updates`` attribute.
        :param project_id: the id of the project, sent as ``references.project.id``.
        :param org_id: the id of the org, sent as ``references.org.id``.
        :returns: the decoded answer, a :class:`~circleci.v3.types.NotificationPreferenceDocument`.
        """
        return self._call(
            self.update_notification_preferences,
            body=envelope({"scope": scope, "updates": updates}, {"project": project_id, "org": org_id}),
        )

    @endpoint("GET", "/api/v3/notification/channel-configs", confidence="third-party", paginated=True)
    def list_notification_channel_configs(
        self,
        *,
        filter_scope: Optional[str] = None,
        filter_project_id: Optional[str] = None,
        filter_org_id: Optional[str] = None,
        page_cursor: Optional[str] = None,
    ) -> NotificationChannelConfigList:
        """List notification channel configs (email, Slack) of the caller or of a project.

        Confidence: ``third-party`` (known from a client outside CircleCI's CLI, such as its Terraform provider;
        spec and service may differ).

        :param filter_scope: ``user`` or ``project``, sent as ``filter[scope]``.
        :param filter_project_id: a project's id, sent as ``filter[project_id]``.
        :param filter_org_id: an organization's id, sent as ``filter[org_id]``.
        :param page_cursor: the ``page.next`` cursor of the previous page, sent as ``page[cursor]``; :meth:`iterate`
            follows it for you.
        :returns: the decoded answer, a :class:`~circleci.v3.types.NotificationChannelConfigList`.
        """
        return self._call(
            self.list_notification_channel_configs,
            params={
                "filter[scope]": filter_scope,
                "filter[project_id]": filter_project_id,
                "filter[org_id]": filter_org_id,
                "page[cursor]": page_cursor,
            },
        )

    @endpoint("POST", "/api/v3/notification/channel-configs", confidence="third-party", body="envelope")
    def create_notification_channel_config(
        self,
        *,
        scope: Optional[str] = None,
        channel_type: Optional[str] = None,
        target: Optional[str] = None,
        is_enabled: Optional[bool] = None,
        project_id: Optional[str] = None,
        org_id: Optional[str] = None,
    ) -> NotificationChannelConfigDocument:
        """Create a notification channel config (or update the one for the same scope and channel).

        Confidence: ``third-party`` (known from a client outside CircleCI's CLI, such as its Terraform provider;
        spec and service may differ).

        :param scope: the ``scope`` attribute.
        :param channel_type: the ``channel_type`` attribute.
        :param target: the ``target`` attribute.
        :param is_enabled: the ``is_enabled`` attribute.
        :param project_id: the id of the project, sent as ``references.project.id``.
        :param org_id: the id of the org, sent as ``references.org.id``.
        :returns: the decoded answer, a :class:`~circleci.v3.types.NotificationChannelConfigDocument`.
        """
        return self._call(
            self.create_notification_channel_config,
            body=envelope(
                {"scope": scope, "channel_type": channel_type, "target": target, "is_enabled": is_enabled},
                {"project": project_id, "org": org_id},
            ),
        )

    @endpoint("GET", "/api/v3/notification/channel-configs/{config_id}", confidence="third-party")
    def get_notification_channel_config(self, config_id: str) -> NotificationChannelConfigDocument:
        """Fetch one notification channel config.

        Confidence: ``third-party`` (known from a client outside CircleCI's CLI, such as its Terraform provider;
        spec and service may differ).

        :param config_id: the config's id.
        :returns: the decoded answer, a :class:`~circleci.v3.types.NotificationChannelConfigDocument`.
        """
        return self._call(self.get_notification_channel_config, config_id)

    @endpoint(
        "POST", "/api/v3/notification/channel-configs/{config_id}/update", confidence="third-party", body="envelope"
    )
    def update_notification_channel_config(
        self, config_id: str, *, target: Optional[str] = None, is_enabled: Optional[bool] = None
    ) -> NotificationChannelConfigDocument:
        """Replace target and is_enabled.

        Confidence: ``third-party`` (known from a client outside CircleCI's CLI, such as its Terraform provider;
        spec and service may differ).

        :param config_id: the config's id.
        :param target: the ``target`` attribute.
        :param is_enabled: the ``is_enabled`` attribute.
        :returns: the decoded answer, a :class:`~circleci.v3.types.NotificationChannelConfigDocument`.
        """
        return self._call(
            self.update_notification_channel_config,
            config_id,
            body=envelope({"target": target, "is_enabled": is_enabled}),
        )

    @endpoint("DELETE", "/api/v3/notification/channel-configs/{config_id}", confidence="third-party")
    def delete_notification_channel_config(self, config_id: str) -> None:
        """Delete a notification channel config.

        Confidence: ``third-party`` (known from a client outside CircleCI's CLI, such as its Terraform provider;
        spec and service may differ).

        :param config_id: the config's id.
        :returns: nothing (the API answers with no body).
        """
        self._call(self.delete_notification_channel_config, config_id)

    @endpoint("GET", "/api/v3/notification/links", confidence="third-party", paginated=True)
    def list_notification_links(
        self,
        *,
        filter_user_id: Optional[str] = None,
        filter_connection_type: Optional[str] = None,
        filter_team_id: Optional[str] = None,
        page_cursor: Optional[str] = None,
    ) -> NotificationLinkList:
        """List the caller's links to external identities (experimental).

        From the reference: List the caller's external identity links (EXPERIMENTAL; filter[user_id] required, me or
        own uuid).

        Confidence: ``third-party`` (known from a client outside CircleCI's CLI, such as its Terraform provider;
        spec and service may differ).

        :param filter_user_id: a user's id, or ``"me"``, sent as ``filter[user_id]``.
        :param filter_connection_type: a connection type (``slack``), sent as ``filter[connection_type]``.
        :param filter_team_id: an external team's id, sent as ``filter[team_id]``.
        :param page_cursor: the ``page.next`` cursor of the previous page, sent as ``page[cursor]``; :meth:`iterate`
            follows it for you.
        :returns: the decoded answer, a :class:`~circleci.v3.types.NotificationLinkList`.
        """
        return self._call(
            self.list_notification_links,
            params={
                "filter[user_id]": filter_user_id,
                "filter[connection_type]": filter_connection_type,
                "filter[team_id]": filter_team_id,
                "page[cursor]": page_cursor,
            },
        )

    @endpoint(
        "POST",
        "/api/v3/analysis/charges",
        confidence="cli-newer",
        body="flat",
        paginated=True,
        page_in_body=True,
        max_limit=20,
    )
    def analyze_charges(
        self,
        *,
        analysis: Optional[str] = None,
        scope: Optional[RunScope] = None,
        filter: Optional[str] = None,
        order_by: Optional[str] = None,
        page_limit: Optional[int] = None,
        page_cursor: Optional[str] = None,
    ) -> ChargeList:
        """Credits spent per job/workflow/pipeline (EXPERIMENTAL); paginates in the body; page.limit<=20.

        Confidence: ``cli-newer`` (read in a CircleCI CLI newer than the mirrored one; not checked against a fake).

        :param analysis: the ``analysis`` field.
        :param scope: the ``scope`` field (``project_ids``, ``from``, ``to``).
        :param filter: the ``filter`` field.
        :param order_by: the ``order_by`` field.
        :param page_limit: the page size, sent in the body as ``page.limit``.
        :param page_cursor: the cursor of the page to read, sent as ``page.cursor``.
        :returns: the decoded answer, a :class:`~circleci.v3.types.ChargeList`.
        """
        return self._call(
            self.analyze_charges,
            body=flat(
                **{
                    "analysis": analysis,
                    "scope": scope,
                    "filter": filter,
                    "order_by": order_by,
                    "page": flat(cursor=page_cursor, limit=page_limit) or None,
                }
            ),
        )
