"""The Jinja2 environment: autoescape always on (page text comes from strangers' web pages
and is shown as text, never as HTML), a few filters, and `render`, which gives every
template the request, its CSRF token and the navigation."""

from __future__ import annotations

from datetime import datetime
from importlib import resources
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from newsmon.web.auth import authenticated
from newsmon.web.csrf import form_token

TEMPLATES = resources.files("newsmon.web") / "templates"
NAV = (("/", "Stories"), ("/flow", "Talent flow"), ("/sources", "Sources"),
       ("/outbox", "Outbox"))


def _when(t: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return t.strftime(fmt) if t else "never"


def _href(url: str | None) -> str:
    """A link to a crawled page only when it is http(s): never `javascript:` or `data:`."""
    return url if url and url.lower().startswith(("http://", "https://")) else "#"


def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["when"] = _when
    env.filters["href"] = _href
    return env


ENV = environment()


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    path = request.url.path
    active = next((href for href, _ in reversed(NAV) if path == href or
                   (href != "/" and path.startswith(href))), "/" if path in ("/", "")
                  or path.startswith("/story") else None)
    html = ENV.get_template(name).render(
        request=request, csrf_token=form_token(request), nav=NAV, active=active,
        logged_in=_logged_in(request), **context)
    return HTMLResponse(html, status_code=status_code)


def _logged_in(request: Request) -> bool:
    """Whether to offer "Log out": secrets are set and this request carries them."""
    secrets = request.app.state.secrets
    return secrets.any and authenticated(request, secrets)
