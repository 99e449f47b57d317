"""Deploy and iOS signing: endpoints of CircleCI's API v3."""

from __future__ import annotations

from typing import Any, Optional

from ._base import V3Client
from ._endpoint import endpoint, envelope, flat
from .types import (
    DeployComponentDocument,
    DeployComponentList,
    DeployComponentVersionList,
    DeployEnvironmentDocument,
    DeployEnvironmentList,
    DeploymentList,
    DeploySettingsDocument,
    IdDocument,
    SigningCertificateDocument,
    SigningCertificateList,
    SigningConfigList,
)


class DeployOperations(V3Client):
    """Deploy and iOS signing; part of :class:`~circleci.v3.ApiV3`."""

    @endpoint("GET", "/api/v3/deploy/deployments", paginated=True)
    def list_deployments(
        self,
        *,
        filter_org_id: Optional[str] = None,
        filter_project_id: Optional[str] = None,
        page_limit: Optional[int] = None,
        page_cursor: Optional[str] = None,
    ) -> DeploymentList:
        """List an organization's deployments, optionally of one project.

        :param filter_org_id: an organization's id, sent as ``filter[org_id]``.
        :param filter_project_id: a project's id, sent as ``filter[project_id]``.
        :param page_limit: entities per page (1 or more; checked before sending), sent as ``page[limit]``.
        :param page_cursor: the ``page.next`` cursor of the previous page, sent as ``page[cursor]``; :meth:`iterate`
            follows it for you.
        :returns: the decoded answer, a :class:`~circleci.v3.types.DeploymentList`.
        """
        return self._call(
            self.list_deployments,
            params={
                "filter[org_id]": filter_org_id,
                "filter[project_id]": filter_project_id,
                "page[limit]": page_limit,
                "page[cursor]": page_cursor,
            },
        )

    @endpoint("GET", "/api/v3/deploy/environments", paginated=True)
    def list_deploy_environments(
        self,
        *,
        filter_org_id: Optional[str] = None,
        page_limit: Optional[int] = None,
        page_cursor: Optional[str] = None,
    ) -> DeployEnvironmentList:
        """List an organization's deploy environments.

        :param filter_org_id: an organization's id, sent as ``filter[org_id]``.
        :param page_limit: entities per page (1 or more; checked before sending), sent as ``page[limit]``.
        :param page_cursor: the ``page.next`` cursor of the previous page, sent as ``page[cursor]``; :meth:`iterate`
            follows it for you.
        :returns: the decoded answer, a :class:`~circleci.v3.types.DeployEnvironmentList`.
        """
        return self._call(
            self.list_deploy_environments,
            params={"filter[org_id]": filter_org_id, "page[limit]": page_limit, "page[cursor]": page_cursor},
        )

    @endpoint("GET", "/api/v3/deploy/environments/{environment_id}")
    def get_deploy_environment(self, environment_id: str) -> DeployEnvironmentDocument:
        """Fetch one deploy environment.

        :param environment_id: the environment's id.
        :returns: the decoded answer, a :class:`~circleci.v3.types.DeployEnvironmentDocument`.
        """
        return self._call(self.get_deploy_environment, environment_id)

    @endpoint("GET", "/api/v3/deploy/components", paginated=True)
    def list_deploy_components(
        self,
        *,
        filter_org_id: Optional[str] = None,
        filter_project_id: Optional[str] = None,
        page_limit: Optional[int] = None,
        page_cursor: Optional[str] = None,
    ) -> DeployComponentList:
        """List an organization's deploy components, optionally of one project.

        :param filter_org_id: an organization's id, sent as ``filter[org_id]``.
        :param filter_project_id: a project's id, sent as ``filter[project_id]``.
        :param page_limit: entities per page (1 or more; checked before sending), sent as ``page[limit]``.
        :param page_cursor: the ``page.next`` cursor of the previous page, sent as ``page[cursor]``; :meth:`iterate`
            follows it for you.
        :returns: the decoded answer, a :class:`~circleci.v3.types.DeployComponentList`.
        """
        return self._call(
            self.list_deploy_components,
            params={
                "filter[org_id]": filter_org_id,
                "filter[project_id]": filter_project_id,
                "page[limit]": page_limit,
                "page[cursor]": page_cursor,
            },
        )

    @endpoint("GET", "/api/v3/deploy/components/{component_id}")
    def get_deploy_component(self, component_id: str) -> DeployComponentDocument:
        """Fetch one deploy component.

        :param component_id: the component's id.
        :returns: the decoded answer, a :class:`~circleci.v3.types.DeployComponentDocument`.
        """
        return self._call(self.get_deploy_component, component_id)

    @endpoint("GET", "/api/v3/deploy/components/{component_id}/versions", paginated=True)
    def list_deploy_component_versions(
        self,
        component_id: str,
        *,
        filter_environment_id: Optional[str] = None,
        page_limit: Optional[int] = None,
        page_cursor: Optional[str] = None,
    ) -> DeployComponentVersionList:
        """List the versions of a deploy component, optionally in one environment.

        :param component_id: the component's id.
        :param filter_environment_id: a deploy environment's id, sent as ``filter[environment_id]``.
        :param page_limit: entities per page (1 or more; checked before sending), sent as ``page[limit]``.
        :param page_cursor: the ``page.next`` cursor of the previous page, sent as ``page[cursor]``; :meth:`iterate`
            follows it for you.
        :returns: the decoded answer, a :class:`~circleci.v3.types.DeployComponentVersionList`.
        """
        return self._call(
            self.list_deploy_component_versions,
            component_id,
            params={
                "filter[environment_id]": filter_environment_id,
                "page[limit]": page_limit,
                "page[cursor]": page_cursor,
            },
        )

    @endpoint("GET", "/api/v3/deploy/settings")
    def get_deploy_settings(self, *, filter_project_id: Optional[str] = None) -> DeploySettingsDocument:
        """Fetch a project's deploy settings.

        :param filter_project_id: a project's id, sent as ``filter[project_id]``.
        :returns: the decoded answer, a :class:`~circleci.v3.types.DeploySettingsDocument`.
        """
        return self._call(self.get_deploy_settings, params={"filter[project_id]": filter_project_id})

    @endpoint("GET", "/api/v3/signing/certificates", paginated=True)
    def list_signing_certificates(
        self, *, filter_org_id: Optional[str] = None, page_cursor: Optional[str] = None
    ) -> SigningCertificateList:
        """List an organization's iOS signing certificates.

        :param filter_org_id: an organization's id, sent as ``filter[org_id]``.
        :param page_cursor: the ``page.next`` cursor of the previous page, sent as ``page[cursor]``; :meth:`iterate`
            follows it for you.
        :returns: the decoded answer, a :class:`~circleci.v3.types.SigningCertificateList`.
        """
        return self._call(
            self.list_signing_certificates, params={"filter[org_id]": filter_org_id, "page[cursor]": page_cursor}
        )

    @endpoint("POST", "/api/v3/signing/certificates", body="envelope")
    def create_signing_certificate(
        self,
        *,
        file_name: Optional[str] = None,
        cert_blob: Optional[str] = None,
        cert_password: Optional[str] = None,
        org_id: Optional[str] = None,
    ) -> IdDocument:
        """Upload an iOS signing certificate (a base64 .p12); only its id comes back.

        :param file_name: the ``file_name`` attribute.
        :param cert_blob: the ``cert_blob`` attribute.
        :param cert_password: the ``cert_password`` attribute.
        :param org_id: the id of the org, sent as ``references.org.id``.
        :returns: the decoded answer, a :class:`~circleci.v3.types.IdDocument`.
        """
        return self._call(
            self.create_signing_certificate,
            body=envelope(
                {"file_name": file_name, "cert_blob": cert_blob, "cert_password": cert_password}, {"org": org_id}
            ),
        )

    @endpoint("GET", "/api/v3/signing/certificates/{certificate_id}", confidence="third-party")
    def get_signing_certificate(self, certificate_id: str) -> SigningCertificateDocument:
        """Fetch one iOS signing certificate.

        Confidence: ``third-party`` (known from a client outside CircleCI's CLI, such as its Terraform provider;
        spec and service may differ).

        :param certificate_id: the certificate's id.
        :returns: the decoded answer, a :class:`~circleci.v3.types.SigningCertificateDocument`.
        """
        return self._call(self.get_signing_certificate, certificate_id)

    @endpoint("DELETE", "/api/v3/signing/certificates/{certificate_id}")
    def delete_signing_certificate(self, certificate_id: str) -> None:
        """Delete an iOS signing certificate (refused while a signing config uses it).

        :param certificate_id: the certificate's id.
        :returns: nothing (the API answers with no body).
        """
        self._call(self.delete_signing_certificate, certificate_id)

    @endpoint("GET", "/api/v3/signing/configs", paginated=True)
    def list_signing_configs(
        self, *, filter_org_id: Optional[str] = None, page_cursor: Optional[str] = None
    ) -> SigningConfigList:
        """List an organization's iOS signing configs.

        :param filter_org_id: an organization's id, sent as ``filter[org_id]``.
        :param page_cursor: the ``page.next`` cursor of the previous page, sent as ``page[cursor]``; :meth:`iterate`
            follows it for you.
        :returns: the decoded answer, a :class:`~circleci.v3.types.SigningConfigList`.
        """
        return self._call(
            self.list_signing_configs, params={"filter[org_id]": filter_org_id, "page[cursor]": page_cursor}
        )

    @endpoint("POST", "/api/v3/signing/configs", body="envelope")
    def create_signing_config(
        self,
        *,
        name: Optional[str] = None,
        provisioning_profiles: Optional[list[dict[str, Any]]] = None,
        org_id: Optional[str] = None,
        signing_certificate_id: Optional[str] = None,
    ) -> IdDocument:
        """Create an iOS signing config from a certificate and provisioning profiles; only its id comes back.

        From the reference: Create a signing config (certificate + provisioning profiles); answers only the new id;
        409 on duplicate name.

        :param name: the ``name`` attribute.
        :param provisioning_profiles: the ``provisioning_profiles`` attribute.
        :param org_id: the id of the org, sent as ``references.org.id``.
        :param signing_certificate_id: the id of the signing certificate, sent as
            ``references.signing_certificate.id``.
        :returns: the decoded answer, a :class:`~circleci.v3.types.IdDocument`.
        """
        return self._call(
            self.create_signing_config,
            body=envelope(
                {"name": name, "provisioning_profiles": provisioning_profiles},
                {"org": org_id, "signing_certificate": signing_certificate_id},
            ),
        )

    @endpoint("DELETE", "/api/v3/signing/configs/{config_id}")
    def delete_signing_config(self, config_id: str) -> None:
        """Delete an iOS signing config.

        :param config_id: the config's id.
        :returns: nothing (the API answers with no body).
        """
        self._call(self.delete_signing_config, config_id)

    @endpoint("POST", "/api/v3/signing/configs/{config_id}/update-profile", body="flat")
    def update_signing_config_profile(
        self, config_id: str, *, file_name: Optional[str] = None, blob: Optional[str] = None
    ) -> None:
        """Add a provisioning profile to a signing config, or replace the one it matches.

        From the reference: Add or replace (by bundle id + profile type) a provisioning profile (FLAT body).

        :param config_id: the config's id.
        :param file_name: the ``file_name`` field.
        :param blob: the ``blob`` field.
        :returns: nothing (the API answers with no body).
        """
        self._call(
            self.update_signing_config_profile,
            config_id,
            body=flat(**{"file_name": file_name, "blob": blob}),
        )

    @endpoint("POST", "/api/v3/signing/configs/{config_id}/remove-profile", body="flat")
    def remove_signing_config_profile(self, config_id: str, *, profile_id: Optional[str] = None) -> None:
        """Remove a provisioning profile from a signing config (an absent one is not an error).

        From the reference: Remove a provisioning profile; absent profile is still 204 (FLAT body).

        :param config_id: the config's id.
        :param profile_id: the ``profile_id`` field.
        :returns: nothing (the API answers with no body).
        """
        self._call(self.remove_signing_config_profile, config_id, body=flat(**{"profile_id": profile_id}))
