"""Operations of the "Context" tag of the CircleCI API v2."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Union

from .._args import query
from ._operation import V2Operations, operation

if TYPE_CHECKING:
    from .types import (
        Context,
        ContextProjectRestrictionsListItem,
        CreateContextBodyOwner1,
        CreateContextBodyOwner2,
        EnvVarListItem,
        LoosePage,
        MessageResponse,
        Page,
        RestrictionCreated,
        RestrictionDeleted,
        UpdateEnvVar,
    )


class ContextOperations(V2Operations):
    """Operations of the "Context" tag; part of :class:`~circleci.v2.ApiV2`."""

    @operation("listContexts", "GET", "/context", paginated=True)
    def list_contexts(
        self,
        *,
        owner_id: Optional[str] = None,
        owner_slug: Optional[str] = None,
        owner_type: Optional[str] = None,
        page_token: Optional[str] = None,
    ) -> Page[Context]:
        """List the contexts of an organization or account.

        :param owner_id: the owner's UUID; give this or ``owner_slug``.
        :param owner_slug: the organization's slug, e.g. ``gh/org``.
        :param owner_type: ``"organization"`` (the default) or ``"account"`` (server only).
        :param page_token: the ``next_page_token`` of the previous page.
        :returns: a page, ``{"items": [...], "next_page_token": ...}``.
        """
        params = query(
            **{"owner-id": owner_id, "owner-slug": owner_slug, "owner-type": owner_type, "page-token": page_token}
        )
        return self._call(self.list_contexts, params=params)

    @operation("createContext", "POST", "/context")
    def create_context(self, *, name: str, owner: Union[CreateContextBodyOwner1, CreateContextBodyOwner2]) -> Context:
        """Create a context.

        :param name: the context's name.
        :param owner: who owns it: ``{"id": <uuid>, "type": "organization"}`` or ``{"slug": "gh/org"}``.
        :returns: the new context.
        """
        return self._call(self.create_context, body=query(name=name, owner=owner))

    @operation("deleteContext", "DELETE", "/context/{context_id}")
    def delete_context(self, context_id: str) -> MessageResponse:
        """Delete a context and its environment variables.

        :param context_id: the context's UUID.
        :returns: the API's message.
        """
        return self._call(self.delete_context, context_id)

    @operation("getContext", "GET", "/context/{context_id}")
    def get_context(self, context_id: str) -> Context:
        """Fetch one context.

        :param context_id: the context's UUID.
        :returns: the context's ``id``, ``name`` and ``created_at``.
        """
        return self._call(self.get_context, context_id)

    @operation(
        "listEnvironmentVariablesFromContext", "GET", "/context/{context_id}/environment-variable", paginated=True
    )
    def list_environment_variables_from_context(
        self, context_id: str, *, page_token: Optional[str] = None
    ) -> Page[EnvVarListItem]:
        """List the environment variables of a context (names only, never values).

        :param context_id: the context's UUID.
        :param page_token: the ``next_page_token`` of the previous page.
        :returns: a page, ``{"items": [...], "next_page_token": ...}``.
        """
        params = query(**{"page-token": page_token})
        return self._call(self.list_environment_variables_from_context, context_id, params=params)

    @operation(
        "deleteEnvironmentVariableFromContext", "DELETE", "/context/{context_id}/environment-variable/{env_var_name}"
    )
    def delete_environment_variable_from_context(self, context_id: str, env_var_name: str) -> MessageResponse:
        """Remove an environment variable from a context.

        :param context_id: the context's UUID.
        :param env_var_name: the variable's name.
        :returns: the API's message.
        """
        return self._call(self.delete_environment_variable_from_context, context_id, env_var_name)

    @operation("addEnvironmentVariableToContext", "PUT", "/context/{context_id}/environment-variable/{env_var_name}")
    def add_environment_variable_to_context(
        self, context_id: str, env_var_name: str, *, value: str
    ) -> Union[UpdateEnvVar, MessageResponse]:
        """Set an environment variable of a context, creating or replacing it.

        :param context_id: the context's UUID.
        :param env_var_name: the variable's name.
        :param value: the variable's value.
        :returns: the variable (without its value).
        """
        return self._call(self.add_environment_variable_to_context, context_id, env_var_name, body=query(value=value))

    @operation("getContextRestrictions", "GET", "/context/{context_id}/restrictions", paginated=True)
    def get_context_restrictions(
        self, context_id: str, *, page_token: Optional[str] = None
    ) -> LoosePage[ContextProjectRestrictionsListItem]:
        """List the restrictions on who may use a context.

        :param context_id: the context's UUID.
        :param page_token: the ``next_page_token`` of the previous page.
        :returns: a page, ``{"items": [...], "next_page_token": ...}``.
        """
        params = query(**{"page-token": page_token})
        return self._call(self.get_context_restrictions, context_id, params=params)

    @operation("createContextRestriction", "POST", "/context/{context_id}/restrictions")
    def create_context_restriction(
        self, context_id: str, *, restriction_type: Optional[str] = None, restriction_value: Optional[str] = None
    ) -> RestrictionCreated:
        """Restrict a context to a project, a group, or an expression.

        :param context_id: the context's UUID.
        :param restriction_type: ``"project"``, ``"expression"`` or ``"group"``.
        :param restriction_value: the project's or group's UUID, or the expression.
        :returns: the new restriction.
        """
        body = query(restriction_type=restriction_type, restriction_value=restriction_value)
        return self._call(self.create_context_restriction, context_id, body=body)

    @operation("deleteContextRestriction", "DELETE", "/context/{context_id}/restrictions/{restriction_id}")
    def delete_context_restriction(self, context_id: str, restriction_id: str) -> RestrictionDeleted:
        """Remove a restriction from a context.

        :param context_id: the context's UUID.
        :param restriction_id: the restriction's id.
        :returns: the API's message.
        """
        return self._call(self.delete_context_restriction, context_id, restriction_id)
