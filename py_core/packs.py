"""Rule packs: which rules a legal regime or platform policy applies, and how severe each is.

A report can combine packs; a rule in several packs takes the highest severity any of them gives
it. ``error`` means a legal requirement is broken, ``warning`` a guideline broken or likely broken,
``info`` advice (issue 2).

This table is the only place a rule's severity is written (issue 12): a rule's default severity is
the one the default packs give it (:func:`default_severity`); rule classes carry none.
"""

from __future__ import annotations

from .model import SEVERITY_RANK, DraftError, Options, Severity

PACKS: dict[str, dict[str, Severity]] = {
    # The default: Telecommunicatiewet art. 11.7 as the Tripolis and Carerix guidelines explain it.
    "nl": {
        "unsubscribe-missing": "error",  # tw-11.7, tripolis-6: every message
        "unsubscribe-broken": "error",
        "unsubscribe-manual": "error",  # tripolis-6: "geen handmatig proces"
        "unsubscribe-hidden": "warning",
        "unsubscribe-clipped": "warning",
        "reason-missing": "warning",  # carerix-reason: a guideline, not the law
        "sender-name-missing": "warning",  # tripolis-7
        "organisation-missing": "warning",
        "postal-address-missing": "warning",  # tripolis-7 asks for "adresgegevens"
        "contact-missing": "error",  # tripolis-7: "geldig postadres of telefoonnummer"
        "logo-missing": "info",
        "consent-prechecked": "error",  # tripolis-2, Planet49
        "consent-bundled": "warning",
        "third-party-content": "warning",  # carerix-own-activities
        "placeholder-unresolved": "error",  # reaches the recipient literally
        "recipients-exposed": "error",  # a visible address list is a data leak
        "noreply-sender": "warning",
        "duplicate-send": "error",  # carerix-twice
        "list-unsubscribe-missing": "info",
        "image-only": "info",  # deliverability advice; neither guideline names it
        "tracking-pixel": "info",  # issue 14: advice here; a consent question in eu-tracking
        "tracking-links": "info",
        "advertising-unrecognisable": "warning",  # issue 14: E-Commerce Directive art. 6, Code Reclame via E-mail
        "link-hygiene": "info",  # issue 14: advice (insecure, shortened, local or misleading links)
        # issue 14: GDPR art. 21(4), Tw 11.7 lid 3; a question only (kind "review"), on the first
        # mailing (audience "first mailing") or a welcome mail
        "objection-notice-missing": "warning",
    },
    # US CAN-SPAM: postal address and opt-out are the law; the From line must be accurate.
    "us-can-spam": {
        "unsubscribe-missing": "error",
        "unsubscribe-broken": "error",
        "unsubscribe-manual": "warning",
        "unsubscribe-hidden": "error",  # "clear and conspicuous"
        "postal-address-missing": "error",
        "sender-name-missing": "warning",
        "placeholder-unresolved": "error",
        "noreply-sender": "info",
    },
    # Canada CASL: sender identified, mailing address plus one more contact, unsubscribe prominent.
    "ca-casl": {
        "unsubscribe-missing": "error",
        "unsubscribe-broken": "error",
        "unsubscribe-manual": "error",  # no login, no conditions
        "unsubscribe-hidden": "error",  # "clearly and prominently"
        "sender-name-missing": "error",
        "organisation-missing": "error",
        # SOR/2012-36 s. 2(1)(d): "the mailing address, and either a telephone number [...], an email
        # address or a web address": the address is postal-address-missing's check, the second contact
        # contact-missing's (which reads this pack's requirement instead of Tripolis' when it is chosen).
        "postal-address-missing": "error",
        "contact-missing": "error",
        "consent-prechecked": "error",
        "placeholder-unresolved": "error",
        "noreply-sender": "warning",
    },
    # Gmail and Yahoo bulk sender requirements (2024).
    "bulk-sender": {
        "unsubscribe-missing": "error",
        "unsubscribe-broken": "error",
        "unsubscribe-hidden": "warning",
        "unsubscribe-clipped": "error",
        "list-unsubscribe-missing": "error",
        "sender-name-missing": "warning",
        "placeholder-unresolved": "error",
        "image-only": "warning",
    },
    # Issue 14: email tracking under ePrivacy art. 5(3) (EDPB 2/2023, CNIL 2026, Garante 2026): a
    # question whether consent for tracking was obtained (kind "review": shown, never holds a send).
    "eu-tracking": {
        "tracking-pixel": "warning",
        "tracking-links": "warning",
    },
    # Issue 14: Germany (DDG, UWG). § 6 (2) DDG: neither sender nor commercial nature hidden in the
    # header and subject.
    "de": {
        "unsubscribe-missing": "error",  # § 7 UWG: a way to object in every advertising message
        "placeholder-unresolved": "error",
        "recipients-exposed": "error",
        "advertising-unrecognisable": "error",
        "imprint-missing": "warning",  # § 5 DDG: the Impressum, or a link to it
        "objection-notice-missing": "warning",  # GDPR art. 21(4): the first mailing (a question)
        # § 7 (3) Nr. 4 UWG: existing customers told with every use that they may object (a question)
        "customer-objection-notice-missing": "warning",
    },
    # Issue 14: Belgium, Wetboek van economisch recht / Code de droit économique (WER/CDE) art. XII.12
    # (advertising recognisable, advertiser identifiable) and XII.13 (information on the right to
    # object and an electronic means to do so in every advertising email), and the royal decree of
    # 4 April 2003 (own customers without consent only with a free way to object). Existing rules
    # that test the same things; the objection notice is asked on the first mailing only, as in nl.
    "be": {
        "unsubscribe-missing": "error",  # XII.13: an electronic means to object in every advertising email
        "unsubscribe-broken": "error",
        "unsubscribe-hidden": "warning",  # XII.13: "duidelijke en begrijpelijke informatie"
        "sender-name-missing": "warning",  # XII.12: the advertiser identifiable
        "organisation-missing": "warning",
        "advertising-unrecognisable": "warning",  # XII.12: recognisable as advertising
        "objection-notice-missing": "warning",  # XII.13, KB 4 April 2003 art. 1, GDPR art. 21(4) (a question)
        "placeholder-unresolved": "error",
        "recipients-exposed": "error",
    },
    # Issue 14: accessibility advice (WCAG 2.1 A, European Accessibility Act); off unless chosen.
    "accessibility": {
        "img-alt-missing": "info",
        "html-lang-missing": "info",
        "title-missing": "info",
        "layout-table-role": "info",
        "link-text-vague": "info",
        "heading-skipped": "info",
        "text-contrast-low": "info",
    },
}

