"""Operations of the "Project" tag of the CircleCI API v2.

Projects, their checkout keys and environment variables, and their
advanced settings. Most operations take a project slug: ``gh/org/repo``,
``bb/org/repo`` or, for GitHub App and GitLab projects,
``circleci/<org-id>/<project-id>``; its ``/`` are kept.
"""

from __future__ import annotations

from typing import Any, Optional

from .._args import query, required, segment, slug
from .._client import BaseClient
from ._operation import operation


def _project_path(project_slug: str, *rest: str) -> str:
    """``project/<slug>[/rest...]``; items of ``rest`` must be encoded already."""
    return "/".join(["project", slug(project_slug), *rest])


def _repo_path(provider: str, organization: str, project: str, *rest: str) -> str:
    """``project/<provider>/<organization>/<project>[/rest...]``, each part encoded."""
    parts = [segment(provider, "provider"), segment(organization, "organization"), segment(project, "project")]
    return "/".join(["project", *parts, *rest])


class ProjectOperations(BaseClient):
    """Operations of the "Project" tag; part of :class:`~circleci.v2.ApiV2`."""

    @operation("createProject", "POST", "/organization/{org-slug-or-id}/project")
    def create_project(self, org_slug_or_id: str, *, name: str) -> Any:
        """Create a project in an organization.

        :param org_slug_or_id: the organization's slug (``gh/org``,
            ``circleci/<org-id>``) or its UUID.
        :param name: the project's name (required).
        :returns: the new project: ``slug``, ``name``, ``id``, ...

        Endpoint: ``POST /organization/{org-slug-or-id}/project``
        """
        body = query(name=required(name, "name"))
        return self._request("POST", f"organization/{slug(org_slug_or_id, 'org_slug_or_id')}/project", body)

    @operation("getProjectBySlug", "GET", "/project/{project-slug}")
    def get_project_by_slug(self, project_slug: str) -> Any:
        """Fetch a project.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :returns: the project: ``slug``, ``name``, ``id``, ``organization_id``, ``vcs_info``, ...

        Endpoint: ``GET /project/{project-slug}``
        """
        return self._request("GET", _project_path(project_slug))

    @operation("deleteProjectBySlug", "DELETE", "/project/{project-slug}")
    def delete_project_by_slug(self, project_slug: str) -> Any:
        """Delete a project and everything CircleCI keeps about it.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :returns: ``{"message": ...}``.

        Endpoint: ``DELETE /project/{project-slug}``
        """
        return self._request("DELETE", _project_path(project_slug))

    @operation("listCheckoutKeys", "GET", "/project/{project-slug}/checkout-key", paginated=True)
    def list_checkout_keys(
        self, project_slug: str, *, digest: Optional[str] = None, page_token: Optional[str] = None
    ) -> Any:
        """List a project's checkout keys.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param digest: how fingerprints are written: ``"sha256"`` or ``"md5"``.
        :param page_token: the ``next_page_token`` of the previous page.
        :returns: a page, ``{"items": [...], "next_page_token": ...}``.

        Endpoint: ``GET /project/{project-slug}/checkout-key``
        """
        params = query(digest=digest, **{"page-token": page_token})
        return self._request("GET", _project_path(project_slug, "checkout-key"), params=params)

    @operation("createCheckoutKey", "POST", "/project/{project-slug}/checkout-key")
    def create_checkout_key(self, project_slug: str, *, type: str) -> Any:
        """Create a checkout key for a project.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param type: ``"deploy-key"`` (read access to this repository) or
            ``"user-key"`` (the token owner's access) (required).
        :returns: the key: ``public-key``, ``fingerprint``, ``type``, ...

        Endpoint: ``POST /project/{project-slug}/checkout-key``
        """
        body = query(type=required(type, "type"))
        return self._request("POST", _project_path(project_slug, "checkout-key"), body)

    @operation("getCheckoutKey", "GET", "/project/{project-slug}/checkout-key/{fingerprint}")
    def get_checkout_key(self, project_slug: str, fingerprint: str) -> Any:
        """Fetch one checkout key of a project.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param fingerprint: the key's fingerprint (MD5 or SHA-256).
        :returns: the key.

        Endpoint: ``GET /project/{project-slug}/checkout-key/{fingerprint}``
        """
        return self._request("GET", _project_path(project_slug, "checkout-key", segment(fingerprint, "fingerprint")))

    @operation("deleteCheckoutKey", "DELETE", "/project/{project-slug}/checkout-key/{fingerprint}")
    def delete_checkout_key(self, project_slug: str, fingerprint: str) -> Any:
        """Delete a checkout key of a project.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param fingerprint: the key's fingerprint (MD5 or SHA-256).
        :returns: ``{"message": ...}``.

        Endpoint: ``DELETE /project/{project-slug}/checkout-key/{fingerprint}``
        """
        path = _project_path(project_slug, "checkout-key", segment(fingerprint, "fingerprint"))
        return self._request("DELETE", path)

    @operation("listEnvVars", "GET", "/project/{project-slug}/envvar", paginated=True)
    def list_env_vars(self, project_slug: str, *, page_token: Optional[str] = None) -> Any:
        """List a project's environment variables, values masked.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param page_token: the ``next_page_token`` of the previous page.
        :returns: a page, ``{"items": [...], "next_page_token": ...}``.

        Endpoint: ``GET /project/{project-slug}/envvar``
        """
        params = query(**{"page-token": page_token})
        return self._request("GET", _project_path(project_slug, "envvar"), params=params)

    @operation("createEnvVar", "POST", "/project/{project-slug}/envvar")
    def create_env_var(self, project_slug: str, *, name: str, value: str) -> Any:
        """Add an environment variable to a project, or replace one of the same name.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param name: the variable's name (required).
        :param value: its value (required).
        :returns: the variable, value masked.

        Endpoint: ``POST /project/{project-slug}/envvar``
        """
        body = query(name=required(name, "name"), value=required(value, "value"))
        return self._request("POST", _project_path(project_slug, "envvar"), body)

    @operation("getEnvVar", "GET", "/project/{project-slug}/envvar/{name}")
    def get_env_var(self, project_slug: str, name: str) -> Any:
        """Fetch one environment variable of a project, value masked.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param name: the variable's name.
        :returns: the variable: ``name``, ``value`` (masked), ``created-at``.

        Endpoint: ``GET /project/{project-slug}/envvar/{name}``
        """
        return self._request("GET", _project_path(project_slug, "envvar", segment(name, "name")))

    @operation("deleteEnvVar", "DELETE", "/project/{project-slug}/envvar/{name}")
    def delete_env_var(self, project_slug: str, name: str) -> Any:
        """Delete an environment variable of a project.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param name: the variable's name.
        :returns: ``{"message": ...}``.

        Endpoint: ``DELETE /project/{project-slug}/envvar/{name}``
        """
        return self._request("DELETE", _project_path(project_slug, "envvar", segment(name, "name")))

    @operation("createProject1", "POST", "/project/{provider}/{organization}/{project}")
    def create_project_from_repo(self, provider: str, organization: str, project: str) -> Any:
        """Start building a repository on CircleCI (operationId ``createProject1``; deprecated by CircleCI).

        CircleCI replaces this operation with :meth:`create_project`. The
        repository needs a default branch with a ``.circleci/config.yml``.

        :param provider: ``"gh"``, ``"github"``, ``"bb"``, ``"bitbucket"`` or ``"circleci"``.
        :param organization: the organization (or user) that owns the repository.
        :param project: the repository's name.
        :returns: the project's advanced settings, ``{"advanced": {...}}``.

        Endpoint: ``POST /project/{provider}/{organization}/{project}``
        """
        return self._request("POST", _repo_path(provider, organization, project))

    @operation("getProjectSettings", "GET", "/project/{provider}/{organization}/{project}/settings")
    def get_project_settings(self, provider: str, organization: str, project: str) -> Any:
        """Read a project's advanced settings (an experimental operation).

        :param provider: ``"gh"``, ``"github"``, ``"bb"``, ``"bitbucket"`` or ``"circleci"``.
        :param organization: the organization's name (or id, for ``circleci``).
        :param project: the project's name (or id, for ``circleci``).
        :returns: ``{"advanced": {"autocancel_builds": bool, ...}}``.

        Endpoint: ``GET /project/{provider}/{organization}/{project}/settings``
        """
        return self._request("GET", _repo_path(provider, organization, project, "settings"))

    @operation("patchProjectSettings", "PATCH", "/project/{provider}/{organization}/{project}/settings")
    def patch_project_settings(
        self, provider: str, organization: str, project: str, *, advanced: Optional[dict[str, Any]] = None
    ) -> Any:
        """Change some of a project's advanced settings (an experimental operation).

        :param provider: ``"gh"``, ``"github"``, ``"bb"``, ``"bitbucket"`` or ``"circleci"``.
        :param organization: the organization's name (or id, for ``circleci``).
        :param project: the project's name (or id, for ``circleci``).
        :param advanced: the settings to change, e.g. ``{"autocancel_builds": True}``;
            settings left out keep their value.
        :returns: the settings after the change, ``{"advanced": {...}}``.

        Endpoint: ``PATCH /project/{provider}/{organization}/{project}/settings``
        """
        body = query(advanced=advanced)
        return self._request("PATCH", _repo_path(provider, organization, project, "settings"), body)
