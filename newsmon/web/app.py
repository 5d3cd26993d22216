"""The application: FastAPI (the API's OpenAPI document for free, Starlette underneath for
the pages) over one Store. Its interactive docs are off: they load scripts from a CDN, which
the content security policy forbids; /openapi.json is the contract."""

from __future__ import annotations

import os
from importlib import resources
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsmon import __version__
from newsmon.config import Config
from newsmon.store import Store
from newsmon.web import routes_admin, routes_api, routes_feeds, routes_flow, routes_stories
from newsmon.web.auth import LoginRequired, authenticated
from newsmon.web.middleware import CsrfCookie, SecurityHeaders
from newsmon.web.security import Secrets
from newsmon.web.templating import render

STATIC = resources.files("newsmon.web") / "static"
MACHINE_PREFIXES = ("/api/", "/feed.", "/sources.opml", "/openapi.json")


def _for_machines(request: Request) -> bool:
    return request.url.path.startswith(MACHINE_PREFIXES)


def create_app(cfg: Config, store: Store, secrets: Secrets) -> FastAPI:
    app = FastAPI(title="newsmon", version=__version__, docs_url=None, redoc_url=None,
                  description="Stories, articles, sources and health of a newsmon database.")
    app.state.config, app.state.store, app.state.secrets = cfg, store, secrets
    app.state.csrf_key = os.urandom(32)

    @app.middleware("http")
    async def protect_openapi(request: Request, call_next: Any) -> Response:
        if request.url.path == "/openapi.json" and not authenticated(request, secrets):
            return _unauthorised(secrets)
        return await call_next(request)

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        if _for_machines(request):
            return _unauthorised(secrets)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _for_machines(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code,
                                headers=exc.headers)
        return render(request, "error.html", status_code=exc.status_code,
                      code=exc.status_code, message=str(exc.detail))

    for module in (routes_stories, routes_flow, routes_admin, routes_feeds, routes_api):
        app.include_router(module.router)
    app.include_router(routes_admin.public)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    app.add_middleware(CsrfCookie)
    app.add_middleware(SecurityHeaders)
    return app


def _unauthorised(secrets: Secrets) -> Response:
    challenge = 'Bearer realm="newsmon"' + (', Basic realm="newsmon"' if secrets.password
                                           else "")
    return JSONResponse({"detail": "credentials needed"}, status_code=401,
                        headers={"WWW-Authenticate": challenge})
