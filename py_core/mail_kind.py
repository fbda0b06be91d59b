"""Mailing or personal mail: which drafts the rules of bulk mail apply to.

The law and both guidelines are about mailings, not about every email a person writes:

* Telecommunicatiewet art. 11.7 covers "ongevraagde communicatie voor commerciële, ideële of
  charitatieve doeleinden" (unsolicited communication for commercial, ideal or charitable
  purposes): a note to a colleague is none of these.
* The Carerix mailing guidelines limit themselves to "e-mail die gericht is aan een groep (en niet
  een reactie is op een directe vraag van de geadresseerde)": mail to a group, and not an answer to
  the recipient's own question.
* Tripolis's guidelines govern what is sent through an email platform: everything written in such
  a platform is a mailing.

So the engine decides per draft, and says why (``report["mail_kind"]``, ``"mail_kind_source"``,
``"mail_kind_signals"``). In this order:

1. **user**: the user's own choice (``options.mail_kind`` ``"mailing"`` or ``"personal"``: the
   extension's "This is (not) a mailing" for one draft, the command line's ``--mail-kind``).
2. **platform**: every draft in an email platform's editor (Mailchimp, Brevo, …) is a mailing.
3. **template**: a template file given to the command line (``.html``, ``.txt``, ``.json``,
   ``options.template``) is a mailing unless told otherwise.
4. **auto**: in webmail (and for an ``.eml``) the signals below are weighed: many recipients, a
   list or group address, merge tags, newsletter structure (unsubscribe or "view in browser"
   wording, a reason-of-receipt line, layout tables, several images and links), promotional
   wording, a newsletter From address, a department's From address (``info@``), a numbered issue
   in the subject ("Nieuwsbrief 12:"), a sender excusing itself for mailing unasked point to a
   mailing; a reply (``Re:``, ``In-Reply-To``), quoted text, one recipient, a short note (Chinese,
   Japanese and Korean counted one word per two characters) and a greeting by first name point to
   personal mail.

The cost of a wrong answer is not the same both ways, and the weights say so. A personal mail
taken for a mailing gets held at Send for a missing unsubscribe link, and the extension is removed
within a day; a real newsletter taken for personal mail is sent unchecked. Every structural sign
that a draft is a newsletter (opt-out, web version, reason of receipt, merge tags, many recipients)
weighs enough on its own to make it a mailing; soft signs (promotional words, images, links) need
each other. Quoted text and list-server footers (added after sending, not by the writer) are left
out of the reading. The user can always say otherwise for one draft.

Pure: reads a draft, its options and its parsed document; no I/O. The wording it matches (Dutch,
English, German and French first) is in :mod:`py_core.mail_kind_words`.

One file over ~400 lines on purpose: the decision is one ordered reading of a draft (decisive
signals, then soft ones that reuse what the first read), and its data is already apart.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from .mail_kind_words import (
    AD_LABEL_RE,
    BULK_HOST,
    BULK_LOCAL,
    CJK_CHAR_RE,
    ESP_HEADERS,
    FOOTER_ANCHORS,
    FORWARD_SUBJECT,
    GROUP_GREETING_RE,
    GROUP_LOCAL,
    LIST_FOOTER_RE,
    NAME_GREETING_RE,
    NEWSLETTER_RE,
    OPT_OUT,
    OPT_OUT_CJK_RE,
    OPT_OUT_HREF_RE,
    PROMO,
    PROMO_CHARS,
    PROMO_CJK_RE,
    QUOTE_ANCHORS,
    QUOTE_HEADER_RE,
    QUOTED_LINE_RE,
    REASON,
    REPLY_SUBJECT,
    ROLE_LOCAL,
    SERIAL_SUBJECT_RE,
    UNDISCLOSED,
    UNSOLICITED,
    UNSOLICITED_CJK_RE,
    VIEW_ONLINE,
    case_sensitive,
)
from .tables.phrases import GENERIC_SENDER_RE, NOREPLY_LOCAL_RE

if TYPE_CHECKING:
    from bs4 import Tag

    from .document import DraftDocument, Link
    from .model import Draft, Options

MailKind = Literal["mailing", "personal"]
#: Where a decision came from.
SOURCES: tuple[str, ...] = ("user", "platform", "template", "auto")
#: A draft whose signals add up to at least this is a mailing.
THRESHOLD = 3
#: The weight of a structural sign of a newsletter (an opt-out, a web version, a reason-of-receipt
#: line, merge tags): a mailing on its own, also when sent to one address (a test send to oneself);
#: a reply (-3) outweighs it, a reply with quoted text certainly does.
STRUCTURAL = 4
#: Only this many characters from each end of the text are read (an opt-out, a web-version link
#: and the greeting sit at the edges; a 5 MB draft costs what a 40 KB one does).
EDGE = 20_000


@dataclass(frozen=True)
class Signal:
    """One reason for the decision: a stable id, its weight (positive: mailing) and the text."""

    id: str
    weight: int
    nl: str
    en: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "weight": self.weight, "nl": self.nl, "en": self.en}


@dataclass
class Decision:
    """The decision about one draft."""

    kind: MailKind
    source: str
    signals: list[Signal] = field(default_factory=list)
    score: int = 0

    def reason(self, locale: str) -> str:
        """One line: what was decided and why (the strongest signals first)."""
        lang = "nl" if locale == "nl" else "en"
        head = {
            ("mailing", "nl"): "Mailing",
            ("mailing", "en"): "Mailing",
            ("personal", "nl"): "Persoonlijke e-mail",
            ("personal", "en"): "Personal email",
        }[(self.kind, lang)]
        wanted = 1 if self.kind == "mailing" else -1
        if self.source != "auto":
            pointing = self.signals
        else:
            pointing = sorted((s for s in self.signals if s.weight * wanted > 0), key=lambda s: -abs(s.weight))[:3]
            if not pointing:
                pointing = [_NOTHING] if self.kind == "personal" else self.signals[:3]
        why = "; ".join(getattr(s, lang) for s in pointing)
        return f"{head}: {why}" if why else head

    def to_report(self) -> dict[str, Any]:
        """The report's fields (``mail_kind`` is read by the extension and by the accuracy bench)."""
        return {
            "mail_kind": self.kind,
            "mail_kind_source": self.source,
            "mail_kind_score": self.score,
            "mail_kind_reason": {"nl": self.reason("nl"), "en": self.reason("en")},
            "mail_kind_signals": [s.to_dict() for s in self.signals],
        }


