"""Self-hosted runners (v3 surface and the legacy runner service): endpoints of CircleCI's API v3."""

from __future__ import annotations

from typing import Optional

from ._base import V3Client
from ._endpoint import endpoint, envelope, flat
from .types import (
    LegacyMessage,
    LegacyResourceClass,
    LegacyResourceClassList,
    LegacyRunnerInstanceList,
    LegacyRunnerToken,
    LegacyRunnerTokenList,
    LegacyTaskCount,
    RunnerAgentList,
    RunnerFleetDocument,
    RunnerFleetList,
    RunnerResourceClassDocument,
    RunnerResourceClassList,
    RunnerTokenDocument,
    RunnerTokenList,
)


class RunnerOperations(V3Client):
    """Self-hosted runners (v3 surface and the legacy runner service); part of :class:`~circleci.v3.ApiV3`."""

    @endpoint("GET", "/api/v3/runner/resource-classes", confidence="cli-newer", paginated=True)
    def list_runner_resource_classes(
        self,
        *,
        filter_org_id: Optional[str] = None,
        filter_namespace: Optional[str] = None,
        filter_resource_class: Optional[str] = None,
        page_cursor: Optional[str] = None,
    ) -> RunnerResourceClassList:
        """List self-hosted runner resource classes of one organization, namespace or name.

        From the reference: List resource classes; exactly one of filter[org_id] or filter[namespace] or
        filter[resource_class].

        Confidence: ``cli-newer`` (read in a CircleCI CLI newer than the mirrored one; not checked against a fake).

        :param filter_org_id: an organization's id, sent as ``filter[org_id]``.
        :param filter_namespace: a namespace's name, sent as ``filter[namespace]``.
        :param filter_resource_class: a resource class's name, ``namespace/name``, sent as ``filter[resource_class]``.
        :param page_cursor: the ``page.next`` cursor of the previous page, sent as ``page[cursor]``; :meth:`iterate`
            follows it for you.
        :returns: the decoded answer, a :class:`~circleci.v3.types.RunnerResourceClassList`.
        """
        return self._call(
            self.list_runner_resource_classes,
            params={
                "filter[org_id]": filter_org_id,
                "filter[namespace]": filter_namespace,
                "filter[resource_class]": filter_resource_class,
                "page[cursor]": page_cursor,
            },
        )

    @endpoint("POST", "/api/v3/runner/resource-classes", confidence="cli-newer", body="envelope")
    def create_runner_resource_class(
        self, *, resource_class: Optional[str] = None, description: Optional[str] = None, org_id: Optional[str] = None
    ) -> RunnerResourceClassDocument:
        """Create a self-hosted runner resource class.

        Confidence: ``cli-newer`` (read in a CircleCI CLI newer than the mirrored one; not checked against a fake).

        :param resource_class: the ``resource_class`` attribute.
        :param description: the ``description`` attribute.
        :param org_id: the id of the org, sent as ``references.org.id``.
        :returns: the decoded answer, a :class:`~circleci.v3.types.RunnerResourceClassDocument`.
        """
        return self._call(
            self.create_runner_resource_class,
            body=envelope({"resource_class": resource_class, "description": description}, {"org": org_id}),
        )

    @endpoint("GET", "/api/v3/runner/resource-classes/{resource_class_id}", confidence="cli-newer")
    def get_runner_resource_class(self, resource_class_id: str) -> RunnerResourceClassDocument:
        """Fetch one self-hosted runner resource class.

        Confidence: ``cli-newer`` (read in a CircleCI CLI newer than the mirrored one; not checked against a fake).

        :param resource_class_id: the resource class's id.
        :returns: the decoded answer, a :class:`~circleci.v3.types.RunnerResourceClassDocument`.
        """
        return self._call(self.get_runner_resource_class, resource_class_id)

    @endpoint("POST", "/api/v3/runner/resource-classes/{resource_class_id}/update", confidence="cli-newer", body="flat")
    def update_runner_resource_class(
        self, resource_class_id: str, *, description: Optional[str] = None
    ) -> RunnerResourceClassDocument:
        """Change a runner resource class's description.

        Confidence: ``cli-newer`` (read in a CircleCI CLI newer than the mirrored one; not checked against a fake).

        :param resource_class_id: the resource class's id.
        :param description: the ``description`` field.
        :returns: the decoded answer, a :class:`~circleci.v3.types.RunnerResourceClassDocument`.
        """
        return self._call(
            self.update_runner_resource_class,
            resource_class_id,
            body=flat(**{"description": description}),
        )

    @endpoint("DELETE", "/api/v3/runner/resource-classes/{resource_class_id}", confidence="cli-newer")
    def delete_runner_resource_class(self, resource_class_id: str, *, force: Optional[bool] = None) -> None:
        """Delete a runner resource class (refused while it has tokens, unless forced).

        Confidence: ``cli-newer`` (read in a CircleCI CLI newer than the mirrored one; not checked against a fake).

        :param resource_class_id: the resource class's id.
        :param force: sent as ``force``.
        :returns: nothing (the API answers with no body).
        """
        self._call(self.delete_runner_resource_class, resource_class_id, params={"force": force})

    @endpoint("GET", "/api/v3/runner/tokens", confidence="cli-newer", paginated=True)
    def list_runner_tokens(
        self,
        *,
        filter_resource_class: Optional[str] = None,
        filter_resource_class_id: Optional[str] = None,
        page_cursor: Optional[str] = None,
    ) -> RunnerTokenList:
        """List the tokens of a runner resource class.

        From the reference: List tokens; exactly one of filter[resource_class] or filter[resource_class_id].

        Confidence: ``cli-newer`` (read in a CircleCI CLI newer than the mirrored one; not checked against a fake).

        :param filter_resource_class: a resource class's name, ``namespace/name``, sent as ``filter[resource_class]``.
        :param filter_resource_class_id: a resource class's id, sent as ``filter[resource_class_id]``.
        :param page_cursor: the ``page.next`` cursor of the previous page, sent as ``page[cursor]``; :meth:`iterate`
            follows it for you.
        :returns: the decoded answer, a :class:`~circleci.v3.types.RunnerTokenList`.
        """
        return self._call(
            self.list_runner_tokens,
            params={
                "filter[resource_class]": filter_resource_class,
                "filter[resource_class_id]": filter_resource_class_id,
                "page[cursor]": page_cursor,
            },
        )

    @endpoint("POST", "/api/v3/runner/tokens", confidence="cli-newer", body="envelope")
    def create_runner_token(
        self, *, nickname: Optional[str] = None, resource_class_id: Optional[str] = None
    ) -> RunnerTokenDocument:
        """Create a runner token; its secret is in this answer only.

        Confidence: ``cli-newer`` (read in a CircleCI CLI newer than the mirrored one; not checked against a fake).

        :param nickname: the ``nickname`` attribute.
        :param resource_class_id: the id of the resource class, sent as ``references.resource_class.id``.
        :returns: the decoded answer, a :class:`~circleci.v3.types.RunnerTokenDocument`.
        """
        return self._call(
            self.create_runner_token, body=envelope({"nickname": nickname}, {"resource_class": resource_class_id})
        )

    @endpoint("DELETE", "/api/v3/runner/tokens/{token_id}", confidence="cli-newer")
    def delete_runner_token(self, token_id: str) -> None:
        """Delete a runner token.

        Confidence: ``cli-newer`` (read in a CircleCI CLI newer than the mirrored one; not checked against a fake).

        :param token_id: the token's id.
        :returns: nothing (the API answers with no body).
        """
        self._call(self.delete_runner_token, token_id)

    @endpoint("GET", "/api/v3/runner/agents", confidence="cli-newer", paginated=True, max_limit=250)
    def list_runner_agents(
        self,
        *,
        filter_org_id: Optional[str] = None,
        filter_namespace: Optional[str] = None,
        filter_resource_class: Optional[str] = None,
        page_limit: Optional[int] = None,
        page_cursor: Optional[str] = None,
    ) -> RunnerAgentList:
        """List the connected runner agents of an organization, namespace or resource class.

        From the reference: List connected agents; exactly one of filter[org_id] or filter[namespace] or
        filter[resource_class]; page[limit]<=250 (default 20).

        Confidence: ``cli-newer`` (read in a CircleCI CLI newer than the mirrored one; not checked against a fake).

        :param filter_org_id: an organization's id, sent as ``filter[org_id]``.
        :param filter_namespace: a namespace's name, sent as ``filter[namespace]``.
        :param filter_resource_class: a resource class's name, ``namespace/name``, sent as ``filter[resource_class]``.
        :param page_limit: entities per page (at most 250; checked before sending), sent as ``page[limit]``.
        :param page_cursor: the ``page.next`` cursor of the previous page, sent as ``page[cursor]``; :meth:`iterate`
            follows it for you.
        :returns: the decoded answer, a :class:`~circleci.v3.types.RunnerAgentList`.
        """
        return self._call(
            self.list_runner_agents,
            params={
                "filter[org_id]": filter_org_id,
                "filter[namespace]": filter_namespace,
                "filter[resource_class]": filter_resource_class,
                "page[limit]": page_limit,
                "page[cursor]": page_cursor,
            },
        )

    @endpoint("GET", "/api/v3/runner/fleets", confidence="cli-newer", paginated=True, max_limit=250)
    def list_runner_fleets(
        self,
        *,
        filter_org_id: Optional[str] = None,
        filter_namespace: Optional[str] = None,
        filter_resource_class: Optional[str] = None,
        filter_resource_class_id: Optional[str] = None,
        page_limit: Optional[int] = None,
        page_cursor: Optional[str] = None,
    ) -> RunnerFleetList:
        """List runner fleets: per resource class, how many agents are active, idle or gone.

        From the reference: List fleets (per-resource-class summaries); exactly one scope filter; page[limit]<=250.

        Confidence: ``cli-newer`` (read in a CircleCI CLI newer than the mirrored one; not checked against a fake).

        :param filter_org_id: an organization's id, sent as ``filter[org_id]``.
        :param filter_namespace: a namespace's name, sent as ``filter[namespace]``.
        :param filter_resource_class: a resource class's name, ``namespace/name``, sent as ``filter[resource_class]``.
        :param filter_resource_class_id: a resource class's id, sent as ``filter[resource_class_id]``.
        :param page_limit: entities per page (at most 250; checked before sending), sent as ``page[limit]``.
        :param page_cursor: the ``page.next`` cursor of the previous page, sent as ``page[cursor]``; :meth:`iterate`
            follows it for you.
        :returns: the decoded answer, a :class:`~circleci.v3.types.RunnerFleetList`.
        """
        return self._call(
            self.list_runner_fleets,
            params={
                "filter[org_id]": filter_org_id,
                "filter[namespace]": filter_namespace,
                "filter[resource_class]": filter_resource_class,
                "filter[resource_class_id]": filter_resource_class_id,
                "page[limit]": page_limit,
                "page[cursor]": page_cursor,
            },
        )

    @endpoint("GET", "/api/v3/runner/fleets/{resource_class_id}", confidence="cli-newer")
    def get_runner_fleet(self, resource_class_id: str) -> RunnerFleetDocument:
        """Fetch one runner fleet, with its running and queued task counts.

        Confidence: ``cli-newer`` (read in a CircleCI CLI newer than the mirrored one; not checked against a fake).

        :param resource_class_id: the resource class's id.
        :returns: the decoded answer, a :class:`~circleci.v3.types.RunnerFleetDocument`.
        """
        return self._call(self.get_runner_fleet, resource_class_id)

    @endpoint("GET", "/api/v3/runner")
    def list_runner_instances(
        self, *, resource_class: Optional[str] = None, namespace: Optional[str] = None, org_id: Optional[str] = None
    ) -> LegacyRunnerInstanceList:
        """List connected runners (the legacy runner service: ``{"items": [...]}``).

        From the reference: List runner instances (one of resource-class or namespace or org-id required). NOT the
        v3 envelope.

        :param resource_class: sent as ``resource-class``.
        :param namespace: sent as ``namespace``.
        :param org_id: sent as ``org-id``.
        :returns: the decoded answer, a :class:`~circleci.v3.types.LegacyRunnerInstanceList`.
        """
        return self._call(
            self.list_runner_instances,
            params={"resource-class": resource_class, "namespace": namespace, "org-id": org_id},
        )

    @endpoint("GET", "/api/v3/runner/resource")
    def list_legacy_resource_classes(
        self, *, namespace: Optional[str] = None, org_id: Optional[str] = None
    ) -> LegacyResourceClassList:
        """List runner resource classes of a namespace or organization (legacy runner service).

        :param namespace: sent as ``namespace``.
        :param org_id: sent as ``org-id``.
        :returns: the decoded answer, a :class:`~circleci.v3.types.LegacyResourceClassList`.
        """
        return self._call(self.list_legacy_resource_classes, params={"namespace": namespace, "org-id": org_id})

    @endpoint("POST", "/api/v3/runner/resource", body="flat")
    def create_legacy_resource_class(
        self, *, resource_class: Optional[str] = None, description: Optional[str] = None
    ) -> LegacyResourceClass:
        """Create a runner resource class (legacy runner service).

        :param resource_class: the ``resource_class`` field.
        :param description: the ``description`` field.
        :returns: the decoded answer, a :class:`~circleci.v3.types.LegacyResourceClass`.
        """
        return self._call(
            self.create_legacy_resource_class,
            body=flat(**{"resource_class": resource_class, "description": description}),
        )

    @endpoint("DELETE", "/api/v3/runner/resource/{resource_class_id}")
    def delete_legacy_resource_class(self, resource_class_id: str) -> LegacyMessage:
        """Delete a runner resource class (legacy runner service; refused while it has tokens).

        :param resource_class_id: the resource class's id.
        :returns: the decoded answer, a :class:`~circleci.v3.types.LegacyMessage`.
        """
        return self._call(self.delete_legacy_resource_class, resource_class_id)

    @endpoint("DELETE", "/api/v3/runner/resource/{resource_class_id}/force")
    def force_delete_legacy_resource_class(self, resource_class_id: str) -> LegacyMessage:
        """Delete a runner resource class and its tokens (legacy runner service).

        :param resource_class_id: the resource class's id.
        :returns: the decoded answer, a :class:`~circleci.v3.types.LegacyMessage`.
        """
        return self._call(self.force_delete_legacy_resource_class, resource_class_id)

    @endpoint("GET", "/api/v3/runner/token")
    def list_legacy_runner_tokens(self, *, resource_class: Optional[str] = None) -> LegacyRunnerTokenList:
        """List the tokens of a runner resource class (legacy runner service).

        :param resource_class: sent as ``resource-class``.
        :returns: the decoded answer, a :class:`~circleci.v3.types.LegacyRunnerTokenList`.
        """
        return self._call(self.list_legacy_runner_tokens, params={"resource-class": resource_class})

    @endpoint("POST", "/api/v3/runner/token", body="flat")
    def create_legacy_runner_token(
        self, *, resource_class: Optional[str] = None, nickname: Optional[str] = None
    ) -> LegacyRunnerToken:
        """Create a runner token (legacy runner service; the secret is in this answer only).

        :param resource_class: the ``resource_class`` field.
        :param nickname: the ``nickname`` field.
        :returns: the decoded answer, a :class:`~circleci.v3.types.LegacyRunnerToken`.
        """
        return self._call(
            self.create_legacy_runner_token, body=flat(**{"resource_class": resource_class, "nickname": nickname})
        )

    @endpoint("DELETE", "/api/v3/runner/token/{token_id}")
    def delete_legacy_runner_token(self, token_id: str) -> LegacyMessage:
        """Delete a runner token (legacy runner service).

        :param token_id: the token's id.
        :returns: the decoded answer, a :class:`~circleci.v3.types.LegacyMessage`.
        """
        return self._call(self.delete_legacy_runner_token, token_id)

    @endpoint("GET", "/api/v3/runner/tasks", confidence="docs")
    def get_runner_unclaimed_task_count(self, *, resource_class: Optional[str] = None) -> LegacyTaskCount:
        """Count the tasks waiting for a runner of a resource class (legacy runner service).

        Confidence: ``docs`` (named in CircleCI's documentation; the shapes are less certain than for endpoints the
        CLI uses).

        :param resource_class: sent as ``resource-class``.
        :returns: the decoded answer, a :class:`~circleci.v3.types.LegacyTaskCount`.
        """
        return self._call(self.get_runner_unclaimed_task_count, params={"resource-class": resource_class})

    @endpoint("GET", "/api/v3/runner/tasks/running", confidence="docs")
    def get_runner_running_task_count(self, *, resource_class: Optional[str] = None) -> LegacyTaskCount:
        """Count the tasks running on runners of a resource class (legacy runner service).

        Confidence: ``docs`` (named in CircleCI's documentation; the shapes are less certain than for endpoints the
        CLI uses).

        :param resource_class: sent as ``resource-class``.
        :returns: the decoded answer, a :class:`~circleci.v3.types.LegacyTaskCount`.
        """
        return self._call(self.get_runner_running_task_count, params={"resource-class": resource_class})
