"""Rule ``reason-missing``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..context import Context
from ..model import Finding
from ..registry import Rule
from ..tables.phrases import REASON_PLACEHOLDERS, has_reason
from ._contact import text_part_document


class ReasonMissing(Rule):
    """No sentence tells the recipient why they receive the message.

    Carerix asks every mailing to say why the addressee gets it ("Reden van ontvangst": "U ontvangt
    deze nieuwsbrief omdat u zich heeft ingeschreven bij [naam van jouw organisatie]"). Mailwacht
    looks for such a sentence in Dutch, English, German and French ("Je ontvangt deze e-mail omdat
    …", "You are receiving this email because …", "You received this email because you signed up
    …", "Sie erhalten diese E-Mail, weil …", "Vous recevez cet e-mail car …"), and the other ways
    mailings say it: the recipient's relation ("U ontvangt dit bericht als klant van …", "as a
    registered member", "en tant que client"), the list ("Je staat op onze mailinglijst", "You are
    currently subscribed to … as"), the sign-up ("Je hebt je aangemeld voor de nieuwsbrief van …",
    "Thank you for signing up", "When you registered …, you indicated …"), the answer under a
    "Waarom ontvang ik deze mail?" heading, and in a transactional mail the recipient's own action
    ("Thank you for your order", "You recently requested …"). The phrases are listed in
    ``py_core/tables/phrases.py``. A message's text/plain part counts as well as its HTML, and a
    sentence hard-wrapped over several lines of plain text is read as one. On Mailchimp the
    list's permission reminder ``*|LIST:DESCRIPTION|*`` counts, because Mailchimp fills it in; in
    webmail nothing fills it, so there it does not count.

    **Why** A recipient who does not remember signing up reports the message as spam. One sentence
    reminding them where and when they subscribed prevents most complaints.

    **Bad** a footer with only ``<a href="…">Afmelden</a>``

    **Good** ``<p>U ontvangt deze nieuwsbrief omdat u zich heeft ingeschreven op acme.nl.</p>``
    """

    id = "reason-missing"
    title = {"nl": "Reden van ontvangst ontbreekt", "en": "Reason for receiving missing"}
    basis = ("carerix-reason",)
    packs = {
        "nl": "warning",  # carerix-reason: a guideline, not the law
    }
    order = 30
    messages = {
        "missing": {
            "nl": "Nergens staat waarom de ontvanger deze e-mail krijgt.",
            "en": "Nowhere does the email say why the recipient gets it.",
        },
    }
    fixes = {
        "missing": {
            "nl": "Voeg in de voettekst een zin toe als: 'U ontvangt deze nieuwsbrief omdat u zich heeft ingeschreven bij [organisatie].'",
            "en": "Add a sentence to the footer such as: 'You are receiving this email because you signed up at [organisation].'",
        },
    }

    def applies(self, ctx: Context) -> bool:
        return bool(ctx.doc.text.strip())

    def check(self, ctx: Context) -> Iterator[Finding]:
        # A sentence may be wrapped over lines (``has_reason`` reads within a paragraph); a
        # plain-text mail is also read as its prose, where hard-wrapped lines run on.
        doc = ctx.doc
        if has_reason(doc.text) or (doc.text_mode and has_reason(doc.prose)):
            return
        plain = text_part_document(ctx)
        if plain is not None and (has_reason(plain.text) or has_reason(plain.prose)):
            return
        if not ctx.is_webmail and any(re.search(p, ctx.raw) for p in REASON_PLACEHOLDERS.get(ctx.platform, ())):
            return
        yield self.finding(ctx, "missing")
