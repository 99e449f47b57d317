"""Operations of the "User" tag of the CircleCI API v2."""

from __future__ import annotations

from typing import Any

from .._args import segment
from .._client import BaseClient
from ._operation import operation


class UserOperations(BaseClient):
    """Operations of the "User" tag; part of :class:`~circleci.v2.ApiV2`."""

    @operation("getCurrentUser", "GET", "/me")
    def get_current_user(self) -> Any:
        """Fetch the user the token belongs to.

        :returns: ``{"id": ..., "login": ..., "name": ...}``.

        Endpoint: ``GET /me``
        """
        return self._request("GET", "me")

    @operation("getCollaborations", "GET", "/me/collaborations")
    def get_collaborations(self) -> Any:
        """List the organizations the token's user belongs to.

        :returns: a list of organizations with ``id``, ``slug``, ``name`` and ``vcs-type``.

        Endpoint: ``GET /me/collaborations``
        """
        return self._request("GET", "me/collaborations")

    @operation("getUser", "GET", "/user/{id}")
    def get_user(self, user_id: str) -> Any:
        """Fetch a user by id.

        :param user_id: the user's UUID.
        :returns: ``{"id": ..., "login": ..., "name": ...}``.

        Endpoint: ``GET /user/{id}``
        """
        return self._request("GET", f"user/{segment(user_id, 'user_id')}")
