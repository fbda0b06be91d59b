"""Keyword lists per language, as data. Each list names its source.

Matching is case-insensitive on the draft's visible text (and link texts/hrefs where a rule says
so). Patterns are regular expressions; keep them anchored on word boundaries so that, say,
"afmelden" does not fire inside an unrelated longer word.
"""

from __future__ import annotations

import re

#: Words that name an unsubscribe action, NL/EN/DE/FR (issue 2; Tripolis rule 6 "uitschrijflink",
#: Carerix "Opt-in / Opt-out"). Used on link texts, link hrefs and the text around a link.
UNSUBSCRIBE: dict[str, tuple[str, ...]] = {
    "nl": (
        r"afmelden", r"afmeld\w*", r"uitschrijven", r"uitschrijf\w*", r"schrijf\s+(?:je|u|jezelf)\s+uit",
        r"meld\s+(?:je|u|jezelf)\s+af", r"(?:je|u|jezelf)\s+af\s+te\s+melden", r"(?:je|u|jezelf)\s+uit\s+te\s+schrijven",
        r"geen\s+(?:e-?mails?|nieuwsbrie(?:f|ven)|berichten)\s+meer\s+ontvangen",
    ),
    "en": (r"unsubscribe", r"un-subscribe", r"opt[\s-]?out", r"remove\s+me", r"stop\s+receiving", r"manage\s+(?:your\s+)?subscription"),
    "de": (r"abmelden", r"abbestellen", r"austragen", r"newsletter\s+abbestellen"),
    "fr": (r"se\s+d[ée]sinscrire", r"d[ée]sinscri\w*", r"d[ée]sabonner", r"d[ée]sabonnement"),
}  # fmt: skip

#: Fragments of an href that mark it as an unsubscribe endpoint (common ESP and CMS paths).
UNSUBSCRIBE_HREF: tuple[str, ...] = (
    r"unsub", r"unsubscribe", r"opt-?out", r"afmeld", r"uitschrijv", r"abmeld", r"desinscri", r"désinscri",
    r"list-manage\.com/unsubscribe", r"/manage/preferences", r"preferences?[-_]?center",
)  # fmt: skip


def union(table: dict[str, tuple[str, ...]]) -> re.Pattern[str]:
    """One case-insensitive pattern matching any entry of any language, on word boundaries."""
    alternatives = "|".join(p for patterns in table.values() for p in patterns)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.I)


UNSUBSCRIBE_RE = union(UNSUBSCRIBE)
UNSUBSCRIBE_HREF_RE = re.compile("|".join(UNSUBSCRIBE_HREF), re.I)


