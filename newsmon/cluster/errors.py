"""The distributed mode's refusals, with their exit codes (see newsmon.errors)."""

from __future__ import annotations

from newsmon.errors import EXIT_CONFIG, NewsmonError


class ClusterUnavailable(NewsmonError, exit_code=EXIT_CONFIG):
    """The config does not allow the distributed mode (off, or not on PostgreSQL)."""
