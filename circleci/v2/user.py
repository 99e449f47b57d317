"""Operations of the "User" tag of the CircleCI API v2."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._operation import V2Operations, operation

if TYPE_CHECKING:
    from .types import Collaboration, User


class UserOperations(V2Operations):
    """Operations of the "User" tag; part of :class:`~circleci.v2.ApiV2`."""

    @operation("getCurrentUser", "GET", "/me")
    def get_current_user(self) -> User:
        """Fetch the user the token belongs to.

        :returns: ``{"id": ..., "login": ..., "name": ...}``.
        """
        return self._call(self.get_current_user)

    @operation("getCollaborations", "GET", "/me/collaborations")
    def get_collaborations(self) -> list[Collaboration]:
        """List the organizations the token's user belongs to.

        :returns: a list of organizations with ``id``, ``slug``, ``name`` and ``vcs-type``.
        """
        return self._call(self.get_collaborations)

    @operation("getUser", "GET", "/user/{id}")
    def get_user(self, user_id: str) -> User:
        """Fetch a user by id.

        :param user_id: the user's UUID.
        :returns: ``{"id": ..., "login": ..., "name": ...}``.
        """
        return self._call(self.get_user, user_id)
