"""Which language a draft is written in: Dutch, English, German, French, or not sure.

Used where Mailwacht writes into the draft itself: the quick fix "Insert footer" writes its footer
in the draft's language (issue 11), not in the language of Mailwacht's interface. A Dutch sender
with an English browser writing to Dutch customers gets a Dutch footer; the same sender writing a
German newsletter gets a German one.

How: the writer's own words (:func:`py_core.mail_kind.own_text`: quoted replies and a list
server's footer left out; the subject counted too) are split into words and each word that is one
of a language's most frequent function words (articles, pronouns, prepositions, conjunctions,
auxiliaries: the words every sentence of that language is made of, whatever it is about) counts
for that language. A word two languages share (Dutch and German "die", Dutch and French "de" and
"en") counts for both, so it decides nothing. The lists are short and hand-picked from the most
frequent words of each language (the Snowball stop-word lists for Dutch, English, German and French,
snowballstem.org/algorithms/*/stop.txt), keeping the words that are frequent in mail.

Precision first: a wrong language in a footer is worse than the interface's language, so the
answer is ``None`` (the caller falls back to the interface language) unless the best language has
at least :data:`MIN_HITS` function words and clearly more than the next (:data:`MARGIN`). A text in
another language (Spanish, Japanese) scores little in all four and gives ``None``.

Pure and cheap: only the first :data:`LIMIT` characters are read (a footer's language is the
language the mail opens in), so a 5 MB draft costs what a short one does.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Draft

#: The languages Mailwacht writes footers in, in the order used for ties (none: a tie is ``None``).
LANGUAGES: tuple[str, ...] = ("nl", "en", "de", "fr")

#: Frequent function words per language (lower case; elided French forms are split off below).
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "nl": frozenset(
        "de het een en van is dat die op te voor met niet zijn aan ook als bij maar wordt naar om uw je jouw "
        "jij wij we ons onze deze dit worden kunnen kun kunt heeft hebben heb hebt of nog meer u graag "
        "tot uit over er wat hoe wie waar wanneer omdat dan al geen wel nu zo zich hun hem haar ik mij mijn "
        "zal zullen wil wilt moet moeten door tegen na bent was waren ontvangt deze vriendelijke groet groeten "
        "beste hartelijke".split()
    ),
    "en": frozenset(
        "the and of to is that for with on are this you your we our be have has it at as from by will can "
        "not or an was were please thank thanks regards dear would should could been their they them "
        "which what when where who how about into there here if all any more than its these those "
        "receive received because my me us do does don't i'm you're we're".split()
    ),
    "de": frozenset(
        "der die das und ist nicht mit den dem des ein eine einen einem einer zu von sich auf für sie wir ihr "
        "ihre ihren ihrem unser unsere unseren bitte auch oder werden wird haben hat bei aus nach dass "
        "grüßen freundlichen liebe lieber sehr geehrte geehrter ich mich mir uns euch du dich dir ihnen "
        "wenn weil noch schon können kann möchten möchte sind war waren über wie was diese dieser diesen "
        "dieses keine kein hier erhalten".split()
    ),
    "fr": frozenset(
        "le la les et est des du une un pour dans que qui pas avec sur vous nous votre vos notre nos ce cette "
        "ces au aux sont être par ou plus merci bonjour cordialement chers chère cher madame monsieur "
        "je il elle ils elles mais son sa ses leur leurs très bien été avez avons ont fait peut pouvez "
        "souhaitez recevez recevoir cet ne".split()
    ),
}

#: At least this many function words of the winning language, and this many different ones.
MIN_HITS = 4
MIN_DISTINCT = 3
#: One word counts at most this often: a text that repeats one short word ("u" in "U.S.", "de" in
#: a list of Spanish names) does not outweigh the rest.
CAP = 5
#: The winner's count must be at least this many times the runner-up's (and higher).
MARGIN = 1.5
#: Characters read from the start of the writer's own text (subject included).
LIMIT = 6000

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
#: French elision: "l'adresse", "d'un", "qu'il", "n'est" count as "le", "de", "que", "ne".
_ELIDED = {"l": "le", "d": "de", "qu": "que", "n": "ne", "j": "je", "c": "ce"}


def _words(text: str) -> Counter[str]:
    found: Counter[str] = Counter()
    for match in _WORD.finditer(text[:LIMIT].lower()):
        word = match.group().replace("’", "'")
        if "'" in word:
            head, _, rest = word.partition("'")
            if head in _ELIDED:  # French elision: the article or pronoun, then the word itself
                found[_ELIDED[head]] += 1
                word = rest
        found[word] += 1
    return found


def scores(text: str) -> dict[str, tuple[int, int]]:
    """Per language: how many words of ``text`` (its first :data:`LIMIT` characters) are its function
    words (each word counted at most :data:`CAP` times), and how many different ones."""
    found = _words(text)
    out: dict[str, tuple[int, int]] = {}
    for lang in LANGUAGES:
        hits = [n for word, n in found.items() if word in FUNCTION_WORDS[lang]]
        out[lang] = (sum(min(n, CAP) for n in hits), len(hits))
    return out


def detect(text: str) -> str | None:
    """The language of ``text`` ("nl", "en", "de", "fr"), or ``None`` when it is not clear."""
    counts = scores(text)
    ranked = sorted(LANGUAGES, key=lambda lang: counts[lang][0], reverse=True)
    (best, distinct), second = counts[ranked[0]], counts[ranked[1]][0]
    if best < MIN_HITS or distinct < MIN_DISTINCT or best <= second or best < MARGIN * second:
        return None
    return ranked[0]


def draft_text(draft: Draft, body: str) -> str:
    """The words of a draft its writer wrote: the subject, then ``body`` (the draft's visible text)
    without quoted replies and list footers (:func:`py_core.mail_kind.own_text`)."""
    from .mail_kind import own_text

    own, _quoted = own_text(body[: LIMIT * 4])
    return f"{draft.subject}\n{own}"


def detect_draft(draft: Draft, body: str | None = None) -> str | None:
    """:func:`detect` on a draft; ``body`` is its visible text when the caller has it parsed already."""
    if body is None:
        from .document import parse_html, parse_text

        doc = parse_html(draft.html) if draft.html.strip() else parse_text(draft.text)
        body = doc.text
    return detect(draft_text(draft, body))
