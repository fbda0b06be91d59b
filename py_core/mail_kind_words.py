"""The wording and address patterns :mod:`py_core.mail_kind` reads a draft with.

Dutch, English, German and French first (the languages Mailwacht's users write in); the
commercial and opt-out vocabulary of Portuguese, Spanish, Turkish, Chinese, Japanese and Korean
as well, because unsolicited bulk mail reaches Dutch inboxes in those languages too and a person
recognises it by the same kind of words. Every list is general vocabulary of its kind (opt-out,
web version, reason of receipt, promotion), never a phrase taken from one message.

Pure data and two small helpers (:func:`words`, :class:`Anchored`); no I/O. Over ~400 lines
because it is a data table (word lists per language), kept in one place so each list is
reviewed next to its source.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

try:  # re's own parser (Python 3.11+); the patterns are read, never changed, by it
    from re import _constants as re_constants  # type: ignore[attr-defined]
    from re import _parser as re_parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons: every pattern keeps its lookbehind form
    re_constants = re_parser = None  # type: ignore[assignment]


# -- wording (NL, EN, DE, FR) ---------------------------------------------------------------------
def words(*alternatives: str) -> re.Pattern[str]:
    r"""One pattern of whole-word alternatives; a space in them matches any run of white space
    (hard-wrapped plain text breaks a phrase over two lines), an optional space (`` ?``) none too.

    "Whole word" is ``(?<!\w)`` before and ``(?!\w)`` after. A lookbehind tried at every position
    costs ``re`` about three times what ``\b`` does, so the alternatives that can only start with a
    letter or digit are put behind ``\b`` (then the lookbehind, only where a word starts or ends)
    and those that can only start with another character behind ``\B``: the same matches, as at
    any position only one of the two groups can start
    (:func:`_first_kinds`; ``plain_words`` keeps the lookbehind form to compare with).
    """
    parts = [a.replace(" ?", r"\s*").replace(" ", r"\s+") for a in alternatives]
    plain = r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)"
    word: list[str] = []
    other: list[str] = []
    for part in parts:
        kinds = _first_kinds(part)
        if kinds == {True}:
            word.append(part)
        elif kinds == {False}:
            other.append(part)
        else:  # may start either way, or cannot tell: the plain form
            return _remember(re.compile(plain, re.I), plain)
    # \b with (?<!\w) after it: the same as (?<!\w) before a letter, and cheapest of the forms measured
    # (on a text of nothing but short words too, where \b alone is true at every word's end as well).
    groups = [r"\b(?<!\w)(?:" + "|".join(word) + ")"] if word else []
    groups += [r"\B(?:" + "|".join(other) + ")"] if other else []
    return _remember(re.compile("(?:" + "|".join(groups) + r")(?!\w)", re.I), plain)


#: pattern source -> its lookbehind form (:func:`words`), for the tests to compare with.
_PLAIN: dict[str, str] = {}


def _remember(pattern: re.Pattern[str], plain: str) -> re.Pattern[str]:
    _PLAIN[pattern.pattern] = plain
    return pattern


def plain_words(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The lookbehind form of a pattern :func:`words` made (the same matches, slower)."""
    return re.compile(_PLAIN[pattern.pattern], pattern.flags)


def _first_kinds(alternative: str) -> set[bool] | None:
    """Whether a match of ``alternative`` can start with a word character (True) and/or another
    one (False), read from ``re``'s parse of it; None when it cannot be told (a lookaround, a
    negated class, an empty match)."""
    try:
        parsed = re_parser.parse(alternative, re.I)
        kinds, nullable = _kinds_of(list(parsed))
    except (_Unknown, re.error, AttributeError, TypeError, ValueError):
        return None
    return None if nullable or not kinds else kinds


class _Unknown(Exception):
    """A piece of a pattern whose first character cannot be told."""


def _is_word(code: int) -> bool:
    return _WORD.match(chr(code)) is not None


_WORD = re.compile(r"\w")


def _kinds_of(items: list[Any]) -> tuple[set[bool], bool]:
    """(the kinds of the first character, whether the sequence can match nothing)."""
    kinds: set[bool] = set()
    for op, av in items:
        first, nullable = _kinds_of_item(op, av)
        kinds |= first
        if not nullable:
            return kinds, False
    return kinds, True


