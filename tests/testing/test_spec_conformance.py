"""Every v2 operation of both vendored specs answers from the fake's state with a body valid against the spec.

Each operation is called once (or more) on a fake with some history, and its
answer is validated with jsonschema against the response schema of its status
in the 2025-10-17 spec and in the 2026-08 live spec, honouring CircleCI's
``x-nullable``/``nullable``. Where the two specs disagree (webhook views renamed
their fields), the fake follows the 2026-08 spec, and the exception is listed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Optional

import jsonschema
import pytest
import requests

from circleci.testing import FakeCircleCI, JobPlan, WorkflowPlan

SPECS = Path(__file__).resolve().parents[2] / "spec"
FILES = ("circleci-v2-openapi.json", "circleci-v2-openapi-2026-08.json")
# The 2025-10-17 docs build names webhook fields in kebab-case; the live spec and the fake use snake_case.
OLD_SPEC_EXCEPTIONS = {"createWebhook", "getWebhooks", "getWebhookById", "updateWebhook"}
VERBS = ("get", "post", "put", "patch", "delete")


def _nullable(node: Any) -> Any:
    if isinstance(node, list):
        return [_nullable(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _nullable(value) for key, value in node.items()}
    if node.get("additionalProperties") is False and "properties" not in node and {"anyOf", "oneOf"} & set(node):
        del node["additionalProperties"]  # a spec slip: read literally it forbids every field the choices allow
    if node.pop("x-nullable", False) | node.pop("nullable", False):
        return {"anyOf": [{"type": "null"}, node]}
    return node


def _load(name: str) -> dict[str, Any]:
    spec = _nullable(json.loads((SPECS / name).read_text()))
    operations = {}
    for item in spec["paths"].values():
        for verb, operation in item.items():
            if verb in VERBS:
                operations[operation["operationId"]] = operation
    return {"spec": spec, "operations": operations}


pytestmark = pytest.mark.skipif(not (SPECS / FILES[1]).exists(), reason="the vendored specs are not here")


@pytest.fixture(scope="module")
def specs() -> list[dict[str, Any]]:
    return [_load(name) for name in FILES]


MESSAGE = {"type": "object", "properties": {"message": {"type": "string"}}, "required": ["message"]}


def _schema(spec: dict[str, Any], operation: dict[str, Any], status: int) -> Optional[dict[str, Any]]:
    """The response schema of a status; an error the spec does not list is CircleCI's ``{"message": ...}``."""
    response = operation["responses"].get(str(status)) or operation["responses"].get("default")
    if response is None:
        assert status >= 400, f"status {status} is not in the spec"
        return MESSAGE
    if "$ref" in response:
        for part in response["$ref"][2:].split("/"):
            response = (spec["spec"] if part == "components" else response)[part]
    content = response.get("content", {}).get("application/json")
    return None if content is None else content.get("schema")


class Checker:
    """Calls the fake and validates each answer against both specs."""

    def __init__(self, fake: FakeCircleCI, specs: list[dict[str, Any]]) -> None:
        self.fake, self.specs = fake, specs
        self.session = requests.Session()
        self.session.headers["Circle-Token"] = fake.token
        self.seen: set[str] = set()

    def __call__(self, operation: str, verb: str, path: str, status: int = 200, **kwargs: Any) -> Any:
        answer = self.session.request(verb, f"{self.fake.url_v2}{path}", timeout=10, **kwargs)
        assert answer.status_code == status, (operation, answer.status_code, answer.text)
        body = answer.json() if answer.content else None
        for index, spec in enumerate(self.specs):
            if operation not in spec["operations"] or (index == 0 and operation in OLD_SPEC_EXCEPTIONS):
                continue
            schema = _schema(spec, spec["operations"][operation], status)
            if schema is not None:
                validator = jsonschema.Draft4Validator({**schema, "components": spec["spec"]["components"]})
                errors = sorted(validator.iter_errors(body), key=str)
                assert not errors, f"{operation} {status} ({FILES[index]}): {errors[0]}"
        self.seen.add(operation)
        return body


