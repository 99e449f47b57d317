"""Outbound webhooks: the v2 ``/webhook`` routes and the deliveries they make.

When a job or workflow of a project finishes, every webhook of the project
that subscribes to the event gets a POST of CircleCI's payload, with the
headers ``circleci-event-type``, ``user-agent: CircleCI-Webhook/1.0`` and
``circleci-signature: v1=<hex HMAC-SHA256 of the body keyed by the signing
secret>``. A delivery that fails (no answer, or a status that is not 2xx) is
tried again, up to :data:`ATTEMPTS` times. Unlike CircleCI, the fake delivers
to ``http://`` URLs too, so a test can receive them on 127.0.0.1. Deliveries
run on a thread of their own, outside the state's lock; :meth:`Deliveries.wait`
waits for those under way.

Webhook views follow the 2026-08 spec (``created_at``, ``signing_secret``,
``verify_tls``); request bodies keep the kebab-case names, as on CircleCI.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import queue
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any, Optional

from .clock import isoformat
from .routing import Call, HttpError, Reply, Route
from .state import Job, State, Workflow, find

__all__ = ["ATTEMPTS", "Deliveries", "Delivery", "ROUTES", "payload", "sign"]

_real_sleep = time.sleep  # FakeCircleCI.patch_sleep replaces time.sleep; retries keep waiting for real

ATTEMPTS = 3
"""How many times a delivery is tried before it is given up."""
MAX_PER_PROJECT = 5
EVENTS = ("workflow-completed", "job-completed")


def sign(body: bytes, secret: str) -> str:
    """The ``circleci-signature`` header of a body: ``v1=<lowercase hex HMAC-SHA256>``."""
    return "v1=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


# -- routes --------------------------------------------------------------------------


def _view(hook: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in hook.items() if key != "project_id"}


def _hook(call: Call) -> dict[str, Any]:
    hook: dict[str, Any] = find(call.state.table("webhooks"), call.params["webhook_id"], "Webhook not found.")
    return hook


def _check_url(url: Any) -> None:
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        raise HttpError(400, "url must be an https:// URL")


def create_webhook(call: Call) -> Reply:
    """``POST /webhook``: at most five per project."""
    scope = call.field("scope")
    project = call.state.project_by_id(scope["id"])
    _check_url(call.field("url"))
    table = call.state.table("webhooks")
    if sum(hook["project_id"] == project.id for hook in table.values()) >= MAX_PER_PROJECT:
        raise HttpError(400, f"A project can have at most {MAX_PER_PROJECT} webhooks.")
    now = isoformat(call.state.clock.now())
    hook = {
        "id": call.state.new_id(),
        "name": call.field("name"),
        "url": call.field("url"),
        "verify_tls": call.field("verify-tls"),
        "signing_secret": call.field("signing-secret"),
        "events": list(dict.fromkeys(call.field("events"))),
        "scope": {"id": project.id, "type": "project"},
        "created_at": now,
        "updated_at": now,
        "project_id": project.id,
    }
    table[hook["id"]] = hook
    return Reply.json(_view(hook), 201)


def get_webhooks(call: Call) -> Reply:
    """``GET /webhook?scope-id=...&scope-type=project``"""
    scope_id = call.query.get("scope-id")
    if not scope_id or call.query.get("scope-type") != "project":
        raise HttpError(400, "scope-id and scope-type=project are required")
    hooks = [_view(h) for h in call.state.table("webhooks").values() if h["project_id"] == scope_id]
    return Reply.json({"items": hooks, "next_page_token": None})


def get_webhook(call: Call) -> Reply:
    """``GET /webhook/{webhook-id}``"""
    return Reply.json(_view(_hook(call)))


def update_webhook(call: Call) -> Reply:
    """``PUT /webhook/{webhook-id}``: change the fields given."""
    hook = _hook(call)
    if call.field("url") is not None:
        _check_url(call.field("url"))
    for wire, name in (
        ("name", "name"),
        ("url", "url"),
        ("verify-tls", "verify_tls"),
        ("signing-secret", "signing_secret"),
    ):
        if call.field(wire) is not None:
            hook[name] = call.field(wire)
    if call.field("events") is not None:
        hook["events"] = list(dict.fromkeys(call.field("events")))
    hook["updated_at"] = isoformat(call.state.clock.now())
    return Reply.json(_view(hook))


def delete_webhook(call: Call) -> Reply:
    """``DELETE /webhook/{webhook-id}``"""
    del call.state.table("webhooks")[_hook(call)["id"]]
    return Reply.message("Webhook deleted.")


ROUTES = [
    Route("POST", "/api/v2/webhook", create_webhook, "createWebhook"),
    Route("GET", "/api/v2/webhook", get_webhooks, "getWebhooks"),
    Route("GET", "/api/v2/webhook/{webhook_id}", get_webhook, "getWebhookById"),
    Route("PUT", "/api/v2/webhook/{webhook_id}", update_webhook, "updateWebhook"),
    Route("DELETE", "/api/v2/webhook/{webhook_id}", delete_webhook, "deleteWebhook"),
]
"""The webhook routes, each named after its ``operationId``."""


# -- payloads -------------------------------------------------------------------------


def _workflow_part(workflow: Workflow) -> dict[str, Any]:
    return {
        "id": workflow.id,
        "name": workflow.name,
        "status": workflow.status,
        "created_at": isoformat(workflow.created_at),
        "stopped_at": isoformat(workflow.stopped_at),
        "url": f"https://app.circleci.com/pipelines/{workflow.pipeline.project.slug}/"
        f"{workflow.pipeline.number}/workflows/{workflow.id}",
    }


def payload(state: State, hook: dict[str, Any], event: str, subject: Any) -> dict[str, Any]:
    """CircleCI's payload of an event for a webhook: ``id``, ``type``, ``happened_at``, ``webhook``,
    ``project``, ``organization``, ``workflow``, ``pipeline`` and, for job events, ``job``."""
    workflow: Workflow = subject.workflow if isinstance(subject, Job) else subject
    pipeline, project = workflow.pipeline, workflow.pipeline.project
    body: dict[str, Any] = {
        "id": state.new_id(),
        "type": event,
        "happened_at": isoformat(state.clock.now()),
        "webhook": {"id": hook["id"], "name": hook["name"]},
        "project": {"id": project.id, "name": project.name, "slug": project.slug},
        "organization": {"id": project.org_id, "name": project.org},
        "workflow": _workflow_part(workflow),
        "pipeline": {
            "id": pipeline.id,
            "number": pipeline.number,
            "created_at": isoformat(pipeline.created_at),
            "trigger": {"type": pipeline.trigger_type},
            "trigger_parameters": pipeline.parameters,
            "vcs": {
                "provider_name": "github" if project.vcs == "gh" else project.vcs,
                "origin_repository_url": project.vcs_url,
                "target_repository_url": project.vcs_url,
                "revision": pipeline.revision,
                "branch": pipeline.branch,
                "tag": pipeline.tag,
                "commit": {"subject": f"Change {pipeline.number}", "body": ""},
            },
        },
    }
    if isinstance(subject, Job):
        body["job"] = {
            "id": subject.id,
            "name": subject.name,
            "number": subject.number,
            "status": subject.status,
            "started_at": isoformat(subject.started_at),
            "stopped_at": isoformat(subject.stopped_at),
        }
    return body


# -- deliveries -----------------------------------------------------------------------


@dataclass
class Delivery:
    """One webhook delivery: what was sent where, and how each attempt went.

    :ivar statuses: the HTTP status of each attempt (``None`` when the
        receiver could not be reached).
    """

    webhook_id: str
    url: str
    event: str
    body: bytes
    headers: dict[str, str]
    statuses: list[Optional[int]] = field(default_factory=list)

    @property
    def delivered(self) -> bool:
        """Whether an attempt got a 2xx answer."""
        return any(status is not None and 200 <= status < 300 for status in self.statuses)

    @property
    def payload(self) -> Any:
        """The decoded JSON body."""
        return json.loads(self.body)


class Deliveries:
    """Makes the deliveries of a state's webhooks on a thread of its own, and keeps a log of them.

    :param retry_delay: real seconds between attempts.
    :param timeout: real seconds to wait for a receiver (CircleCI waits 10).
    """

    def __init__(self, retry_delay: float = 0.05, timeout: float = 10.0) -> None:
        self.retry_delay = retry_delay
        self.timeout = timeout
        self.log: list[Delivery] = []
        self._queue: queue.Queue[Optional[Delivery]] = queue.Queue()
        self._pending = 0
        self._lock = threading.Condition()
        self._thread: Optional[threading.Thread] = None

    def attach(self, state: State) -> None:
        """Deliver the events of ``state`` from now on."""
        state.listeners.append(lambda event, subject: self._event(state, event, subject))

    def _event(self, state: State, event: str, subject: Any) -> None:
        workflow: Workflow = subject.workflow if isinstance(subject, Job) else subject
        project = workflow.pipeline.project
        for hook in list(state.table("webhooks").values()):
            if hook["project_id"] == project.id and event in hook["events"]:
                body = json.dumps(payload(state, hook, event, subject)).encode()
                headers = {
                    "Content-Type": "application/json",
                    "User-Agent": "CircleCI-Webhook/1.0",
                    "circleci-event-type": event,
                }
                if hook["signing_secret"]:
                    headers["circleci-signature"] = sign(body, hook["signing_secret"])
                self._submit(Delivery(hook["id"], hook["url"], event, body, headers))

    def _submit(self, delivery: Delivery) -> None:
        with self._lock:
            self.log.append(delivery)
            self._pending += 1
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, daemon=True, name="FakeCircleCI webhooks")
                self._thread.start()
        self._queue.put(delivery)

    def _run(self) -> None:
        while True:
            delivery = self._queue.get()
            if delivery is None:
                return
            for attempt in range(ATTEMPTS):
                if attempt:
                    _real_sleep(self.retry_delay)
                delivery.statuses.append(self._post(delivery))
                if delivery.delivered:
                    break
            with self._lock:
                self._pending -= 1
                self._lock.notify_all()

    def _post(self, delivery: Delivery) -> Optional[int]:
        request = urllib.request.Request(delivery.url, delivery.body, delivery.headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                return int(answer.status)
        except urllib.error.HTTPError as exc:
            return int(exc.code)
        except (OSError, ValueError):
            return None

    def wait(self, timeout: float = 5.0) -> bool:
        """Wait (real time) until every delivery made so far is done; whether they all are."""
        with self._lock:
            return self._lock.wait_for(lambda: self._pending == 0, timeout)

    def close(self) -> None:
        """Stop the delivery thread once the queued deliveries are done."""
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(None)
            thread.join()