_NOTHING = Signal(
    "no-mailing-signs",
    0,
    "niets wijst op een mailing (geen afmeldlink, samenvoegvelden of groep ontvangers)",
    "nothing points to a mailing (no unsubscribe link, merge tags or group of recipients)",
)


def decide(
    draft: Draft,
    options: Options,
    doc: DraftDocument,
    platform: str,
    platform_inferred: bool,
    webmail: bool,
) -> Decision:
    """Mailing or personal mail, and why (see the module docstring for the order)."""
    chosen = options.mail_kind
    if chosen == "mailing":
        return Decision(
            "mailing", "user", [_sig("user", 0, "je hebt aangegeven dat dit een mailing is", "you said this is a mailing")]
        )
    if chosen == "personal":
        return Decision(
            "personal", "user", [_sig("user", 0, "je hebt aangegeven dat dit geen mailing is", "you said this is not a mailing")]
        )
    if not webmail and not platform_inferred:
        return Decision(
            "mailing",
            "platform",
            [
                _sig(
                    "platform",
                    0,
                    f"geschreven in {platform}, een verzendplatform: alles daar is een mailing",
                    f"written in {platform}, an email platform: everything sent there is a mailing",
                )
            ],
        )
    if options.template:
        return Decision(
            "mailing",
            "template",
            [
                _sig(
                    "template",
                    0,
                    "een sjabloonbestand geldt als mailing (kies anders --mail-kind personal)",
                    "a template file counts as a mailing (else choose --mail-kind personal)",
                )
            ],
        )
    signals = _signals(draft, doc, platform if not webmail else "")
    score = sum(s.weight for s in signals)
    kind: MailKind = "mailing" if score >= THRESHOLD else "personal"
    return Decision(kind, "auto", signals, score)