@pytest.fixture
def check(specs: list[dict[str, Any]]) -> Iterator[Checker]:
    with FakeCircleCI(seed=7, start="2026-06-01T12:00:00Z") as fake:
        plan = [
            WorkflowPlan(
                "build-and-test",
                [
                    JobPlan("build", credits=5),
                    JobPlan(
                        "test",
                        requires=("build",),
                        outcome="failed",
                        rerun_outcome="success",
                        tests=[{"name": "test_flaky", "result": "failure"}],
                    ),
                ],
            )
        ]
        fake.set_plan("gh/acme/widget", plan)
        pipeline = fake.trigger_pipeline("gh/acme/widget", revision="a" * 40, at="2026-06-01T10:00:00Z")
        fake.set_plan(
            "gh/acme/widget", [WorkflowPlan("build-and-test", [JobPlan("test", tests=[{"name": "test_flaky"}])])]
        )
        fake.trigger_pipeline("gh/acme/widget", revision="a" * 40, at="2026-06-01T11:00:00Z")
        assert pipeline.workflows[0].status == "failed"
        yield Checker(fake, specs)


def test_every_operation_answers_with_a_body_valid_against_both_specs(
    check: Checker, specs: list[dict[str, Any]]
) -> None:
    fake = check.fake
    slug = "gh/acme/widget"
    project = fake.project(slug)
    org_id = project.org_id
    app = fake.add_project("acme-app", "service", vcs="circleci")

    # user, project, organization
    me = check("getCurrentUser", "GET", "/me")
    check("getUser", "GET", f"/user/{me['id']}")
    check("getCollaborations", "GET", "/me/collaborations")
    check("getProjectBySlug", "GET", f"/project/{slug}")
    check("getProjectBySlug", "GET", f"/project/{app.slug}")
    org = check("createOrganization", "POST", "/organization", 201, json={"name": "neworg", "vcs_type": "circleci"})
    check("getOrganization", "GET", "/organization/gh/acme")
    check("getOrganization", "GET", f"/organization/{org['id']}")
    made = check("createProject", "POST", f"/organization/{org['id']}/project", json={"name": "fresh"})
    check("getProjectBySlug", "GET", f"/project/{made['slug']}")
    check("createProject1", "POST", "/project/gh/acme/brand-new", 201)
    check("getProjectSettings", "GET", f"/project/{slug}/settings")
    check("patchProjectSettings", "PATCH", f"/project/{slug}/settings", json={"advanced": {"oss": True}})
    check("deleteProjectBySlug", "DELETE", f"/project/{made['slug']}")
    check("deleteOrganization", "DELETE", f"/organization/{org['id']}", 202)
    entry = check(
        "createURLOrbAllowListEntry",
        "POST",
        "/organization/gh/acme/url-orb-allow-list",
        json={"name": "ours", "prefix": "https://orbs.example.com/", "auth": "none"},
    )
    check("listURLOrbAllowListEntries", "GET", "/organization/gh/acme/url-orb-allow-list")
    check("removeURLOrbAllowListEntry", "DELETE", f"/organization/gh/acme/url-orb-allow-list/{entry['id']}")

    # pipelines, workflows, jobs
    created = check("triggerPipeline", "POST", f"/project/{slug}/pipeline", 201, json={"branch": "main"})
    check("triggerPipelineRun", "POST", f"/project/{slug}/pipeline/run", 201, json={"checkout": {"branch": "dev"}})
    check("triggerPipelineRun", "POST", f"/project/{app.slug}/pipeline/run", 201, json={})
    fake.advance(60)
    check("listPipelines", "GET", "/pipeline", params={"org-slug": "gh/acme"})
    check("listPipelinesForProject", "GET", f"/project/{slug}/pipeline")
    check("listPipelinesForProject", "GET", f"/project/{app.slug}/pipeline")
    check("listMyPipelines", "GET", f"/project/{slug}/pipeline/mine")
    check("getPipelineById", "GET", f"/pipeline/{created['id']}")
    check("getPipelineByNumber", "GET", f"/project/{slug}/pipeline/{created['number']}")
    check("getPipelineConfigById", "GET", f"/pipeline/{created['id']}/config")
    check("getPipelineValuesById", "GET", f"/pipeline/{created['id']}/values")
    check(
        "continuePipeline",
        "POST",
        "/pipeline/continue",
        json={"continuation-key": f"continuation-{created['id']}", "configuration": "version: 2.1"},
    )
    (workflow,) = check("listWorkflowsByPipelineId", "GET", f"/pipeline/{created['id']}/workflow")["items"]
    check("getWorkflowById", "GET", f"/workflow/{workflow['id']}")
    jobs = check("listWorkflowJobs", "GET", f"/workflow/{workflow['id']}/job")["items"]
    check("getJob", "GET", f"/jobs/{jobs[0]['id']}")
    number = jobs[0]["job_number"]
    check("getJobDetails", "GET", f"/project/{slug}/job/{number}")
    check("getJobArtifacts", "GET", f"/project/{slug}/{number}/artifacts")
    check("getTests", "GET", f"/project/{slug}/{number}/tests")
    check("rerunWorkflow", "POST", f"/workflow/{workflow['id']}/rerun", 202, json={"from_failed": True})
    running = fake.trigger_pipeline(
        slug, plan=[WorkflowPlan("hold", [JobPlan("approve", type="approval"), JobPlan("slow", duration=99)])]
    )
    fake.advance(5)
    held = running.workflows[0]
    check("approvePendingApprovalJobById", "POST", f"/workflow/{held.id}/approve/{held.jobs[0].id}", 202)
    check("cancelJobByJobNumber", "POST", f"/project/{slug}/job/{held.jobs[1].number}/cancel")
    another = fake.trigger_pipeline(slug)
    fake.advance(2)
    check("cancelJobByJobID", "POST", f"/jobs/{another.workflows[0].jobs[0].id}/cancel")
    third = fake.trigger_pipeline(slug)
    fake.advance(2)
    check("cancelWorkflow", "POST", f"/workflow/{third.workflows[0].id}/cancel", 202)

    # project settings
    check("createEnvVar", "POST", f"/project/{slug}/envvar", 201, json={"name": "X", "value": "y"})
    check("listEnvVars", "GET", f"/project/{slug}/envvar")
    check("getEnvVar", "GET", f"/project/{slug}/envvar/X")
    check("deleteEnvVar", "DELETE", f"/project/{slug}/envvar/X")
    key = check("createCheckoutKey", "POST", f"/project/{slug}/checkout-key", 201, json={"type": "deploy-key"})
    check("listCheckoutKeys", "GET", f"/project/{slug}/checkout-key")
    check("getCheckoutKey", "GET", f"/project/{slug}/checkout-key/{key['fingerprint']}")
    check("deleteCheckoutKey", "DELETE", f"/project/{slug}/checkout-key/{key['fingerprint']}")

    # contexts and restrictions
    context = check("createContext", "POST", "/context", json={"name": "c", "owner": {"slug": "gh/acme"}})
    check("listContexts", "GET", "/context", params={"owner-slug": "gh/acme"})
    check("getContext", "GET", f"/context/{context['id']}")
    check(
        "addEnvironmentVariableToContext",
        "PUT",
        f"/context/{context['id']}/environment-variable/V",
        json={"value": "1"},
    )
    check("listEnvironmentVariablesFromContext", "GET", f"/context/{context['id']}/environment-variable")
    check("deleteEnvironmentVariableFromContext", "DELETE", f"/context/{context['id']}/environment-variable/V")
    restriction = check(
        "createContextRestriction",
        "POST",
        f"/context/{context['id']}/restrictions",
        201,
        json={"restriction_type": "project", "restriction_value": project.id},
    )
    check("getContextRestrictions", "GET", f"/context/{context['id']}/restrictions")
    check("deleteContextRestriction", "DELETE", f"/context/{context['id']}/restrictions/{restriction['id']}")
    check("deleteContext", "DELETE", f"/context/{context['id']}")

    # schedules
    timetable = {"per-hour": 2, "hours-of-day": [1, 13], "days-of-week": ["MON"]}
    body = {"name": "n", "timetable": timetable, "attribution-actor": "current", "parameters": {"branch": "main"}}
    schedule = check("createSchedule", "POST", f"/project/{slug}/schedule", 201, json=body)
    check("listSchedulesForProject", "GET", f"/project/{slug}/schedule")
    check("getScheduleById", "GET", f"/schedule/{schedule['id']}")
    check("updateSchedule", "PATCH", f"/schedule/{schedule['id']}", json={"description": "d"})
    check("deleteScheduleById", "DELETE", f"/schedule/{schedule['id']}")

    # webhooks
    hook_body = {
        "name": "h",
        "events": ["workflow-completed"],
        "url": "http://127.0.0.1:9/",
        "verify-tls": True,
        "signing-secret": "s",
        "scope": {"id": project.id, "type": "project"},
    }
    hook = check("createWebhook", "POST", "/webhook", 201, json=hook_body)
    check("getWebhooks", "GET", "/webhook", params={"scope-id": project.id, "scope-type": "project"})
    check("getWebhookById", "GET", f"/webhook/{hook['id']}")
    check("updateWebhook", "PUT", f"/webhook/{hook['id']}", json={"name": "renamed"})
    check("deleteWebhook", "DELETE", f"/webhook/{hook['id']}")

    # insights
    fake.advance(3600)
    for operation, path in (
        ("getProjectWorkflowsPageData", f"/insights/pages/{slug}/summary"),
        ("getJobTimeseries", f"/insights/time-series/{slug}/workflows/build-and-test/jobs"),
        ("getOrgSummaryData", "/insights/gh/acme/summary"),
        ("getAllInsightsBranches", f"/insights/{slug}/branches"),
        ("getFlakyTests", f"/insights/{slug}/flaky-tests"),
        ("getProjectWorkflowMetrics", f"/insights/{slug}/workflows"),
        ("getProjectWorkflowRuns", f"/insights/{slug}/workflows/build-and-test"),
        ("getProjectWorkflowJobMetrics", f"/insights/{slug}/workflows/build-and-test/jobs"),
        ("getWorkflowSummary", f"/insights/{slug}/workflows/build-and-test/summary"),
        ("getProjectWorkflowTestMetrics", f"/insights/{slug}/workflows/build-and-test/test-metrics"),
    ):
        check(operation, "GET", path)
    check("getWorkflowSummary", "GET", f"/insights/{slug}/workflows/nothing/summary")

    # OIDC
    for operation_suffix, base in (("Org", f"/org/{org_id}"), ("Project", f"/org/{org_id}/project/{project.id}")):
        path = f"{base}/oidc-custom-claims"
        check(f"Patch{operation_suffix}Claims", "PATCH", path, json={"audience": ["a"], "ttl": "1h"})
        check(f"Get{operation_suffix}Claims", "GET", path)
        check(f"Delete{operation_suffix}Claims", "DELETE", path, params={"claims": "audience,ttl"})

    # policies
    owner = f"/owner/{org_id}/context/config"
    check("CreatePolicyBundle", "POST", f"{owner}/policy-bundle", 201, json={"policies": {"p": "package org"}})
    check("GetPolicyBundle", "GET", f"{owner}/policy-bundle")
    check("GetPolicyDocument", "GET", f"{owner}/policy-bundle/p")
    check("MakeDecision", "POST", f"{owner}/decision", json={"input": "version: 2.1"})
    (decision,) = check("GetDecisionLogs", "GET", f"{owner}/decision")
    check("GetDecisionLog", "GET", f"{owner}/decision/{decision['id']}")
    check("GetDecisionLogPolicyBundle", "GET", f"{owner}/decision/{decision['id']}/policy-bundle")
    check("SetDecisionSettings", "PATCH", f"{owner}/decision/settings", json={"enabled": True})
    check("GetDecisionSettings", "GET", f"{owner}/decision/settings")

    # groups and usage exports
    group = check("createOrganizationGroup", "POST", f"/organizations/{org_id}/groups", 201, json={"name": "g"})
    check("getOrganizationGroups", "GET", f"/organizations/{org_id}/groups")
    check("getGroup", "GET", f"/organizations/{org_id}/groups/{group['id']}")
    check("deleteGroup", "DELETE", f"/organizations/{org_id}/groups/{group['id']}")
    export = check(
        "createUsageExport",
        "POST",
        f"/organizations/{org_id}/usage_export_job",
        201,
        json={"start": "2026-05-20T00:00:00Z", "end": "2026-06-02T00:00:00Z"},
    )
    check("getUsageExport", "GET", f"/organizations/{org_id}/usage_export_job/{export['usage_export_job_id']}")

    # pipeline definitions, triggers, deploys, rollbacks
    definitions = f"/projects/{app.id}/pipeline-definitions"
    definition = check(
        "createPipelineDefinition",
        "POST",
        definitions,
        json={
            "name": "main",
            "config_source": {
                "provider": "github_app",
                "repo": {"external_id": "1"},
                "file_path": ".circleci/config.yml",
            },
            "checkout_source": {"provider": "github_app", "repo": {"external_id": "1"}},
        },
    )
    check("listPipelineDefinitions", "GET", definitions)
    check("getPipelineDefinition", "GET", f"{definitions}/{definition['id']}")
    check("updatePipelineDefinition", "PATCH", f"{definitions}/{definition['id']}", json={"name": "renamed"})
    trigger = check(
        "createTrigger",
        "POST",
        f"{definitions}/{definition['id']}/triggers",
        json={"event_source": {"provider": "github_app", "repo": {"external_id": "1"}}, "event_preset": "all-pushes"},
    )
    check("listPipelineDefinitionTriggers", "GET", f"{definitions}/{definition['id']}/triggers")
    check("getTrigger", "GET", f"/projects/{app.id}/triggers/{trigger['id']}")
    check("updateTrigger", "PATCH", f"/projects/{app.id}/triggers/{trigger['id']}", json={"disabled": True})
    check("deleteTrigger", "DELETE", f"/projects/{app.id}/triggers/{trigger['id']}")
    check("deletePipelineDefinition", "DELETE", f"{definitions}/{definition['id']}")
    job = fake.state.builds(project)[0]
    fake.record_deploy(slug, component="api", environment="prod", version="1.0", job=job)
    fake.record_deploy(slug, component="api", environment="prod", version="1.1")
    (environment,) = check(
        "listEnvironments", "GET", "/deploy/environments", params={"org-id": org_id, "page-size": 5}
    )["items"]
    check("getEnvironment", "GET", f"/deploy/environments/{environment['id']}")
    (component,) = check("listComponents", "GET", "/deploy/components", params={"org-id": org_id, "page-size": 5})[
        "items"
    ]
    check("getComponent", "GET", f"/deploy/components/{component['id']}")
    check("listComponentVersions", "GET", f"/deploy/components/{component['id']}/versions")
    rollback = {"environment_name": "prod", "component_name": "api", "current_version": "1.1", "target_version": "1.0"}
    check("rollbackProject", "POST", f"/projects/{project.id}/rollback", 202, json=rollback)

    # OTel
    exporter = check(
        "createOtelExporter",
        "POST",
        "/otel/exporters",
        201,
        json={"org_id": org_id, "endpoint": "e:4317", "protocol": "grpc"},
    )
    check("listOtelExporters", "GET", "/otel/exporters", params={"org-id": org_id})
    check("deleteOtelExporter", "DELETE", f"/otel/exporters/{exporter['id']}", 204)

    everything = set(specs[0]["operations"]) | set(specs[1]["operations"])
    assert everything - check.seen == set()
    assert check.seen <= set(fake.route_names())


def test_errors_are_valid_against_the_spec_too(check: Checker) -> None:
    check("getProjectBySlug", "GET", "/project/gh/acme/nope", 404)
    check("getWorkflowById", "GET", "/workflow/0f0f0f0f-0000-4000-8000-000000000000", 404)
    check("listContexts", "GET", "/context", 400)
    check("createSchedule", "POST", "/project/gh/acme/widget/schedule", 400, json={"name": "n"})
