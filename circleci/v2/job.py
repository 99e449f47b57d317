"""Operations of the "Job" tag of the CircleCI API v2."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Union

from .._args import query
from ._operation import V2Operations, operation

if TYPE_CHECKING:
    from .types import Artifact, GetJobResponse, JobDetails, MessageResponse, Page, TestsItem


class JobOperations(V2Operations):
    """Operations of the "Job" tag; part of :class:`~circleci.v2.ApiV2`."""

    @operation("cancelJobByJobID", "POST", "/jobs/{job-id}/cancel")
    def cancel_job_by_job_id(self, job_id: str) -> MessageResponse:
        """Cancel a job by its id.

        :param job_id: the job's UUID.
        :returns: the API's message.
        """
        return self._call(self.cancel_job_by_job_id, job_id)

    @operation("getJob", "GET", "/jobs/{job_id}")
    def get_job(self, job_id: str) -> GetJobResponse:
        """Fetch a job by its id: name, number, type, status and the ids it belongs to.

        :param job_id: the job's UUID.
        :returns: the job's ``id``, ``name``, ``job_number``, ``status``,
            ``project_id``, ``pipeline_id``, ``workflow_id``, ...
        """
        return self._call(self.get_job, job_id)

    @operation("getJobDetails", "GET", "/project/{project-slug}/job/{job-number}")
    def get_job_details(self, project_slug: str, job_number: Union[int, str]) -> JobDetails:
        """Fetch a job by its number within a project: status, timing, executor.

        CircleCI's current spec (2026-08) no longer lists this operation; it is
        kept because scripts use it and it may still answer. :meth:`get_job`
        (by the job's UUID) is the listed replacement, with fewer fields.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param job_number: the job's number.
        :returns: the job.
        """
        return self._call(self.get_job_details, project_slug, job_number)

    @operation("cancelJobByJobNumber", "POST", "/project/{project-slug}/job/{job-number}/cancel")
    def cancel_job_by_job_number(self, project_slug: str, job_number: Union[int, str]) -> MessageResponse:
        """Cancel a job by its number within a project.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param job_number: the job's number.
        :returns: the API's message.
        """
        return self._call(self.cancel_job_by_job_number, project_slug, job_number)

    @operation("getJobArtifacts", "GET", "/project/{project-slug}/{job-number}/artifacts", paginated=True)
    def get_job_artifacts(
        self, project_slug: str, job_number: Union[int, str], *, page_token: Optional[str] = None
    ) -> Page[Artifact]:
        """List the artifacts a job stored.

        CircleCI's current spec (2026-08) no longer lists this operation; it is
        kept because scripts use it and it may still answer.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param job_number: the job's number.
        :param page_token: the ``next_page_token`` of the previous page.
        :returns: a page whose items have ``path``, ``node_index`` and ``url``
            (download them with :meth:`download_artifact`).
        """
        params = query(**{"page-token": page_token})
        return self._call(self.get_job_artifacts, project_slug, job_number, params=params)

    @operation("getTests", "GET", "/project/{project-slug}/{job-number}/tests", paginated=True)
    def get_tests(
        self, project_slug: str, job_number: Union[int, str], *, page_token: Optional[str] = None
    ) -> Page[TestsItem]:
        """List the test results a job stored.

        CircleCI's current spec (2026-08) no longer lists this operation; it is
        kept because scripts use it and it may still answer.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param job_number: the job's number.
        :param page_token: the ``next_page_token`` of the previous page.
        :returns: a page whose items have ``name``, ``result``, ``run_time``, ...
        """
        params = query(**{"page-token": page_token})
        return self._call(self.get_tests, project_slug, job_number, params=params)
