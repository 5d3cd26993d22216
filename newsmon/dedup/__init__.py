"""Deduplication: one article however many copies and translations reach newsmon."""

from __future__ import annotations

from newsmon.dedup.fingerprint import fingerprint

__all__ = ["fingerprint"]
