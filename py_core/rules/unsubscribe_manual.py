"""Rule ``unsubscribe-manual``."""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator

from ..engine import Context
from ..model import Finding
from ..registry import Rule
from ..tables.keywords import MANUAL_CONDITIONS, MANUAL_RE, REPLY_STOP_RE, UNSUBSCRIBE_RE
from ._unsubscribe import own_placeholders, unsubscribe_links, working_links

#: A sentence ends at . ! ? followed by a space, or at a line break (a new block of the email).
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")
#: Longest stretch around an unsubscribe word read as "its sentence" (hostile drafts have no dots).
_MAX_SENTENCE = 300
#: At most this many sentences about unsubscribing are read (hostile drafts repeat them).
_MAX_SENTENCES = 200
#: Order in which a sentence's manual wording is reported (a condition says the most).
_KINDS = ("login", "questionnaire", "reply", "email", "phone")


class UnsubscribeManual(Rule):
    """Opting out takes a manual step or comes with conditions.

    Tripolis rule 6: "Er mogen geen voorwaarden gesteld worden aan het uitschrijven en het mag geen
    handmatig proces zijn." Manual steps: reply with STOP, send an email to an address, call us,
    a ``mailto:`` unsubscribe link. Conditions: log in to an account or portal first, fill in a
    questionnaire first. The wording is found (NL/EN/DE/FR, ``tables/keywords.py``) only in a
    sentence that also speaks of unsubscribing, so "bel ons gerust" in a contact block is not read
    as an opt-out instruction; "reply STOP" counts on its own.

    When the email ALSO has an automatic unsubscribe link, a manual alternative ("or reply STOP")
    does no harm and is not reported; a condition (login, questionnaire) still is, as *review*:
    the link may lead straight to the login or the questionnaire, which a draft cannot show.

    **Why** Unsubscribing must be free of effort and conditions; a recipient who has to write,
    phone or log in gives up and reports the mail as spam (CASL: "without login").

    **Bad** ``<p>Wil je geen nieuwsbrief meer? Stuur een mail naar info@voorbeeld.nl om je af te melden.</p>``

    **Good** ``<p>Geen nieuwsbrief meer? <a href="https://voorbeeld.nl/afmelden?id=1">Meld je direct af</a>.</p>``
    """

    id = "unsubscribe-manual"
    title = {"nl": "Afmelden kost handwerk of heeft voorwaarden", "en": "Unsubscribing is manual or conditional"}
    default_severity = "error"
    basis = ("tripolis-6", "casl")
    messages = {
        "reply": {
            "nl": "Afmelden gaat hier door te antwoorden ('{text}'): dat is een handmatig proces.",
            "en": "Unsubscribing works by replying here ('{text}'): that is a manual process.",
        },
        "email": {
            "nl": "Afmelden gaat hier door een e-mail te sturen ('{text}'): dat is een handmatig proces.",
            "en": "Unsubscribing works by sending an email here ('{text}'): that is a manual process.",
        },
        "phone": {
            "nl": "Afmelden gaat hier per telefoon ('{text}'): dat is een handmatig proces.",
            "en": "Unsubscribing works by phone here ('{text}'): that is a manual process.",
        },
        "mailto": {
            "nl": "De afmeldlink '{text}' opent een e-mail naar {address}: afmelden wordt zo een handmatig proces.",
            "en": "The unsubscribe link '{text}' opens an email to {address}: unsubscribing becomes a manual process.",
        },
        "login": {
            "nl": "Afmelden vraagt hier eerst om in te loggen ('{text}'): aan afmelden mogen geen voorwaarden hangen.",
            "en": "Unsubscribing asks to log in first here ('{text}'): unsubscribing must come without conditions.",
        },
        "questionnaire": {
            "nl": "Afmelden vraagt hier om een vragenlijst of formulier ('{text}'): aan afmelden mogen geen voorwaarden hangen.",
            "en": "Unsubscribing asks for a questionnaire or form here ('{text}'): unsubscribing must come without conditions.",
        },
    }
    _manual = {
        "nl": "Geef een afmeldlink die met één klik afmeldt (de afmeldlink van je verzendplatform); een handmatige weg mag hooguit een extra mogelijkheid zijn.",
        "en": "Give an unsubscribe link that unsubscribes in one click (your sending platform's link); a manual route may only be an extra option.",
    }
    _condition = {
        "nl": "Laat de afmeldlink direct afmelden, zonder inloggen of vragenlijst; vraag feedback hooguit na het afmelden, vrijblijvend.",
        "en": "Let the unsubscribe link unsubscribe at once, without login or questionnaire; ask for feedback only after unsubscribing, optionally.",
    }
    fixes = {
        "reply": _manual,
        "email": _manual,
        "phone": _manual,
        "mailto": _manual,
        "login": _condition,
        "questionnaire": _condition,
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        automatic = bool(working_links(ctx) or own_placeholders(ctx))
        text = ctx.doc.text
        reported: list[tuple[int, int]] = []  # sentences reported
        for sentence, found in _manual_wording(text):
            eligible = [(kind, span) for kind, span in found if not automatic or kind in MANUAL_CONDITIONS]
            if not eligible:
                continue
            kind, span = eligible[0]
            reported.append(sentence)
            yield self.finding(ctx, kind, span=span, review=automatic, text=text[span[0] : span[1]])
        if automatic:
            return
        for link in unsubscribe_links(ctx):
            href = link.href.strip()
            if href[:7].lower() == "mailto:" and not any(a <= link.start < b for a, b in reported):
                address = href[7:].split("?", 1)[0] or "…"
                label = link.text or address
                if link.element is None:
                    yield self.finding(ctx, "mailto", span=(link.start, link.end), text=label, address=address)
                else:
                    yield self.finding(ctx, "mailto", element=link.element, text=label, address=address)


def _manual_wording(text: str) -> Iterator[tuple[tuple[int, int], list[tuple[str, tuple[int, int]]]]]:
    """For every sentence about unsubscribing, in text order: its bounds and the manual steps or
    conditions it asks for as ``(kind, span)``, conditions first. Linear in the text: each
    sentence is read once, however many unsubscribe words it holds, and at most
    ``_MAX_SENTENCES`` are read (a real email has a handful)."""
    anchors = heapq.merge(
        (m.start() for m in UNSUBSCRIBE_RE.finditer(text)),
        (m.start() for m in REPLY_STOP_RE.finditer(text)) if "STOP" in text else iter(()),
    )
    finish = -1
    read = 0
    for anchor in anchors:
        if anchor < finish:
            continue  # inside the sentence read last
        bounds = _sentence(text, anchor, anchor + 1)
        finish = bounds[1]
        read += 1
        if read > _MAX_SENTENCES:
            return
        sentence = text[bounds[0] : bounds[1]]
        found: list[tuple[str, tuple[int, int]]] = []
        about_unsubscribing = UNSUBSCRIBE_RE.search(sentence) is not None
        for kind in _KINDS:
            match = MANUAL_RE[kind].search(sentence) if about_unsubscribing else None
            if match is None and kind == "reply" and "STOP" in sentence:
                match = REPLY_STOP_RE.search(sentence)
            if match is not None:
                found.append((kind, (bounds[0] + match.start(), bounds[0] + match.end())))
        if found:
            yield bounds, found


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the sentence holding ``text[start:end]`` (at most ``_MAX_SENTENCE`` each side)."""
    left = max(0, start - _MAX_SENTENCE)
    ends = list(_SENTENCE_END.finditer(text, left, start))
    begin = ends[-1].end() if ends else left
    limit = min(len(text), end + _MAX_SENTENCE)
    after = _SENTENCE_END.search(text, end, limit)
    if after and after.group() == "?":
        # "Afmelden? Bel ons." - a question about unsubscribing is answered by the next sentence.
        after = _SENTENCE_END.search(text, after.end(), limit) or after
    finish = after.end() if after else limit
    while begin < finish and text[begin].isspace():
        begin += 1
    return begin, finish
