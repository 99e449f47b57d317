"""Operations of the "Policy Management" tag of the CircleCI API v2.

Config policies (OPA/Rego bundles) of an owner (an organization), the
decisions CircleCI made by evaluating them, and whether evaluation is on.
Every path starts with the owner's id and a policy context (usually
``"config"``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from .._args import query
from ._operation import V2Operations, operation

if TYPE_CHECKING:
    from .types import BundleDiff, Decision, DecisionLog, DecisionSettings, Policy


class PolicyOperations(V2Operations):
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
    ) -> list[DecisionLog]:
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
        return self._call(self.get_decision_logs, owner_id, context, params=params)

    @operation("MakeDecision", "POST", "/owner/{ownerID}/context/{context}/decision")
    def make_decision(
        self, owner_id: str, context: str, *, input: str, metadata: Optional[dict[str, Any]] = None
    ) -> Decision:
        """Evaluate the owner's policies against a config and return the verdict.

        :param owner_id: the organization's id.
        :param context: the policy context, e.g. ``"config"``.
        :param input: the document to evaluate, e.g. a config as YAML text (required).
        :param metadata: extra data the policies can read (``data.meta``).
        :returns: the decision: ``status``, ``hard_failures``, ``soft_failures``, ...
        """
        body = query(input=input, metadata=metadata)
        return self._call(self.make_decision, owner_id, context, body=body)

    @operation("GetDecisionSettings", "GET", "/owner/{ownerID}/context/{context}/decision/settings")
    def get_decision_settings(self, owner_id: str, context: str) -> DecisionSettings:
        """Tell whether policy evaluation is turned on for an owner.

        :param owner_id: the organization's id.
        :param context: the policy context, e.g. ``"config"``.
        :returns: the settings, ``{"enabled": bool}``.
        """
        return self._call(self.get_decision_settings, owner_id, context)

    @operation("SetDecisionSettings", "PATCH", "/owner/{ownerID}/context/{context}/decision/settings")
    def set_decision_settings(self, owner_id: str, context: str, *, enabled: Optional[bool] = None) -> DecisionSettings:
        """Turn policy evaluation on or off for an owner.

        :param owner_id: the organization's id.
        :param context: the policy context, e.g. ``"config"``.
        :param enabled: ``True`` to evaluate policies, ``False`` to stop.
        :returns: the settings after the change.
        """
        body = query(enabled=enabled)
        return self._call(self.set_decision_settings, owner_id, context, body=body)

    @operation("GetDecisionLog", "GET", "/owner/{ownerID}/context/{context}/decision/{decisionID}")
    def get_decision_log(self, owner_id: str, context: str, decision_id: str) -> DecisionLog:
        """Fetch one policy decision.

        :param owner_id: the organization's id.
        :param context: the policy context, e.g. ``"config"``.
        :param decision_id: the decision's id.
        :returns: the decision log entry.
        """
        return self._call(self.get_decision_log, owner_id, context, decision_id)

    @operation(
        "GetDecisionLogPolicyBundle", "GET", "/owner/{ownerID}/context/{context}/decision/{decisionID}/policy-bundle"
    )
    def get_decision_log_policy_bundle(self, owner_id: str, context: str, decision_id: str) -> dict[str, Any]:
        """Fetch the policy bundle that was in force when a decision was made.

        :param owner_id: the organization's id.
        :param context: the policy context, e.g. ``"config"``.
        :param decision_id: the decision's id.
        :returns: the bundle, a mapping of policy name to policy document.
        """
        return self._call(self.get_decision_log_policy_bundle, owner_id, context, decision_id)

    @operation("GetPolicyBundle", "GET", "/owner/{ownerID}/context/{context}/policy-bundle")
    def get_policy_bundle(self, owner_id: str, context: str) -> dict[str, Any]:
        """Fetch the owner's current policy bundle.

        :param owner_id: the organization's id.
        :param context: the policy context, e.g. ``"config"``.
        :returns: the bundle, a mapping of policy name to policy document.
        """
        return self._call(self.get_policy_bundle, owner_id, context)

    @operation("CreatePolicyBundle", "POST", "/owner/{ownerID}/context/{context}/policy-bundle")
    def create_policy_bundle(
        self, owner_id: str, context: str, *, policies: Optional[dict[str, str]] = None, dry: Optional[bool] = None
    ) -> BundleDiff:
        """Replace the owner's policy bundle.

        :param owner_id: the organization's id.
        :param context: the policy context, e.g. ``"config"``.
        :param policies: the new bundle: file name -> Rego source.
        :param dry: ``True`` to only report what would change.
        :returns: the names of the policies ``created``, ``deleted`` and ``modified``.
        """
        body = query(policies=policies)
        return self._call(self.create_policy_bundle, owner_id, context, params=query(dry=dry), body=body)

    @operation("GetPolicyDocument", "GET", "/owner/{ownerID}/context/{context}/policy-bundle/{policyName}")
    def get_policy_document(self, owner_id: str, context: str, policy_name: str) -> Policy:
        """Fetch one policy of the owner's bundle.

        :param owner_id: the organization's id.
        :param context: the policy context, e.g. ``"config"``.
        :param policy_name: the policy's name.
        :returns: the policy: ``name``, ``content``, ``created_at``, ``created_by``.
        """
        return self._call(self.get_policy_document, owner_id, context, policy_name)
