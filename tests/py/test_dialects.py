"""The Dutch ESPs' merge-tag dialects (issue 17) and Salesforce Marketing Cloud's (issue 9, class 8).

``auto`` must recognise each platform from the examples its sources give (quoted in
``shared/REFERENCES.md``, "Tripolis Dialogue, Carerix and Dutch ESPs: what the manuals say", and
the placeholder table), and must NOT infer a platform from look-alikes in ordinary mail: ``#1#``
in prose, ``$`` prices, ``{…}`` in CSS and JSON, percent-encoded URLs, a search form's ``%%q%%``.
Every example is also a placeholder the token pass (``placeholders.tokens``) finds whole, since
the dialect patterns only ever run on those tokens.
"""

from __future__ import annotations

import pytest

from py_core.engine import check
from py_core.model import Draft, Options
from py_core.tables import placeholders

#: platform -> drafts written with the examples of its sources (REFERENCES.md).
EXAMPLES: dict[str, list[str]] = {
    "tripolis": [
        # DiaWebTest confirm.html: "Hi ${contact.name} ," and the view-online system tag.
        '<p>Hi ${contact.name} ,</p><p><a href="[view_online=Online Viewer]">[view_online=Online Viewer]</a></p>',
        # KPN FLITS TripolisDirectEmail: default operator, assign directive, ?string builtin.
        '<p><a href="https://x.nl/invite?k=${contact.user_invite_key!}">Aanmelden</a></p>'
        "<#assign nu = .now><p>&copy; ${nu?string.yyyy}</p><p>[view_online=webversie]</p>",
        "<p>[view_online=webversie]</p><p>Beste klant,</p>",
    ],
    "carerix": [
        # CxScript introduction / elements / e-mail templates for the portal (help.carerix.com).
        '<p>Beste <cx:write value="$activity.toEmployee.name"/>,</p>',
        '<cx:header name="cc" value="$activity.owner.emailAddress"/><p>Vacature</p>',
        '<p>Beste <cx:write value="$activity.toContact.name"/>, de vacature <cx:write value="$activity.toVacancy.jobTitle"/></p>',
    ],
    "flexmail": [
        # en.support.flexmail.eu/article/383-personalise-with-placeholders.
        '<p>Hi #firstname#,</p><p><a href="#unsubscribe#">Uitschrijven</a></p>',
        '<p><a href="#show_in_browser#">Bekijk online</a> <a href="#update#">Gegevens wijzigen</a></p>',
        "<p>Beste #firstname# #name# (#email#)</p>",
    ],
    "copernica": [
        # Copernica documentation: {unsubscribe}, {unsubscribe redirect="…"}, {webversion}, {$…}.
        '<p><a href="{unsubscribe}">Uitschrijven</a></p>',
        '<p><a href="{webversion}">Webversie</a> <a href="{unsubscribe redirect="https://x.nl/dag"}">Uitschrijven</a></p>',
        '<p>Beste {$profile.Voornaam},</p><p><a href="{$unsubscribe}">Uitschrijven</a></p>',
    ],
    "salesforce-mc": [
        # issue 9 class 8, and SFMC's profile/subscription centre test e-mail (public gist).
        '<p>Hi %%FirstName%%,</p><p><a href="%%unsub_center_url%%">Unsubscribe</a></p>',
        '<p><a href="%%profile_center_url%%">Preferences</a></p><p>%%Member_Busname%% %%Member_Addr%%</p>',
        "<p>Hi %%FirstName%%, %%=v(@offer)=%%</p>",
    ],
    "activecampaign": [
        # MailBlue resells ActiveCampaign: the same codes, so auto says ActiveCampaign.
        '<p>Hoi %FIRSTNAME%</p><p><a href="%UNSUBSCRIBELINK%">Afmelden</a></p>',
        '<p><a href="%UNSUBSCRIBELINK%&ALL">Afmelden</a> %SENDER-INFO-SINGLELINE%</p>',
    ],
}

#: Ordinary mail that must not be taken for any platform.
LOOK_ALIKES = [
    "<p>Wij zijn #1# in Nederland en #2# in Belgi\u00eb.</p>",
    "<p>Nu voor $5, was $ 7,50; US$10 en ${ niets }.</p>",
    '<style>.a{color:#333}.b{margin:0}</style><p>Korting {op} alles.</p><script type="application/ld+json">{"@type": "Offer", "price": "5"}</script>',
    '<p><a href="https://x.nl/caf%C3%A9%E2%80%99s?q=%20a%20">Caf\u00e9</a> 100% tevreden, 50% korting.</p>',
    '<select><option value="http://search.example.org/?q=%%q%%&loc=auc">Search</option></select>',
    '<p style="color:#ff0000;background:#fff">Rood</p><p><a href="#top">Naar boven</a> <a href="#">#</a></p>',
    "<p>Bel ons: #werkdagen# 9-17 uur? Nee: werkdagen van 9 tot 17 uur. C# en F# cursussen.</p>",
]