def _sig(sid: str, weight: int, nl: str, en: str) -> Signal:
    return Signal(sid, weight, nl, en)


def own_text(text: str) -> tuple[str, bool]:
    """The writer's own words: the text before quoted or forwarded text and before a list
    server's footer, without ``>`` lines; and whether anything quoted was there."""
    own, quoted, _, _ = _own_text(text)
    return own, quoted


def _own_text(text: str) -> tuple[str, bool, int, str]:
    """:func:`own_text`, plus the offset in ``text`` where the writer's own part ends and the
    own words in lower case."""
    quoted = False
    cut = len(text)
    lower = text.lower()
    header = _quote_header(text, lower)
    if header is not None:
        cut = header.start()
        quoted = True
    footer = LIST_FOOTER_RE.search(text, 0, cut) if any(a in lower for a in FOOTER_ANCHORS) else None
    if footer is not None:
        cut = footer.start()
    aligned = len(lower) == len(text)  # every character lower-cased to one: the offsets agree
    text = text[:cut]
    if ">" in text:
        stripped = QUOTED_LINE_RE.sub("", text)
        if len(stripped) != len(text):
            quoted = True
            text = stripped
            aligned = False
    return text, quoted, cut, lower[:cut] if aligned else text.lower()


def _quote_header(text: str, lower: str) -> re.Match[str] | None:
    """The first match of :data:`QUOTE_HEADER_RE` in ``text`` (``lower`` is ``text.lower()``).

    The pattern starts every alternative at the start of a line, and ignoring case it costs
    about as much at every position as a whole scan of a short text. So it is tried only at the
    starts of the lines where a header can begin: every match holds an anchor
    (``QUOTE_ANCHORS``) and begins on the anchor's own line, one or two lines above it
    (``From:`` … ``Sent:``), or above a run of blank lines before it (``-----`` ``\n\n``
    ``Original Message``). Tried from the first such line on, the first that matches is the
    match a search of the whole text finds (``tests/py/test_mail_kind.py`` compares both).
    """
    if len(lower) != len(text):  # a character whose lower case is longer: no offsets to share
        return QUOTE_HEADER_RE.search(text) if any(a in lower for a in QUOTE_ANCHORS) else None
    starts: set[int] = set()
    seen: set[int] = set()  # the lines of anchors already walked up from
    for at in _places(lower, QUOTE_ANCHORS):
        line = lower.rfind("\n", 0, at) + 1
        if line not in seen:
            seen.add(line)
            starts.add(line)
            above = 0
            while line > 0:
                previous = lower.rfind("\n", 0, line - 1) + 1
                starts.add(previous)
                above += 1
                # Two lines up (``From`` / ``: …`` / ``Sent:``), and on over blank lines.
                if above >= 2 and lower[previous : line - 1].strip():
                    break
                line = previous
    for start in sorted(starts):
        match = QUOTE_HEADER_RE.match(text, start)
        if match is not None:
            return match
    return None


def _places(lower: str, anchors: tuple[str, ...]) -> Iterator[int]:
    """Every place where one of ``anchors`` is in ``lower``."""
    for anchor in anchors:
        at = lower.find(anchor)
        while at >= 0:
            yield at
            at = lower.find(anchor, at + 1)


def _link_start(link: Link) -> int:
    return link.start


def _edges(text: str) -> str:
    return text if len(text) <= 2 * EDGE else text[:EDGE] + "\n" + text[-EDGE:]


_ANGLE = re.compile(r"<([^<>]+)>")


def _bare(address: str) -> str:
    match = _ANGLE.search(address)
    return (match.group(1) if match else address).strip().strip('"').lower()


def _signals(draft: Draft, doc: DraftDocument, inferred_platform: str) -> list[Signal]:
    """The signals of the draft (auto mode): the decisive ones first (recipients, sender, reply,
    quotes, greeting, and the structural signs of a newsletter); when they make a mailing already
    the soft ones, which can only add to it, are not looked for (they cost most to find)."""
    reading = _Reading()
    signals: list[Signal] = []
    decisive = _decisive(draft, doc, inferred_platform, reading)
    for signal in decisive:
        signals.append(signal)
        if reading.settled and reading.strong and sum(s.weight for s in signals) >= THRESHOLD:
            decisive.close()  # a mailing whatever else is found: the rest is not looked for
            return signals
    return signals + list(_soft(draft, doc, reading))


