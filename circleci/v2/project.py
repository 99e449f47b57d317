"""Operations of the "Project" tag of the CircleCI API v2.

Projects, their checkout keys and environment variables, and their
advanced settings. Most operations take a project slug: ``gh/org/repo``,
``bb/org/repo`` or, for GitHub App and GitLab projects,
``circleci/<org-id>/<project-id>``; its ``/`` are kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from .._args import query
from ._operation import V2Operations, operation

if TYPE_CHECKING:
    from .types import (
        CheckoutKey,
        EnvironmentVariable,
        MessageResponse,
        Page,
        PatchProjectSettingsBodyAdvanced,
        Project,
        ProjectSettings,
    )


class ProjectOperations(V2Operations):
    """Operations of the "Project" tag; part of :class:`~circleci.v2.ApiV2`."""

    @operation("createProject", "POST", "/organization/{org-slug-or-id}/project")
    def create_project(self, org_slug_or_id: str, *, name: str) -> Project:
        """Create a project in an organization.

        :param org_slug_or_id: the organization's slug (``gh/org``,
            ``circleci/<org-id>``) or its UUID.
        :param name: the project's name (required).
        :returns: the new project: ``slug``, ``name``, ``id``, ...
        """
        body = query(name=name)
        return self._call(self.create_project, org_slug_or_id, body=body)

    @operation("getProjectBySlug", "GET", "/project/{project-slug}")
    def get_project_by_slug(self, project_slug: str) -> Project:
        """Fetch a project.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :returns: the project: ``slug``, ``name``, ``id``, ``organization_id``, ``vcs_info``, ...
        """
        return self._call(self.get_project_by_slug, project_slug)

    @operation("deleteProjectBySlug", "DELETE", "/project/{project-slug}")
    def delete_project_by_slug(self, project_slug: str) -> MessageResponse:
        """Delete a project and everything CircleCI keeps about it.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :returns: ``{"message": ...}``.
        """
        return self._call(self.delete_project_by_slug, project_slug)

    @operation("listCheckoutKeys", "GET", "/project/{project-slug}/checkout-key", paginated=True)
    def list_checkout_keys(
        self, project_slug: str, *, digest: Optional[str] = None, page_token: Optional[str] = None
    ) -> Page[CheckoutKey]:
        """List a project's checkout keys.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param digest: how fingerprints are written: ``"sha256"`` or ``"md5"``.
        :param page_token: the ``next_page_token`` of the previous page.
        :returns: a page, ``{"items": [...], "next_page_token": ...}``.
        """
        params = query(digest=digest, **{"page-token": page_token})
        return self._call(self.list_checkout_keys, project_slug, params=params)

    @operation("createCheckoutKey", "POST", "/project/{project-slug}/checkout-key")
    def create_checkout_key(self, project_slug: str, *, type: str) -> CheckoutKey:
        """Create a checkout key for a project.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param type: ``"deploy-key"`` (read access to this repository) or
            ``"user-key"`` (the token owner's access) (required).
        :returns: the key: ``public-key``, ``fingerprint``, ``type``, ...
        """
        body = query(type=type)
        return self._call(self.create_checkout_key, project_slug, body=body)

    @operation("getCheckoutKey", "GET", "/project/{project-slug}/checkout-key/{fingerprint}")
    def get_checkout_key(self, project_slug: str, fingerprint: str) -> CheckoutKey:
        """Fetch one checkout key of a project.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param fingerprint: the key's fingerprint (MD5 or SHA-256).
        :returns: the key.
        """
        return self._call(self.get_checkout_key, project_slug, fingerprint)

    @operation("deleteCheckoutKey", "DELETE", "/project/{project-slug}/checkout-key/{fingerprint}")
    def delete_checkout_key(self, project_slug: str, fingerprint: str) -> MessageResponse:
        """Delete a checkout key of a project.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param fingerprint: the key's fingerprint (MD5 or SHA-256).
        :returns: ``{"message": ...}``.
        """
        return self._call(self.delete_checkout_key, project_slug, fingerprint)

    @operation("listEnvVars", "GET", "/project/{project-slug}/envvar", paginated=True)
    def list_env_vars(self, project_slug: str, *, page_token: Optional[str] = None) -> Page[EnvironmentVariable]:
        """List a project's environment variables, values masked.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param page_token: the ``next_page_token`` of the previous page.
        :returns: a page, ``{"items": [...], "next_page_token": ...}``.
        """
        params = query(**{"page-token": page_token})
        return self._call(self.list_env_vars, project_slug, params=params)

    @operation("createEnvVar", "POST", "/project/{project-slug}/envvar")
    def create_env_var(self, project_slug: str, *, name: str, value: str) -> EnvironmentVariable:
        """Add an environment variable to a project, or replace one of the same name.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param name: the variable's name (required).
        :param value: its value (required).
        :returns: the variable, value masked.
        """
        body = query(name=name, value=value)
        return self._call(self.create_env_var, project_slug, body=body)

    @operation("getEnvVar", "GET", "/project/{project-slug}/envvar/{name}")
    def get_env_var(self, project_slug: str, name: str) -> EnvironmentVariable:
        """Fetch one environment variable of a project, value masked.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param name: the variable's name.
        :returns: the variable: ``name``, ``value`` (masked), ``created-at``.
        """
        return self._call(self.get_env_var, project_slug, name)

    @operation("deleteEnvVar", "DELETE", "/project/{project-slug}/envvar/{name}")
    def delete_env_var(self, project_slug: str, name: str) -> MessageResponse:
        """Delete an environment variable of a project.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param name: the variable's name.
        :returns: ``{"message": ...}``.
        """
        return self._call(self.delete_env_var, project_slug, name)

    @operation("createProject1", "POST", "/project/{provider}/{organization}/{project}")
    def create_project_from_repo(self, provider: str, organization: str, project: str) -> ProjectSettings:
        """Start building a repository on CircleCI (operationId ``createProject1``; deprecated by CircleCI).

        CircleCI replaces this operation with :meth:`create_project`, and its
        current spec (2026-08) no longer lists it; it is kept because scripts
        use it and it may still answer. The repository needs a default branch
        with a ``.circleci/config.yml``.

        :param provider: ``"gh"``, ``"github"``, ``"bb"``, ``"bitbucket"`` or ``"circleci"``.
        :param organization: the organization (or user) that owns the repository.
        :param project: the repository's name.
        :returns: the project's advanced settings, ``{"advanced": {...}}``.
        """
        return self._call(self.create_project_from_repo, provider, organization, project)

    @operation("getProjectSettings", "GET", "/project/{provider}/{organization}/{project}/settings")
    def get_project_settings(self, provider: str, organization: str, project: str) -> ProjectSettings:
        """Read a project's advanced settings.

        :param provider: ``"gh"``, ``"github"``, ``"bb"``, ``"bitbucket"`` or ``"circleci"``.
        :param organization: the organization's name (or id, for ``circleci``).
        :param project: the project's name (or id, for ``circleci``).
        :returns: ``{"advanced": {"autocancel_builds": bool, ...}}``.
        """
        return self._call(self.get_project_settings, provider, organization, project)

    @operation("patchProjectSettings", "PATCH", "/project/{provider}/{organization}/{project}/settings")
    def patch_project_settings(
        self,
        provider: str,
        organization: str,
        project: str,
        *,
        advanced: Optional[PatchProjectSettingsBodyAdvanced] = None,
    ) -> ProjectSettings:
        """Change some of a project's advanced settings.

        :param provider: ``"gh"``, ``"github"``, ``"bb"``, ``"bitbucket"`` or ``"circleci"``.
        :param organization: the organization's name (or id, for ``circleci``).
        :param project: the project's name (or id, for ``circleci``).
        :param advanced: the settings to change, e.g. ``{"autocancel_builds": True}``;
            settings left out keep their value.
        :returns: the settings after the change, ``{"advanced": {...}}``.
        """
        body = query(advanced=advanced)
        return self._call(self.patch_project_settings, provider, organization, project, body=body)