def _kinds_of_item(op: Any, av: Any) -> tuple[set[bool], bool]:
    c = re_constants
    if op is c.LITERAL:
        return {_is_word(av)}, False
    if op is c.IN:
        kinds: set[bool] = set()
        for member, value in av:
            if member is c.LITERAL:
                kinds.add(_is_word(value))
            elif member is c.RANGE:
                low, high = value
                if high - low > 512:
                    raise _Unknown
                kinds |= {_is_word(code) for code in range(low, high + 1)}
            elif member is c.CATEGORY and value in (c.CATEGORY_DIGIT, c.CATEGORY_WORD):
                kinds.add(True)
            elif member is c.CATEGORY and value in (c.CATEGORY_SPACE, c.CATEGORY_NOT_WORD):
                kinds.add(False)
            else:  # a negated class, another category
                raise _Unknown
        return kinds, False
    if op is c.SUBPATTERN:
        return _kinds_of(list(av[-1]))
    if op is c.BRANCH:
        found = [_kinds_of(list(branch)) for branch in av[1]]
        return set().union(*(k for k, _ in found)), any(n for _, n in found)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        low, _high, item = av
        kinds, nullable = _kinds_of(list(item))
        return kinds, nullable or low == 0
    raise _Unknown


#: Promotional wording is looked for in this many first characters of the text.
PROMO_CHARS = 4000
#: From this many anchors on, :class:`Anchored` finds them with one pattern (:func:`literal_tree`).
TREE_FROM = 24
#: Characters of text read on each side of an anchor (every phrase below is shorter).
WINDOW = 80


@dataclass(frozen=True)
class Anchored:
    """A pattern of lower-case phrases and the literals ("anchors") of which every match holds one.

    Python's ``re`` tries every alternative at every position, and ignoring case makes that three
    to six times slower. So the text is lower-cased once, the pattern runs without ``re.I``, and
    only in a window around each place where an anchor is: the same matches, as every match holds
    an anchor and reaches less than :data:`WINDOW` characters beyond it
    (``tests/py/test_mail_kind.py`` compares both ways on the corpus and the tests' own phrases).
    Many anchors are found in one pass by a pattern shaped as a tree of their letters
    (:func:`literal_tree`), which ``re`` runs about as fast as one ``str.find`` per four anchors;
    a few, by ``str.find`` each (:data:`TREE_FROM` anchors on, the tree is faster).
    """

    pattern: re.Pattern[str]
    anchors: tuple[str, ...]
    #: The pattern without ``re.I``, for the lower-cased text.
    lower_pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)
    #: The anchors looked for: one that holds another is found where that one is.
    scanned: tuple[str, ...] = field(init=False, repr=False, compare=False)
    #: Those of them an ASCII text can hold.
    scanned_ascii: tuple[str, ...] = field(init=False, repr=False, compare=False)
    #: One pattern finding every anchor, and one for those an ASCII text can hold (many anchors).
    finder: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    finder_ascii: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    #: The longest anchor's length: how far an anchor hidden inside a found one can reach.
    longest: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lower_pattern", case_sensitive(self.pattern))
        kept = tuple(a for a in dict.fromkeys(self.anchors) if not any(b != a and b in a for b in self.anchors))
        object.__setattr__(self, "scanned", kept)
        ascii_only = tuple(a for a in kept if a.isascii())
        object.__setattr__(self, "scanned_ascii", ascii_only)
        tree = len(kept) >= TREE_FROM
        object.__setattr__(self, "finder", literal_tree(kept) if tree else None)
        object.__setattr__(self, "finder_ascii", literal_tree(ascii_only) if tree else None)
        object.__setattr__(self, "longest", max(map(len, kept), default=0))

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

    def _anchors_in(self, lower: str) -> Iterable[tuple[int, int]]:
        """Where the anchors are, in the order of the text. The tree does not see an anchor that
        starts inside one it found: no window starts later for it, and each window reaches the
        longest anchor's length further (:meth:`_spans`)."""
        ascii_text = lower.isascii()
        finder = self.finder_ascii if ascii_text else self.finder
        if finder is not None:
            return (found.span() for found in finder.finditer(lower))
        places: list[tuple[int, int]] = []
        for anchor in self.scanned_ascii if ascii_text else self.scanned:
            at = lower.find(anchor)
            while at >= 0:
                places.append((at, at + len(anchor)))
                at = lower.find(anchor, at + 1)
        places.sort()
        return places

    def _spans(self, lower: str) -> Iterator[tuple[int, int]]:
        size = len(lower)
        reach = WINDOW + self.longest
        window: tuple[int, int] | None = None
        for start, end in self._anchors_in(lower):
            low, high = max(0, start - WINDOW), min(size, end + reach)
            if window is not None and low <= window[1]:
                window = (window[0], max(high, window[1]))
                continue
            if window is not None:
                yield from self._matches(lower, window)
            window = (low, high)
        if window is not None:
            yield from self._matches(lower, window)

    def _matches(self, lower: str, window: tuple[int, int]) -> Iterator[tuple[int, int]]:
        low, high = window
        for match in self.lower_pattern.finditer(lower, low, high):
            # A match that ends where the window was cut may be cut itself; a whole phrase
            # is never that close to the edge of its anchor's window.
            if match.end() == high and high < len(lower) and lower[high].isalnum():
                continue
            yield match.start(), match.end()


