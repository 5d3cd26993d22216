"""Who may see the dashboard. Without secrets, anyone who reaches the (loopback) address;
with them, a request carries a login session cookie, HTTP basic credentials (feed readers)
or a bearer token (API clients). The session cookie is signed with a key derived from the
secret, so it survives a restart and dies when the password changes."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import time

from fastapi import Request

from newsmon.web.security import Secrets

SESSION_COOKIE = "newsmon_session"
SESSION_SECONDS = 7 * 86400


class LoginRequired(Exception):
    """A page was asked for without credentials: the app answers with the login form (HTML)
    or 401 (feeds, API)."""


def _key(secrets: Secrets) -> bytes:
    secret = secrets.password or secrets.token or ""
    return hashlib.sha256(b"newsmon-web-session\0" + secret.encode()).digest()


def new_session(secrets: Secrets, now: float | None = None) -> str:
    expires = int((now or time.time()) + SESSION_SECONDS)
    sig = hmac.new(_key(secrets), f"session:{expires}".encode(), hashlib.sha256).hexdigest()
    return f"{expires}.{sig}"


def valid_session(secrets: Secrets, value: str | None, now: float | None = None) -> bool:
    if not value or "." not in value:
        return False
    expires, _, sig = value.partition(".")
    if not expires.isdigit() or int(expires) < (now or time.time()):
        return False
    want = hmac.new(_key(secrets), f"session:{expires}".encode(), hashlib.sha256).hexdigest()
    return hmac.compare_digest(want, sig)


def _header_secret(header: str) -> str | None:
    """The secret an Authorization header carries (bearer token or basic password)."""
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer":
        return value.strip()
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            return None
        return decoded.partition(":")[2]
    return None


def authenticated(request: Request, secrets: Secrets) -> bool:
    if not secrets.any:
        return True
    given = _header_secret(request.headers.get("authorization", ""))
    if given is not None and secrets.accepts(given):
        return True
    return valid_session(secrets, request.cookies.get(SESSION_COOKIE))


def require_login(request: Request) -> None:
    """Dependency of every protected route."""
    if not authenticated(request, request.app.state.secrets):
        raise LoginRequired()


def safe_next(target: str | None) -> str:
    """Where to go after logging in: a path on this site, never another host."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target
