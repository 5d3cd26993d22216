"""CSRF tokens for every form. The browser holds a random nonce in a SameSite=Strict,
HttpOnly cookie (set by `middleware.CsrfCookie`); a form carries HMAC(app key, nonce). A
cross-site page can neither read the token nor, lacking the key, forge one for a cookie it
managed to plant."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import HTTPException, Request

CSRF_COOKIE = "newsmon_csrf"
FIELD = "csrf_token"


def new_nonce() -> str:
    return secrets.token_urlsafe(24)


def token_for(key: bytes, nonce: str) -> str:
    return hmac.new(key, f"csrf:{nonce}".encode(), hashlib.sha256).hexdigest()


def request_nonce(request: Request) -> str:
    """The nonce of this browser: its cookie, or the one the middleware is setting now."""
    return request.scope.get("state", {}).get("csrf_nonce") or request.cookies.get(
        CSRF_COOKIE, "")


def form_token(request: Request) -> str:
    """The token the templates put in every form."""
    return token_for(request.app.state.csrf_key, request_nonce(request))


async def require_csrf(request: Request) -> None:
    """Dependency of every POST: 403 unless the form's token matches this browser's nonce."""
    nonce = request.cookies.get(CSRF_COOKIE)
    form = await request.form()
    given = form.get(FIELD) or request.headers.get("x-csrf-token") or ""
    if not nonce or not isinstance(given, str) or not hmac.compare_digest(
            token_for(request.app.state.csrf_key, nonce), given):
        raise HTTPException(403, "missing or wrong CSRF token: reload the page and try again")
