"""Hosts for ``link-hygiene``: URL shorteners and hosts that only exist on a developer's machine or a
test server.

Shorteners: the public services most seen in mail (each is a redirect service by its own
description). Local and test hosts: ``localhost`` and the names RFC 6761 and RFC 6762 reserve
(``.localhost``, ``.test``, ``.invalid``, ``.local``), ``.internal``, private IPv4 ranges
(RFC 1918, loopback), and a first label ``staging``.
"""

from __future__ import annotations

import re

SHORTENERS: frozenset[str] = frozenset(
    {
        "bit.ly", "bitly.com", "tinyurl.com", "t.co", "ow.ly", "is.gd", "buff.ly", "rebrand.ly", "cutt.ly",
        "shorturl.at", "tiny.cc", "bl.ink", "rb.gy", "t.ly", "v.gd", "shorte.st", "adf.ly", "lnkd.in",
    }
)  # fmt: skip

#: Reserved top-level names (RFC 6761, RFC 6762) and ``.internal``.
_LOCAL_TLDS = (".localhost", ".test", ".invalid", ".local", ".internal")
_PRIVATE_IP = re.compile(r"^(?:127\.\d+|10\.\d+|192\.168|172\.(?:1[6-9]|2\d|3[01])|0\.0)\.\d+\.\d+$")


def is_local_host(host: str) -> bool:
    """True for a host no recipient can reach: localhost, a reserved name, a private address, staging."""
    host = host.lower().rstrip(".")
    if host == "localhost" or host.endswith(_LOCAL_TLDS) or _PRIVATE_IP.match(host):
        return True
    return host.split(".")[0] in ("staging", "stage") and host.count(".") >= 2


#: A link text that is itself a web address (``www.acme.nl``, ``https://acme.nl/actie``, ``acme.nl``).
URL_TEXT = re.compile(
    r"^(?:https?://)?(?:www\.)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24})(?::\d+)?(?:[/?#]\S*)?$", re.I
)
