"""Namespaces, orbs, functions and the catalog: endpoints of CircleCI's API v3."""

from __future__ import annotations

from typing import Optional

from ._base import V3Client
from ._endpoint import endpoint, envelope, flat
from .types import (
    CatalogOfferingsDocument,
    FunctionPackageList,
    NamespaceDocument,
    OrbCategoryList,
    OrbPackageDocument,
    OrbPackageList,
    OrbValidationDocument,
    OrbVersionDocument,
    OrbVersionList,
)


class OrbOperations(V3Client):
    """Namespaces, orbs, functions and the catalog; part of :class:`~circleci.v3.ApiV3`."""

    @endpoint("GET", "/api/v3/namespaces")
    def get_namespace_by_name(self, *, filter_name: Optional[str] = None) -> NamespaceDocument:
        """Look up one orb namespace by name (a single entity; 404 when there is none).

        From the reference: Look up ONE namespace by name: answers a single entity (not a list), 404 when absent.

        :param filter_name: a name, sent as ``filter[name]``.
        :returns: the decoded answer, a :class:`~circleci.v3.types.NamespaceDocument`.
        """
        return self._call(self.get_namespace_by_name, params={"filter[name]": filter_name})

    @endpoint("GET", "/api/v3/namespaces/{namespace_id}")
    def get_namespace(self, namespace_id: str) -> NamespaceDocument:
        """Fetch one orb namespace.

        :param namespace_id: the namespace's id.
        :returns: the decoded answer, a :class:`~circleci.v3.types.NamespaceDocument`.
        """
        return self._call(self.get_namespace, namespace_id)

    @endpoint("POST", "/api/v3/namespaces", body="flat")
    def create_namespace(self, *, name: Optional[str] = None, org_id: Optional[str] = None) -> NamespaceDocument:
        """Create an orb namespace for an organization.

        :param name: the ``name`` field.
        :param org_id: the ``org_id`` field.
        :returns: the decoded answer, a :class:`~circleci.v3.types.NamespaceDocument`.
        """
        return self._call(self.create_namespace, body=flat(**{"name": name, "org_id": org_id}))

    @endpoint("POST", "/api/v3/namespaces/{namespace_id}/rename", body="flat")
    def rename_namespace(self, namespace_id: str, *, name: Optional[str] = None) -> NamespaceDocument:
        """Rename an orb namespace.

        :param namespace_id: the namespace's id.
        :param name: the ``name`` field.
        :returns: the decoded answer, a :class:`~circleci.v3.types.NamespaceDocument`.
        """
        return self._call(self.rename_namespace, namespace_id, body=flat(**{"name": name}))

    @endpoint("DELETE", "/api/v3/namespaces/{namespace_id}")
    def delete_namespace(self, namespace_id: str) -> None:
        """Delete an orb namespace and its orbs.

        :param namespace_id: the namespace's id.
        :returns: nothing (the API answers with no body).
        """
        self._call(self.delete_namespace, namespace_id)

    @endpoint("GET", "/api/v3/orb/packages", paginated=True, max_limit=1000)
    def list_orb_packages(
        self,
        *,
        filter_namespace_id: Optional[str] = None,
        filter_name: Optional[str] = None,
        filter_certified: Optional[bool] = None,
        filter_visibility: Optional[str] = None,
        page_limit: Optional[int] = None,
        page_cursor: Optional[str] = None,
    ) -> OrbPackageList:
        """List orbs, or look one up by its full name with ``filter_name`` (``ns/orb``).

        From the reference: List orbs; filter[name] ('ns/orb') is an exact, unpaginated lookup overriding other
        filters; page[limit]<=1000.

        :param filter_namespace_id: a namespace's id, sent as ``filter[namespace_id]``.
        :param filter_name: a name, sent as ``filter[name]``.
        :param filter_certified: ``True`` for certified orbs only, sent as ``filter[certified]``.
        :param filter_visibility: ``private`` or ``public`` (with ``filter_namespace_id``), sent as
            ``filter[visibility]``.
        :param page_limit: entities per page (at most 1000; checked before sending), sent as ``page[limit]``.
        :param page_cursor: the ``page.next`` cursor of the previous page, sent as ``page[cursor]``; :meth:`iterate`
            follows it for you.
        :returns: the decoded answer, a :class:`~circleci.v3.types.OrbPackageList`.
        """
        return self._call(
            self.list_orb_packages,
            params={
                "filter[namespace_id]": filter_namespace_id,
                "filter[name]": filter_name,
                "filter[certified]": filter_certified,
                "filter[visibility]": filter_visibility,
                "page[limit]": page_limit,
                "page[cursor]": page_cursor,
            },
        )

    @endpoint("POST", "/api/v3/orb/packages", body="envelope")
    def create_orb_package(
        self, *, name: Optional[str] = None, is_private: Optional[bool] = None, namespace_id: Optional[str] = None
    ) -> OrbPackageDocument:
        """Create an orb in a namespace (its bare name, without the namespace).

        :param name: the ``name`` attribute.
        :param is_private: the ``is_private`` attribute.
        :param namespace_id: the id of the namespace, sent as ``references.namespace.id``.
        :returns: the decoded answer, a :class:`~circleci.v3.types.OrbPackageDocument`.
        """
        return self._call(
            self.create_orb_package,
            body=envelope({"name": name, "is_private": is_private}, {"namespace": namespace_id}),
        )

    @endpoint("GET", "/api/v3/orb/packages/{orb_id}")
    def get_orb_package(self, orb_id: str) -> OrbPackageDocument:
        """Fetch one orb, with its latest versions and categories.

        :param orb_id: the orb's id.
        :returns: the decoded answer, a :class:`~circleci.v3.types.OrbPackageDocument`.
        """
        return self._call(self.get_orb_package, orb_id)

    @endpoint("POST", "/api/v3/orb/packages/validate", body="flat")
    def validate_orb(self, *, yaml: Optional[str] = None, org_id: Optional[str] = None) -> OrbValidationDocument:
        """Validate an orb's YAML.

        :param yaml: the ``yaml`` field.
        :param org_id: the ``org_id`` field.
        :returns: the decoded answer, a :class:`~circleci.v3.types.OrbValidationDocument`.
        """
        return self._call(self.validate_orb, body=flat(**{"yaml": yaml, "org_id": org_id}))

    @endpoint("POST", "/api/v3/orb/packages/process", body="flat")
    def process_orb(self, *, yaml: Optional[str] = None, org_id: Optional[str] = None) -> OrbValidationDocument:
        """Validate an orb's YAML and expand it.

        :param yaml: the ``yaml`` field.
        :param org_id: the ``org_id`` field.
        :returns: the decoded answer, a :class:`~circleci.v3.types.OrbValidationDocument`.
        """
        return self._call(self.process_orb, body=flat(**{"yaml": yaml, "org_id": org_id}))

    @endpoint("POST", "/api/v3/orb/packages/{orb_id}/set-listed", body="flat")
    def set_orb_listed(self, orb_id: str, *, is_listed: Optional[bool] = None) -> OrbPackageDocument:
        """Show or hide an orb in the public registry.

        :param orb_id: the orb's id.
        :param is_listed: the ``is_listed`` field.
        :returns: the decoded answer, a :class:`~circleci.v3.types.OrbPackageDocument`.
        """
        return self._call(self.set_orb_listed, orb_id, body=flat(**{"is_listed": is_listed}))

    @endpoint("POST", "/api/v3/orb/packages/{orb_id}/add-category", body="flat")
    def add_orb_category(self, orb_id: str, *, category_id: Optional[str] = None) -> OrbPackageDocument:
        """Put an orb in a category.

        :param orb_id: the orb's id.
        :param category_id: the ``category_id`` field.
        :returns: the decoded answer, a :class:`~circleci.v3.types.OrbPackageDocument`.
        """
        return self._call(self.add_orb_category, orb_id, body=flat(**{"category_id": category_id}))

    @endpoint("POST", "/api/v3/orb/packages/{orb_id}/remove-category", body="flat")
    def remove_orb_category(self, orb_id: str, *, category_id: Optional[str] = None) -> OrbPackageDocument:
        """Take an orb out of a category.

        :param orb_id: the orb's id.
        :param category_id: the ``category_id`` field.
        :returns: the decoded answer, a :class:`~circleci.v3.types.OrbPackageDocument`.
        """
        return self._call(self.remove_orb_category, orb_id, body=flat(**{"category_id": category_id}))

    @endpoint("GET", "/api/v3/orb/versions", paginated=True)
    def list_orb_versions(
        self,
        *,
        filter_orb_id: Optional[str] = None,
        filter_ref: Optional[str] = None,
        filter_channel: Optional[str] = None,
        page_limit: Optional[int] = None,
        page_cursor: Optional[str] = None,
    ) -> OrbVersionList:
        """List an orb's versions, or resolve one reference (``ns/orb@1.2.3``) with ``filter_ref``.

        From the reference: List versions of an orb (filter[orb_id]) or resolve one ref 'ns/orb@1.2.3' (filter[ref],
        overrides the rest).

        :param filter_orb_id: an orb's id, sent as ``filter[orb_id]``.
        :param filter_ref: an orb reference, ``ns/orb@1.2.3``, sent as ``filter[ref]``.
        :param filter_channel: a release channel, sent as ``filter[channel]``.
        :param page_limit: entities per page (1 or more; checked before sending), sent as ``page[limit]``.
        :param page_cursor: the ``page.next`` cursor of the previous page, sent as ``page[cursor]``; :meth:`iterate`
            follows it for you.
        :returns: the decoded answer, a :class:`~circleci.v3.types.OrbVersionList`.
        """
        return self._call(
            self.list_orb_versions,
            params={
                "filter[orb_id]": filter_orb_id,
                "filter[ref]": filter_ref,
                "filter[channel]": filter_channel,
                "page[limit]": page_limit,
                "page[cursor]": page_cursor,
            },
        )

    @endpoint("POST", "/api/v3/orb/versions", body="envelope")
    def publish_orb_version(
        self, *, orb_id: Optional[str] = None, yaml: Optional[str] = None, version: Optional[str] = None
    ) -> OrbVersionDocument:
        """Publish a version of an orb (a stable version cannot be published twice).

        :param orb_id: the ``orb_id`` attribute.
        :param yaml: the ``yaml`` attribute.
        :param version: the ``version`` attribute.
        :returns: the decoded answer, a :class:`~circleci.v3.types.OrbVersionDocument`.
        """
        return self._call(self.publish_orb_version, body=envelope({"orb_id": orb_id, "yaml": yaml, "version": version}))

    @endpoint("GET", "/api/v3/orb/versions/{version_id}")
    def get_orb_version(self, version_id: str) -> OrbVersionDocument:
        """Fetch one orb version (without its source).

        :param version_id: the version's id.
        :returns: the decoded answer, a :class:`~circleci.v3.types.OrbVersionDocument`.
        """
        return self._call(self.get_orb_version, version_id)

    @endpoint("POST", "/api/v3/orb/versions/{version_id}/promote", body="flat")
    def promote_orb_version(
        self, version_id: str, *, segment: Optional[str] = None, semantic_version: Optional[str] = None
    ) -> OrbVersionDocument:
        """Promote a development version of an orb to a stable one.

        :param version_id: the version's id.
        :param segment: the ``segment`` field.
        :param semantic_version: the ``semantic_version`` field.
        :returns: the decoded answer, a :class:`~circleci.v3.types.OrbVersionDocument`.
        """
        return self._call(
            self.promote_orb_version,
            version_id,
            body=flat(**{"segment": segment, "semantic_version": semantic_version}),
        )

    @endpoint("GET", "/api/v3/orb/categories", paginated=True)
    def list_orb_categories(
        self, *, filter_name: Optional[str] = None, page_cursor: Optional[str] = None
    ) -> OrbCategoryList:
        """List the orb categories.

        :param filter_name: a name, sent as ``filter[name]``.
        :param page_cursor: the ``page.next`` cursor of the previous page, sent as ``page[cursor]``; :meth:`iterate`
            follows it for you.
        :returns: the decoded answer, a :class:`~circleci.v3.types.OrbCategoryList`.
        """
        return self._call(self.list_orb_categories, params={"filter[name]": filter_name, "page[cursor]": page_cursor})

    @endpoint("GET", "/api/v3/catalog/offerings", confidence="third-party")
    def get_catalog_offerings(self) -> CatalogOfferingsDocument:
        """Fetch the execution catalog: the resource classes and images of each platform.

        From the reference: Execution catalog: resource classes and images per platform (singleton, token-scoped).

        Confidence: ``third-party`` (known from a client outside CircleCI's CLI, such as its Terraform provider;
        spec and service may differ).

        :returns: the decoded answer, a :class:`~circleci.v3.types.CatalogOfferingsDocument`.
        """
        return self._call(self.get_catalog_offerings)

    @endpoint("GET", "/api/v3/function/packages", confidence="cli-newer", paginated=True)
    def list_function_packages(
        self, *, filter_name: Optional[str] = None, page_cursor: Optional[str] = None
    ) -> FunctionPackageList:
        """List published CircleCI functions, or find one by name.

        Confidence: ``cli-newer`` (read in a CircleCI CLI newer than the mirrored one; not checked against a fake).

        :param filter_name: a name, sent as ``filter[name]``.
        :param page_cursor: the ``page.next`` cursor of the previous page, sent as ``page[cursor]``; :meth:`iterate`
            follows it for you.
        :returns: the decoded answer, a :class:`~circleci.v3.types.FunctionPackageList`.
        """
        return self._call(
            self.list_function_packages, params={"filter[name]": filter_name, "page[cursor]": page_cursor}
        )

    @endpoint("GET", "/api/v3/orb/versions/{version_id}/source")
    def get_orb_version_source(self, version_id: str) -> str:
        """Fetch the YAML source of an orb version, as text.

        :param version_id: the version's id.
        :returns: the source (CircleCI serves it as ``text/plain``).
        """
        with self._stream(self.get_orb_version_source, version_id) as response:
            response.encoding = response.encoding or "utf-8"
            return response.text