def literal_tree(literals: Iterable[str]) -> re.Pattern[str]:
    """One pattern matching any of ``literals``, written as a tree of their letters
    (``opt(?:out)?|sub…``): ``re`` then tests a position's first letter once instead of once per
    literal. At a position the longest literal along a path wins; none: a pattern that never matches."""
    tree: dict[str, dict] = {}
    for literal in literals:
        node = tree
        for char in literal:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return re.compile(emit(tree) or "(?!)")


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
    # pt: "descadastrar", "cancelar a inscrição", "(se) retirar do (nosso) cadastro", "não deseja mais
    # receber nossos e-mails"; not "tirar o nome da lista" (of guests) nor "não quer receber mensagens"
    r"descadastr\w*",
    r"cancelar (?:a |sua |o seu |seu )?(?:inscrição|inscricao|assinatura|subscrição)",
    r"(?:se )?(?:retirar|remover|excluir|tirar)(?:-se)? (?:o seu |seu |o |a sua |sua )?(?:(?:e-?mail|nome|endereço) )?"
    r"(?:d[oa]s?|de) (?:(?:nossa|nosso|nossas|nossos) (?:lista|listas|cadastro|mailing|base de dados)|cadastro|mailing|"
    r"lista de (?:e-?mails?|envio|distribuição|correio))",
    r"não (?:deseja|desejar|quer|queira|quiser) (?:mais receber|receber mais) (?:nossos |nossas |nosso |nossa |este |"
    r"esta |estes |estas |os |as )?(?:e-?mails?|mensagens?|newsletters?|informativos?|ofertas|comunicações|promoções)",
    r"não (?:deseja|desejar|quer|queira|quiser) receber (?:nossos|nossas|nosso|nossa|este|esta|estes|estas) "
    r"(?:e-?mails?|mensagens?|newsletters?|informativos?|ofertas|comunicações|promoções)",
    # es: "para darse de baja", "darse de baja de nuestra lista", "cancelar la suscripción", "eliminar de
    # nuestra lista", "si no desea recibir más correos"; not "darse de baja médica" (sick leave), "borrarla
    # de la lista" (of guests) nor "no quiere recibir correos"
    r"(?:para|desea|deseas|puede|puedes|quiere|quieres) (?:darse|darte) de baja",
    r"(?:darse|darte|date) de baja (?:de|del|en) (?:nuestra|nuestro|nuestros|nuestras|este|esta|estos|estas|la lista|"
    r"el boletín|los (?:correos|envíos|mensajes))",
    r"(?:cancelar|anular) (?:la |su |tu )?suscripci[oó]n",
    r"desuscribir\w*",
    r"(?:eliminar|borrar|excluir|retirar|(?:ser )?(?:eliminad|borrad|excluid|retirad)[oa]s?)(?:lo|la|le|te|se)? de (?:nuestra lista|nuestras listas|(?:la|esta) lista de "
    r"(?:correo|distribución|envío|suscriptores))",
    r"(?:no|ya no) (?:desea|deseas|desean|quiere|quieres|quieren) (?:seguir recibiendo|recibir más) (?:nuestros |"
    r"nuestras |este |estos |estas |esta )?(?:e-?mails?|correos?|mensajes|boletines|boletín|newsletters?|ofertas|"
    r"comunicaciones|noticias)",
    r"(?:no|ya no) (?:desea|deseas|desean|quiere|quieres|quieren) recibir (?:nuestros|nuestras|este|estos|estas|esta) "
    r"(?:e-?mails?|correos?|mensajes|boletines|boletín|newsletters?|ofertas|comunicaciones|noticias)",
    # tr (also as written without Turkish letters): "abonelikten çık", "listemizden / listelerden
    # çıkmak", "e-posta almak istemiyorsanız"; not "adımı listeden çıkar" (of guests)
    r"abonelikten [çc][ıi]k\w*",
    r"(?:listemiz|listelerimiz|listeler|mail listesin|e-?posta listesin)den [çc][ıi]k\w*",
    r"(?:e-?posta|e-?mail|mail|ileti|mesaj)\w* almak istemiyorsan[ıi]z",
)
#: Opt-out words of languages written without spaces between words, found anywhere: Korean
#: "refuse receipt"; Chinese (simplified and traditional) "unsubscribe", "cancel the subscription",
#: "(if you) do not want to receive (this) again"; Japanese "stop delivery".
OPT_OUT_CJK_RE = re.compile(
    r"수신\s?거부|退订|退訂|取消订阅|取消訂閱|不(?:想|希望|願意?|愿意?|要)(?:再|繼續|继续)(?:收到|接收|接到)|配信停止|配信解除"
)
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
    # a sales pitch's promises and boasts: no hidden charges, the country's leading supplier
    r"no (?:hidden|extra|call[- ]?out|hourly|set[- ]?up) (?:charges?|fees?|costs?)",
    r"geen (?:verborgen|extra|bijkomende) kosten",
    r"geen (?:voorrij|verzend|administratie)kosten",
    r"keine (?:versteckten|zusätzlichen) (?:kosten|gebühren)",
    r"keine (?:anfahrts|versand|einrichtungs)(?:kosten|gebühren)",
    r"sans frais (?:cachés|supplémentaires|de déplacement|de livraison|d'installation)",
    r"(?:the )?(?:uk|britain|europe|america|the world|the nation|the country|the netherlands)['’]s (?:leading|largest|biggest|"
    r"number one|no\.? ?1|#1)",
    r"(?:market|industry)[- ]leading",
    r"(?:nederlands|europa['’]s|belgiës) (?:grootste|voordeligste|goedkoopste|nummer 1)",
    r"marktleider",
    r"toonaangevende (?:leverancier|aanbieder|specialist)",
    r"(?:deutschlands|europas|österreichs) (?:größte[rsn]?|grösste[rsn]?|günstigste[rsn]?|führende[rsn]?|nr\.? ?1|nummer 1)",
    r"marktführer",
    r"führende[rsn]? anbieter",
    r"leader (?:du marché|européen|mondial|en france|français)",
    r"(?:le |la )?(?:n°|numéro) ?1 (?:en france|en belgique|en europe|du marché)",
    # pt
    r"clique aqui",
    r"promoç(?:ão|ões)",
    r"descontos?",
    r"frete gr[áa]tis",
    r"compre (?:já|agora|hoje)",
    r"ofertas? (?:especial|especiais|imperdível|imperdíveis|exclusiva|exclusivas|limitada)",
    r"imperd[íi]ve(?:l|is)",
    r"r\$ ?\d[\d.,]*",
    # es
    r"(?:haga|haz|hacer) clic aquí",
    r"pulse aquí",
    r"descuentos?",
    r"env[íi]o gratis",
    r"compre (?:ya|ahora|hoy)",
    r"rebajas",
    r"promoci[óo]n(?:es)?",
    r"ofertas? (?:especiales|exclusivas?|limitadas?)",
    # tr (also as written without Turkish letters)
    r"indirim\w*",
    r"kampanya\w*",
    r"[üu]cretsiz",
    r"hemen (?:sat[ıi]n al\w*|sipari[şs]\w*)",
    r"f[ıi]rsat\w*",
    r"\d[\d.,]* ?y?tl",
    r"reklam(?:a|lar\w*|c[ıi]l[ıi]k)?",
    r"hediye\w*",
)
#: Promotional words of languages written without spaces between words, found anywhere: Chinese
#: (simplified and traditional) discount, free, sales promotion, special price, advertisement,
#: marketing, promotion, limited time, a price in yuan, buy now; Japanese free, discount, special
#: price, sale, campaign; Korean free, discount, special price, advertisement.
PROMO_CJK_RE = re.compile(
    r"优惠|優惠|折扣|免费|免費|促销|促銷|特价|特價|广告|廣告|营销|營銷|行銷|推广|推廣|限时|限時|\d+\s?元|"
    r"立即(?:购买|購買|订购|訂購)|無料|割引|特価|セール|キャンペーン|무료|할인|특가|광고"
)
OPT_OUT = Anchored(
    OPT_OUT_RE,
    ("afmeld", "meld", "uitschrij", "schrijf", "ontvangen", "verwijderd", "lijst", "voorkeur", "subscri", "opt",
     "remov", "receiv", "leave", "exclud", "preferen", "abmeld", "abbestell", "austrag", "mehr", "verteiler",
     "newsletter", "désabonn", "désinscri", "recevoir", "retiré",
     "descadastr", "inscri", "assinatura", "subscri", "tirar", "remover", "excluir", "receber",
     "baja", "suscrip", "desuscrib", "lista", "recibi", "abonelik", "liste", "almak"),
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
     "dollar", "schrijf", "anmelden", "inscrivez", "coupon", "kortingscode", "gutschein", "code promo",
     "charge", "fee", "cost", "kosten", "gebühren", "frais", "leading", "largest", "biggest", "number one", "no1",
     "no 1", "no.1", "no. 1", "#1", "nederlands", "europa", "belgi", "marktleider", "toonaangevend", "deutschlands",
     "österreichs", "führend", "marktführer", "leader", "n°", "numéro",
     "clique", "promoç", "desconto", "frete", "compre", "oferta", "imperd", "clic", "pulse", "descuento", "envío",
     "envio", "rebajas", "promoci", "indirim", "kampanya", "cretsiz", "hemen", "rsat", "tl", "reklam", "hediye"),
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
#: A greeting by name ("Hoi Piet,", "Dear Mr Jansen,", "Lieber Hans,", "Salut Marie,"; "Oi Ana,", "Hola Juan,",
#: "Merhaba Ali,").
NAME_GREETING_RE = re.compile(
    r"\W{0,3}(?i:hoi|hi|hey|hallo|hello|dag|beste|lieve|dear|lieber|liebe|moin|servus|salut|bonjour|coucou|cher|chère|"
    r"oi|olá|ola|hola|querid[oa]|estimad[oa]|merhaba|selam|sevgili|ciao|car[oa])"
    r"\s+(?i:(?:mr|mrs|ms|dr|mevrouw|meneer|heer|herr|frau|monsieur|madame|sr|sra|señor|señora|senhor|senhora)\.?\s+)?"
    r"[A-ZÀ-Þ][\w'’-]{1,30}\s*[,!]?\s*$",
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
#: A subject that numbers the issue of a publication: "Nieuwsbrief 12: …", "Digest #180",
#: "Ausgabe 3/2026 - …", "Vol. 4, …", "Lettre n°12 :", or a long-running series' number on a
#: note or letter ("… Note 00324: …"). The number stands just before the end of the subject or a
#: separator; a year is no issue number ("edition 2026:"); the words of a ticket, an invoice, a
#: room or a chapter ("Issue 12", "Factuur 0012", "chambre numéro 12", "Hoofdstuk 3") are no
#: publication's, nor is Dutch "vol" (full) without the dot of "Vol.".
SERIAL_SUBJECT_RE = re.compile(
    r"(?<!\w)(?:(?:nieuwsbrief|newsletter|rundbrief|infolettre|bulletin|digest|nieuwsflits|editie|uitgave|aflevering|"
    r"jaargang|ausgabe|jahrgang|édition|edition|vol\.|volume)\s*(?:#|n[°º]\s*|nr\.?\s*|no\.?\s*)?"
    r"(?!(?:19|20)\d\d(?!\d))\d{1,5}(?:\s*/\s*\d{2,4})?"
    r"|(?:note|letter|brief|lettre)\s*(?:(?:#|n[°º]|nr\.?|no\.)\s*\d{1,5}|\d{3,5}))"
    r"(?=\s*(?:[:|,–—-]|$))",
    re.I,
)
#: From addresses of a department rather than a person (``info@``, ``sales@``, ``verkoop@``).
ROLE_LOCAL = re.compile(
    r"^(?:info|sales|verkoop|vertrieb|ventes?|marketing|contact|kontakt|service|support|klantenservice|kundenservice|"
    r"customerservice|customer[-_.]service|webmaster|shop|store|winkel)$",
    re.I,
)
#: A character of a language written without spaces between words (Chinese, Japanese, Korean).
CJK_CHAR_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
#: The sender excuses itself for writing unasked, or tells the reader to delete the message when
#: not interested: what a mass mailing to strangers says, not a note to someone the writer knows.
UNSOLICITED_RE = words(
    # nl
    r"(?:excuses|onze excuses|sorry|onze verontschuldigingen|wij verontschuldigen ons) (?:voor|als|indien) "
    r"(?:deze|dit|het|onze) (?:ongevraagde|ongewenste) "
    r"(?:e-?mail|mail|bericht)",
    r"(?:als|indien) (?:u|je) (?:hierin )?niet (?:bent )?geïnteresseerd (?:bent|bent,)?,? (?:kunt u|kun je|gelieve|wilt u)? ?"
    r"(?:deze|dit) (?:e-?mail|mail|bericht) (?:te )?(?:verwijderen|negeren|als niet verzonden beschouwen)",
    # en
    r"(?:apologi[sz]e|sorry|apologies) (?:for|if) (?:this|the|our|any) unsolicited (?:e-?mail|mail|message|offer|advertisement)",
    r"if (?:you are|you're) not interested,? (?:please |simply |just )?(?:delete|ignore|disregard|discard) "
    r"(?:this|the|our) (?:e-?mail|mail|message)",
    r"(?:please )?(?:delete|ignore|disregard) this (?:e-?mail|message) if (?:you are|you're) not interested",
    r"if this (?:e-?mail|message) (?:has )?(?:reached|bothered|disturbed|offended) you",
    # de
    r"(?:entschuldigen sie|bitte entschuldigen sie|entschuldigung für|sorry für|wir entschuldigen uns für) (?:diese|die) "
    r"(?:unaufgeforderte|unerwünschte|unverlangte) "
    r"(?:e-?mail|mail|nachricht|zusendung)",
    r"(?:falls|wenn) (?:sie|du) (?:daran )?kein interesse (?:haben|hast),? (?:löschen|ignorieren) (?:sie|du) "
    r"(?:bitte )?(?:diese|die) (?:e-?mail|mail|nachricht)",
    # fr
    r"(?:excusez|veuillez excuser|pardonnez|nous nous excusons)(?:-nous)?(?: pour| de)? (?:ce|cet|cette) "
    r"(?:envoi|message|e-?mail|courriel) non sollicité",
    r"si (?:vous n'êtes|vous n’êtes|tu n'es) pas intéressée?s?,? (?:veuillez |merci de )?(?:supprimer|ignorer) "
    r"(?:ce|cet) (?:message|e-?mail|courriel)",
    # pt, es
    r"caso não (?:seja|tenha) (?:de seu|do seu|de vosso) interesse",
    r"se (?:isto |este e-?mail )?não (?:for|é) (?:de seu|do seu) interesse",
    r"si (?:este (?:correo|mensaje) )?no (?:es|le es|fuera) de su interés",
    # tr
    r"ilgilenmiyorsan[ıi]z",
)
UNSOLICITED = Anchored(
    UNSOLICITED_RE,
    ("ongevraagd", "ongewenst", "geïnteresseerd", "unsolicited", "interested", "reached", "bothered", "disturbed",
     "offended", "unaufgefordert", "unerwünscht", "unverlangt", "interesse", "sollicité", "intéressé", "interés",
     "ilgilenmiyor"),
)  # fmt: skip
#: The same in Chinese (simplified and traditional): "if this letter disturbs you", "please delete
#: this letter".
UNSOLICITED_CJK_RE = re.compile(
    r"(?:如果|若|如)(?:此信|本信|此郵件|此邮件|本郵件|本邮件|這封信|这封信)(?:有)?(?:打扰|打擾|困扰|困擾)"
    r"|(?:请|請)(?:将|將|把)?(?:此信|本信|此郵件|此邮件|本郵件|本邮件)(?:删除|刪除)"
)
