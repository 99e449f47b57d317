"""Operations of the "Usage" tag of the CircleCI API v2.

Usage exports: CSV files of an organization's compute and storage usage,
prepared in the background. CircleCI allows only a few export calls per
hour per organization.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from .._args import query
from ._operation import V2Operations, operation

if TYPE_CHECKING:
    from .types import GetUsageExportJobStatus, UsageExportJob


class UsageOperations(V2Operations):
    """Operations of the "Usage" tag; part of :class:`~circleci.v2.ApiV2`."""

    @operation("createUsageExport", "POST", "/organizations/{org_id}/usage_export_job")
    def create_usage_export(
        self, org_id: str, *, start: str, end: str, shared_org_ids: Optional[list[str]] = None
    ) -> UsageExportJob:
        """Ask CircleCI to prepare a usage export for a time range.

        :param org_id: the organization's id.
        :param start: the first moment included, an ISO 8601 date-time at
            most a year ago, e.g. ``"2025-01-01T00:00:00Z"`` (required).
        :param end: the last moment included, at most 31 days after ``start`` (required).
        :param shared_org_ids: ids of other organizations whose usage to include.
        :returns: the export job: ``usage_export_job_id``, ``state``, ...;
            poll it with :meth:`get_usage_export`.
        """
        body = query(start=start, end=end, shared_org_ids=shared_org_ids)
        return self._call(self.create_usage_export, org_id, body=body)

    @operation("getUsageExport", "GET", "/organizations/{org_id}/usage_export_job/{usage_export_job_id}")
    def get_usage_export(self, org_id: str, usage_export_job_id: str) -> GetUsageExportJobStatus:
        """Check a usage export; once done it lists the files to download.

        :param org_id: the organization's id.
        :param usage_export_job_id: the ``usage_export_job_id`` from :meth:`create_usage_export`.
        :returns: the export job: ``state``, ``download_urls``, ``error_reason``.
        """
        return self._call(self.get_usage_export, org_id, usage_export_job_id)
