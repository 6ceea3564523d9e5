"""Credentials for a SPARQL server: from the environment or a config file, never the command line.

Environment (it wins over the file when ``TRADEKG_USER`` or ``TRADEKG_TOKEN`` is set)::

    TRADEKG_USER, TRADEKG_PASSWORD    user and password (HTTP basic or digest)
    TRADEKG_TOKEN                     a bearer token
    TRADEKG_AUTH                      basic | digest | bearer (default: bearer with a token,
                                      else the server profile's: digest for Virtuoso's
                                      /sparql* URLs, basic otherwise; kg.store.profiles)

Config file: ``$TRADEKG_CREDENTIALS``, else ``$XDG_CONFIG_HOME/tradekg/credentials.toml``
(``~/.config/tradekg/credentials.toml``); it must be readable by its owner only. One table per
server, the longest URL prefix that matches the store URL wins::

    ["http://127.0.0.1:8890/"]
    auth = "digest"
    user = "writer"
    password = "..."

Secrets never appear in ``repr()`` or in error messages (``redact`` removes them).
"""

from __future__ import annotations

import base64
import os
import stat
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import requests
from requests.auth import AuthBase, HTTPBasicAuth, HTTPDigestAuth
from SPARQLWrapper import BASIC, DIGEST, SPARQLWrapper

from kg.errors import StoreError, UsageError

ENV_USER = "TRADEKG_USER"
ENV_PASSWORD = "TRADEKG_PASSWORD"
ENV_TOKEN = "TRADEKG_TOKEN"
ENV_AUTH = "TRADEKG_AUTH"
ENV_CREDENTIALS = "TRADEKG_CREDENTIALS"
SCHEMES = ("basic", "digest", "bearer")


class _Bearer(AuthBase):
    def __init__(self, token: str) -> None:
        self._token = token

    def __call__(self, r: requests.PreparedRequest) -> requests.PreparedRequest:
        r.headers["Authorization"] = f"Bearer {self._token}"
        return r


@dataclass(frozen=True)
class Credentials:
    """How to authenticate: ``scheme`` None means anonymous."""

    scheme: str | None = None
    user: str | None = field(default=None, repr=False)
    password: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)

    def requests_auth(self) -> AuthBase | None:
        """The ``requests`` auth for Graph Store Protocol and update requests."""
        if self.scheme == "bearer" and self.token:
            return _Bearer(self.token)
        if self.scheme == "digest" and self.user is not None:
            return HTTPDigestAuth(self.user, self.password or "")
        if self.scheme == "basic" and self.user is not None:
            return HTTPBasicAuth(self.user, self.password or "")
        return None

    def configure(self, wrapper: SPARQLWrapper) -> None:
        """Set the credentials on a SPARQLWrapper (queries). Digest expects realm "SPARQL"."""
        if self.scheme == "bearer" and self.token:
            wrapper.addCustomHttpHeader("Authorization", f"Bearer {self.token}")
        elif self.scheme in ("basic", "digest") and self.user is not None:
            wrapper.setHTTPAuth(BASIC if self.scheme == "basic" else DIGEST)
            wrapper.setCredentials(self.user, self.password or "")

    def redact(self, text: str) -> str:
        """``text`` with every secret (and the user name) replaced by ``***``, also as HTTP
        basic credentials (a server or proxy may echo the header)."""
        pair = f"{self.user or ''}:{self.password or ''}".encode()
        for secret in (base64.b64encode(pair).decode(), self.password, self.token, self.user):
            if secret and len(secret) >= 3:
                text = text.replace(secret, "***")
        return text


def config_path(environ: Mapping[str, str] | None = None) -> Path:
    """Where the credentials file is looked for."""
    env = os.environ if environ is None else environ
    if env.get(ENV_CREDENTIALS):
        return Path(env[ENV_CREDENTIALS])
    config_home = env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config_home) / "tradekg" / "credentials.toml"


def _from_file(url: str, path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    if os.name == "posix" and path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise StoreError(
            f"the credentials file {path} can be read by other users", hint=f"chmod 600 {path}"
        )
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        # the parser's message can quote a line of the file: say where, not what
        line = getattr(e, "lineno", None)
        raise StoreError("the credentials file is not valid TOML", path=path, line=line) from None
    matches = [
        prefix
        for prefix, table in doc.items()
        if isinstance(table, dict) and url.startswith(prefix)
    ]
    if not matches:
        return {}
    table = doc[max(matches, key=len)]
    unknown = sorted(set(table) - {"auth", "user", "password", "token"})
    if unknown:
        raise StoreError(
            f"unknown key {unknown[0]!r} in the credentials file",
            path=path,
            hint="keys: auth, user, password, token",
        )
    return {k: str(v) for k, v in table.items()}


def load_credentials(
    url: str, environ: Mapping[str, str] | None = None, *, default_scheme: str = "basic"
) -> Credentials:
    """The credentials for the server at ``url``: the environment, else the config file.
    ``default_scheme``: the scheme for a user and password when none is given (the server profile's
    ``auth``)."""
    env = os.environ if environ is None else environ
    if env.get(ENV_USER) or env.get(ENV_TOKEN):
        values = {
            "auth": env.get(ENV_AUTH, ""),
            "user": env.get(ENV_USER, ""),
            "password": env.get(ENV_PASSWORD, ""),
            "token": env.get(ENV_TOKEN, ""),
        }
    else:
        values = _from_file(url, config_path(env))
        if env.get(ENV_AUTH) and values:
            values["auth"] = env[ENV_AUTH]
    user, token = values.get("user") or None, values.get("token") or None
    if user is None and token is None:
        return Credentials()
    scheme = (values.get("auth") or "").lower() or ("bearer" if token else default_scheme)
    if scheme not in SCHEMES:
        raise UsageError(
            f"unknown authentication scheme {scheme!r} ({ENV_AUTH})",
            hint="use basic, digest or bearer",
        )
    if scheme == "bearer" and token is None:
        raise UsageError(f"bearer authentication needs a token ({ENV_TOKEN})")
    if scheme != "bearer" and user is None:
        raise UsageError(f"{scheme} authentication needs a user ({ENV_USER})")
    return Credentials(scheme, user, values.get("password") or None, token)


__all__ = ["Credentials", "config_path", "load_credentials"]
