"""Webhook delivery, signed as the Standard Webhooks specification says.

Headers `webhook-id` (the alert's idempotency key, the same on every attempt),
`webhook-timestamp` and `webhook-signature: v1,<base64 HMAC-SHA256 of "{id}.{ts}.{body}">`.
Only a 2xx is success; redirects are not followed (a redirect is a failure, never a resend to
somewhere else). Plain urllib: one POST needs no client library, and the `standardwebhooks`
package is the receiver side (used in the tests).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import time
import urllib.error
import urllib.request
from typing import Any

from newsmon.alerts.sender import Outcome
from newsmon.alerts.targets import check_target
from newsmon.config import WebhookChannelConfig
from newsmon.http_dates import retry_after_seconds


def secret_key(secret: str) -> bytes:
    """`whsec_<base64>` as the spec defines it; any other string is used as raw bytes."""
    if secret.startswith("whsec_"):
        return base64.b64decode(secret.removeprefix("whsec_"))
    return secret.encode("utf-8")


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    signed = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # urllib then raises HTTPError with the 3xx status


_opener = urllib.request.build_opener(_NoRedirect, urllib.request.ProxyHandler({}))


def post(url: str, secret: str | None, msg_id: str, body: bytes, timeout: float,
         now: float | None = None) -> Outcome:
    ts = int(now if now is not None else time.time())
    headers = {"content-type": "application/json", "user-agent": "newsmon-webhook/1",
               "webhook-id": msg_id, "webhook-timestamp": str(ts)}
    if secret:
        headers["webhook-signature"] = sign(secret, msg_id, ts, body)
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with _opener.open(request, timeout=timeout) as resp:
            status = resp.status
            resp.read(65536)
    except urllib.error.HTTPError as exc:
        status = exc.code
        retry = retry_after_seconds(exc.headers.get("retry-after") if exc.headers else None)
        exc.close()
        return Outcome(False, status, f"HTTP {status}", retry, disable=status == 410)
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        reason = getattr(exc, "reason", exc)
        return Outcome(False, None, f"connection failed: {reason}")
    if 200 <= status < 300:
        return Outcome(True, status)
    return Outcome(False, status, f"HTTP {status}")


def secret_of(channel: WebhookChannelConfig) -> str | None:
    if channel.secret_env:
        return os.environ.get(channel.secret_env)
    return channel.secret


class WebhookSender:
    """The payload as JSON, POSTed to a URL the address policy allows."""

    def send(self, channel: WebhookChannelConfig, key: str, payload: dict[str, Any], *,
             allow_private: bool) -> Outcome:
        check_target(channel.url, allow_private)
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        return post(channel.url, secret_of(channel), key, body, channel.timeout)