@dataclass
class _Reading:
    """What the decisive signals read and the soft ones use again."""

    subject: str = ""
    from_name: str = ""
    text: str = ""
    lower: str = ""
    own_links: list[Link] = field(default_factory=list)
    #: A sign of a mailing that a short text does not outweigh.
    strong: bool = False
    #: Every sign of personal mail has been read (the rest only adds to a mailing).
    settled: bool = False
    #: The text greets a group ("Beste klant", "Dear customer"): whoever writes it is not writing
    #: a note to someone they know, so being short does not make it personal.
    group_greeting: bool = False


def _decisive(draft: Draft, doc: DraftDocument, inferred_platform: str, reading: _Reading) -> Iterator[Signal]:
    """Recipients, sender, headers, reply or forward, merge tags, quotes, greeting, and the
    structural signs of a newsletter (ad label, opt-out, web version, reason of receipt)."""
    headers = {k.lower(): v for k, v in draft.headers.items()}
    #: A message that went through transport (an ``.eml`` with ``Received`` headers): its To shows
    #: only the visible recipient(s), as bulk mail is addressed one by one, and anything that looks
    #: like a merge tag was not filled by anyone (code, a path), so neither tells much.
    received = draft.is_message and "received" in headers
    strong = False  # a sign of a mailing that a short text does not outweigh
    # -- recipients ------------------------------------------------------------------------------
    recipients = {_bare(a) for a in (*draft.to, *draft.cc, *draft.bcc) if a.strip()}
    count = len(recipients)
    bcc = len({_bare(a) for a in draft.bcc})
    if count >= 20 or bcc >= 10:
        # Twenty addresses, or ten hidden in Bcc, is a group mailing whatever the text says.
        strong = reading.strong = True
        yield _sig("recipients", 5, f"{count} ontvangers", f"{count} recipients")
    elif count >= 10:
        # Ten to twenty visible addresses: a mailing with any sign of one; an invitation to twelve
        # friends stays personal mail (``recipients-exposed`` still speaks about the visible list).
        yield _sig("recipients", 3, f"{count} ontvangers", f"{count} recipients")
    elif bcc >= 5:
        yield _sig("recipients", 2, f"{bcc} ontvangers in Bcc", f"{bcc} recipients in Bcc")
    elif count >= 5:
        yield _sig("recipients", 1, f"{count} ontvangers", f"{count} recipients")
    elif count == 1 and not received:
        yield _sig("one-recipient", -1, "één ontvanger", "one recipient")
    to_header = " ".join(headers.get(k, "") for k in ("to", "cc"))
    group = next((a for a in (*draft.to, *draft.cc) if GROUP_LOCAL.search(_bare(a).split("@")[0])), None)
    if UNDISCLOSED.search(to_header) or any(UNDISCLOSED.search(a) for a in draft.to):
        strong = reading.strong = True
        yield _sig("list-address", 3, "verstuurd aan verborgen ontvangers", "sent to undisclosed recipients")
    elif group is not None:
        address = _bare(group)
        yield _sig("list-address", 2, f"een groepsadres ({address})", f"a group address ({address})")
    # -- sender ----------------------------------------------------------------------------------
    sender = _bare(draft.from_address)
    local, _, host = sender.partition("@")
    from_name = draft.from_name.strip().strip('"').strip()
    if local and (NOREPLY_LOCAL_RE.match(local) or BULK_LOCAL.match(local) or BULK_HOST.match(host)):
        strong = reading.strong = True
        yield _sig("bulk-sender", 3, f"afzenderadres {sender}", f"From address {sender}")
    elif from_name and GENERIC_SENDER_RE.match(from_name):
        yield _sig("bulk-sender", 1, f"afzendernaam '{from_name}'", f"From name '{from_name}'")
    elif ROLE_LOCAL.match(local):
        # A department's address (info@, sales@): a firm speaking, not a person; alone it is nothing.
        yield _sig("bulk-sender", 1, f"afzenderadres {sender} (een afdeling)", f"From address {sender} (a department)")
    # -- headers of a received message ------------------------------------------------------------
    if any(h in headers for h in ESP_HEADERS):
        strong = reading.strong = True
        yield _sig("esp-headers", 3, "kopregels van een verzendplatform", "headers of an email platform")
    elif (
        "list-unsubscribe" in headers or "list-id" in headers or headers.get("precedence", "").strip().lower() in ("bulk", "list")
    ):
        yield _sig("list-headers", 1, "verstuurd via een verzendlijst", "sent through a mailing list")
    # -- reply or forward -------------------------------------------------------------------------
    subject = draft.subject.strip()
    if REPLY_SUBJECT.match(subject) or "in-reply-to" in headers:
        yield _sig("reply", -3, "een antwoord op een bericht", "a reply to a message")
    elif FORWARD_SUBJECT.match(subject):
        yield _sig("forward", -2, "een doorgestuurd bericht", "a forwarded message")
    # -- merge tags -------------------------------------------------------------------------------
    if inferred_platform and not received:
        strong = reading.strong = True
        yield _sig("merge-tags", STRUCTURAL, f"samenvoegvelden van {inferred_platform}", f"merge tags of {inferred_platform}")
    # -- the writer's own words -------------------------------------------------------------------
    full = doc.text
    text, quoted, cut, lower = _own_text(_edges(full))
    if quoted:
        yield _sig("quoted", -1, "bevat geciteerde tekst", "holds quoted text")
    if len(full) > 2 * EDGE and cut > EDGE:  # the cut lies in the last EDGE characters of the text
        cut += len(full) - 2 * EDGE - 1
    # The links are in document order, so their starts in the text never go down.
    own_links = doc.links[: bisect.bisect_left(doc.links, cut, key=_link_start)]
    opening = _opening_lines(text)
    if any(GROUP_GREETING_RE.match(line) for line in opening):
        reading.group_greeting = True
        yield _sig("group-greeting", 2, "een aanhef aan een groep", "a greeting to a group")
    elif any(NAME_GREETING_RE.match(line) for line in opening[:3]):
        yield _sig("name-greeting", -1, "een aanhef met een naam", "a greeting by name")
    # Every sign of personal mail is known from here on: what follows can only add to a mailing.
    reading.settled = True
    reading.subject, reading.from_name, reading.text = subject, from_name, text
    reading.own_links = own_links
    label = _ad_label(subject) or _ad_label(text[:400])
    if label is not None:
        strong = reading.strong = True
        shown = _clip(label.group(0))
        yield _sig("ad-label", STRUCTURAL, f"gemarkeerd als reclame ('{shown}')", f"marked as an advertisement ('{shown}')")
    cjk = None if text.isascii() else OPT_OUT_CJK_RE.search(text)
    opt_out = OPT_OUT.search(text, lower) or (cjk.group(0) if cjk else None)
    if opt_out is not None:
        strong = reading.strong = True
        shown = _clip(opt_out)
        yield _sig("opt-out", STRUCTURAL, f"afmeldtekst '{shown}'", f"opt-out wording '{shown}'")
    elif OPT_OUT_HREF_RE.search("\n".join(link.href for link in own_links).lower()):
        strong = reading.strong = True
        yield _sig("opt-out", STRUCTURAL, "een afmeldlink", "an unsubscribe link")
    view = VIEW_ONLINE.search(text, lower)
    if view is not None:
        strong = reading.strong = True
        yield _sig("view-online", STRUCTURAL, f"'{_clip(view)}'", f"'{_clip(view)}'")
    reason = REASON.search(text, lower)
    if reason is not None:
        strong = reading.strong = True
        yield _sig("reason", STRUCTURAL, f"'{_clip(reason)}'", f"'{_clip(reason)}'")
    reading.subject, reading.from_name, reading.text, reading.lower = subject, from_name, text, lower
    reading.own_links, reading.strong = own_links, strong


