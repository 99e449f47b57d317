"""Operations of the "Policy Management" tag of the CircleCI API v2.

Config policies (OPA/Rego bundles) of an owner (an organization), the
decisions CircleCI made by evaluating them, and whether evaluation is on.
Every path starts with the owner's id and a policy context (usually
``"config"``).
"""

from __future__ import annotations

from typing import Any, Optional

from .._args import query, required, segment
from .._client import BaseClient
from ._operation import operation


def _policy_path(owner_id: str, context: str, *rest: str) -> str:
    """``owner/<owner_id>/context/<context>[/rest...]``; items of ``rest`` must be encoded already."""
    return "/".join(["owner", segment(owner_id, "owner_id"), "context", segment(context, "context"), *rest])


class PolicyOperations(BaseClient):
    """Operations of the "Policy Management" tag; part of :class:`~circleci.v2.ApiV2`."""

    @operation("GetDecisionLogs", "GET", "/owner/{ownerID}/context/{context}/decision")
    def get_decision_logs(
        self,
        owner_id: str,
        context: str,
        *,
        status: Optional[str] = None,
        after: Optional[str] = None,
        before: Optional[str] = None,
        branch: Optional[str] = None,
        project_id: Optional[str] = None,
        build_number: Optional[str] = None,
        offset: Optional[int] = None,
    ) -> Any:
        """List the policy decisions made for an owner, newest first.

        :param owner_id: the organization's id.
        :param context: the policy context, e.g. ``"config"``.
        :param status: only decisions with this status (e.g. ``"PASS"``, ``"HARD_FAIL"``).
        :param after: only decisions made after this ISO 8601 date-time.
        :param before: only decisions made before this ISO 8601 date-time.
        :param branch: only decisions made on this branch.
        :param project_id: only decisions made for this project.
        :param build_number: only decisions made for this build number.
        :param offset: how many decisions to skip (this operation pages by offset).
        :returns: a list of decision log entries.

        Endpoint: ``GET /owner/{ownerID}/context/{context}/decision``
        """
        params = query(
            status=status,
            after=after,
            before=before,
            branch=branch,
            project_id=project_id,
            build_number=build_number,
            offset=offset,
        )
        return self._request("GET", _policy_path(owner_id, context, "decision"), params=params)

    @operation("MakeDecision", "POST", "/owner/{ownerID}/context/{context}/decision")
    def make_decision(
        self, owner_id: str, context: str, *, input: str, metadata: Optional[dict[str, Any]] = None
    ) -> Any:
        """Evaluate the owner's policies against a config and return the verdict.

        :param owner_id: the organization's id.
        :param context: the policy context, e.g. ``"config"``.
        :param input: the document to evaluate, e.g. a config as YAML text (required).
        :param metadata: extra data the policies can read (``data.meta``).
        :returns: the decision: ``status``, ``hard_failures``, ``soft_failures``, ...

        Endpoint: ``POST /owner/{ownerID}/context/{context}/decision``
        """
        body = query(input=required(input, "input"), metadata=metadata)
        return self._request("POST", _policy_path(owner_id, context, "decision"), body)

    @operation("GetDecisionSettings", "GET", "/owner/{ownerID}/context/{context}/decision/settings")
    def get_decision_settings(self, owner_id: str, context: str) -> Any:
        """Tell whether policy evaluation is turned on for an owner.

        :param owner_id: the organization's id.
        :param context: the policy context, e.g. ``"config"``.
        :returns: the settings, ``{"enabled": bool}``.

        Endpoint: ``GET /owner/{ownerID}/context/{context}/decision/settings``
        """
        return self._request("GET", _policy_path(owner_id, context, "decision", "settings"))

    @operation("SetDecisionSettings", "PATCH", "/owner/{ownerID}/context/{context}/decision/settings")
    def set_decision_settings(self, owner_id: str, context: str, *, enabled: Optional[bool] = None) -> Any:
        """Turn policy evaluation on or off for an owner.

        :param owner_id: the organization's id.
        :param context: the policy context, e.g. ``"config"``.
        :param enabled: ``True`` to evaluate policies, ``False`` to stop.
        :returns: the settings after the change.

        Endpoint: ``PATCH /owner/{ownerID}/context/{context}/decision/settings``
        """
        body = query(enabled=enabled)
        return self._request("PATCH", _policy_path(owner_id, context, "decision", "settings"), body)

    @operation("GetDecisionLog", "GET", "/owner/{ownerID}/context/{context}/decision/{decisionID}")
    def get_decision_log(self, owner_id: str, context: str, decision_id: str) -> Any:
        """Fetch one policy decision.

        :param owner_id: the organization's id.
        :param context: the policy context, e.g. ``"config"``.
        :param decision_id: the decision's id.
        :returns: the decision log entry.

        Endpoint: ``GET /owner/{ownerID}/context/{context}/decision/{decisionID}``
        """
        path = _policy_path(owner_id, context, "decision", segment(decision_id, "decision_id"))
        return self._request("GET", path)

    @operation(
        "GetDecisionLogPolicyBundle", "GET", "/owner/{ownerID}/context/{context}/decision/{decisionID}/policy-bundle"
    )
    def get_decision_log_policy_bundle(self, owner_id: str, context: str, decision_id: str) -> Any:
        """Fetch the policy bundle that was in force when a decision was made.

        :param owner_id: the organization's id.
        :param context: the policy context, e.g. ``"config"``.
        :param decision_id: the decision's id.
        :returns: the bundle, a mapping of policy name to policy document.

        Endpoint: ``GET /owner/{ownerID}/context/{context}/decision/{decisionID}/policy-bundle``
        """
        path = _policy_path(owner_id, context, "decision", segment(decision_id, "decision_id"), "policy-bundle")
        return self._request("GET", path)

    @operation("GetPolicyBundle", "GET", "/owner/{ownerID}/context/{context}/policy-bundle")
    def get_policy_bundle(self, owner_id: str, context: str) -> Any:
        """Fetch the owner's current policy bundle.

        :param owner_id: the organization's id.
        :param context: the policy context, e.g. ``"config"``.
        :returns: the bundle, a mapping of policy name to policy document.

        Endpoint: ``GET /owner/{ownerID}/context/{context}/policy-bundle``
        """
        return self._request("GET", _policy_path(owner_id, context, "policy-bundle"))

    @operation("CreatePolicyBundle", "POST", "/owner/{ownerID}/context/{context}/policy-bundle")
    def create_policy_bundle(
        self, owner_id: str, context: str, *, policies: Optional[dict[str, str]] = None, dry: Optional[bool] = None
    ) -> Any:
        """Replace the owner's policy bundle.

        :param owner_id: the organization's id.
        :param context: the policy context, e.g. ``"config"``.
        :param policies: the new bundle: file name -> Rego source.
        :param dry: ``True`` to only report what would change.
        :returns: the names of the policies ``created``, ``deleted`` and ``modified``.

        Endpoint: ``POST /owner/{ownerID}/context/{context}/policy-bundle``
        """
        body = query(policies=policies)
        path = _policy_path(owner_id, context, "policy-bundle")
        return self._request("POST", path, body, params=query(dry=dry))

    @operation("GetPolicyDocument", "GET", "/owner/{ownerID}/context/{context}/policy-bundle/{policyName}")
    def get_policy_document(self, owner_id: str, context: str, policy_name: str) -> Any:
        """Fetch one policy of the owner's bundle.

        :param owner_id: the organization's id.
        :param context: the policy context, e.g. ``"config"``.
        :param policy_name: the policy's name.
        :returns: the policy: ``name``, ``content``, ``created_at``, ``created_by``.

        Endpoint: ``GET /owner/{ownerID}/context/{context}/policy-bundle/{policyName}``
        """
        path = _policy_path(owner_id, context, "policy-bundle", segment(policy_name, "policy_name"))
        return self._request("GET", path)
