"""Artifact downloads: the API host redirects to a second, storage host.

As on CircleCI, an artifact's ``url`` is on the API's host and needs the
token; it answers with a redirect to a short-lived signed URL on a storage
host (here ``localhost`` on another port). Like cloud storage, that host
refuses a request that carries ``Circle-Token`` or ``Authorization`` (400)
and one whose signature is missing, wrong or expired (403).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Optional
from urllib.parse import parse_qs, quote, unquote, urlsplit

from .routing import Call, HttpError, Reply, Route
from .state import Artifact, Job, State
from .steps import log_document

__all__ = ["LINK_LIFETIME", "Storage", "download_route"]

LINK_LIFETIME = 60.0
"""Fake seconds a signed storage URL stays valid."""
_CREDENTIALS = ("circle-token", "authorization")
_LOGS = "/step-logs/"


def _xml_error(status: int, code: str, message: str) -> Reply:
    body = f"<?xml version='1.0' encoding='UTF-8'?><Error><Code>{code}</Code><Message>{message}</Message></Error>"
    return Reply(status, body.encode(), {"Content-Type": "application/xml"})


class Storage:
    """The storage host: signs artifact links and serves them.

    :param state: where the artifacts are.
    """

    def __init__(self, state: State) -> None:
        self.state = state
        self.base_url = ""
        self._secret = secrets.token_bytes(16)
        state.log_link = self.signed_log_url

    def signed_log_url(self, job: Job, step: int) -> str:
        """A link to the log of a job's step (a v1.1 ``output_url``), valid like an artifact's."""
        return self._signed(f"{_LOGS}{job.id}/{step}")

    def signed_url(self, job: Job, artifact: Artifact) -> str:
        """A link to an artifact that works for :data:`LINK_LIFETIME` fake seconds."""
        return self._signed(f"/{job.id}/{artifact.node_index}/{quote(artifact.path)}")

    def _signed(self, key: str) -> str:
        expires = str(int(self.state.clock.now() + LINK_LIFETIME))
        return f"{self.base_url}{key}?Expires={expires}&Signature={self._sign(key, expires)}"

    def _sign(self, key: str, expires: str) -> str:
        return hmac.new(self._secret, f"{key}\n{expires}".encode(), hashlib.sha256).hexdigest()

    def answer(self, verb: str, target: str, headers: dict[str, str]) -> Reply:
        """Answer a request to the storage host."""
        if any(name.lower() in _CREDENTIALS for name in headers):
            return _xml_error(
                400, "InvalidArgument", "Only one auth mechanism allowed; only the signature in the URL is accepted"
            )
        url = urlsplit(target)
        query = {name: values[-1] for name, values in parse_qs(url.query).items()}
        expires, signature = query.get("Expires", ""), query.get("Signature", "")
        if verb != "GET" or not hmac.compare_digest(signature.encode(), self._sign(url.path, expires).encode()):
            return _xml_error(403, "AccessDenied", "The request signature does not match")
        if float(expires) < self.state.clock.now():
            return _xml_error(403, "AccessDenied", "Request has expired")
        if url.path.startswith(_LOGS):
            return self._log(url.path[len(_LOGS) :])
        artifact = self._artifact(url.path)
        if artifact is None:
            return _xml_error(404, "NoSuchKey", "The specified key does not exist.")
        return Reply(200, artifact.content, {"Content-Type": "application/octet-stream"})

    def _log(self, key: str) -> Reply:
        job_id, _, step = key.partition("/")
        job = self.state.jobs.get(job_id)
        document = log_document(job, int(step), self.state.clock.now()) if job and step.isdigit() else None
        if document is None:
            return _xml_error(404, "NoSuchKey", "The specified key does not exist.")
        return Reply(200, document, {"Content-Type": "application/json"})

    def _artifact(self, key: str) -> Optional[Artifact]:
        job_id, node, path = key.lstrip("/").split("/", 2)
        job = self.state.jobs.get(job_id)
        return _find_artifact(job, int(node), unquote(path)) if job else None


def _find_artifact(job: Job, node: int, path: str) -> Optional[Artifact]:
    return next((a for a in job.artifacts if a.node_index == node and a.path == path), None)


def download_route(storage: Storage) -> Route:
    """The API host's route for artifact URLs: a redirect to the signed storage URL."""

    def download(call: Call) -> Reply:
        job = call.state.job(call.params["job_id"])
        artifact = _find_artifact(job, int(call.params["node"]), call.params["path"])
        if artifact is None:
            raise HttpError(404, "Artifact not found")
        return Reply(302, b"", {"Location": storage.signed_url(job, artifact)})

    return Route("GET", "/output/job/{job_id}/artifacts/{node:int}/{path:path}", download, "download_artifact")
