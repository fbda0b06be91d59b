"""The notice of the right to object (opt out) as a sentence, shared by ``objection-notice-missing``
(the first mailing, a welcome mail) and ``customer-objection-notice-missing`` (§ 7 (3) UWG: existing
customers, every use), and the sentence each suggests as its fix, in the draft's language.

A notice is one sentence that says both *that* the recipient may object or unsubscribe and *when
or at what cost*: "U kunt zich op elk moment kosteloos afmelden", "You can unsubscribe at any
time", "Sie können der Verwendung jederzeit widersprechen", "Vous pouvez vous désinscrire à tout
moment". A bare link "Afmelden" is a way to opt out, not the notice that one may; an explicit
"recht van bezwaar" / "right to object" / "Widerspruchsrecht" / "droit d'opposition" is a notice by
itself. Matched on the lower-case visible text; computed once per check (``ctx.memo``).
"""

from __future__ import annotations

import re

from ..context import Context
from ..language import detect_draft
from ..tables.keywords import WordScan, first_char_guard

#: "At any time" / "free of charge" (NL, EN, DE, FR): what turns a mention of unsubscribing into
#: the notice the law asks for (GDPR art. 21(2) "at any time"; Tw 11.7 lid 3 "kosteloos"; § 7 (3)
#: UWG "jederzeit ... ohne dass hierfür andere als die Übermittlungskosten ... entstehen").
_QUALIFIERS = (
    r"op\s+(?:elk|ieder)\s+(?:gewenst\s+)?moment|te\s+allen\s+tijde|altijd|kosteloos|zonder\s+kosten|"
    r"wanneer\s+(?:je|u)\s+(?:maar\s+)?wilt?|"
    r"at\s+any\s+time|any\s?time|free\s+of\s+charge|at\s+no\s+(?:extra\s+)?(?:cost|charge)|"
    r"whenever\s+you\s+(?:like|want|wish)|"
    r"jederzeit|zu\s+jeder\s+zeit|kostenlos|kostenfrei|unentgeltlich|übermittlungskosten|"
    r"à\s+tout\s+(?:moment|instant)|a\s+tout\s+(?:moment|instant)|gratuitement|sans\s+frais|"
    r"quand\s+vous\s+(?:le\s+)?(?:voulez|souhaitez)"
)
#: Guarded by the characters a qualifier starts with (``keywords.first_char_guard``): the regex
#: engine passes other positions at a glance.
QUALIFIER = re.compile(rf"{first_char_guard(_QUALIFIERS)}(?<!\w)(?:{_QUALIFIERS})(?!\w)")
_QUALIFIER_SCAN = WordScan(QUALIFIER)
#: Objecting, unsubscribing, withdrawing consent (NL, EN, DE, FR), read in the qualifier's sentence.
OBJECT = re.compile(
    r"(?<!\w)(?:"
    r"afmeld\w*|af\s+te\s+melden|meldt?\s+(?:je|u|zich|jezelf)\s+(?:\S+\s+){0,6}?af|uitschrij\w*|uit\s+te\s+schrijven|"
    r"schrijft?\s+(?:je|u|zich)\s+(?:\S+\s+){0,6}?uit|bezwaar|verzet|opzeg\w*|op\s+te\s+zeggen|"
    r"(?:geen|niet\s+langer)\s+(?:\S+\s+){0,3}?(?:e-?mails?|nieuwsbrie\w*|berichten|mailings?)\s+(?:meer\s+)?(?:te\s+)?(?:ontvangen|krijgen)|"
    r"unsubscrib\w*|opt(?:ing)?[\s-]?out|object(?:ion)?|withdraw\w*\s+(?:\S+\s+){0,2}?consent|stop\s+receiving|no\s+longer\s+receive|"
    r"abmeld\w*|abzumelden|melden\s+sie\s+sich\s+(?:\S+\s+){0,6}?ab|abbestell\w*|abzubestellen|widersprech\w*|widerspruch\w*|"
    r"widerruf\w*|austrag\w*|auszutragen|"
    r"d[ée]sinscri\w*|d[ée]sabonn\w*|(?:vous\s+)?opposer|opposition|retirer\s+votre\s+consentement|ne\s+plus\s+recevoir"
    r")(?!\w)"
)
#: The right named as such: a notice by itself.
_EXPLICIT = (
    r"recht\s+(?:van|op)\s+(?:bezwaar|verzet)|right\s+to\s+object|widerspruchsrecht|"
    r"droit\s+d['’]opposition|droit\s+de\s+vous\s+opposer"
)
EXPLICIT = re.compile(rf"{first_char_guard(_EXPLICIT)}(?<!\w)(?:{_EXPLICIT})(?!\w)")
_EXPLICIT_SCAN = WordScan(EXPLICIT)
#: "das Recht, der Verwendung zu widersprechen": read only when the text has "widersprech" at all
#: (the words between make it the one costly alternative).
EXPLICIT_DE = re.compile(r"(?<!\w)recht,?\s+(?:\S+\s+){0,8}?zu\s+widersprechen(?!\w)")
#: How far each side of a qualifier its sentence is read (a sentence ends at . ! ? or a line break).
_REACH = 200
_END = re.compile(r"[.!?](?=\s|$)|\n")
#: At most this many qualifiers are read (hostile drafts repeat "altijd").
_MAX_QUALIFIERS = 100

