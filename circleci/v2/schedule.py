"""Operations of the "Schedule" tag of the CircleCI API v2."""

from __future__ import annotations

from typing import Any, Optional

from .._args import query, segment, slug
from .._client import BaseClient
from ._operation import operation


def _schedule(schedule_id: str) -> str:
    """The path ``schedule/<id>`` of one schedule."""
    return f"schedule/{segment(schedule_id, 'schedule_id')}"


class ScheduleOperations(BaseClient):
    """Operations of the "Schedule" tag; part of :class:`~circleci.v2.ApiV2`."""

    @operation("listSchedulesForProject", "GET", "/project/{project-slug}/schedule", paginated=True)
    def list_schedules_for_project(self, project_slug: str, *, page_token: Optional[str] = None) -> Any:
        """List a project's scheduled pipelines.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param page_token: the ``next_page_token`` of the previous page.
        :returns: a page, ``{"items": [...], "next_page_token": ...}``.

        Endpoint: ``GET /project/{project-slug}/schedule``
        """
        params = query(**{"page-token": page_token})
        return self._request("GET", f"project/{slug(project_slug)}/schedule", params=params)

    @operation("createSchedule", "POST", "/project/{project-slug}/schedule")
    def create_schedule(
        self,
        project_slug: str,
        *,
        name: str,
        timetable: dict[str, Any],
        attribution_actor: str,
        parameters: dict[str, Any],
        description: Optional[str] = None,
    ) -> Any:
        """Create a scheduled pipeline for a project.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param name: the schedule's name.
        :param timetable: when it runs, e.g. ``{"per-hour": 1, "hours-of-day": [3],
            "days-of-week": ["MON"]}``.
        :param attribution_actor: who the pipelines run as: ``"current"`` or ``"system"``.
        :param parameters: pipeline parameters; must include ``branch`` or ``tag``.
        :param description: a description.
        :returns: the new schedule.

        Endpoint: ``POST /project/{project-slug}/schedule``
        """
        body = query(
            **{
                "name": name,
                "timetable": timetable,
                "attribution-actor": attribution_actor,
                "parameters": parameters,
                "description": description,
            }
        )
        return self._request("POST", f"project/{slug(project_slug)}/schedule", body)

    @operation("deleteScheduleById", "DELETE", "/schedule/{schedule-id}")
    def delete_schedule_by_id(self, schedule_id: str) -> Any:
        """Delete a scheduled pipeline.

        :param schedule_id: the schedule's UUID.
        :returns: the API's message.

        Endpoint: ``DELETE /schedule/{schedule-id}``
        """
        return self._request("DELETE", _schedule(schedule_id))

    @operation("getScheduleById", "GET", "/schedule/{schedule-id}")
    def get_schedule_by_id(self, schedule_id: str) -> Any:
        """Fetch one scheduled pipeline.

        :param schedule_id: the schedule's UUID.
        :returns: the schedule.

        Endpoint: ``GET /schedule/{schedule-id}``
        """
        return self._request("GET", _schedule(schedule_id))

    @operation("updateSchedule", "PATCH", "/schedule/{schedule-id}")
    def update_schedule(
        self,
        schedule_id: str,
        *,
        description: Optional[str] = None,
        name: Optional[str] = None,
        timetable: Optional[dict[str, Any]] = None,
        attribution_actor: Optional[str] = None,
        parameters: Optional[dict[str, Any]] = None,
    ) -> Any:
        """Change a scheduled pipeline; fields left out keep their value.

        :param schedule_id: the schedule's UUID.
        :param description: a new description.
        :param name: a new name.
        :param timetable: when it runs (see :meth:`create_schedule`).
        :param attribution_actor: ``"current"`` or ``"system"``.
        :param parameters: pipeline parameters.
        :returns: the schedule.

        Endpoint: ``PATCH /schedule/{schedule-id}``
        """
        body = query(
            **{
                "description": description,
                "name": name,
                "timetable": timetable,
                "attribution-actor": attribution_actor,
                "parameters": parameters,
            }
        )
        return self._request("PATCH", _schedule(schedule_id), body)
