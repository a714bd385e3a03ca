"""The client's address for rate limits: the connecting peer, or, behind a trusted reverse
proxy, the right-most X-Forwarded-For entry that is not itself a trusted proxy.

Only proxies listed in TRUSTED_PROXIES are believed. Anyone can send X-Forwarded-For, so taking
it from an untrusted peer would let a client pick its own address (and dodge or aim a limit).
Walking the list from the right stops at the first address our own proxies did not add.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from aiohttp import web

from bot.web.app import SETTINGS_KEY

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _parsed(networks: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(n, strict=False) for n in networks)


def _address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    value = value.strip().strip('"')
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "192.0.2.1:1234"
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    # An IPv4 client seen through an IPv6 socket: compare it as IPv4.
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped or address


def resolve(remote: str | None, forwarded_for: list[str], trusted: tuple[str, ...]) -> str:
    """The client address given the peer, the X-Forwarded-For values and the trusted proxies."""
    peer = _address(remote or "")
    if peer is None:
        return remote or "unknown"
    networks = _parsed(trusted)
    if not any(peer in net for net in networks):
        return str(peer)
    hops = [h for value in forwarded_for for h in value.split(",") if h.strip()]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            # Not an address, yet right of (or added by) a trusted proxy: use it as written.
            return hop.strip()[:64]
        if not any(address in net for net in networks):
            return str(address)
    # Every hop is one of ours (or there were none): the request started inside.
    return str(peer)


def client_address(request: web.Request) -> str:
    settings = request.config_dict[SETTINGS_KEY]
    return resolve(request.remote, request.headers.getall("X-Forwarded-For", []), settings.trusted_proxies)