#: The sentence each rule suggests, in the draft's language (the message around it is nl/en).
SUGGESTION: dict[str, str] = {
    "nl": "U kunt zich op elk moment kosteloos afmelden voor deze e-mails, met de link ‘Afmelden’ onderaan elke e-mail.",
    "en": "You can unsubscribe from these emails at any time, free of charge, with the ‘Unsubscribe’ link at the bottom of every email.",
    "de": "Sie können der Verwendung Ihrer E-Mail-Adresse für Werbung jederzeit widersprechen, ohne dass hierfür andere "
    "als die Übermittlungskosten nach den Basistarifen entstehen, z. B. über den Link ‘Abmelden’ in jeder E-Mail.",
    "fr": "Vous pouvez vous opposer à tout moment et gratuitement à l’envoi de ces e-mails, via le lien ‘Se désinscrire’ "
    "en bas de chaque e-mail.",
}


def has_notice(ctx: Context) -> bool:
    """True when the visible text says in one sentence that the recipient may object or unsubscribe
    at any time or free of charge, or names the right to object. Once per check."""
    if "objection_notice" in ctx.memo:
        return ctx.memo["objection_notice"]
    lower = ctx.doc.text_lower
    found = _EXPLICIT_SCAN.search(lower) is not None or ("widersprech" in lower and EXPLICIT_DE.search(lower) is not None)
    if not found:
        for count, (start, end) in enumerate(_QUALIFIER_SCAN.spans(lower)):
            if count >= _MAX_QUALIFIERS:
                break
            before = lower[max(0, start - _REACH) : start]
            ends = list(_END.finditer(before))
            begin = start - len(before) + (ends[-1].end() if ends else 0)
            after = _END.search(lower, end, min(len(lower), end + _REACH))
            finish = after.start() if after else min(len(lower), end + _REACH)
            if OBJECT.search(lower, begin, finish):
                found = True
                break
    ctx.memo["objection_notice"] = found
    return found


def draft_language(ctx: Context) -> str:
    """nl, en, de or fr: the draft's language (:func:`py_core.language.detect_draft`), else the
    report's locale. Once per check."""
    if "draft_language" not in ctx.memo:
        ctx.memo["draft_language"] = detect_draft(ctx.draft, ctx.doc.text) or ctx.options.locale
    return ctx.memo["draft_language"]


def suggestion(ctx: Context) -> str:
    """The notice to add, in the draft's language."""
    return SUGGESTION.get(draft_language(ctx), SUGGESTION["en"])
