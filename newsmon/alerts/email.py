"""E-mail alerts: multipart text and HTML, every page-borne string escaped, a stable Message-ID.

Two kinds of payload: stories (`story.created`, `story.updated`, a `digest` of them, `test`)
and the daemon's health notice (`source.unhealthy`, newsmon.daemon.health_notice). The plain
text of both is made here, and Apprise (newsmon.alerts.apprise_sender) sends the same text.

Titles, names and URLs come from web pages written by strangers: in the HTML part they are
escaped (no live markup, no links other than the articles' own http(s) URLs), and in headers
control characters are removed (a CR/LF in a title must not add a header).
"""

from __future__ import annotations

import html
import os
import smtplib
import ssl
import unicodedata
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import formatdate
from typing import Any
from urllib.parse import urlsplit

from newsmon.alerts.sender import Outcome
from newsmon.config import EmailChannelConfig

ACTIONS = {"joins": "joins", "hired": "is hired by", "founds": "founds", "leaves": "leaves",
           "fired": "is fired from", "promoted": "is promoted at"}


def one_line(text: str | None, limit: int = 300) -> str:
    """No control or bidi-override characters, no line breaks: safe in a header or a line."""
    if not text:
        return ""
    out = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c
                  for c in text)
    return " ".join(out.split())[:limit]


def describe(move: dict[str, Any]) -> str:
    who = one_line(move.get("person")) or "someone"
    action = ACTIONS.get(move.get("action") or "", "moves")
    frm, to = one_line(move.get("from")), one_line(move.get("to"))
    if move.get("action") in ("leaves", "fired", "promoted"):
        where = frm or to
        return f"{who} {action} {where}".strip() + (f" for {to}" if to and to != where else "")
    return f"{who} {action} {to or '?'}" + (f" (from {frm})" if frm and frm != to else "")


HEALTH_NOTICE = "source.unhealthy"


def is_health_notice(payload: dict[str, Any]) -> bool:
    return payload.get("type") == HEALTH_NOTICE


def when(value: str | None) -> str:
    """An ISO time of a payload as people read it: "2026-12-07 20:50 UTC"."""
    if not value:
        return ""
    try:
        t = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return one_line(str(value), 40)
    return (t if t.tzinfo else t.replace(tzinfo=UTC)).astimezone(UTC).strftime(
        "%Y-%m-%d %H:%M UTC")


