"""A real SMTP server for tests (aiosmtpd on 127.0.0.1) keeping every message it receives."""

from __future__ import annotations

import email
import socket
from email.message import Message
from typing import Any


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def parts(msg: Message) -> tuple[str, str]:
    """The text and the HTML part of a multipart message, decoded."""
    text = html = ""
    for part in msg.walk():
        payload = part.get_payload(decode=True)
        if part.get_content_type() == "text/plain" and isinstance(payload, bytes):
            text = payload.decode()
        if part.get_content_type() == "text/html" and isinstance(payload, bytes):
            html = payload.decode()
    return text, html
