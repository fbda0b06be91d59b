"""Rule ``objection-notice-missing``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..context import Context
from ..model import Finding, Location
from ..registry import Rule
from ..tables.keywords import WordScan, first_char_guard
from ._objection import has_notice, suggestion
from .advertising_unrecognisable import promotional_words

#: A welcome subject (NL, EN, DE, FR): "Welkom bij Acme", "Welcome to our newsletter",
#: "Herzlich willkommen", "Bienvenue chez Acme".
WELCOME = re.compile(r"(?<!\w)(?:welkom|welcome|willkommen|bienvenue)(?!\w)", re.I)
#: A welcome to a list rather than to an account: the text (or subject) speaks of the newsletter or
#: of having subscribed to it (NL, EN, DE, FR).
_LIST_WORDS = (
    r"nieuwsbrie\w*|mailinglijst|aangemeld|ingeschreven|geabonneerd|"
    r"newsletters?|mailing\s+list|subscribed|our\s+list|"
    r"angemeldet|abonniert|verteiler|"
    r"lettre\s+d['’]information|inscrite?s?|abonnée?s?"
)
LIST_WORDS = re.compile(rf"{first_char_guard(_LIST_WORDS)}(?<!\w)(?:{_LIST_WORDS})(?!\w)")
_LIST_WORDS_SCAN = WordScan(LIST_WORDS)
#: With this many different calls to buy or book, a welcome mail is a mailing that advertises.
PROMOTIONAL_WORDS = 3


class ObjectionNoticeMissing(Rule):
    """The first mailing, or a welcome mail, does not tell recipients that they may object.

    GDPR art. 21: whoever uses personal data for direct marketing must tell the recipient of the
    right to object to it "at the latest at the time of the first communication", explicitly,
    "clearly and separately from any other information"; for existing customers mailed without
    consent (the soft opt-in), Telecommunicatiewet art. 11.7 lid 3 asks that they could object free
    of charge when their address was collected and can do so with every message. This rule asks
    the question on the first communication: a draft marked as the first mailing (audience
    ``first mailing``), or a mailing whose subject welcomes the reader ("Welkom", "Welcome",
    "Willkommen", "Bienvenue") to a newsletter or list, or with at least three different calls to
    buy or book. It is satisfied by one sentence that says the recipient may object or unsubscribe
    at any time or free of charge ("U kunt zich op elk moment kosteloos afmelden", "You can
    unsubscribe at any time", "Sie können jederzeit widersprechen", "Vous pouvez vous désinscrire
    à tout moment") or that names the right to object; a bare "Afmelden" link is the means, not the
    notice. It is a question, never a reason to hold the send: the notice may have been given when
    the address was collected, and Mailwacht cannot see that. The fix gives the sentence to add, in
    the draft's language.

    **Why** A first mailing that does not mention the right to object leaves the sender unable to
    show that the recipient was told, and in the soft opt-in the notice is a condition of mailing
    existing customers at all.

    **Bad** Subject "Welkom bij de nieuwsbrief van Acme", with three articles and a footer link
    "Afmelden" only.

    **Good** The same mail with, apart from the rest: "U kunt zich op elk moment kosteloos afmelden
    voor deze e-mails, met de link ‘Afmelden’ onderaan elke e-mail."
    """

    id = "objection-notice-missing"
    title = {
        "nl": "Eerste mailing wijst niet op het recht van bezwaar",
        "en": "First mailing does not mention the right to object",
    }
    basis = ("gdpr-21-4", "tw-11.7-3")
    packs = {
        # issue 14: GDPR art. 21(4), Tw 11.7 lid 3; a question only (kind "review"), on the first
        # mailing (audience "first mailing") or a welcome mail
        "nl": "warning",
        "de": "warning",  # GDPR art. 21(4): the first mailing (a question)
        "be": "warning",  # XII.13, KB 4 April 2003 art. 1, GDPR art. 21(4) (a question)
    }
    pack_basis = {"be": ("be-wer-xii-13", "be-kb-2003")}
    order = 330
    messages = {
        "first": {
            "nl": "Dit is de eerste mailing aan deze ontvangers, maar nergens staat dat zij op elk moment kosteloos bezwaar kunnen maken (zich afmelden). Is hun dat al bij het verkrijgen van het adres gezegd?",
            "en": "This is the first mailing to these recipients, but nowhere does it say that they may object (unsubscribe) at any time, free of charge. Were they told when their address was collected?",
        },
        "welcome": {
            "nl": "Een welkomstmail is de eerste communicatie, maar nergens staat dat de ontvanger op elk moment kosteloos bezwaar kan maken (zich afmelden). Is dat al bij de aanmelding gezegd?",
            "en": "A welcome mail is the first communication, but nowhere does it say that the recipient may object (unsubscribe) at any time, free of charge. Was that said at sign-up?",
        },
    }
    fixes = {
        "first": {
            "nl": "Zet, apart van de rest, een zin als: “{sentence}”",
            "en": "Add, apart from the rest, a sentence such as: “{sentence}”",
        },
        "welcome": {
            "nl": "Zet, apart van de rest, een zin als: “{sentence}”",
            "en": "Add, apart from the rest, a sentence such as: “{sentence}”",
        },
    }

    def applies(self, ctx: Context) -> bool:
        return ctx.options.audience == "first mailing" or WELCOME.search(ctx.draft.subject) is not None

    def check(self, ctx: Context) -> Iterator[Finding]:
        first = ctx.options.audience == "first mailing"
        if not first:
            subject = ctx.draft.subject
            to_list = LIST_WORDS.search(subject.lower()) is not None or _LIST_WORDS_SCAN.search(ctx.doc.text_lower) is not None
            if not to_list and len(promotional_words(ctx, PROMOTIONAL_WORDS)) < PROMOTIONAL_WORDS:
                return  # a welcome to an account or a service, not to a mailing list
        if has_notice(ctx):
            return
        key = "first" if first else "welcome"
        where = None if first else Location(field="subject")
        evidence = "" if first else " ".join(ctx.draft.subject.split())[:160]
        yield self.finding(ctx, key, location=where, evidence=evidence, review=True, sentence=suggestion(ctx))