def _soft(draft: Draft, doc: DraftDocument, reading: _Reading) -> Iterator[Signal]:
    """Signs that need each other: newsletter words, promotional wording, capitals, design,
    buttons, images, links; and the short note that points to personal mail."""
    subject, from_name, text, lower = reading.subject, reading.from_name, reading.text, reading.lower
    own_links, strong = reading.own_links, reading.strong
    newsletter = _newsletter_word(subject) or _newsletter_word(from_name) or _newsletter_word(text[:400])
    if newsletter is not None:
        word = _clip(newsletter)
        yield _sig("newsletter-word", 2, f"het woord '{word}'", f"the word '{word}'")
    # A numbered issue in the subject (not of the message answered or passed on): a publication.
    serial = None if REPLY_SUBJECT.match(subject) or FORWARD_SUBJECT.match(subject) else SERIAL_SUBJECT_RE.search(subject)
    if serial is not None:
        shown = _clip(serial.group(0))
        yield _sig("numbered-issue", 3, f"een genummerde uitgave ('{shown}')", f"a numbered issue ('{shown}')")
    # The tone of a text shows in its first part; a long newsletter is not read to the end for it.
    promo = PROMO.distinct(subject, subject.lower()) | PROMO.distinct(text[:PROMO_CHARS], lower[:PROMO_CHARS])
    for part in (subject, text[:PROMO_CHARS]):
        if not part.isascii() and CJK_CHAR_RE.search(part):  # every word of the list is written so
            promo.update(PROMO_CJK_RE.findall(part))
    if promo:
        shown = ", ".join(sorted(promo)[:3])
        weight = min(len(promo), 3)
        yield _sig("promotional", weight, f"reclametaal ({shown})", f"promotional wording ({shown})")
    unasked = UNSOLICITED.search(text[:PROMO_CHARS], lower[:PROMO_CHARS])
    if unasked is None and not text[:PROMO_CHARS].isascii() and CJK_CHAR_RE.search(text, 0, PROMO_CHARS):
        cjk = UNSOLICITED_CJK_RE.search(text, 0, PROMO_CHARS)
        unasked = cjk.group(0) if cjk else None
    if unasked is not None:
        shown = _clip(unasked)
        yield _sig(
            "unsolicited", 2, f"excuses voor ongevraagde mail ('{shown}')", f"excuses itself for mailing unasked ('{shown}')"
        )
    if _shouting(subject) or _shouting(text[:600]):
        yield _sig("shouting", 1, "grotendeels in hoofdletters", "mostly in capital letters")
    # -- structure --------------------------------------------------------------------------------
    layout, designed = _layout(doc)
    images = [img for img in doc.by_tag.get("img", [])[:500] if (img.get("src") or "").strip().lower().startswith(("http", "//"))]
    hrefs: set[str] = set()
    for link in own_links:  # counted up to 20: more says nothing more
        if link.href and not link.href.lower().startswith(("mailto:", "tel:", "#")):
            hrefs.add(link.href)
            if len(hrefs) >= 20:
                break
    if designed:
        yield _sig(
            "layout",
            2,
            "opgemaakt als nieuwsbrief (geneste tabellen op vaste breedte)",
            "designed as a newsletter (nested fixed-width tables)",
        )
    elif layout:
        yield _sig("layout", 1, f"opgemaakt met tabellen ({layout})", f"laid out in tables ({layout})")
    buttons = _buttons(doc, own_links)
    if buttons:
        yield _sig("buttons", 1, f"{buttons} knop(pen) met een link", f"{buttons} call-to-action button(s)")
    if len(images) >= 3:
        weight = 2 if len(images) >= 10 else 1
        yield _sig("images", weight, f"{len(images)} afbeeldingen van het web", f"{len(images)} images from the web")
    if len(hrefs) >= 20:
        yield _sig("links", 2, f"{len(hrefs)} links", f"{len(hrefs)} links")
    elif len(hrefs) >= 8:
        yield _sig("links", 1, f"{len(hrefs)} links", f"{len(hrefs)} links")
    words = _word_count(text)
    if words <= 150 and len(hrefs) <= 2 and len(images) <= 1 and not layout and not strong and not reading.group_greeting:
        if hrefs:
            yield _sig("short-note", -1, "een korte notitie", "a short note")
        else:
            yield _sig("short-note", -2, "een korte notitie zonder links", "a short note without links")


