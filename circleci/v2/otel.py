"""Operations of the "OTel" tag of the CircleCI API v2 (experimental).

OpenTelemetry exporters send an organization's pipeline traces to an OTLP
endpoint. CircleCI marks these three operations experimental: they may change
or go away without notice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, Optional

from .._args import query
from ._operation import V2Operations, operation

if TYPE_CHECKING:
    from .types import Exporter


class OtelOperations(V2Operations):
    """Operations of the "OTel" tag; part of :class:`~circleci.v2.ApiV2`. All are experimental."""

    @operation("listOtelExporters", "GET", "/otel/exporters")
    def list_otel_exporters(self, *, org_id: str) -> list[Exporter]:
        """List an organization's OpenTelemetry exporters (experimental in CircleCI's spec).

        :param org_id: the organization's UUID (required).
        :returns: the exporters, a plain list (not a page).
        """
        return self._call(self.list_otel_exporters, params={"org-id": org_id})

    @operation("createOtelExporter", "POST", "/otel/exporters")
    def create_otel_exporter(
        self,
        *,
        org_id: str,
        endpoint: str,
        protocol: Literal["grpc", "http"],
        insecure: Optional[bool] = None,
        headers: Optional[dict[str, str]] = None,
    ) -> Exporter:
        """Add an OpenTelemetry exporter to an organization (experimental in CircleCI's spec).

        CircleCI allows at most five per organization.

        :param org_id: the organization's UUID (required).
        :param endpoint: the OTLP endpoint as ``host:port``, without a scheme (required).
        :param protocol: ``"grpc"`` or ``"http"`` (required).
        :param insecure: ``True`` to connect without TLS.
        :param headers: extra headers sent with every export, name to value.
        :returns: the new exporter.
        """
        body = query(org_id=org_id, endpoint=endpoint, protocol=protocol, insecure=insecure, headers=headers)
        return self._call(self.create_otel_exporter, body=body)

    @operation("deleteOtelExporter", "DELETE", "/otel/exporters/{otel_exporter_id}")
    def delete_otel_exporter(self, otel_exporter_id: str) -> None:
        """Delete an OpenTelemetry exporter (experimental in CircleCI's spec).

        :param otel_exporter_id: the exporter's UUID.
        :returns: ``None``; CircleCI answers 204 with no body.
        """
        return self._call(self.delete_otel_exporter, otel_exporter_id)