#: The sources a pack adds to a rule's own ``basis`` when the pack is chosen: the rules of one
#: country's pack that test what another law asks cite that law too (ids of
#: :data:`py_core.tables.guidelines.SOURCES`; a test checks they resolve and name the pack's rules).
PACK_BASIS: dict[str, dict[str, tuple[str, ...]]] = {
    "be": {
        "unsubscribe-missing": ("be-wer-xii-13",),
        "unsubscribe-broken": ("be-wer-xii-13",),
        "unsubscribe-hidden": ("be-wer-xii-13",),
        "sender-name-missing": ("be-wer-xii-12",),
        "organisation-missing": ("be-wer-xii-12",),
        "advertising-unrecognisable": ("be-wer-xii-12",),
        "objection-notice-missing": ("be-wer-xii-13", "be-kb-2003"),
    },
}


def pack_basis(rule_id: str, pack_names: list[str]) -> tuple[str, ...]:
    """The sources the chosen packs add to ``rule_id``'s basis, in pack order, without repeats."""
    extra: list[str] = []
    for name in pack_names:
        for ref in PACK_BASIS.get(name, {}).get(rule_id, ()):
            if ref not in extra:
                extra.append(ref)
    return tuple(extra)


def combine(pack_names: list[str]) -> dict[str, Severity]:
    """The rules of all named packs, each at the highest severity any pack gives it."""
    if not pack_names:
        raise DraftError("choose at least one rule pack")
    combined: dict[str, Severity] = {}
    for name in pack_names:
        if name not in PACKS:
            raise DraftError(f"unknown rule pack {name!r}; choose from: {', '.join(PACKS)}")
        for rule_id, severity in PACKS[name].items():
            current = combined.get(rule_id)
            if current is None or SEVERITY_RANK[severity] > SEVERITY_RANK[current]:
                combined[rule_id] = severity
    return combined


def default_severity(rule_id: str) -> Severity | None:
    """The rule's severity under the default packs (``Options().packs``), None when they leave it out."""
    return combine(Options().packs).get(rule_id)
