"""Topic profiles: the organisations, people and staffing language a topic is made of.

A profile is a TOML file (see profiles/ai-lab-staffing.toml). Profiles with the same `name`
merge, so a user extends the built-in topic with a small file of their own people and labs.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

BUILTIN_PREFIX = "builtin:"
ACTIONS = ("joins", "leaves", "hired", "promoted", "fired", "founds")


class ProfileError(ValueError):
    """A profile file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Organisation:
    name: str
    aliases: tuple[str, ...]
    lab: bool


@dataclass
class Profile:
    name: str
    description: str = ""
    organisations: dict[str, Organisation] = field(default_factory=dict)
    people: dict[str, tuple[str, ...]] = field(default_factory=dict)
    predicates: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> form -> action
    headline_predicates: dict[str, dict[str, str]] = field(default_factory=dict)
    negative_cues: dict[str, list[str]] = field(default_factory=dict)
    roles: dict[str, list[str]] = field(default_factory=dict)
    ai_cues: list[str] = field(default_factory=list)

    def merge(self, other: Profile) -> None:
        """Extend this profile with another of the same name."""
        self.description = other.description or self.description
        self.organisations.update(other.organisations)
        self.people.update(other.people)
        for lang, preds in other.predicates.items():
            self.predicates.setdefault(lang, {}).update(preds)
        for lang, preds in other.headline_predicates.items():
            self.headline_predicates.setdefault(lang, {}).update(preds)
        for target, source in ((self.negative_cues, other.negative_cues),
                               (self.roles, other.roles)):
            for lang, words in source.items():
                target.setdefault(lang, [])
                target[lang] += [w for w in words if w not in target[lang]]
        self.ai_cues += [w for w in other.ai_cues if w not in self.ai_cues]


def _profile_from_toml(data: dict[str, Any], origin: str) -> Profile:
    def fail(key: str, msg: str) -> ProfileError:
        return ProfileError(f"{origin}: {key}: {msg}")

    known = {"name", "description", "organisations", "people", "predicates",
             "headline_predicates", "negative_cues", "roles", "ai_cues"}
    for key in data:
        if key not in known:
            raise fail(key, f"unknown key; known keys: {', '.join(sorted(known))}")
    name = data.get("name")
    if not isinstance(name, str) or not name:
        raise fail("name", "every profile needs a name")
    profile = Profile(name=name, description=str(data.get("description", "")))
    for org, spec in data.get("organisations", {}).items():
        if not isinstance(spec, dict):
            raise fail(f"organisations.{org}", "expected a table with aliases and lab")
        aliases = spec.get("aliases", [org])
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
            raise fail(f"organisations.{org}.aliases", "expected a list of names")
        profile.organisations[org] = Organisation(org, tuple(aliases) or (org,),
                                                  bool(spec.get("lab", True)))
    for person, aliases in data.get("people", {}).items():
        if not isinstance(aliases, list):
            raise fail(f"people.{person}", "expected a list of other names (may be empty)")
        profile.people[person] = tuple(aliases)
    for key in ("predicates", "headline_predicates"):
        for lang, preds in data.get(key, {}).items():
            for form, action in preds.items():
                if action not in ACTIONS:
                    raise fail(f"{key}.{lang}.{form}", f"action must be one of {ACTIONS}")
            getattr(profile, key)[lang] = {k.lower(): v for k, v in preds.items()}
    for key in ("negative_cues", "roles"):
        for lang, words in data.get(key, {}).items():
            if not isinstance(words, list):
                raise fail(f"{key}.{lang}", "expected a list of words")
            getattr(profile, key)[lang] = list(words)
    profile.ai_cues = list(data.get("ai_cues", []))
    return profile


def load_profile(ref: str, base_dir: Path | None = None) -> Profile:
    """`builtin:NAME` or a path (relative to the config file's directory)."""
    if ref.startswith(BUILTIN_PREFIX):
        name = ref[len(BUILTIN_PREFIX):]
        files = resources.files("newsmon.relevance").joinpath("profiles", f"{name}.toml")
        if not files.is_file():
            raise ProfileError(f"{ref}: no built-in profile of that name")
        text, origin = files.read_text("utf-8"), ref
    else:
        path = Path(ref)
        if base_dir is not None and not path.is_absolute():
            path = base_dir / path
        try:
            text, origin = path.read_text("utf-8"), str(path)
        except OSError as exc:
            raise ProfileError(f"{path}: cannot read profile: {exc}") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{origin}: not valid TOML: {exc}") from exc
    return _profile_from_toml(data, origin)


def load_profiles(refs: list[str], base_dir: Path | None = None) -> list[Profile]:
    """Load and merge: profiles sharing a name become one."""
    merged: dict[str, Profile] = {}
    for ref in refs:
        p = load_profile(ref, base_dir)
        if p.name in merged:
            merged[p.name].merge(p)
        else:
            merged[p.name] = p
    return list(merged.values())


def word_pattern(phrases: list[str] | tuple[str, ...], flags: int = 0) -> re.Pattern[str] | None:
    """One regex matching any phrase on word boundaries, longest first."""
    items = sorted({p for p in phrases if p}, key=len, reverse=True)
    if not items:
        return None
    body = "|".join(re.escape(p) for p in items)
    return re.compile(rf"(?<![\w.-])(?:{body})(?![\w-])", flags)
