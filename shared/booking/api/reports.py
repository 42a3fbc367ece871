"""Report routes: the business KPIs as JSON, and each part as CSV."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from uuid import UUID

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query

from booking.api import context
from booking.api.responses import ERROR_RESPONSES, ERRORS
from booking.api.schemas import ReportOut
from booking.services import reports as svc

router = Router()

First = Annotated[date, Query(alias="from", description="first local day, YYYY-MM-DD")]
Last = Annotated[date, Query(alias="to", description="last local day (included)")]


@router.get("/reports", summary="Business KPIs", responses=ERRORS)
def get_report(
    first: First, last: Last, location_id: Annotated[UUID | None, Query()] = None
) -> ReportOut:
    """Self-service rate, no-shows, cancellations, utilisation and its heatmap, bookings/day."""
    actor = context.current_actor(router)
    data = svc.report(
        svc.ReportQuery(first=first, last=last, location_id=location_id),
        context.unit_of_work(),
        actor,
    )
    return ReportOut.model_validate(data)


@router.get(
    "/reports/csv",
    summary="A report part as CSV",
    responses={200: {"description": "CSV", "content": {"text/csv": {}}}, **ERROR_RESPONSES},
)
def get_report_csv(
    first: First,
    last: Last,
    part: Annotated[svc.CsvKind, Query()] = "per_day",
    location_id: Annotated[UUID | None, Query()] = None,
) -> Response[Any]:
    """One part of the report (summary, by_source, per_day, utilisation, heatmap) as CSV."""
    actor = context.current_actor(router)
    data = svc.report(
        svc.ReportQuery(first=first, last=last, location_id=location_id),
        context.unit_of_work(),
        actor,
    )
    return Response(
        status_code=200,
        content_type="text/csv; charset=utf-8",
        body=svc.report_csv(part, data),
        headers={
            "Content-Disposition": f'attachment; filename="{part}-{first}-{last}.csv"',
        },
    )
