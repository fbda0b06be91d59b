"""The wording and address patterns :mod:`py_core.mail_kind` reads a draft with.

Dutch, English, German and French first (the languages Mailwacht's users write in); the
commercial and opt-out vocabulary of Portuguese, Spanish, Turkish, Chinese, Japanese and Korean
as well, because unsolicited bulk mail reaches Dutch inboxes in those languages too and a person
recognises it by the same kind of words. Every list is general vocabulary of its kind (opt-out,
web version, reason of receipt, promotion), never a phrase taken from one message.

Pure data and two small helpers (:func:`words`, :class:`Anchored`); no I/O.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field


# -- wording (NL, EN, DE, FR) ---------------------------------------------------------------------
def words(*alternatives: str) -> re.Pattern[str]:
    """One pattern of whole-word alternatives; a space in them matches any run of white space
    (hard-wrapped plain text breaks a phrase over two lines)."""
    return re.compile(r"(?<!\w)(?:" + "|".join(a.replace(" ", r"\s+") for a in alternatives) + r")(?!\w)", re.I)


#: Promotional wording is looked for in this many first characters of the text.
PROMO_CHARS = 4000
#: Characters of text read on each side of an anchor (every phrase below is shorter).
WINDOW = 80


@dataclass(frozen=True)
class Anchored:
    """A pattern of lower-case phrases and the literals ("anchors") of which every match holds one.

    Python's ``re`` tries every alternative at every position, and ignoring case makes that three
    to six times slower. So the text is lower-cased once, the pattern runs without ``re.I``, and
    only in a window around each place where ``str.find`` (memory speed) sees an anchor: the same
    matches, as every match holds an anchor and reaches less than :data:`WINDOW` characters beyond
    it (``tests/test_mail_kind.py`` compares both ways on the corpus and the tests' own phrases).
    """

    pattern: re.Pattern[str]
    anchors: tuple[str, ...]
    #: The pattern without ``re.I``, for the lower-cased text.
    lower_pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)
    #: The anchors looked for: one that holds another is found where that one is.
    scanned: tuple[str, ...] = field(init=False, repr=False, compare=False)
    #: Those of them an ASCII text can hold.
    scanned_ascii: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lower_pattern", case_sensitive(self.pattern))
        kept = tuple(a for a in dict.fromkeys(self.anchors) if not any(b != a and b in a for b in self.anchors))
        object.__setattr__(self, "scanned", kept)
        object.__setattr__(self, "scanned_ascii", tuple(a for a in kept if a.isascii()))

    def search(self, text: str, lower: str) -> str | None:
        """The words of a match (not always the leftmost), or None. ``lower`` is ``text.lower()``."""
        if len(lower) != len(text):  # a character whose lower case is longer: no offsets to share
            match = self.pattern.search(text)
            return match.group(0) if match else None
        for start, end in self._spans(lower):
            return text[start:end]
        return None

    def distinct(self, text: str, lower: str) -> set[str]:
        """Every different match, lower-cased."""
        if len(lower) != len(text):
            return {m.group(0).lower() for m in self.pattern.finditer(text)}
        return {lower[start:end] for start, end in self._spans(lower)}

    def _spans(self, lower: str) -> Iterator[tuple[int, int]]:
        size = len(lower)
        spans: list[tuple[int, int]] = []
        for anchor in self.scanned_ascii if lower.isascii() else self.scanned:
            at = lower.find(anchor)
            while at >= 0:
                spans.append((max(0, at - WINDOW), min(size, at + len(anchor) + WINDOW)))
                at = lower.find(anchor, at + 1)
        if not spans:
            return
        spans.sort()
        merged = [spans[0]]
        for low, high in spans[1:]:
            if low <= merged[-1][1]:
                if high > merged[-1][1]:
                    merged[-1] = (merged[-1][0], high)
            else:
                merged.append((low, high))
        pattern = self.lower_pattern
        for low, high in merged:
            for match in pattern.finditer(lower, low, high):
                # A match that ends where the window was cut may be cut itself; a whole phrase
                # is never that close to the edge of its anchor's window.
                if match.end() == high and high < size and lower[high].isalnum():
                    continue
                yield match.start(), match.end()


@functools.lru_cache(maxsize=16)
def case_sensitive(pattern: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(pattern.pattern, pattern.flags & ~re.I)


#: An opt-out: the words of every unsubscribe line (link texts and the sentence around them).
OPT_OUT_RE = words(
    # nl
    r"afmelden",
    r"afmelding",
    r"meld je (?:hier )?af",
    r"meld u (?:hier )?af",
    r"uitschrijven",
    r"schrijf je (?:hier )?uit",
    r"schrijf u (?:hier )?uit",
    r"geen (?:e-?mails?|berichten|nieuwsbrief|nieuwsbrieven|mailings?) meer (?:te )?ontvangen",
    r"(?:van (?:de|onze) (?:mailing|verzend)lijst )?verwijderd (?:te )?worden",
    r"uit (?:de|onze) (?:mailing|verzend)lijst",
    r"e-?mailvoorkeuren",
    # en
    r"unsubscribe[ds]?",
    r"opt[- ]?out",
    r"to be removed",
    r"remove me",
    r"remove (?:your|yourself)",
    r"removed? from (?:our|this|the) (?:mailing |e-?mail |distribution )?list",
    r"(?:the word|subject(?: line)?)\W{0,3}(?:of\W{1,3})?\"?remove",
    r"no longer (?:wish|want) to receive",
    r"receive no (?:further|more) (?:e-?mails?|mailings?|messages|advertisements|offers)",
    r"(?:do not|don't) (?:wish|want) to receive",
    r"cancel your subscription",
    r"subscription (?:changes|options|preferences)",
    r"would rather not receive",
    r"leave (?:the|this) list",
    r"excluded from future (?:mailings|e-?mails)",
    r"e-?mail preferences",
    r"manage (?:your )?subscriptions?",
    # de
    r"abmelden",
    r"abmeldung",
    r"abbestellen",
    r"austragen",
    r"newsletter abbestellen",
    r"keine e-?mails? mehr (?:erhalten|empfangen)",
    r"(?:aus dem|vom) (?:verteiler|newsletter) (?:entfernen|austragen|abmelden)",
    # fr
    r"se désabonner",
    r"désabonnement",
    r"désabonner",
    r"se désinscrire",
    r"désinscription",
    r"ne plus recevoir",
    r"(?:être )?retiré(?:e)? de (?:notre|la) liste",
)
#: Opt-out words of languages written without spaces between words (Korean, Chinese, Japanese:
#: "refuse receipt", "unsubscribe", "stop delivery"), found anywhere.
OPT_OUT_CJK_RE = re.compile(r"수신\s?거부|退订|取消订阅|配信停止|配信解除")
#: A label the law of some countries demands on an unsolicited advertisement: the sender says it is one
#: ("ADV:" in a subject, Japan's 未承諾広告, Korea's (광고)).
AD_LABEL_RE = re.compile(r"^\s*\[?(?:ADV|ADVERTISEMENT)\]?\s*:|未承諾広告|[(\[]\s*광\s*고\s*[)\]]")
#: The same, as words in a link's address (``/unsubscribe?u=…``, ``/afmelden``).
#: Matched against the link addresses lower-cased and joined by newlines: one pass in C.
OPT_OUT_HREF_RE = re.compile(r"unsub|optout|opt-out|afmeld|uitschrijv|abmeld|abbestell|desabonn|désabonn|desinscri")
VIEW_ONLINE_RE = words(
    r"bekijk (?:deze (?:e-?mail|nieuwsbrief|mail) )?(?:in|op) (?:je|uw|de) browser",
    r"(?:bekijk|lees) (?:de|deze) (?:online|web) ?versie",
    r"webversie",
    r"online versie",
    r"e-?mail niet (?:goed )?(?:leesbaar|te lezen)",
    r"view (?:this (?:e-?mail|newsletter|message) )?(?:in|on) (?:your|a|the) (?:web )?browser",
    r"view (?:the )?(?:online|web) version",
    r"view online",
    r"(?:having )?trouble (?:viewing|reading) this (?:e-?mail|message)",
    r"(?:e-?mail|newsletter) (?:im|in ihrem) browser (?:ansehen|anzeigen|öffnen)",
    r"im browser (?:ansehen|anzeigen|öffnen)",
    r"online[- ]version",
    r"webversion",
    r"voir (?:la )?version (?:en ligne|web)",
    r"afficher (?:dans|sur) (?:votre|le) navigateur",
    r"version en ligne",
)
REASON_RE = words(
    r"(?:u|je|jij) ontvangt (?:deze|dit|de) (?:e-?mail|mail|nieuwsbrief|bericht)",
    r"(?:u|je) (?:bent|staat) (?:aangemeld|ingeschreven|op (?:onze|de) (?:mailinglijst|verzendlijst))",
    r"waarom ontvang ik (?:deze|dit)",
    r"you (?:are|were) (?:receiving|sent) this",
    r"you (?:have )?received this (?:e-?mail|message|newsletter)",
    r"you are (?:subscribed|on (?:our|the) (?:mailing )?list)",
    r"you (?:have )?(?:subscribed|signed up|opted in)",
    r"this (?:e-?mail|message) was sent to",
    r"(?:sie|du|ihr) (?:erhalten|erh[äa]lt?st|erhaltet|bekommen|bekommst|bekommt) (?:diese[nsr]?|den|die|das) "
    r"(?:newsletter|e-?mail|mail|nachricht|rundbrief|sendung)",
    r"vous recevez (?:ce|cet|cette) (?:e-?mail|courriel|message|newsletter|lettre)",
    r"vous êtes inscrit",
)
NEWSLETTER_RE = words(
    r"nieuwsbrief",
    r"newsletter",
    r"nieuwsflits",
    r"persbericht",
    r"rundbrief",
    r"pressemitteilung",
    r"lettre d'information",
    r"infolettre",
    r"communiqué(?: de presse)?",
    r"bulletin",
    r"digest",
    r"e-?news",
    r"announcements?",
    r"advisory",
    r"press release",
    r"breaking news",
)
PROMO_RE = words(
    r"korting",
    r"aanbieding(?:en)?",
    r"bestel (?:nu|vandaag|direct)",
    r"gratis verzending",
    r"op=op",
    r"uitverkoop",
    r"(?:buy|order|shop|book) now",
    r"limited (?:time|offer)",
    r"special offer",
    r"free shipping",
    r"discount",
    r"\d{1,2} ?% (?:off|korting|rabatt|de réduction)",
    r"sale",
    r"act now",
    r"money[- ]back",
    r"risk[- ]free",
    r"angebot",
    r"rabatt",
    r"jetzt (?:kaufen|bestellen|buchen)",
    r"versandkostenfrei",
    r"gratis[- ]versand",
    r"soldes",
    r"promotion",
    r"réduction",
    r"livraison gratuite",
    r"offre (?:spéciale|exclusive|limitée)",
    r"(?:achetez|commandez) (?:maintenant|dès maintenant)",
    r"click here",
    r"klik hier",
    r"hier klicken",
    r"cliquez ici",
    r"order (?:now|today|form)",
    r"(?:business|income) opportunity",
    r"(?:extra|additional) income",
    r"100% (?:free|guaranteed|gratis|kostenlos|gratuit)",
    r"guaranteed",
    r"register (?:now|today)",
    r"(?:get|download|try) (?:it|yours|\d[\d.]*)? ?now",
    r"(?:upgrade|explore|discover|shop|start|join|subscribe) now",
    r"coupon(?: code)?",
    r"kortingscode",
    r"gutschein(?:code)?",
    r"code promo",
    r"click (?:on )?the link below",
    r"for more information,? click",
    r"no obligation",
    r"(?:don't|do not) miss",
    r"mis (?:het|dit) niet",
    r"nicht verpassen",
    r"ne manquez pas",
    r"(?:beat|lowest|best) (?:any )?prices?",
    r"laagste prijs",
    r"sweepstakes?",
    r"prize",
    r"you(?:'ve| have)? won",
    r"winners?",
    r"gewonnen",
    r"prijsvraag",
    r"gewinnspiel",
    r"gagnant",
    r"[$€£] ?\d[\d.,]*",
    r"\d[\d.,]* ?(?:€|euros?|usd|dollars?)",
    r"schrijf je (?:nu )?in",
    r"jetzt anmelden",
    r"inscrivez-vous",
)
OPT_OUT = Anchored(
    OPT_OUT_RE,
    ("afmeld", "meld", "uitschrij", "schrijf", "ontvangen", "verwijderd", "lijst", "voorkeur", "subscri", "opt",
     "remov", "receiv", "leave", "exclud", "preferen", "abmeld", "abbestell", "austrag", "mehr", "verteiler",
     "newsletter", "désabonn", "désinscri", "recevoir", "retiré"),
)  # fmt: skip
VIEW_ONLINE = Anchored(VIEW_ONLINE_RE, ("browser", "versie", "leesbaar", "lezen", "view", "trouble", "version", "navigateur"))
REASON = Anchored(
    REASON_RE,
    ("ontvang", "aangemeld", "ingeschreven", "lijst", "receiv", "sent", "subscribed", "signed", "opted", "list",
     "erh", "bekomm", "recevez", "inscrit"),
)  # fmt: skip
PROMO = Anchored(
    PROMO_RE,
    ("korting", "aanbieding", "bestel", "verzending", "op=op", "uitverkoop", "now", "limited", "offer", "shipping",
     "discount", "%", "sale", "money", "risk", "angebot", "rabatt", "jetzt", "versand", "soldes", "promotion",
     "réduction", "livraison", "offre", "achetez", "commandez", "click", "klik", "cliquez", "order", "opportunit",
     "income", "guarantee", "register", "obligation", "miss", "mis", "verpassen", "manquez", "price", "prijs",
     "sweepstake", "prize", "won", "winner", "gewonnen", "gewinnspiel", "gagnant", "$", "€", "£", "euro", "usd",
     "dollar", "schrijf", "anmelden", "inscrivez", "coupon", "kortingscode", "gutschein", "code promo"),
)  # fmt: skip
#: Literals one of which every quote header holds (:data:`QUOTE_HEADER_RE` runs only when one is there).
QUOTE_ANCHORS = ("wrote", "schreef", "schrieb", "écrit", "original", "oorspronkelijk", "origineel", "ursprüngliche",
                  "origine", "forwarded", "doorgestuurd", "weitergeleitete", "transféré", "sent", "verzonden",
                  "gesendet", "envoyé", "date", "datum")  # fmt: skip
FOOTER_ANCHORS = ("mailing list", "/listinfo/", "yahoo", "to unsubscribe from this group")
#: A greeting to no one in particular: written for many readers.
GROUP_GREETING_RE = re.compile(
    r"\W{0,3}(?:beste|geachte|lieve|dear|hello|hi|liebe|lieber|sehr geehrte|cher|chère|chers|bonjour)\s+"
    r"(?:klant(?:en)?|lezer(?:s)?|relatie(?:s)?|abonnee(?:s)?|lid|leden|donateur(?:s)?|deelnemer(?:s)?|"
    r"customers?|readers?|subscribers?|members?|friends?|valued|sir or madam|client|"
    r"kunden?|kundin(?:nen)?|leser(?:innen)?(?: und leser)?|abonnent(?:en|innen)?|mitglieder|"
    r"clients?|cliente?s?|lecteurs?|lectrices?|abonnés?|membres?|ami(?:e)?s?)\b",
    re.I,
)
#: A greeting by name ("Hoi Piet,", "Dear Mr Jansen,", "Lieber Hans,", "Salut Marie,").
NAME_GREETING_RE = re.compile(
    r"\W{0,3}(?i:hoi|hi|hey|hallo|hello|dag|beste|lieve|dear|lieber|liebe|moin|servus|salut|bonjour|coucou|cher|chère)"
    r"\s+(?i:(?:mr|mrs|ms|dr|mevrouw|meneer|heer|herr|frau|monsieur|madame)\.?\s+)?[A-ZÀ-Þ][\w'’-]{1,30}\s*[,!]?\s*$",
)
#: Where quoted or forwarded text starts ("On … wrote:", "Op … schreef", "Am … schrieb", "Le … a écrit").
QUOTE_HEADER_RE = re.compile(
    r"^[ \t>]*(?:on\b.{1,200}\bwrote|op\b.{1,200}\bschreef\b.{0,120}|am\b.{1,200}\bschrieb\b.{0,120}|le\b.{1,200}\ba écrit)\s*:\s*$"
    r"|^[ \t]*-{2,}\s*(?:original message|oorspronkelijk bericht|origineel bericht|ursprüngliche nachricht|message d'origine"
    r"|forwarded message|doorgestuurd bericht|weitergeleitete nachricht|message transféré)\s*-{2,}"
    r"|^[ \t]*begin forwarded message:"
    r"|^[ \t]*(?:from|van|von|de)\s?:[^\n]{1,200}\n[ \t]*(?:sent|verzonden|gesendet|envoyé|date|datum)\s?:",
    re.I | re.M,
)
#: A line of quoted text.
QUOTED_LINE_RE = re.compile(r"^[ \t]*>.*$", re.M)
#: A list server's footer, added after the writer sent the message (Mailman, Yahoo! Groups, …).
LIST_FOOTER_RE = re.compile(
    r"^[ \t]*[_=~-]{10,}.*\n(?=(?:.*\n){0,6}(?:[^\n]{1,60} mailing list[ \t]*$|.*(?:/listinfo/|yahoo! ?groups|yahoogroups|"
    r"to unsubscribe from this group)))",
    re.I | re.M,
)
REPLY_SUBJECT = re.compile(r"^\s*(?:re|aw|antw|antwoord|sv|vs|réf|ref|rif|r)\s*(?:\[\d+\])?\s*:", re.I)
FORWARD_SUBJECT = re.compile(r"^\s*(?:fwd?|wg|tr|doorst)\s*:", re.I)
#: Recipient addresses that stand for a group.
UNDISCLOSED = re.compile(r"undisclosed|recipient list (?:not shown|suppressed)|niet openbaar|ontvangers verborgen", re.I)
GROUP_LOCAL = re.compile(
    r"^(?:all|allen|alle|iedereen|everyone|everybody|staff|personeel|medewerkers|team|leden|members|subscribers|"
    r"abonnees|klanten|customers|kunden|clients|newsletter|nieuwsbrief|mailing|mailinglist|announce|"
    r"list|lijst|verteiler|diffusion)(?:[-_.+].*)?$|[-_.](?:all|announce|list|lijst|leden|members)$",
    re.I,
)
#: From addresses that newsletters are sent from.
BULK_LOCAL = re.compile(
    r"^(?:news|nieuws|newsletter|nieuwsbrief|nachrichten|mailing|mailings|marketing|promo|promotions?|offers?|"
    r"aanbiedingen|angebote|deals|campaign|campagne|updates|digest|bulletin|info-?letter|mailer|list|lists|"
    r"announce|announcements?|alerts?|distribution|owner-.+|.+-announce)(?:[-_.+].*)?$",
    re.I,
)
#: From domains of bulk senders (``alerts.weather.com``, ``news.acme.nl``, ``mailing.acme.de``).
BULK_HOST = re.compile(r"^(?:news|nieuws|newsletter|nieuwsbrief|mailing|mailings|alerts?|lists?|campaigns?|em|e)\.", re.I)
#: Headers an email platform or bulk sender sets (a received ``.eml``).
ESP_HEADERS = (
    "x-campaign",
    "x-campaignid",
    "x-mc-user",
    "x-mailchimp",
    "x-sg-eid",
    "x-mailgun-tag",
    "x-feedback-id",
    "x-csa-complaints",
)
