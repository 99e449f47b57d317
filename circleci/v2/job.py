"""Operations of the "Job" tag of the CircleCI API v2."""

from __future__ import annotations

from typing import Any, Optional, Union

from .._args import query, segment, slug
from .._client import BaseClient
from ._operation import operation


class JobOperations(BaseClient):
    """Operations of the "Job" tag; part of :class:`~circleci.v2.ApiV2`."""

    @operation("cancelJobByJobID", "POST", "/jobs/{job-id}/cancel")
    def cancel_job_by_job_id(self, job_id: str) -> Any:
        """Cancel a job by its id.

        :param job_id: the job's UUID.
        :returns: the API's message.

        Endpoint: ``POST /jobs/{job-id}/cancel``
        """
        return self._request("POST", f"jobs/{segment(job_id, 'job_id')}/cancel")

    @operation("getJobDetails", "GET", "/project/{project-slug}/job/{job-number}")
    def get_job_details(self, project_slug: str, job_number: Union[int, str]) -> Any:
        """Fetch a job by its number within a project: status, timing, executor.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param job_number: the job's number.
        :returns: the job.

        Endpoint: ``GET /project/{project-slug}/job/{job-number}``
        """
        return self._request("GET", f"project/{slug(project_slug)}/job/{segment(job_number, 'job_number')}")

    @operation("cancelJobByJobNumber", "POST", "/project/{project-slug}/job/{job-number}/cancel")
    def cancel_job_by_job_number(self, project_slug: str, job_number: Union[int, str]) -> Any:
        """Cancel a job by its number within a project.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param job_number: the job's number.
        :returns: the API's message.

        Endpoint: ``POST /project/{project-slug}/job/{job-number}/cancel``
        """
        number = segment(job_number, "job_number")
        return self._request("POST", f"project/{slug(project_slug)}/job/{number}/cancel")

    @operation("getJobArtifacts", "GET", "/project/{project-slug}/{job-number}/artifacts", paginated=True)
    def get_job_artifacts(
        self, project_slug: str, job_number: Union[int, str], *, page_token: Optional[str] = None
    ) -> Any:
        """List the artifacts a job stored.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param job_number: the job's number.
        :param page_token: the ``next_page_token`` of the previous page.
        :returns: a page whose items have ``path``, ``node_index`` and ``url``
            (download them with :meth:`download_artifact`).

        Endpoint: ``GET /project/{project-slug}/{job-number}/artifacts``
        """
        params = query(**{"page-token": page_token})
        number = segment(job_number, "job_number")
        return self._request("GET", f"project/{slug(project_slug)}/{number}/artifacts", params=params)

    @operation("getTests", "GET", "/project/{project-slug}/{job-number}/tests", paginated=True)
    def get_tests(self, project_slug: str, job_number: Union[int, str], *, page_token: Optional[str] = None) -> Any:
        """List the test results a job stored.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param job_number: the job's number.
        :param page_token: the ``next_page_token`` of the previous page.
        :returns: a page whose items have ``name``, ``result``, ``run_time``, ...

        Endpoint: ``GET /project/{project-slug}/{job-number}/tests``
        """
        params = query(**{"page-token": page_token})
        number = segment(job_number, "job_number")
        return self._request("GET", f"project/{slug(project_slug)}/{number}/tests", params=params)