def health_sections(payload: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """A health notice's sources, each a heading and its lines, as plain text (one_line'd,
    still to be escaped for HTML): which source, what failed, since when."""
    at = when(payload.get("timestamp"))
    out = []
    for src in payload["data"]["sources"]:
        health = one_line(src.get("health")) or "unhealthy"
        heading = f"{one_line(src.get('name'))} turned {health}" + (f" at {at}" if at else "")
        lines = [one_line(src.get("reason") or src.get("problem"), 1000)]
        if src.get("last_run"):
            lines.append(f"last crawl: {when(src['last_run'])}")
        if src.get("last_new_article"):
            lines.append(f"nothing new since {when(src['last_new_article'])}")
        elif src.get("watched_since"):
            lines.append(f"no article since it was added on {when(src['watched_since'])}")
        if src.get("url"):
            lines.append(f"source: {one_line(src['url'], 2000)}")
        out.append((heading, [line for line in lines if line]))
    return out


def health_text(payload: dict[str, Any]) -> str:
    lines: list[str] = []
    for heading, details in health_sections(payload):
        lines += [heading, *(f"- {d}" for d in details), ""]
    return "\n".join(lines).strip()


def health_html(payload: dict[str, Any]) -> str:
    return "".join(f"<h2>{html.escape(heading)}</h2><ul>"
                   + "".join(f"<li>{html.escape(d)}</li>" for d in details) + "</ul>"
                   for heading, details in health_sections(payload))


def sections(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """The stories of a payload, each `{"story": ..., "articles": [...]}`: one, or a digest's."""
    data = payload["data"]
    return data["stories"] if payload.get("type") == "digest" else [data]


def subject(payload: dict[str, Any]) -> str:
    if is_health_notice(payload):
        srcs = payload["data"]["sources"]
        which = ", ".join(f"{one_line(s.get('name'))} ({one_line(s.get('health')) or '?'})"
                          for s in srcs)
        count = "source" if len(srcs) == 1 else f"{len(srcs)} sources"
        return one_line(f"[newsmon] {count} unhealthy: {which}", 200)
    parts = sections(payload)
    story = parts[0]["story"]
    moves = story.get("moves") or []
    what = "; ".join(describe(m) for m in moves[:2]) if moves else one_line(story.get("title"))
    if payload.get("type") == "digest":
        more = f" and {len(parts) - 1} more" if len(parts) > 1 else ""
        return one_line(f"[newsmon] digest: {what}{more}", 200)
    return one_line(f"[newsmon] {what}", 200)


def _safe_href(url: str | None) -> str | None:
    """An http(s) URL fit for a link, else None: no other scheme, and no whitespace, control
    or bidi character (a real URL has none; a link showing one thing and going to another
    does)."""
    if not url or any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Zs") for c in url):
        return None
    try:
        scheme = urlsplit(url).scheme
    except ValueError:
        return None
    return url if scheme in ("http", "https") else None


def story_text_and_html(payload: dict[str, Any]) -> tuple[str, str]:
    """A story payload's (or a digest's) plain text, and its HTML with page text escaped."""
    lines: list[str] = []
    blocks: list[str] = []
    for section in sections(payload):
        story, arts = section["story"], section["articles"]
        lines += [one_line(story.get("title")), ""]
        lines += [f"- {describe(m)}" for m in story.get("moves") or []]
        lines += ["", "Articles:"]
        items = []
        for a in arts:
            copy = " (copy)" if a.get("copy") else ""
            lines.append(f"- [{one_line(a.get('language'))}] {one_line(a.get('source'))}: "
                         f"{one_line(a.get('title'))}{copy}")
            lines.append(f"  {one_line(a.get('url'), 2000)}")
            title = html.escape(one_line(a.get("title")) or "(untitled)")
            href = _safe_href(a.get("url"))
            link = f'<a href="{html.escape(href, quote=True)}">{title}</a>' if href else title
            items.append(f"<li>[{html.escape(one_line(a.get('language')))}] "
                         f"{html.escape(one_line(a.get('source')))}: {link}"
                         f"{' (copy)' if a.get('copy') else ''}</li>")
        lines.append("")
        moves = "".join(f"<li>{html.escape(describe(m))}</li>" for m in story.get("moves") or [])
        blocks.append(f"<h2>{html.escape(one_line(story.get('title')))}</h2>"
                      f"<ul>{moves}</ul><p>Articles:</p><ul>{''.join(items)}</ul>")
    return "\n".join(lines), "".join(blocks)


def build(payload: dict[str, Any], channel: EmailChannelConfig, key: str) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = subject(payload)
    msg["From"] = channel.from_
    msg["To"] = ", ".join(channel.to)
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = f"<{key}@newsmon>"  # the same on every attempt: receivers can dedupe
    if is_health_notice(payload):
        text, body = health_text(payload), health_html(payload)
    else:
        text, body = story_text_and_html(payload)
    msg.set_content(text)
    msg.add_alternative("<!doctype html><html><body>" + body + "</body></html>",
                        subtype="html")
    return msg


def submit(channel: EmailChannelConfig, msg: EmailMessage) -> Outcome:
    """The message to the channel's SMTP relay."""
    parts = urlsplit(channel.smtp_url)
    host, secure = parts.hostname or "", parts.scheme == "smtps"
    port = parts.port or (465 if secure else 25)
    user = os.environ.get(channel.username_env) if channel.username_env else None
    password = os.environ.get(channel.password_env) if channel.password_env else None
    try:
        cls = smtplib.SMTP_SSL if secure else smtplib.SMTP
        with cls(host, port, timeout=channel.timeout) as smtp:
            if channel.starttls and not secure:
                smtp.starttls(context=ssl.create_default_context())
            if user and password:
                smtp.login(user, password)
            smtp.send_message(msg)
    except smtplib.SMTPResponseException as exc:  # the code, never the credentials
        return Outcome(False, exc.smtp_code, f"SMTP {exc.smtp_code}")
    except smtplib.SMTPException as exc:
        return Outcome(False, None, f"SMTP error: {type(exc).__name__}")
    except OSError as exc:
        return Outcome(False, None, f"connection failed: {exc.strerror or type(exc).__name__}")
    return Outcome(True, 250)


class EmailSender:
    """Multipart mail to the operator's own relay (often on localhost): no address policy."""

    def send(self, channel: EmailChannelConfig, key: str, payload: dict[str, Any], *,
             allow_private: bool) -> Outcome:
        return submit(channel, build(payload, channel, key))
