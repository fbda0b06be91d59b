"""Rule ``advertising-unrecognisable``."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..model import Finding, Location
from ..registry import Rule
from ..tables import recognisable
from ..tables.phrases import FOLDS_OTHERWISE, PROMOTIONAL_LOWER_SCAN, PROMOTIONAL_SCAN
from ._identity import FREEMAIL, bare_address, domain_of, name_contains, registrable
from ._organisation import organisation

#: A mailing is promotional when its text uses at least this many different calls to buy or book.
PROMOTIONAL_WORDS = 3


def promotional_words(ctx: Context, enough: int | None = None) -> set[str]:
    """The different promotional words in the draft's text (lower case). With ``enough``, the scan
    stops once it has found that many: the rules only ask whether there are at least
    :data:`PROMOTIONAL_WORDS`, and a promotional mailing says so early (a 100 KB newsletter's
    text was scanned to its end for a third word found in its first block)."""
    found: set[str] = set()
    text, lower = ctx.doc.text, ctx.doc.text_lower
    # On the lower-case text when lowering kept every character one character (as
    # ``optout_sentences`` reads the unsubscribe words) and no letter folds otherwise under
    # re.IGNORECASE: the same words at the same places, found faster.
    same = len(lower) == len(text) and FOLDS_OTHERWISE.search(text) is None
    read = lower if same else text
    for start, end in PROMOTIONAL_LOWER_SCAN.spans(lower) if same else PROMOTIONAL_SCAN.spans(text):
        found.add(" ".join(read[start:end].lower().split()))
        if enough is not None and len(found) >= enough:
            break
    return found


class AdvertisingUnrecognisable(Rule):
    """The subject and From line hide that the mailing is advertising, or who sends it.

    Two things are reported. A mailing whose subject starts like a reply or a forward (``Re:``,
    ``AW:``, ``Antw:``, ``Fwd:``, ``WG:``, ``TR:``) or, with promotional text and no order or booking
    number, like a mail about the recipient's own order or booking ("Uw bestelling", "Your order",
    "Ihre Buchung", "Votre commande"): a prefix that makes a mailing look personal. And a
    promotional mailing (at least three different calls to buy or book in its text) sent with no
    From name from a free-mail address, whose subject shows neither the organisation (named in the
    profile or the footer) nor that it is commercial (an offer, a discount, a newsletter, a
    percentage): that one is a question for the sender, because a person decides what a reader
    recognises. A reply prefix on a draft the engine itself judged a mailing (webmail, no one said
    so) is a question too, and a draft with ``In-Reply-To`` or ``References`` (a real thread) is
    left alone. A From name is taken to show the sender: a brand ("ZDNet Tech Update") names it
    even when the footer names the company behind the brand.

    E-Commerce Directive 2000/31/EC art. 6: "the commercial communication shall be clearly
    identifiable as such; the natural or legal person on whose behalf the commercial communication
    is made shall be clearly identifiable". Germany, § 6 (2) DDG: "Werden kommerzielle
    Kommunikationen per elektronischer Post versandt, darf in der Kopf- und Betreffzeile weder der
    Absender noch der kommerzielle Charakter der Nachricht verschleiert oder verheimlicht werden."
    Netherlands, Code Reclame via E-mail (Nederlandse Reclame Code): the commercial e-mail must be
    "herkenbaar in de combinatie van adresregel en onderwerp".

    **Why** Recipients decide from the From line and the subject whether to open a mail. A
    mailing disguised as a reply or an order update gets opened under false pretences, is reported
    as spam and, in Germany, is unlawful by itself.

    **Bad** Subject ``Re: ons gesprek`` on a newsletter; subject ``Uw bestelling`` above a sale with
    no order in it; From ``acme.deals@gmail.com`` (no name) and subject ``Even bijpraten?`` above a
    special offer of Acme B.V.

    **Good** From ``Lisa van Acme <lisa@acme.nl>``, subject ``Acme: 20% korting op winterjassen``.
    """

    id = "advertising-unrecognisable"
    title = {"nl": "Reclame en afzender niet herkenbaar", "en": "Advertising and sender not recognisable"}
    basis = ("ecommerce-6", "ddg-6", "nrc-email")
    packs = {
        "nl": "warning",  # issue 14: E-Commerce Directive art. 6, Code Reclame via E-mail
        "de": "error",
        "be": "warning",  # XII.12: recognisable as advertising
    }
    pack_basis = {"be": ("be-wer-xii-12",)}
    order = 230
    messages = {
        "reply": {
            "nl": "Het onderwerp begint met “{prefix}”: zo lijkt de mailing een antwoord of doorgestuurd bericht.",
            "en": "The subject starts with “{prefix}”: the mailing looks like a reply or a forwarded message.",
        },
        "transaction": {
            "nl": "Het onderwerp begint met “{prefix}”, maar de mail is reclame zonder bestel- of boekingsnummer: zo lijkt de mailing een bericht over een eigen bestelling.",
            "en": "The subject starts with “{prefix}”, but the mail is advertising with no order or booking number: the mailing looks like a message about the recipient's own order.",
        },
        "hidden": {
            "nl": "Afzender en onderwerp laten niet zien dat dit reclame van {organisation} is: herkent de ontvanger het aan adresregel en onderwerp?",
            "en": "From line and subject do not show that this is advertising from {organisation}: can recipients tell from the address line and subject?",
        },
    }
    fixes = {
        "reply": {
            "nl": "Haal “{prefix}” weg en zeg in het onderwerp waar de mailing over gaat.",
            "en": "Remove “{prefix}” and say in the subject what the mailing is about.",
        },
        "transaction": {
            "nl": "Gebruik een onderwerp dat laat zien dat het om een aanbieding gaat, zoals “Acme: 20% korting op …”.",
            "en": "Use a subject that shows it is an offer, such as “Acme: 20% off …”.",
        },
        "hidden": {
            "nl": "Zet de naam van de organisatie in de afzendernaam (“Lisa van {organisation}”) of laat in het onderwerp zien dat het een aanbieding of nieuwsbrief is.",
            "en": "Put the organisation's name in the From name (“Lisa from {organisation}”) or make the subject show it is an offer or newsletter.",
        },
    }

    def applies(self, ctx: Context) -> bool:
        return bool(ctx.draft.subject.strip())

    def check(self, ctx: Context) -> Iterator[Finding]:
        subject = " ".join(ctx.draft.subject.split())
        where = Location(field="subject")
        reply = recognisable.REPLY_PREFIX.match(subject)
        if reply:
            headers = {name.lower() for name in ctx.draft.headers}
            if "in-reply-to" in headers or "references" in headers:
                return  # a real reply in a thread, whatever the engine made of the rest
            # Held at Send only when someone (the user, the platform, a template) says it is a
            # mailing; when the engine weighed the signals itself, a reply to a large group could
            # be one, so it is a question then.
            decided = ctx.mail_kind.source if ctx.mail_kind is not None else "user"
            prefix = reply.group(0).strip()
            yield self.finding(ctx, "reply", location=where, evidence=subject[:160], review=decided == "auto", prefix=prefix)
            return
        promotional = len(promotional_words(ctx, PROMOTIONAL_WORDS)) >= PROMOTIONAL_WORDS
        if not promotional:
            return
        transaction = recognisable.TRANSACTION_PREFIX.match(subject)
        if transaction:
            if not recognisable.TRANSACTION_NUMBER.search(ctx.doc.text):
                prefix = transaction.group(0).strip()
                yield self.finding(ctx, "transaction", location=where, evidence=subject[:160], prefix=prefix)
            return
        # The third case only where the From line surely names no organisation: no From name and
        # a free-mail address (a brand in the From name, "ZDNet Tech Update", names its sender even
        # when the footer names the company behind it: the real corpus has four such newsletters).
        from_name = ctx.draft.from_name.strip().strip('"')
        domain = domain_of(bare_address(ctx.draft.from_address))
        if from_name or not domain or registrable(domain) not in FREEMAIL:
            return
        named = organisation(ctx)
        if named is None or recognisable.COMMERCIAL.search(subject) or name_contains(subject, named.name):
            return
        yield self.finding(
            ctx,
            "hidden",
            location=Location(field="from_address"),
            evidence=f"{bare_address(ctx.draft.from_address)} | {subject}"[:160],
            review=True,
            organisation=named.name,
        )
