"""No outbound network: a Python audit hook that refuses every connection tradekg did not ask for.

tradekg reads files and its own store. It talks to the network only when the user names a
SPARQL server (``--store URL`` or ``TRADEKG_STORE``), and then to that server's host and port
only (and to ``TRADEKG_UPDATE_URL`` / ``TRADEKG_GSP_URL`` when those are set). Everything else
that would leave the process (a URL handed to rdflib's ``parse``, a remote JSON-LD
``@context``, a library that phones home) is refused with ``NetworkRefused`` before a packet
is sent: connecting a socket, sending a datagram, resolving a host name and opening a URL are
audited (``sys.addaudithook``), whatever the address, loopback included.

The command line switches the guard on for every command (``kg.cli``); the query workers of
``tradekg serve`` and ``tradekg sparql`` switch it on with nothing allowed (``deny_all``).
Oxigraph's own HTTP client (``SERVICE``, ``LOAD``) runs in Rust, out of the hook's sight, so
queries for the embedded store are checked before they run (``kg.store.querycheck``).

An audit hook cannot be removed, so ``active`` installs it once and then switches a policy in
and out; library users who never enter ``active`` are not affected.
"""

from __future__ import annotations

import ipaddress
import socket
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from kg.errors import NetworkRefused

DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass
class Policy:
    """Where connections may go: host names (as written) and addresses, each with a port."""

    names: set[tuple[str, int]] = field(default_factory=set)
    addresses: set[tuple[str, int]] = field(default_factory=set)

    def allows_name(self, host: str, port: int | None) -> bool:
        return any(h == host.lower() and (port is None or p == port) for h, p in self.names)

    def allows_address(self, host: str, port: int) -> bool:
        return (host, port) in self.addresses or self.allows_name(host, port)


_policy: Policy | None = None
_installed = False


def policy_for(urls: Iterable[str]) -> Policy:
    """A policy that allows the host and port of each URL (and the addresses they resolve to
    now, before the guard is on)."""
    policy = Policy()
    for url in urls:
        parts = urlsplit(url)
        if not parts.hostname:
            continue
        port = parts.port or DEFAULT_PORTS.get(parts.scheme.lower(), 80)
        policy.names.add((parts.hostname.lower(), port))
        try:
            infos = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
        except OSError:
            continue  # unknown host: connecting will fail with the store's own message
        for info in infos:
            policy.addresses.add((str(info[4][0]), port))
    return policy


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return False
    return True


def _refuse(what: str, where: str) -> None:
    raise NetworkRefused(
        f"refused to {what} {where}: tradekg makes no network connections",
        hint="it connects only to the SPARQL server named with --store or TRADEKG_STORE",
    )


def _hook(event: str, args: tuple[Any, ...]) -> None:
    policy = _policy
    if policy is None:
        return
    if event in ("socket.connect", "socket.sendto"):
        sock, address = args[0], args[1]
        if getattr(sock, "family", None) not in (socket.AF_INET, socket.AF_INET6):
            return  # Unix sockets and socket pairs stay on this machine
        host, port = str(address[0]), int(address[1])
        if not policy.allows_address(host, port):
            _refuse("connect to", f"{host}:{port}")
    elif event == "socket.getaddrinfo":
        host, port = args[0], args[1]
        if isinstance(host, bytes):
            host = host.decode("ascii", "replace")
        if host is None or _is_address(str(host)):
            return  # no lookup; the connection itself is checked
        if not policy.allows_name(str(host), int(port) if isinstance(port, int) else None):
            _refuse("look up", str(host))
    elif event == "urllib.Request":
        parts = urlsplit(str(args[0]))
        if parts.scheme.lower() in ("file", "data", ""):
            return
        port = parts.port or DEFAULT_PORTS.get(parts.scheme.lower(), 0)
        if not policy.allows_name(parts.hostname or "", port):
            _refuse("open", str(args[0]))


def install() -> None:
    """Add the audit hook (once per process); it does nothing until a policy is set."""
    global _installed
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True


@contextmanager
def active(urls: Iterable[str] = ()) -> Iterator[Policy]:
    """Refuse every connection but those to the hosts and ports of ``urls`` while inside."""
    global _policy
    install()
    previous, _policy = _policy, policy_for(urls)
    try:
        yield _policy
    finally:
        _policy = previous


def deny_all() -> None:
    """Refuse every connection from now on, for the rest of the process (query workers)."""
    global _policy
    install()
    _policy = Policy()


def is_active() -> bool:
    """True while connections are being checked."""
    return _policy is not None


__all__ = ["NetworkRefused", "Policy", "active", "deny_all", "install", "is_active", "policy_for"]
