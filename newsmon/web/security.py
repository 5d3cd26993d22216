"""The web's secrets and the bind rule: a dashboard reachable from another machine must ask
for a password or token, so a public bind without one is a configuration error (exit 2)."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass

from newsmon.config import Config, ConfigError
from newsmon.config.schema import WebConfig

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


@dataclass(frozen=True)
class Secrets:
    """The password (pages, feeds, API) and API token, each None when not configured."""

    password: str | None = None
    token: str | None = None

    @property
    def any(self) -> bool:
        return bool(self.password or self.token)

    def accepts(self, given: str) -> bool:
        """Whether `given` is the password or the token (in constant time for each)."""
        from hmac import compare_digest

        return any(s and compare_digest(given.encode(), s.encode())
                   for s in (self.password, self.token))


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _from_env(cfg: Config, key: str, name: str | None, problems: list[str]) -> str | None:
    if name is None:
        return None
    value = os.environ.get(name)
    if not value:
        problems.append(f"[web] {key}: the environment variable {name} is not set or empty")
        return None
    return value


def resolve(cfg: Config, host: str | None = None) -> Secrets:
    """The secrets [web] names, checked against the address to bind (the config's unless
    `host` overrides it); ConfigError (exit 2) lists what is wrong."""
    web: WebConfig = cfg.web
    problems: list[str] = []
    secrets = Secrets(_from_env(cfg, "password_env", web.password_env, problems),
                      _from_env(cfg, "token_env", web.token_env, problems))
    bind = host or web.host
    if not problems and not is_loopback(bind) and not secrets.any:
        problems.append(f"[web] host: refusing to serve on {bind}, which is not a loopback "
                        "address, without a password or token: set [web] password_env (or "
                        "token_env) to the name of an environment variable holding one, or "
                        "bind 127.0.0.1")
    if problems:
        raise ConfigError(cfg.path, problems)
    return secrets
