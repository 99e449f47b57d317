"""Operations of the "Context" tag of the CircleCI API v2."""

from __future__ import annotations

from typing import Any, Optional

from .._args import query, segment
from .._client import BaseClient
from ._operation import operation


def _context(context_id: str) -> str:
    """The path ``context/<id>`` of one context."""
    return f"context/{segment(context_id, 'context_id')}"


class ContextOperations(BaseClient):
    """Operations of the "Context" tag; part of :class:`~circleci.v2.ApiV2`."""

    @operation("listContexts", "GET", "/context", paginated=True)
    def list_contexts(
        self,
        *,
        owner_id: Optional[str] = None,
        owner_slug: Optional[str] = None,
        owner_type: Optional[str] = None,
        page_token: Optional[str] = None,
    ) -> Any:
        """List the contexts of an organization or account.

        :param owner_id: the owner's UUID; give this or ``owner_slug``.
        :param owner_slug: the organization's slug, e.g. ``gh/org``.
        :param owner_type: ``"organization"`` (the default) or ``"account"`` (server only).
        :param page_token: the ``next_page_token`` of the previous page.
        :returns: a page, ``{"items": [...], "next_page_token": ...}``.

        Endpoint: ``GET /context``
        """
        params = query(
            **{"owner-id": owner_id, "owner-slug": owner_slug, "owner-type": owner_type, "page-token": page_token}
        )
        return self._request("GET", "context", params=params)

    @operation("createContext", "POST", "/context")
    def create_context(self, *, name: str, owner: dict[str, Any]) -> Any:
        """Create a context.

        :param name: the context's name.
        :param owner: who owns it: ``{"id": <uuid>, "type": "organization"}`` or ``{"slug": "gh/org"}``.
        :returns: the new context.

        Endpoint: ``POST /context``
        """
        return self._request("POST", "context", query(name=name, owner=owner))

    @operation("deleteContext", "DELETE", "/context/{context_id}")
    def delete_context(self, context_id: str) -> Any:
        """Delete a context and its environment variables.

        :param context_id: the context's UUID.
        :returns: the API's message.

        Endpoint: ``DELETE /context/{context_id}``
        """
        return self._request("DELETE", _context(context_id))

    @operation("getContext", "GET", "/context/{context_id}")
    def get_context(self, context_id: str) -> Any:
        """Fetch one context.

        :param context_id: the context's UUID.
        :returns: the context's ``id``, ``name`` and ``created_at``.

        Endpoint: ``GET /context/{context_id}``
        """
        return self._request("GET", _context(context_id))

    @operation(
        "listEnvironmentVariablesFromContext", "GET", "/context/{context_id}/environment-variable", paginated=True
    )
    def list_environment_variables_from_context(self, context_id: str, *, page_token: Optional[str] = None) -> Any:
        """List the environment variables of a context (names only, never values).

        :param context_id: the context's UUID.
        :param page_token: the ``next_page_token`` of the previous page.
        :returns: a page, ``{"items": [...], "next_page_token": ...}``.

        Endpoint: ``GET /context/{context_id}/environment-variable``
        """
        params = query(**{"page-token": page_token})
        return self._request("GET", f"{_context(context_id)}/environment-variable", params=params)

    @operation(
        "deleteEnvironmentVariableFromContext", "DELETE", "/context/{context_id}/environment-variable/{env_var_name}"
    )
    def delete_environment_variable_from_context(self, context_id: str, env_var_name: str) -> Any:
        """Remove an environment variable from a context.

        :param context_id: the context's UUID.
        :param env_var_name: the variable's name.
        :returns: the API's message.

        Endpoint: ``DELETE /context/{context_id}/environment-variable/{env_var_name}``
        """
        name = segment(env_var_name, "env_var_name")
        return self._request("DELETE", f"{_context(context_id)}/environment-variable/{name}")

    @operation("addEnvironmentVariableToContext", "PUT", "/context/{context_id}/environment-variable/{env_var_name}")
    def add_environment_variable_to_context(self, context_id: str, env_var_name: str, *, value: str) -> Any:
        """Set an environment variable of a context, creating or replacing it.

        :param context_id: the context's UUID.
        :param env_var_name: the variable's name.
        :param value: the variable's value.
        :returns: the variable (without its value).

        Endpoint: ``PUT /context/{context_id}/environment-variable/{env_var_name}``
        """
        name = segment(env_var_name, "env_var_name")
        return self._request("PUT", f"{_context(context_id)}/environment-variable/{name}", query(value=value))

    @operation("getContextRestrictions", "GET", "/context/{context_id}/restrictions", paginated=True)
    def get_context_restrictions(self, context_id: str, *, page_token: Optional[str] = None) -> Any:
        """List the restrictions on who may use a context.

        :param context_id: the context's UUID.
        :param page_token: the ``next_page_token`` of the previous page.
        :returns: a page, ``{"items": [...], "next_page_token": ...}``.

        Endpoint: ``GET /context/{context_id}/restrictions``
        """
        params = query(**{"page-token": page_token})
        return self._request("GET", f"{_context(context_id)}/restrictions", params=params)

    @operation("createContextRestriction", "POST", "/context/{context_id}/restrictions")
    def create_context_restriction(
        self, context_id: str, *, restriction_type: Optional[str] = None, restriction_value: Optional[str] = None
    ) -> Any:
        """Restrict a context to a project, a group, or an expression.

        :param context_id: the context's UUID.
        :param restriction_type: ``"project"``, ``"expression"`` or ``"group"``.
        :param restriction_value: the project's or group's UUID, or the expression.
        :returns: the new restriction.

        Endpoint: ``POST /context/{context_id}/restrictions``
        """
        body = query(restriction_type=restriction_type, restriction_value=restriction_value)
        return self._request("POST", f"{_context(context_id)}/restrictions", body)

    @operation("deleteContextRestriction", "DELETE", "/context/{context_id}/restrictions/{restriction_id}")
    def delete_context_restriction(self, context_id: str, restriction_id: str) -> Any:
        """Remove a restriction from a context.

        :param context_id: the context's UUID.
        :param restriction_id: the restriction's id.
        :returns: the API's message.

        Endpoint: ``DELETE /context/{context_id}/restrictions/{restriction_id}``
        """
        restriction = segment(restriction_id, "restriction_id")
        return self._request("DELETE", f"{_context(context_id)}/restrictions/{restriction}")
