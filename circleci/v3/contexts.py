"""Contexts: endpoints of CircleCI's API v3."""

from __future__ import annotations

from typing import Optional

from ._base import V3Client
from ._endpoint import endpoint, envelope, flat
from .types import (
    ContextDocument,
    ContextEnvVarList,
    ContextList,
    ContextRestrictionDocument,
    ContextRestrictionList,
    EmptyDocument,
)


class ContextOperations(V3Client):
    """Contexts; part of :class:`~circleci.v3.ApiV3`."""

    @endpoint("GET", "/api/v3/contexts", confidence="cli-newer", paginated=True, max_limit=250)
    def list_contexts(
        self,
        *,
        filter_org_id: Optional[str] = None,
        filter_name: Optional[str] = None,
        page_limit: Optional[int] = None,
        page_cursor: Optional[str] = None,
    ) -> ContextList:
        """List an organization's contexts, optionally those whose name contains a text.

        From the reference: List an org's contexts (filter[name] = case-insensitive substring); page[limit]<=250.

        Confidence: ``cli-newer`` (read in a CircleCI CLI newer than the mirrored one; not checked against a fake).

        :param filter_org_id: an organization's id, sent as ``filter[org_id]``.
        :param filter_name: a name, sent as ``filter[name]``.
        :param page_limit: entities per page (at most 250; checked before sending), sent as ``page[limit]``.
        :param page_cursor: the ``page.next`` cursor of the previous page, sent as ``page[cursor]``; :meth:`iterate`
            follows it for you.
        :returns: the decoded answer, a :class:`~circleci.v3.types.ContextList`.
        """
        return self._call(
            self.list_contexts,
            params={
                "filter[org_id]": filter_org_id,
                "filter[name]": filter_name,
                "page[limit]": page_limit,
                "page[cursor]": page_cursor,
            },
        )

    @endpoint("POST", "/api/v3/contexts", confidence="cli-newer", body="envelope")
    def create_context(self, *, name: Optional[str] = None, org_id: Optional[str] = None) -> ContextDocument:
        """Create a context in an organization.

        Confidence: ``cli-newer`` (read in a CircleCI CLI newer than the mirrored one; not checked against a fake).

        :param name: the ``name`` attribute.
        :param org_id: the id of the org, sent as ``references.org.id``.
        :returns: the decoded answer, a :class:`~circleci.v3.types.ContextDocument`.
        """
        return self._call(self.create_context, body=envelope({"name": name}, {"org": org_id}))

    @endpoint("GET", "/api/v3/contexts/{context_id}", confidence="cli-newer")
    def get_context(self, context_id: str) -> ContextDocument:
        """Fetch one context.

        Confidence: ``cli-newer`` (read in a CircleCI CLI newer than the mirrored one; not checked against a fake).

        :param context_id: the context's id.
        :returns: the decoded answer, a :class:`~circleci.v3.types.ContextDocument`.
        """
        return self._call(self.get_context, context_id)

    @endpoint("DELETE", "/api/v3/contexts/{context_id}", confidence="cli-newer")
    def delete_context(self, context_id: str) -> None:
        """Delete a context.

        Confidence: ``cli-newer`` (read in a CircleCI CLI newer than the mirrored one; not checked against a fake).

        :param context_id: the context's id.
        :returns: nothing (the API answers with no body).
        """
        self._call(self.delete_context, context_id)

    @endpoint("GET", "/api/v3/contexts/{context_id}/env-vars", confidence="cli-newer", paginated=True, max_limit=250)
    def list_context_env_vars(
        self, context_id: str, *, page_limit: Optional[int] = None, page_cursor: Optional[str] = None
    ) -> ContextEnvVarList:
        """List a context's environment variables (names and truncated values).

        Confidence: ``cli-newer`` (read in a CircleCI CLI newer than the mirrored one; not checked against a fake).

        :param context_id: the context's id.
        :param page_limit: entities per page (at most 250; checked before sending), sent as ``page[limit]``.
        :param page_cursor: the ``page.next`` cursor of the previous page, sent as ``page[cursor]``; :meth:`iterate`
            follows it for you.
        :returns: the decoded answer, a :class:`~circleci.v3.types.ContextEnvVarList`.
        """
        return self._call(
            self.list_context_env_vars,
            context_id,
            params={"page[limit]": page_limit, "page[cursor]": page_cursor},
        )

    @endpoint("POST", "/api/v3/contexts/{context_id}/env-vars/set", confidence="cli-newer", body="flat")
    def set_context_env_var(
        self, context_id: str, *, name: Optional[str] = None, value: Optional[str] = None
    ) -> EmptyDocument:
        """Create or overwrite an environment variable of a context.

        Confidence: ``cli-newer`` (read in a CircleCI CLI newer than the mirrored one; not checked against a fake).

        :param context_id: the context's id.
        :param name: the ``name`` field.
        :param value: the ``value`` field.
        :returns: the decoded answer, a :class:`~circleci.v3.types.EmptyDocument`.
        """
        return self._call(self.set_context_env_var, context_id, body=flat(**{"name": name, "value": value}))

    @endpoint("DELETE", "/api/v3/contexts/{context_id}/env-vars", confidence="cli-newer")
    def delete_context_env_var(self, context_id: str, *, filter_name: Optional[str] = None) -> None:
        """Delete the environment variable of a context named by ``filter_name``.

        Confidence: ``cli-newer`` (read in a CircleCI CLI newer than the mirrored one; not checked against a fake).

        :param context_id: the context's id.
        :param filter_name: a name, sent as ``filter[name]``.
        :returns: nothing (the API answers with no body).
        """
        self._call(self.delete_context_env_var, context_id, params={"filter[name]": filter_name})

    @endpoint("GET", "/api/v3/context-restrictions", confidence="cli-newer", paginated=True)
    def list_context_restrictions(
        self, *, filter_context_id: Optional[str] = None, page_cursor: Optional[str] = None
    ) -> ContextRestrictionList:
        """List the restrictions of a context.

        Confidence: ``cli-newer`` (read in a CircleCI CLI newer than the mirrored one; not checked against a fake).

        :param filter_context_id: a context's id, sent as ``filter[context_id]``.
        :param page_cursor: the ``page.next`` cursor of the previous page, sent as ``page[cursor]``; :meth:`iterate`
            follows it for you.
        :returns: the decoded answer, a :class:`~circleci.v3.types.ContextRestrictionList`.
        """
        return self._call(
            self.list_context_restrictions,
            params={"filter[context_id]": filter_context_id, "page[cursor]": page_cursor},
        )

    @endpoint("POST", "/api/v3/context-restrictions", confidence="cli-newer", body="envelope")
    def create_context_restriction(
        self,
        *,
        restriction_type: Optional[str] = None,
        match_pattern: Optional[str] = None,
        context_id: Optional[str] = None,
    ) -> ContextRestrictionDocument:
        """Restrict a context to a group, a project or an expression.

        Confidence: ``cli-newer`` (read in a CircleCI CLI newer than the mirrored one; not checked against a fake).

        :param restriction_type: the ``restriction_type`` attribute.
        :param match_pattern: the ``match_pattern`` attribute.
        :param context_id: the id of the context, sent as ``references.context.id``.
        :returns: the decoded answer, a :class:`~circleci.v3.types.ContextRestrictionDocument`.
        """
        return self._call(
            self.create_context_restriction,
            body=envelope(
                {"restriction_type": restriction_type, "match_pattern": match_pattern}, {"context": context_id}
            ),
        )

    @endpoint("DELETE", "/api/v3/context-restrictions/{restriction_id}", confidence="cli-newer")
    def delete_context_restriction(self, restriction_id: str, *, filter_context_id: Optional[str] = None) -> None:
        """Remove a restriction of a context.

        Confidence: ``cli-newer`` (read in a CircleCI CLI newer than the mirrored one; not checked against a fake).

        :param restriction_id: the restriction's id.
        :param filter_context_id: a context's id, sent as ``filter[context_id]``.
        :returns: nothing (the API answers with no body).
        """
        self._call(
            self.delete_context_restriction,
            restriction_id,
            params={"filter[context_id]": filter_context_id},
        )