def _ad_label(text: str) -> re.Match[str] | None:
    """:data:`AD_LABEL_RE` in ``text``, looked for only when one of its literals is there."""
    if "ADV" in text or (not text.isascii() and ("未承諾広告" in text or "광" in text)):
        return AD_LABEL_RE.search(text)
    return None


_NEWSLETTER_LOWER = case_sensitive(NEWSLETTER_RE)


def _newsletter_word(text: str) -> str | None:
    """The words of the first match of :data:`NEWSLETTER_RE` in ``text`` (matched in lower case,
    like :class:`Anchored`), or None."""
    lower = text.lower()
    if len(lower) != len(text):
        match = NEWSLETTER_RE.search(text)
        return match.group(0) if match else None
    match = _NEWSLETTER_LOWER.search(lower)
    return text[match.start() : match.end()] if match else None


def _word_count(text: str) -> int:
    """Words, where Chinese, Japanese and Korean (written without spaces) count one per two
    characters: a paragraph of Chinese is no short note."""
    count = len(text.split())
    if not text.isascii():
        count += len(CJK_CHAR_RE.findall(text)) // 2
    return count


_ASCII_UPPER = bytes(range(ord("A"), ord("Z") + 1))
_ASCII_LOWER = bytes(range(ord("a"), ord("z") + 1))
_LETTER = re.compile(r"[^\W\d_]")


