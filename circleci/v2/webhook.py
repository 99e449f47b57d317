"""Operations of the "Webhook" tag of the CircleCI API v2."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from .._args import query
from ._operation import V2Operations, operation

if TYPE_CHECKING:
    from .types import CreateWebhookScope, Page, Webhook, WebhookDeleted


class WebhookOperations(V2Operations):
    """Operations of the "Webhook" tag; part of :class:`~circleci.v2.ApiV2`."""

    @operation("getWebhooks", "GET", "/webhook", paginated=True)
    def get_webhooks(
        self, *, scope_id: str, scope_type: str = "project", page_token: Optional[str] = None
    ) -> Page[Webhook]:
        """List the outbound webhooks of a scope (a project).

        :param scope_id: the project's UUID.
        :param scope_type: the kind of scope; only ``"project"`` exists.
        :param page_token: the ``next_page_token`` of the previous page.
        :returns: a page, ``{"items": [...], "next_page_token": ...}``.
        """
        params = query(**{"scope-id": scope_id, "scope-type": scope_type, "page-token": page_token})
        return self._call(self.get_webhooks, params=params)

    @operation("createWebhook", "POST", "/webhook")
    def create_webhook(
        self,
        *,
        name: str,
        events: list[str],
        url: str,
        verify_tls: bool,
        signing_secret: str,
        scope: CreateWebhookScope,
    ) -> Webhook:
        """Create an outbound webhook.

        :param name: the webhook's name.
        :param events: what fires it: ``"workflow-completed"``, ``"job-completed"``.
        :param url: where to deliver it (``https://`` only).
        :param verify_tls: whether to check the receiver's TLS certificate.
        :param signing_secret: the secret that signs each payload (HMAC).
        :param scope: ``{"id": <project uuid>, "type": "project"}``.
        :returns: the new webhook.
        """
        body = query(
            **{
                "name": name,
                "events": events,
                "url": url,
                "verify-tls": verify_tls,
                "signing-secret": signing_secret,
                "scope": scope,
            }
        )
        return self._call(self.create_webhook, body=body)

    @operation("deleteWebhook", "DELETE", "/webhook/{webhook_id}")
    def delete_webhook(self, webhook_id: str) -> WebhookDeleted:
        """Delete an outbound webhook.

        :param webhook_id: the webhook's UUID.
        :returns: the API's message.
        """
        return self._call(self.delete_webhook, webhook_id)

    @operation("getWebhookById", "GET", "/webhook/{webhook_id}")
    def get_webhook_by_id(self, webhook_id: str) -> Webhook:
        """Fetch one outbound webhook.

        :param webhook_id: the webhook's UUID.
        :returns: the webhook.
        """
        return self._call(self.get_webhook_by_id, webhook_id)

    @operation("updateWebhook", "PUT", "/webhook/{webhook_id}")
    def update_webhook(
        self,
        webhook_id: str,
        *,
        name: Optional[str] = None,
        events: Optional[list[str]] = None,
        url: Optional[str] = None,
        signing_secret: Optional[str] = None,
        verify_tls: Optional[bool] = None,
    ) -> Webhook:
        """Change an outbound webhook; fields left out keep their value.

        :param webhook_id: the webhook's UUID.
        :param name: a new name.
        :param events: the events that fire it.
        :param url: where to deliver it (``https://`` only).
        :param signing_secret: a new signing secret.
        :param verify_tls: whether to check the receiver's TLS certificate.
        :returns: the webhook.
        """
        body = query(
            **{"name": name, "events": events, "url": url, "signing-secret": signing_secret, "verify-tls": verify_tls}
        )
        return self._call(self.update_webhook, webhook_id, body=body)
