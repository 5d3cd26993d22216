"""URL identity: the one spelling of a URL under which newsmon knows an article."""

from __future__ import annotations

import posixpath
from urllib.parse import urljoin, urlsplit, urlunsplit

from courlan import normalize_url


def canonicalize(url: str, base: str | None = None) -> str | None:
    """Normalise a link for identity, or None when it is not an http(s) URL.

    courlan drops tracking parameters (utm_*, fbclid, gclid, ...), sorts the query and
    lowercases scheme and host; we also drop the fragment and resolve dot segments,
    which courlan leaves alone.
    """
    url = (url or "").strip()
    if not url:
        return None
    try:
        if base:
            url = urljoin(base, url)
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    path = parts.path or "/"
    if "/." in path:
        trailing = path.endswith(("/", "/.", "/.."))
        path = posixpath.normpath(path)
        if trailing and not path.endswith("/"):
            path += "/"
        path = "/" + path.lstrip("/")
    try:
        normal = normalize_url(urlunsplit((parts.scheme, parts.netloc, path, parts.query, "")))
    except (ValueError, AttributeError):
        return None
    return normal.split("#", 1)[0]
