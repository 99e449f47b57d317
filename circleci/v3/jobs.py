"""Jobs: endpoints of CircleCI's API v3."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, Callable, Optional, cast

from ..error import InvalidArgumentError, InvalidResponseError
from ._base import V3Client
from ._endpoint import endpoint
from .output import DEFAULT_MAX_BYTES, Destination, StepOutput, read_output
from .types import ArtifactList, JobDocument, JobList, JobTestResult, ResourceUsageDocument


class JobOperations(V3Client):
    """Jobs; part of :class:`~circleci.v3.ApiV3`."""

    @endpoint("GET", "/api/v3/jobs", paginated=True)
    def list_jobs(self, *, filter_workflow_id: Optional[str] = None, page_cursor: Optional[str] = None) -> JobList:
        """List the jobs of a workflow (``filter_workflow_id`` is required).

        :param filter_workflow_id: a workflow's id, sent as ``filter[workflow_id]``.
        :param page_cursor: the ``page.next`` cursor of the previous page, sent as ``page[cursor]``; :meth:`iterate`
            follows it for you.
        :returns: the decoded answer, a :class:`~circleci.v3.types.JobList`.
        """
        return self._call(
            self.list_jobs, params={"filter[workflow_id]": filter_workflow_id, "page[cursor]": page_cursor}
        )

    @endpoint("GET", "/api/v3/jobs/{job_id}")
    def get_job(self, job_id: str) -> JobDocument:
        """Fetch one job with its steps per parallel execution (each step's ``num`` selects its output).

        :param job_id: the job's id.
        :returns: the decoded answer, a :class:`~circleci.v3.types.JobDocument`.
        """
        return self._call(self.get_job, job_id)

    @endpoint("GET", "/api/v3/jobs/{job_id}/artifacts", paginated=True)
    def list_job_artifacts(self, job_id: str, *, page_cursor: Optional[str] = None) -> ArtifactList:
        """List the files a job stored, with their download URLs and parallel execution.

        :param job_id: the job's id.
        :param page_cursor: the ``page.next`` cursor of the previous page, sent as ``page[cursor]``; :meth:`iterate`
            follows it for you.
        :returns: the decoded answer, a :class:`~circleci.v3.types.ArtifactList`.
        """
        return self._call(self.list_job_artifacts, job_id, params={"page[cursor]": page_cursor})

    @endpoint("GET", "/api/v3/jobs/{job_id}/resource-usage")
    def get_job_resource_usage(self, job_id: str) -> ResourceUsageDocument:
        """Fetch a job's sampled CPU, memory and network use per parallel execution.

        From the reference: Sampled CPU/memory/network per parallel execution (404 for a job that never ran an
        executor).

        :param job_id: the job's id.
        :returns: the decoded answer, a :class:`~circleci.v3.types.ResourceUsageDocument`.
        """
        return self._call(self.get_job_resource_usage, job_id)

    def _step_output(
        self,
        method: Callable[..., Any],
        job_id: str,
        filter_execution: Optional[int],
        filter_step_num: Optional[int],
        offset: Optional[int],
        to: Optional[Destination],
        max_bytes: int,
    ) -> StepOutput:
        if offset is not None and (isinstance(offset, bool) or not isinstance(offset, int) or offset < 0):
            raise InvalidArgumentError(offset, "offset must be an integer of 0 or more")
        if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1:
            raise InvalidArgumentError(max_bytes, "max_bytes must be a positive integer")
        query = {"filter[execution]": filter_execution, "filter[step_num]": filter_step_num}
        headers = {"Range": f"bytes={offset}-"} if offset is not None else None
        with self._stream(method, job_id, params=query, headers=headers) as response:
            return read_output(response, offset or 0, to, max_bytes)

    @endpoint("GET", "/api/v3/jobs/{job_id}/stdout")
    def get_job_stdout(
        self,
        job_id: str,
        *,
        filter_execution: Optional[int] = None,
        filter_step_num: Optional[int] = None,
        offset: Optional[int] = None,
        to: Optional[Destination] = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> StepOutput:
        """Read what one step of a job wrote to standard output, as raw bytes (ANSI colours kept).

        The bytes are streamed: into the file ``to`` names (or the binary file
        object it is), so output of any size passes through a small buffer;
        or, without ``to``, into memory up to ``max_bytes``. A step that is
        still running answers what it has written so far; read again from
        the returned :attr:`~circleci.v3.StepOutput.offset` (sent as
        ``Range: bytes=<offset>-``) until :attr:`~circleci.v3.StepOutput.terminal`.

        In practice a step number is needed: the reference lists both filters
        as optional, but without ``filter_step_num`` no step is named, so
        :class:`~circleci.testing.FakeCircleCI` answers 404 ("step not found"),
        raised as :class:`~circleci.error.NotFound` (the reference does not say
        what CircleCI answers then). Pass the step's ``num`` from
        :meth:`get_job` (``data.attributes.parallel_executions[i].steps[j].num``:
        0 for the first step, then 101, 102, ...), e.g. ``filter_step_num=101``.

        :param job_id: the job's id.
        :param filter_execution: the parallel execution (0-based), sent as ``filter[execution]``.
        :param filter_step_num: the step's ``num`` (from :meth:`get_job`), sent as ``filter[step_num]``;
            needed in practice (see above).
        :param offset: the first byte to read; sent as ``Range: bytes=<offset>-``.
        :param to: a path to write (replaced) or a binary file object; ``None`` keeps the bytes in memory.
        :param max_bytes: with ``to=None``, the most bytes kept (default 16 MiB);
            the read stops there with ``truncated`` set.
        :raises InvalidArgumentError: for a negative ``offset`` or ``max_bytes`` below 1.
        :raises ~circleci.error.NotFound: without ``filter_step_num``, or for a step or
            execution the job does not have.
        :returns: a :class:`~circleci.v3.StepOutput` (``.text`` decodes it).
        """
        args = (filter_execution, filter_step_num, offset, to, max_bytes)
        return self._step_output(self.get_job_stdout, job_id, *args)

    @endpoint("GET", "/api/v3/jobs/{job_id}/stdout/condensed")
    def get_job_stdout_condensed(
        self,
        job_id: str,
        *,
        filter_execution: Optional[int] = None,
        filter_step_num: Optional[int] = None,
        to: Optional[Destination] = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> StepOutput:
        """Read a step's standard output cut down by CircleCI to the lines that explain a failure.

        Streamed like :meth:`get_job_stdout` (without ``Range``).

        A step number is needed in practice, as :meth:`get_job_stdout` explains.

        :param job_id: the job's id.
        :param filter_execution: the parallel execution (0-based), sent as ``filter[execution]``.
        :param filter_step_num: the step's ``num`` (from :meth:`get_job`), sent as ``filter[step_num]``;
            needed in practice (see above).
        :param to: a path to write (replaced) or a binary file object; ``None`` keeps the bytes in memory.
        :param max_bytes: with ``to=None``, the most bytes kept (default 16 MiB).
        :returns: a :class:`~circleci.v3.StepOutput`.
        """
        method = self.get_job_stdout_condensed
        return self._step_output(method, job_id, filter_execution, filter_step_num, None, to, max_bytes)

    @endpoint("GET", "/api/v3/jobs/{job_id}/stderr")
    def get_job_stderr(
        self,
        job_id: str,
        *,
        filter_execution: Optional[int] = None,
        filter_step_num: Optional[int] = None,
        to: Optional[Destination] = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> StepOutput:
        """Read what one step of a job wrote to standard error, as raw bytes.

        Streamed like :meth:`get_job_stdout`; the reference does not say
        that this endpoint honours ``Range``, so it is always read whole.

        A step number is needed in practice, as :meth:`get_job_stdout` explains.

        :param job_id: the job's id.
        :param filter_execution: the parallel execution (0-based), sent as ``filter[execution]``.
        :param filter_step_num: the step's ``num`` (from :meth:`get_job`), sent as ``filter[step_num]``;
            needed in practice (see above).
        :param to: a path to write (replaced) or a binary file object; ``None`` keeps the bytes in memory.
        :param max_bytes: with ``to=None``, the most bytes kept (default 16 MiB).
        :returns: a :class:`~circleci.v3.StepOutput`.
        """
        return self._step_output(self.get_job_stderr, job_id, filter_execution, filter_step_num, None, to, max_bytes)

    @endpoint("GET", "/api/v3/jobs/{job_id}/tests")
    def get_job_tests(self, job_id: str) -> Iterator[JobTestResult]:
        """Yield a job's test results, read line by line from CircleCI's JSON Lines answer.

        Nothing is requested until the first result is asked for; blank lines
        are skipped and an empty answer yields nothing.

        :param job_id: the job's id.
        :raises InvalidResponseError: for a line that is not a JSON object.
        :returns: an iterator of :class:`~circleci.v3.types.JobTestResult`.
        """
        with self._stream(self.get_job_tests, job_id) as response:
            for line in response.iter_lines():
                if not line.strip():
                    continue
                try:
                    result = json.loads(line)
                except ValueError:
                    result = None
                if not isinstance(result, dict):
                    raise InvalidResponseError(
                        f"GET /api/v3/jobs/{job_id}/tests sent a line that is not a JSON object",
                        status_code=response.status_code,
                        content_type=response.headers.get("Content-Type", "none"),
                    )
                yield cast(JobTestResult, result)
