"""Rule ``consent-bundled``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..context import Context
from ..document import attr
from ..model import Finding
from ..registry import Rule
from ..tables.phrases import CONSENT_CONTEXT_RE, MARKETING_RE, PARTNERS_RE, PARTNERS_STEMS, TERMS_RE
from .consent_prechecked import MAX_CONTROLS, label_of

#: How much text on either side of a partner phrase makes up "the sentence" (characters).
_SENTENCE_CHARS = 160
#: At most this many partner phrases are examined (a hostile draft repeats one 70,000 times).
_MAX_PHRASES = 200
_SENTENCE_END = re.compile(r"[.!?\n]")


class ConsentBundled(Rule):
    """Consent to marketing is tied to something else: the terms, or "our partners".

    Consent must be a separate, specific choice (Tripolis rule 2: "Het is bovendien noodzakelijk dat
    abonnees weten waar zij ‘ja’ tegen zeggen"; GDPR art. 7(2)). Mailwacht reports a checkbox whose
    label both accepts the terms or privacy policy and signs up for the newsletter or offers ("Ik ga
    akkoord met de algemene voorwaarden en ontvang de nieuwsbrief"), and consent asked "for us and
    our partners", "wij en onze partners" or "zorgvuldig geselecteerde derden": the former regulator
    OPTA held such vague consent unlawful.

    **Why** A recipient who had to tick the box to place an order, or who agreed to mail from
    unnamed partners, did not consent to this mailing: mailing them is spam.

    **Bad** ``<label><input type="checkbox"> Ik ga akkoord met de voorwaarden en ontvang de nieuwsbrief</label>``

    **Good** two boxes: "Ik ga akkoord met de voorwaarden" and, separately, "Stuur mij de nieuwsbrief"
    """

    id = "consent-bundled"
    title = {"nl": "Toestemming gekoppeld aan iets anders", "en": "Consent bundled with something else"}
    basis = ("tripolis-2", "tw-11.7")
    packs = {"nl": "warning"}
    order = 160
    messages = {
        "terms": {
            "nl": "Eén vakje combineert akkoord met de voorwaarden en toestemming voor mailings: '{label}'.",
            "en": "One box combines accepting the terms with consent to mailings: '{label}'.",
        },
        "partners": {
            "nl": "Toestemming voor '{phrase}' is te vaag: de ontvanger weet niet wie hem gaat mailen.",
            "en": "Consent for '{phrase}' is too vague: the recipient does not know who will mail them.",
        },
    }
    fixes = {
        "terms": {
            "nl": "Maak twee aparte vakjes: één voor de voorwaarden en één (niet aangevinkt) voor de nieuwsbrief.",
            "en": "Use two separate boxes: one for the terms and one (not ticked) for the newsletter.",
        },
        "partners": {
            "nl": "Vraag alleen toestemming voor je eigen mailings, of noem elke partner bij naam met een eigen vakje.",
            "en": "Ask consent only for your own mailings, or name each partner with a box of its own.",
        },
    }

    def applies(self, ctx: Context) -> bool:
        return bool(ctx.doc.text.strip())

    def check(self, ctx: Context) -> Iterator[Finding]:
        labels: list[str] = []
        for control in ctx.doc.by_tag.get("input", [])[:MAX_CONTROLS]:
            if attr(control, "type").lower() != "checkbox":
                continue
            label = label_of(ctx, control)
            if TERMS_RE.search(label) and MARKETING_RE.search(label):
                labels.append(label)
                yield self.finding(ctx, "terms", element=control, label=label[:100])
        text = ctx.doc.text
        lower = ctx.doc.text_lower
        if not any(stem in lower for stem in PARTNERS_STEMS):
            return
        for index, match in enumerate(PARTNERS_RE.finditer(text)):
            if index >= _MAX_PHRASES:
                break
            sentence = _sentence(text, match.start(), match.end())
            if not CONSENT_CONTEXT_RE.search(sentence):
                continue
            if any(match.group(0) in label for label in labels):
                continue  # already reported with its checkbox
            yield self.finding(ctx, "partners", span=(match.start(), match.end()), phrase=" ".join(match.group(0).split()))


def _sentence(text: str, start: int, end: int) -> str:
    left = text[max(0, start - _SENTENCE_CHARS) : start]
    cut = max((m.end() for m in _SENTENCE_END.finditer(left)), default=0)
    right = text[end : end + _SENTENCE_CHARS]
    stop = _SENTENCE_END.search(right)
    return left[cut:] + text[start:end] + (right[: stop.start()] if stop else right)
