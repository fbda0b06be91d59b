"""The real corpus (``shared/corpus/real``, 49 templates from public repositories; never copied
into this repository): every draft checks without a problem, every located finding points at
exactly one element, and ``unsubscribe-missing`` agrees with what the files contain.

Which files carry an unsubscribe link or placeholder is written down below, one line per file,
from the notes in ``SOURCES.tsv`` checked against the files themselves (grep for "unsub" and the
platforms' merge tags): a link whose text says "unsubscribe" counts even when its href is a ``#``
stub (that is ``unsubscribe-broken``'s business, not ``unsubscribe-missing``'s). Files that are
not listed make no claim either way (``listmonk__subscriber-optin.html`` has only
``{{ .UnsubURL }}``, a template variable no platform table knows).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from py_core.cli import decode
from py_core.document import parse_html
from py_core.engine import check
from py_core.model import Draft, Options

from .helpers import CORPUS, resolve

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus/real is not available")

#: file -> what makes it unsubscribable (SOURCES.tsv notes, confirmed in the file).
HAS_UNSUBSCRIBE: dict[str, str] = {
    "cerberus__fluid.html": 'link text "unsubscribe"',
    "cerberus__hybrid.html": 'link text "unsubscribe"',
    "cerberus__responsive.html": 'link text "unsubscribe"',
    "foundation__marketing-inky.html": 'link text "Unsubscribe" (href="#")',
    "foundation__newsletter-inky.html": 'link text "unsubscribe" (href="#")',
    "leemunroe__email.html": 'link text "Unsubscribe"',
    "leemunroe__email-inlined.html": 'link text "Unsubscribe"',
    "listmonk__default.html": "{{ UnsubscribeURL }}",
    "listmonk__default-visual.html": "{{ UnsubscribeURL }}",
    "mailchimp__base_boxed_2column_query.html": "*|UNSUB|*",
    "mailchimp__base_boxed_basic_query.html": "*|UNSUB|*",
    "mailchimp__mobile-basicmobile.html": "*|UNSUB|*",
    "mailchimp__simple-basic.html": "*|UNSUB|*",
    "mailchimp__simple-postcard.html": "*|UNSUB|*",
    "mailchimp__transactional_basic.html": "*|UNSUB|*",
    "mautic__attract-mjml.html": "{unsubscribe_text}",
    "mautic__blank.html": "{unsubscribe_text}",
    "mautic__creative.html": "{unsubscribe_text}",
    "mautic__goldstar.html": "{unsubscribe_url}",
    "mautic__neopolitan.html": "{unsubscribe_url}",
    "mautic__sunday.html": "{unsubscribe_url}",
    "mautic__vibrant.html": "{unsubscribe_url}",
    # SOURCES.tsv says "no unsubscribe"; its 'Manage notifications' link ({{notifications_url}}) is a
    # settings page that stops these mails (tests/data/realmail/labels-templates.yml)
    "postmark__basic-comment-notification.html": 'link text "Manage notifications"',
    "sendwithus__mantra-coupon.html": '"please unsubscribe" link (href="#")',
    "sendwithus__neopolitan-upsell.html": 'link text "Unsubscribe" (href="#")',
    "sendwithus__plain-jane-plain.html": 'link text "Unsubscribe" (href="#")',
    "sendwithus__sunday-reignite.html": 'link text "Unsubscribe" (href="#")',
}
#: Files with no unsubscribe link or placeholder at all (SOURCES.tsv: "no unsubscribe").
NO_UNSUBSCRIBE: frozenset[str] = frozenset(
    {
        "foundation__basic-inky.html",
        "listmonk__default-archive.html",
        "listmonk__sample-tx.html",
        "mailchimp__modular-template-patterns.html",
        "mautic__confirmme.html",
        "mautic__oxygen.html",
        "mautic__skyline.html",
        "postmark__basic-password-reset.html",
        "postmark__basic-receipt.html",
        "postmark__basic-trial-expiring.html",
        "postmark__basic-welcome.html",
        "sendwithus__airmail-upsell.html",
        "sendwithus__cleave-welcome.html",
        "sendwithus__go-reignite.html",
        "sendwithus__goldstar-update.html",
        "sendwithus__meow-coupon.html",
        "sendwithus__narrative-survey.html",
        "sendwithus__oxygen-welcome.html",
        "sendwithus__skyline-survey.html",
        "sendwithus__zen-flat-welcome.html",
    }
)
FILES = sorted(p.name for p in CORPUS.glob("*.html")) if CORPUS.is_dir() else []
_CACHE: dict[str, tuple[str, dict]] = {}


def checked(name: str) -> tuple[str, dict]:
    if name not in _CACHE:
        html = decode((CORPUS / name).read_bytes())
        report = check(Draft(html=html, source=name), Options(now="2026-11-24T10:00:00+00:00", template=True))
        _CACHE[name] = (html, report)
    return _CACHE[name]


def test_the_tables_cover_the_corpus() -> None:
    assert not set(HAS_UNSUBSCRIBE) & NO_UNSUBSCRIBE
    unknown = (set(HAS_UNSUBSCRIBE) | NO_UNSUBSCRIBE) - set(FILES)
    assert not unknown, unknown
    assert set(FILES) - set(HAS_UNSUBSCRIBE) - NO_UNSUBSCRIBE == {"listmonk__subscriber-optin.html"}  # explained above


@pytest.mark.parametrize("name", FILES)
def test_checks_cleanly_and_every_location_resolves(name: str) -> None:
    html, report = checked(name)
    assert report["problems"] == []
    soup = parse_html(html).soup
    for finding in report["findings"]:
        location = finding.get("location") or {}
        selector = location.get("selector")
        if not selector:
            continue
        matched = resolve(soup, selector)
        assert len(matched) == 1, (finding["rule"], selector, len(matched))
        if "start" in location:
            assert 0 <= location["start"] <= location["end"] <= len(matched[0].get_text()), (finding["rule"], location)


@pytest.mark.parametrize("name", sorted(HAS_UNSUBSCRIBE))
def test_no_false_unsubscribe_missing(name: str) -> None:
    _, report = checked(name)
    missing = [f["message"] for f in report["findings"] if f["rule"] == "unsubscribe-missing"]
    assert missing == [], f"{name} has {HAS_UNSUBSCRIBE[name]}"


@pytest.mark.parametrize("name", sorted(NO_UNSUBSCRIBE))
def test_unsubscribe_missing_where_there_is_none(name: str) -> None:
    _, report = checked(name)
    assert [f for f in report["findings"] if f["rule"] == "unsubscribe-missing"], name


def test_corpus_is_read_from_outside_the_repository() -> None:
    root = Path(__file__).resolve().parents[2]
    assert not any((root / "tests").rglob("cerberus__*.html"))
    assert root not in CORPUS.resolve().parents


@pytest.mark.parametrize("name", FILES)
def test_engine_parser_builds_the_same_tree_as_stock_bs4(name: str) -> None:
    from bs4 import BeautifulSoup

    from py_core.soup import build_soup as _soup

    from .test_hostile import _tree_signature

    html = decode((CORPUS / name).read_bytes())
    assert _tree_signature(_soup(html)) == _tree_signature(BeautifulSoup(html, "html.parser"))
