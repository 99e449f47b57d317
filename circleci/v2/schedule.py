"""Operations of the "Schedule" tag of the CircleCI API v2."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional, Union

from .._args import query
from ._operation import V2Operations, operation

if TYPE_CHECKING:
    from .types import (
        CreateScheduleBodyTimetable1,
        CreateScheduleBodyTimetable2,
        MessageResponse,
        Page,
        Schedule,
        UpdateScheduleBodyTimetable,
    )


class ScheduleOperations(V2Operations):
    """Operations of the "Schedule" tag; part of :class:`~circleci.v2.ApiV2`."""

    @operation("listSchedulesForProject", "GET", "/project/{project-slug}/schedule", paginated=True)
    def list_schedules_for_project(self, project_slug: str, *, page_token: Optional[str] = None) -> Page[Schedule]:
        """List a project's scheduled pipelines.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param page_token: the ``next_page_token`` of the previous page.
        :returns: a page, ``{"items": [...], "next_page_token": ...}``.
        """
        params = query(**{"page-token": page_token})
        return self._call(self.list_schedules_for_project, project_slug, params=params)

    @operation("createSchedule", "POST", "/project/{project-slug}/schedule")
    def create_schedule(
        self,
        project_slug: str,
        *,
        name: str,
        timetable: Union[CreateScheduleBodyTimetable1, CreateScheduleBodyTimetable2],
        attribution_actor: str,
        parameters: dict[str, Any],
        description: Optional[str] = None,
    ) -> Schedule:
        """Create a scheduled pipeline for a project.

        :param project_slug: ``gh/org/repo``, or ``circleci/<org-id>/<project-id>``.
        :param name: the schedule's name.
        :param timetable: when it runs, e.g. ``{"per-hour": 1, "hours-of-day": [3],
            "days-of-week": ["MON"]}``.
        :param attribution_actor: who the pipelines run as: ``"current"`` or ``"system"``.
        :param parameters: pipeline parameters; must include ``branch`` or ``tag``.
        :param description: a description.
        :returns: the new schedule.
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
        return self._call(self.create_schedule, project_slug, body=body)

    @operation("deleteScheduleById", "DELETE", "/schedule/{schedule-id}")
    def delete_schedule_by_id(self, schedule_id: str) -> MessageResponse:
        """Delete a scheduled pipeline.

        :param schedule_id: the schedule's UUID.
        :returns: the API's message.
        """
        return self._call(self.delete_schedule_by_id, schedule_id)

    @operation("getScheduleById", "GET", "/schedule/{schedule-id}")
    def get_schedule_by_id(self, schedule_id: str) -> Schedule:
        """Fetch one scheduled pipeline.

        :param schedule_id: the schedule's UUID.
        :returns: the schedule.
        """
        return self._call(self.get_schedule_by_id, schedule_id)

    @operation("updateSchedule", "PATCH", "/schedule/{schedule-id}")
    def update_schedule(
        self,
        schedule_id: str,
        *,
        description: Optional[str] = None,
        name: Optional[str] = None,
        timetable: Optional[UpdateScheduleBodyTimetable] = None,
        attribution_actor: Optional[str] = None,
        parameters: Optional[dict[str, Any]] = None,
    ) -> Schedule:
        """Change a scheduled pipeline; fields left out keep their value.

        :param schedule_id: the schedule's UUID.
        :param description: a new description.
        :param name: a new name.
        :param timetable: when it runs (see :meth:`create_schedule`).
        :param attribution_actor: ``"current"`` or ``"system"``.
        :param parameters: pipeline parameters.
        :returns: the schedule.
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
        return self._call(self.update_schedule, schedule_id, body=body)
