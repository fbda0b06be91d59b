"""What open and click tracking looks like in a draft (rules ``tracking-pixel`` and ``tracking-links``).

Only documented or plainly visible signs are listed: a merge tag that an email platform replaces by
a tracking image or a tracked link, and the redirect and open-tracking hosts and paths of large
sending services. A host is listed only with the path its tracking uses, so the same service's
ordinary pages or images are not taken for tracking.
"""

from __future__ import annotations

import functools
import re

#: Merge tags the platform replaces by a per-recipient open-tracking image.
#: listmonk: ``{{ TrackView }}`` (docs: "Templating" - template expressions);
#: Mautic: ``{tracking_pixel}`` (email builder tokens).
PIXEL_TAGS = re.compile(r"\{\{\s*TrackView\s*\}\}|\{tracking_pixel\}", re.I)

#: Merge tags the platform replaces by a per-recipient redirect: listmonk ``{{ TrackLink "url" }}``
#: and its shorthand ``url@TrackLink``. Only the opening is matched: the tag's own quotes end an
#: ``href="…"`` attribute early, so the parsed href is ``{{ TrackLink``.
LINK_TAGS = re.compile(r"\{\{\s*TrackLink\b|@TrackLink\b", re.I)

#: Open-tracking image URLs of sending services (host suffix, path prefix), lower case.
OPEN_PATHS: tuple[tuple[str, str], ...] = (
    ("list-manage.com", "/track/open"),  # Mailchimp
    ("sendgrid.net", "/wf/open"),  # SendGrid
    ("mjt.lu", "/oo/"),  # Mailjet
    ("awstrack.me", "/i0/"),  # Amazon SES open tracking
)

#: Click-tracking redirect URLs of sending services (host suffix, path prefix; "" for any path).
CLICK_PATHS: tuple[tuple[str, str], ...] = (
    ("list-manage.com", "/track/click"),  # Mailchimp
    ("sendgrid.net", "/ls/click"),  # SendGrid
    ("sendgrid.net", "/wf/click"),
    ("mjt.lu", "/lnk/"),  # Mailjet
    ("awstrack.me", "/l0/"),  # Amazon SES click tracking
    ("rs6.net", "/tn.jsp"),  # Constant Contact
    ("exct.net", ""),  # Salesforce Marketing Cloud (ExactTarget) click domain
    ("klclick.com", ""),  # Klaviyo click domain
    ("clickthru.online.com", "/click"),  # CNET/ZDNet's redirect service (corpus sa-hardham)
)

#: File names of spacer images: static layout images, never per recipient by themselves.
SPACER_NAMES = re.compile(r"(?:^|/)(?:spacer|blank|clear|trans(?:par(?:ent)?)?|pixel|b|s|dot|px|1x1)[-_.\w]*\.(?:gif|png)$", re.I)

#: A query parameter value that identifies something (a number or token of 5+ characters).
_ID_VALUE = re.compile(r"=[^&#]{5,}")


#: An http(s) URL's host, path and query (:func:`host_path`), compiled once: the function runs
#: several times per image and link, and ``re.match`` with a pattern string looks it up in
#: ``re``'s cache each time.
_HOST_PATH = re.compile(r"\s*(?:https?:)?//([^/?#:]+)(?::\d+)?([^?#]*)(?:\?([^#]*))?", re.I)


#: URLs up to this length are read once per engine (:func:`host_path`, :func:`known_click_url`): the
#: tracking rules, link hygiene and third-party content ask about every link and image of a draft,
#: ~750 times per check of a 100 KB newsletter, and again at each check while it is typed.
_MEMO_MAX_LEN = 2048
_MEMO_SIZE = 4096


def host_path(url: str) -> tuple[str, str, str] | None:
    """``(host, path, query)`` of an http(s) URL, lower case; None for other URLs."""
    return _host_path_memo(url) if len(url) <= _MEMO_MAX_LEN else _host_path(url)


def _host_path(url: str) -> tuple[str, str, str] | None:
    m = _HOST_PATH.match(url)
    if not m:
        return None
    return m.group(1).lower().rstrip("."), (m.group(2) or "/").lower(), m.group(3) or ""


_host_path_memo = functools.lru_cache(maxsize=_MEMO_SIZE)(_host_path)


def _on(host: str, suffix: str) -> bool:
    return host == suffix or host.endswith("." + suffix)


def known_open_url(url: str) -> bool:
    """True for the open-tracking image URL of a known sending service."""
    parts = host_path(url)
    if parts is None:
        return False
    host, path, _query = parts
    return any(_on(host, h) and path.startswith(p) for h, p in OPEN_PATHS)


def known_click_url(url: str) -> str | None:
    """The service host when ``url`` is a known click-tracking redirect, else None."""
    return _known_click_memo(url) if len(url) <= _MEMO_MAX_LEN else _known_click(url)


def _known_click(url: str) -> str | None:
    parts = host_path(url)
    if parts is None:
        return None
    host, path, _query = parts
    for h, p in CLICK_PATHS:
        if _on(host, h) and path.startswith(p):
            return h
    return None


_known_click_memo = functools.lru_cache(maxsize=_MEMO_SIZE)(_known_click)


def identifying_query(url: str) -> bool:
    """True when the URL's query carries a value that can identify a send or a recipient."""
    parts = host_path(url)
    return parts is not None and bool(_ID_VALUE.search(parts[2]))