def _opening_lines(text: str) -> list[str]:
    """The first five lines that hold a letter, from the first 600 characters (where a greeting is)."""
    lines: list[str] = []
    for line in text[:600].split("\n"):
        if line.strip() and _LETTER.search(line):
            lines.append(line.strip())
            if len(lines) == 5:
                break
    return lines


def _shouting(text: str) -> bool:
    """Mostly capital letters (at least 12 letters, four in five upper case): advertising, not a note.

    The letters counted are A-Z and a-z, counted in C: what ``bytes.translate`` deletes."""
    data = text.encode("ascii", "ignore")
    upper = len(data) - len(data.translate(None, _ASCII_UPPER))
    letters = upper + len(data) - len(data.translate(None, _ASCII_LOWER))
    return letters >= 12 and upper >= 0.8 * letters


#: A width an email is designed at (most templates: 480-700 px; a screen-wide page is not one).
_EMAIL_WIDTH = re.compile(r"(?:^|[^-\w])(?:max-)?width\s*:\s*(\d{3})px", re.I)


def _layout(doc: DraftDocument) -> tuple[int, bool]:
    """How many tables lay out the mail (``role="presentation"``, or nested tables; 0 for data
    tables), and whether it is *designed* like a newsletter: tables nested three deep inside a
    fixed email width (480-700 px), which a personal mail or its signature does not have."""
    tables = doc.by_tag.get("table", [])[:200]
    if not tables:
        return 0, False
    depth = 0
    for table in tables[:40]:  # the design shows in the outer tables, which come first
        level, node = 1, table.parent
        for _ in range(40):  # a layout table sits a few cells inside another; hostile depth is not walked
            if node is None:
                break
            if node.name == "table":
                level += 1
            node = node.parent
        depth = max(depth, level)
        if depth >= 3:  # all that is asked: nested at all, and three deep
            break
    presentation = sum(1 for t in tables if (t.get("role") or "").lower() == "presentation")
    count = presentation or (len(tables) if depth > 1 else 0)
    designed = depth >= 3 and any(_email_width(t) for t in tables)
    return count, designed


def _email_width(table: Tag) -> bool:
    widths = [table.get("width") or "", *_EMAIL_WIDTH.findall(table.get("style") or "")]
    return any(w.strip().removesuffix("px").isdigit() and 480 <= int(w.strip().removesuffix("px")) <= 700 for w in widths)


def _buttons(doc: DraftDocument, links: list[Link]) -> int:
    """Links drawn as buttons (a background, rounded corners or a button class): calls to action."""
    count = 0
    for link in links[:300]:
        element = link.element
        if element is None:
            continue
        style = (element.get("style") or "").lower()
        classes = " ".join(element.get("class") or []).lower()
        if "background" in style or "border-radius" in style or "btn" in classes or "button" in classes:
            count += 1
    return count


def _clip(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
