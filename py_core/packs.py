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