@pytest.mark.parametrize(("platform", "html"), [(p, h) for p, hs in EXAMPLES.items() for h in hs])
def test_auto_recognises_each_dialect_from_its_sources(platform: str, html: str) -> None:
    assert placeholders.infer_platform(html) == platform
    report = check(Draft(html=html), Options(platform="auto"))
    assert report["platform"] == platform and report["platform_inferred"]


@pytest.mark.parametrize("html", LOOK_ALIKES)
def test_ordinary_mail_is_no_platform(html: str) -> None:
    assert placeholders.infer_platform(html) is None


@pytest.mark.parametrize(("platform", "html"), [(p, h) for p, hs in EXAMPLES.items() for h in hs])
def test_every_example_placeholder_is_one_token(platform: str, html: str) -> None:
    """The dialect patterns run on the tokens only: each placeholder must lie inside one token."""
    found = placeholders.tokens(html)
    syntax = placeholders.syntax_pattern(platform)
    whole = [m.group(0) for m in syntax.finditer(html)]
    inside = [text for _, text in placeholders.find_in_tokens(syntax, found)]
    assert whole and inside == whole


@pytest.mark.parametrize(("platform", "html"), [(p, h) for p, hs in EXAMPLES.items() for h in hs])
def test_a_webmail_draft_with_any_of_them_left_in_is_unresolved(platform: str, html: str) -> None:
    report = check(Draft(html=html), Options(platform="gmail", mail_kind="mailing"))
    found = [f for f in report["findings"] if f["rule"] == "placeholder-unresolved"]
    assert found and all(f["kind"] == "violation" and f["severity"] == "error" for f in found), found


@pytest.mark.parametrize(("platform", "html"), [(p, h) for p, hs in EXAMPLES.items() for h in hs])
def test_on_its_own_platform_nothing_is_unresolved(platform: str, html: str) -> None:
    report = check(Draft(html=html), Options(platform=platform, mail_kind="mailing"))
    assert [f["message"] for f in report["findings"] if f["rule"] == "placeholder-unresolved"] == []


def test_mailblue_is_activecampaign_and_never_inferred() -> None:
    assert placeholders.base_platform("mailblue") == "activecampaign"
    assert placeholders.unsubscribe_pattern("mailblue").fullmatch("%UNSUBSCRIBELINK%")
    html = '<p><a href="%UNSUBSCRIBELINK%">Afmelden</a></p>'
    assert placeholders.infer_platform(html) == "activecampaign"


def test_laposta_and_tripolis_and_carerix_document_no_unsubscribe_tag() -> None:
    for platform in ("laposta", "tripolis", "carerix"):
        assert placeholders.unsubscribe_pattern(platform) is None, platform
    assert placeholders.DIALECTS["laposta"].adds_footer
    # Laposta's fields are not documented: nothing can make auto say Laposta.
    assert placeholders.syntax_pattern("laposta").search("{{ voornaam }} *|FNAME|* #firstname#") is None


def test_doubled_braces_are_not_copernicas_unsubscribe() -> None:
    """``{{unsubscribe}}`` (SendGrid, Brevo) holds ``{unsubscribe}``: it stays theirs."""
    pattern = placeholders.unsubscribe_pattern("copernica")
    found = placeholders.tokens('<a href="{{unsubscribe}}">x</a>')
    assert placeholders.find_in_tokens(pattern, found) == []
    assert placeholders.infer_platform('<a href="{{unsubscribe}}">Unsubscribe</a>') in ("brevo", "sendgrid")


def test_salesforce_strings_are_not_activecampaign_codes() -> None:
    html = "<p>Hi %%FIRSTNAME%% %%LASTNAME%%</p>"
    assert placeholders.infer_platform(html) == "salesforce-mc"
    assert placeholders.syntax_pattern("activecampaign").search(html) is None


def test_carerix_queue_window_follows_its_help() -> None:
    """3-minute pick-ups, 100 e-mails each (Carerix help "Mailing size"): 2000 recipients take 63 minutes."""
    from datetime import timedelta

    from py_core.tables.sending import queue_window

    assert queue_window("carerix") == timedelta(minutes=63)
    assert queue_window("carerix", 250) == timedelta(minutes=12)
    assert queue_window("tripolis") is None and queue_window("gmail", 10) is None
