"""Sources and their health, the alert outbox (re-queue with a CSRF token), and login."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile  # what request.form() gives

from newsmon.alerts.outbox import requeue_dead
from newsmon.store import Store
from newsmon.web import opml_import, queries, writes
from newsmon.web.auth import SESSION_COOKIE, SESSION_SECONDS, new_session, require_login, safe_next
from newsmon.web.csrf import require_csrf
from newsmon.web.opml_import import MAX_BYTES
from newsmon.web.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(require_login)])
public = APIRouter(include_in_schema=False)
STATUSES = ("pending", "failed", "dead")


@router.get("/sources")
def sources_page(request: Request) -> Response:
    rows = queries.sources_health(request.app.state.store)
    return render(request, "sources.html", sources=rows)


@router.get("/outbox")
def outbox_page(request: Request, status: str | None = Query(None),
                done: str | None = Query(None)) -> Response:
    if status and status not in STATUSES:
        raise HTTPException(400, f"status: one of {', '.join(STATUSES)}")
    store: Store = request.app.state.store
    return render(request, "outbox.html", alerts=queries.outbox(store, status),
                  counts=queries.outbox_counts(store), status=status, statuses=STATUSES,
                  done=done)


@router.post("/outbox/{alert_id}/requeue", dependencies=[Depends(require_csrf)])
def requeue_one(request: Request, alert_id: int) -> Response:
    if not writes.requeue_alert(request.app.state.store, alert_id):
        raise HTTPException(404, f"no dead alert {alert_id}")
    return RedirectResponse(f"/outbox?done={quote(f'alert {alert_id} re-queued')}",
                            status_code=303)


@router.post("/outbox/requeue-dead", dependencies=[Depends(require_csrf)])
def requeue_all(request: Request, channel: str | None = Form(None)) -> Response:
    n = requeue_dead(request.app.state.store, channel or None)
    return RedirectResponse(f"/outbox?done={quote(f'{n} dead alert(s) re-queued')}",
                            status_code=303)


@public.get("/login")
def login_page(request: Request, next: str | None = Query(None)) -> Response:
    return render(request, "login.html", next=safe_next(next), failed=False)


@public.post("/login", dependencies=[Depends(require_csrf)])
def login(request: Request, password: str = Form(""), next: str = Form("/")) -> Response:
    secrets = request.app.state.secrets
    if not secrets.any:
        return RedirectResponse(safe_next(next), status_code=303)
    if not secrets.accepts(password):
        return render(request, "login.html", status_code=401, next=safe_next(next), failed=True)
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(SESSION_COOKIE, new_session(secrets), max_age=SESSION_SECONDS,
                        httponly=True, samesite="lax", secure=request.url.scheme == "https")
    return response


@public.post("/logout", dependencies=[Depends(require_csrf)])
def logout(request: Request) -> Response:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/sources/import")
def import_page(request: Request) -> Response:
    return render(request, "import.html", result=None)


@router.post("/sources/import", dependencies=[Depends(require_csrf)])
async def import_sources(request: Request) -> Response:
    form = await request.form()
    upload = form.get("opml")
    data = await upload.read(MAX_BYTES + 1) if isinstance(upload, UploadFile) else b""
    result = opml_import.import_opml(request.app.state.config, data)
    return render(request, "import.html", status_code=400 if result.error else 200,
                  result=result)