#: Wording that makes opting out a manual step or puts a condition on it, by kind, NL/EN/DE/FR.
#: Tripolis rule 6: "Er mogen geen voorwaarden gesteld worden aan het uitschrijven en het mag geen
#: handmatig proces zijn"; REFERENCES.md: not "reply STOP", not "log in first", not "call us", no
#: questionnaire first; CASL: "works without login". A rule matches these only inside a sentence
#: that also names unsubscribing (:data:`UNSUBSCRIBE`), so "bel ons" in a contact block is not
#: read as an opt-out instruction. ``reply``/``email``/``phone`` are manual steps; ``login`` and
#: ``questionnaire`` are conditions.
MANUAL_UNSUBSCRIBE: dict[str, dict[str, tuple[str, ...]]] = {
    "reply": {
        "nl": (
            r"(?:beantwoord|antwoord\s+op)\s+(?:deze|dit|onze)\s+(?:e-?mail|mail|bericht|nieuwsbrief)",
            r"(?:antwoord|reageer|mail|sms|stuur)\s+(?:met|terug\s+met)\s+(?:het\s+woord\s+)?[\"'“‘]?(?:stop|afmelden|uitschrijven)",
            r"(?:reply|antwoord)\s+(?:met\s+)?[\"'“‘]?stop\b",
        ),
        "en": (
            r"reply(?:ing)?\s+(?:to\s+(?:this|our)\s+(?:e-?mail|message|newsletter)\s*)?(?:with\s+)?(?:the\s+word\s+)?[\"'“‘]?(?:stop|unsubscribe|remove)\b",
            r"(?:simply\s+|just\s+)?reply\s+to\s+(?:this|our)\s+(?:e-?mail|message|newsletter)",
            r"(?:text|sms)\s+[\"'“‘]?stop\b",
        ),
        "de": (
            r"antworten\s+sie\s+(?:auf\s+diese\s+(?:e-?mail|nachricht)\s+)?mit\s+[\"'„“]?(?:stop|abmelden)",
            r"beantworten\s+sie\s+diese\s+(?:e-?mail|nachricht)",
        ),
        "fr": (
            r"r[ée]pond(?:ez|re)\s+(?:à\s+(?:ce|cet)\s+(?:message|courriel|e-?mail)\s+)?(?:avec\s+|par\s+)?(?:le\s+mot\s+)?[\"'«“]?\s*stop\b",
            r"r[ée]pond(?:ez|re)\s+à\s+(?:ce|cet)\s+(?:message|courriel|e-?mail)",
        ),
    },
    "email": {
        "nl": (
            r"(?:stuur|zend|mail|stuurt|zendt)\s+(?:ons\s+|u\s+|je\s+)?(?:een\s+)?(?:e-?mail|mail(?:tje)?|bericht)\s+(?:naar|aan)",
            r"mail\s+(?:ons|naar)\b",
            r"(?:e-?mail|mail)\s+(?:ons|naar)\s+\S+@\S+",
        ),
        "en": (
            r"(?:send|write|drop)\s+(?:us\s+)?(?:an?\s+)?(?:e-?mail|message|note|line)\s+(?:to|at)",
            r"e-?mail\s+us\s+(?:at|to|on)\b",
            r"(?:contact|write\s+to)\s+us\s+at\s+\S+@\S+",
        ),
        "de": (
            r"(?:senden|schreiben|schicken)\s+sie\s+(?:uns\s+)?(?:eine\s+)?(?:e-?mail|nachricht)\s+an",
            r"per\s+e-?mail\s+an\s+\S+@\S+",
        ),
        "fr": (
            r"(?:envoy|[ée]criv)(?:ez|er)(?:-nous)?\s+(?:un\s+)?(?:e-?mail|courriel|message|mail)\s+à",
            r"[ée]crivez-nous\s+à",
        ),
    },
    "phone": {
        "nl": (r"bel\s+(?:ons|met|naar)\b", r"(?:telefonisch|per\s+telefoon)\b", r"neem\s+telefonisch\s+contact"),
        "en": (r"(?:call|phone|ring)\s+(?:us|our\s+(?:customer\s+service|helpdesk|support|office))\b", r"by\s+(?:phone|telephone)\b"),
        "de": (r"rufen\s+sie\s+(?:uns\s+)?(?:unter\s+\S+\s+)?an\b", r"telefonisch\b"),
        "fr": (r"appelez(?:-nous)?\b", r"par\s+t[ée]l[ée]phone\b"),
    },
    "login": {
        "nl": (
            r"log\s+(?:eerst\s+)?in\s+(?:op|bij|via)\b", r"(?:eerst\s+|na\s+het\s+)?inloggen\b", r"in\s+te\s+loggen\b",
            r"(?:mijn|je|uw)\s+(?:account|portaal|portal|profielomgeving|klantomgeving)\b",
        ),
        "en": (
            r"(?:log|sign)\s*(?:in|on)\s+(?:to|into|at)\b", r"(?:after\s+)?(?:logging|signing)\s+in\b",
            r"(?:log|sign)\s*(?:in|on)\s+first\b", r"(?:your|the)\s+(?:account|customer)\s+(?:portal|settings|area|page)\b",
        ),
        "de": (r"(?:loggen\s+sie\s+sich|melden\s+sie\s+sich)\s+(?:zuerst\s+)?(?:in|bei|auf)\s+\S+\s+(?:ein|an)\b", r"einloggen\b", r"kundenkonto\b"),
        "fr": (r"connectez-vous\b", r"se\s+connecter\b", r"identifiez-vous\b", r"votre\s+espace\s+client\b"),
    },
    "questionnaire": {
        "nl": (r"vragenlijst\w*", r"enqu[êe]te\w*", r"formulier\s+in\s+te\s+vullen", r"vul\s+(?:eerst\s+)?(?:het|ons|een)\s+formulier"),
        "en": (r"questionnaire", r"survey", r"fill\s+(?:in|out)\s+(?:a|the|our|this)\s+(?:short\s+)?form"),
        "de": (r"fragebogen\w*", r"umfrage\w*", r"formular\s+aus(?:füllen|zufüllen)"),
        "fr": (r"questionnaire", r"sondage", r"remplir\s+(?:un|le|ce)\s+formulaire"),
    },
}  # fmt: skip

#: Kinds of :data:`MANUAL_UNSUBSCRIBE` that are conditions (a problem even next to a working link).
MANUAL_CONDITIONS: frozenset[str] = frozenset({"login", "questionnaire"})

#: "Reply STOP" is an opt-out instruction by itself (the capital keyword is the convention of SMS
#: and email opt-outs), so it counts even when no other unsubscribe word is in the sentence.
REPLY_STOP_RE = re.compile(
    r"(?<!\w)(?i:reply|respond|text|sms|antwoord|beantwoord|reageer|stuur|antworten\s+sie|r[ée]pondez)\b[^.\n]{0,40}?(?<!\w)[\"'“‘„«]?\s*STOP(?!\w)"
)

#: One pattern per kind, any language, case-insensitive, on word boundaries.
MANUAL_RE: dict[str, re.Pattern[str]] = {kind: union(table) for kind, table in MANUAL_UNSUBSCRIBE.items()}
