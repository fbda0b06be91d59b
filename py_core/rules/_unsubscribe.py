"""Facts about the draft's unsubscribe mechanism, shared by the ``unsubscribe-*`` rules and
computed once per check (kept in ``ctx.memo``).

One file over ~400 lines on purpose: the facts build on each other (links, sentences, routes,
placeholders) through one memo, and the six ``unsubscribe-*`` rules read them together."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

import listunsub
from bs4 import Tag

from ..context import Context
from ..document import Link, attr
from ..tables import placeholders
from ..tables.keywords import (
    MANUAL_CONDITIONS,
    MANUAL_RE,
    NEGATION_BEFORE,
    NOT_REQUIRED,
    OPTOUT_ADDRESS,
    REPLY_STOP_RE,
    UNSUBSCRIBE_HREF_LOWER_RE,
    UNSUBSCRIBE_LINK_TEXT,
    UNSUBSCRIBE_LOWER_RE,
    UNSUBSCRIBE_LOWER_SCAN,
    UNSUBSCRIBE_RE,
    UNSUBSCRIBE_SCAN,
)

#: Link texts that say nothing by themselves ("click here", a bare URL); the sentence decides.
_GENERIC_LINK_TEXT = re.compile(
    r"^(?:(?:klik|klikt?|click|klicken\s+sie|klicke|cliquez|clique)\s+)?(?:(?:sie\s+)?bitte\s+)?"
    r"(?:hier|here|HERE|ici|deze\s+link|this\s+link|diesen\s+link|ce\s+lien|the\s+link\s+below|link|(?:https?://|www\.)\S*)(?:\s+klicken)?[.!:]?$",
    re.I,
)
#: What may stand between a link and the unsubscribe words after it: "Click here to unsubscribe",
#: "Klik hier om je af te melden", "Klicke HIER, um dich abzumelden", "Cliquez ici pour vous désinscrire".
_CONNECTOR = re.compile(
    r"^[\s,;:–—-]*(?:(?:in\s+order\s+)?to|om|um|pour|afin\s+de|if\s+you\s+(?:want|wish|would\s+like)\s+to)?"
    r"\s*(?:(?:dich|sich|mich|euch|je|u|jezelf|vous|te|me)\s+)?$",
    re.I,
)
#: A sentence ends at . ! ? before a space (or the end), or at a line break (a new block).
_SENTENCE_END = re.compile(r"[.!?](?=[\s\"'”’)]|$)|\n")
#: Longest stretch each side of an unsubscribe word read as its sentence (hostile drafts have no dots).
_MAX_SENTENCE = 300
#: At most this many sentences about unsubscribing are read (hostile drafts repeat them).
_MAX_SENTENCES = 200
#: In plain text a line break inside a paragraph is a hard wrap, not the end of a sentence: a line
#: that does not end a sentence runs on when the next one goes on in lower case, or when it is at
#: least this long (plain-text mail is wrapped at 60-76 characters).
_WRAPPED_LINE = 55
#: An e-mail address (for "send an email to … to be removed" without other wording).
_ADDRESS = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
#: Order in which a sentence's manual wording is reported (a condition says the most).
_KINDS = ("login", "questionnaire", "cost", "reply", "email", "phone")


@dataclass(frozen=True)
class PlaceholderHit:
    """An unsubscribe placeholder of some platform found in the raw draft."""

    platform: str
    text: str
    start: int


@dataclass(frozen=True)
class OptOutSentence:
    """A sentence of the visible text that speaks of unsubscribing: its bounds, and the spans of
    the unsubscribe words in it (``UNSUBSCRIBE_RE``, or "reply STOP")."""

    start: int
    end: int
    words: tuple[tuple[int, int], ...]
    #: True when the sentence is a question or ends in ":" and so runs on into the next one
    #: ("Afmelden? Bel ons.", "Unsubscribe:\nhttp://…"); ``end`` then includes that answer.
    runs_on: bool = False


@dataclass(frozen=True)
class ManualRoute:
    """A way to opt out that is not an automatic link: a manual step (``reply``, ``email``,
    ``phone``, ``mailto``) or a condition (``login``, ``questionnaire``, ``cost``)."""

    kind: str
    start: int
    end: int
    text: str
    link: Link | None = None
    address: str = ""
    #: Bounds of the sentence the route was read from (``(start, end)`` of the route itself otherwise).
    sentence: tuple[int, int] = (0, 0)


def optout_sentences(ctx: Context) -> list[OptOutSentence]:
    """Every sentence about unsubscribing, in text order, once per check. Linear in the text: each
    sentence is read once, however many unsubscribe words it holds, and at most
    ``_MAX_SENTENCES`` are read (a real email has a handful)."""
    if "optout_sentences" in ctx.memo:
        return ctx.memo["optout_sentences"]
    text = ctx.doc.text
    text_mode = ctx.doc.text_mode
    lower = ctx.doc.text_lower
    found_words = UNSUBSCRIBE_LOWER_SCAN.spans(lower) if len(lower) == len(text) else UNSUBSCRIBE_SCAN.spans(text)
    words = [span for span in found_words if not _in_address(text, *span)]
    if "STOP" in text:
        words = sorted(words + [m.span() for m in REPLY_STOP_RE.finditer(text)])
    found: list[OptOutSentence] = []
    current: list[tuple[int, int]] = []
    bounds = (-1, -1)
    runs_on = False
    for span in words:
        if span[0] < bounds[1]:
            current.append(span)  # inside the sentence read last
            continue
        if current:
            found.append(OptOutSentence(bounds[0], bounds[1], tuple(current), runs_on))
        if len(found) >= _MAX_SENTENCES:
            current = []
            break
        begin, finish, runs_on = _sentence(text, span[0], span[1], text_mode)
        bounds = (begin, finish)
        current = [span]
    if current:
        found.append(OptOutSentence(bounds[0], bounds[1], tuple(current), runs_on))
    ctx.memo["optout_sentences"] = found
    return found


def _in_address(text: str, start: int, end: int) -> bool:
    """An unsubscribe word inside an e-mail address or a URL ("ntknow-unsubscribe@…", "/unsubscribe?…"):
    the address is read on its own (``OPTOUT_ADDRESS``, the href), not as wording."""
    before = text[start - 1 : start] if start else ""
    after = text[end : end + 2]
    return (
        before in ("-", "_", ".", "/", "=", "@", "?", "&")
        or after[:1] in ("@", "/", "_")
        or (after[:1] == "." and after[1:].isalnum())
    )


def _is_end(text: str, match: re.Match[str], text_mode: bool) -> bool:
    """Whether a sentence-end match really ends a sentence: a wrapped line in plain text does not,
    nor a ``<br>`` inside a sentence ("…from all future Messages,<br>then CLICK HERE")."""
    if match.group() != "\n":
        return True
    line_start = text.rfind("\n", 0, match.start()) + 1
    line = text[line_start : match.start()].strip()
    following = text[match.end() : (text.find("\n", match.end()) + 1 or len(text) + 1) - 1]
    head = following.lstrip()[:1]
    if not line or not head or line[-1] in ".!?" or head in ("-", "*", "•", "=", "_", "#", ">"):
        return True
    # Runs on: a line that ends in a comma or goes on in lower case ("unsubscribe from this\nnewsletter",
    # "go to\nhttp://…"), or in plain text a long line (a hard wrap before a capitalised word).
    return not (line[-1] == "," or head.islower() or head.isdigit() or (text_mode and len(line) >= _WRAPPED_LINE))


def _sentence(text: str, start: int, end: int, text_mode: bool) -> tuple[int, int, bool]:
    """Bounds of the sentence holding ``text[start:end]`` (at most ``_MAX_SENTENCE`` each side),
    and whether it runs on into the next one (a question, or a line ending in ":")."""
    left = max(0, start - _MAX_SENTENCE)
    begin = left
    for match in reversed(list(_SENTENCE_END.finditer(text, left, start))):
        if _is_end(text, match, text_mode):
            begin = match.end()
            break
    limit = min(len(text), end + _MAX_SENTENCE)
    after = _next_end(text, end, limit, text_mode)
    runs_on = False
    if after is not None and _runs_on(text, begin, after):
        # "Afmelden? Bel ons." - a question about unsubscribing is answered by the next sentence;
        # so is "Unsubscribe:", a heading ("Unsubscribe from 'Daily News'" above its instructions)
        # and "click on the link below."
        runs_on = True
        after = _next_end(text, after.end(), limit, text_mode) or after
    finish = after.end() if after else limit
    if begin < finish and text[begin].isspace():  # template markup leaves long runs of blanks
        chunk = text[begin:finish]
        begin += len(chunk) - len(chunk.lstrip())
    return begin, finish, runs_on


#: A sentence that points at what follows it: "… click on the link below.", "… at the following address".
_POINTS_ON = re.compile(
    r"(?:below|following(?:\s+(?:link|address|page|url))?|hieronder|hierna|unten|nachfolgend\w*|ci-dessous|suivante?)\W*$", re.I
)
#: Longest sentence without a full stop read as a heading ("Unsubscribe from 'Daily News'").
_HEADING = 40


def _runs_on(text: str, begin: int, end: re.Match[str]) -> bool:
    """Whether the sentence ``text[begin:end.end()]`` runs on into the next one."""
    if end.group() == "?":
        return True
    before = text[begin : end.start()].strip()
    if end.group() == "\n" and (before.endswith(":") or len(before) <= _HEADING):
        return True
    return _POINTS_ON.search(before) is not None


def _next_end(text: str, start: int, limit: int, text_mode: bool) -> re.Match[str] | None:
    for match in _SENTENCE_END.finditer(text, start, limit):
        if _is_end(text, match, text_mode) and text[start : match.start()].strip():
            return match
    return None


def unsubscribe_links(ctx: Context) -> list[Link]:
    """Links that unsubscribe: by their text, their href (its own words, a placeholder), or the
    sentence around them. An unsubscribe word in a sentence belongs to the link it stands in, else
    to the first link after it in the sentence ("If you no longer wish to receive these mails, visit
    http://…"), else to a link just before it with only a connecting word between ("Click here to
    unsubscribe"). So an advertising link elsewhere in the same block ("To order, click here.
    Unsubscribe instructions: …") is not taken for the unsubscribe link. A link whose own text tells
    the reader to mail an address ("Unsubscribe: send a blank mail to x@…") is that manual route,
    not a web link."""
    if "unsubscribe_links" in ctx.memo:
        return ctx.memo["unsubscribe_links"]
    links = ctx.doc.links
    chosen: set[int] = set()
    for index, link in enumerate(links):
        label = link.text or ""
        if (
            _unsubscribe_href(link.href)
            or _placeholder_in(link.href)
            or UNSUBSCRIBE_LINK_TEXT.match(label)
            or (_unsubscribe_words(label) and not _tells_to_mail(label))
        ):
            chosen.add(index)
    chosen |= _attached(ctx.doc.text, links, optout_sentences(ctx))
    found = [link for i, link in enumerate(links) if i in chosen]
    ctx.memo["unsubscribe_links"] = found
    return found


def _unsubscribe_href(href: str) -> bool:
    return UNSUBSCRIBE_HREF_LOWER_RE.search(href.lower()) is not None


def _unsubscribe_words(label: str) -> bool:
    lower = label.lower()
    if len(lower) != len(label):
        return UNSUBSCRIBE_RE.search(label) is not None
    return UNSUBSCRIBE_LOWER_RE.search(lower) is not None


def _attached(text: str, links: list[Link], sentences: list[OptOutSentence]) -> set[int]:
    """Indexes of the links the unsubscribe words of ``sentences`` are about."""
    chosen: set[int] = set()
    if not links:
        return chosen
    starts = [link.start for link in links]
    if all(a <= b for a, b in itertools.pairwise(starts)):
        order = list(range(len(links)))
    else:
        order = sorted(range(len(links)), key=lambda i: links[i].start)
        starts = [links[i].start for i in order]
    for sentence in sentences:
        for word_start, word_end in sentence.words:
            picked = _link_for(text, links, order, starts, sentence, word_start, word_end)
            if picked is not None and not _tells_to_mail(links[picked].text or ""):
                chosen.add(picked)
    return chosen


#: A web address written out in the text of an HTML draft (mail programs make it clickable).
_TEXT_URL = re.compile(r"(?i)(?<![\w/@.])(?:https?://|www\.)[^\s<>\"'()]+")


def text_url_routes(ctx: Context) -> list[Link]:
    """In an HTML draft, web addresses written as plain text (not inside a link) that unsubscribe,
    by their own words (``…/mailman/listinfo/fork``, ``…/remove.html``) or by the sentence around
    them ("To unsubscribe, go to http://…"): the recipient's mail program makes them clickable.
    Returned as links without an element. (A plain-text draft has them among its links already.)"""
    if "text_url_routes" in ctx.memo:
        return ctx.memo["text_url_routes"]
    found: list[Link] = []
    text = ctx.doc.text
    if not ctx.doc.text_mode and ("http" in text or "www." in text):
        spans = sorted((link.start, link.end) for link in ctx.doc.links)
        starts = [a for a, _ in spans]
        bare: list[Link] = []
        for match in _TEXT_URL.finditer(text):
            at = bisect.bisect_right(starts, match.start())
            if at and spans[at - 1][1] > match.start():
                continue  # the text of a real link
            url = match.group().rstrip(".,;:!?")
            bare.append(
                Link(url if url[:4].lower() == "http" else "http://" + url, url, None, match.start(), match.start() + len(url))
            )
        chosen = {i for i, link in enumerate(bare) if _unsubscribe_href(link.href)}
        chosen |= _attached(text, bare, optout_sentences(ctx))
        found = [link for i, link in enumerate(bare) if i in chosen and href_problem(link.href) is None]
    ctx.memo["text_url_routes"] = found
    return found


def form_routes(ctx: Context) -> list[Tag]:
    """Forms that unsubscribe when sent: their action is an unsubscribe address, or their button
    says so (``<input type="submit" value="Unsubscribe">``), as some newsletters put in their header."""
    found: list[Tag] = []
    for form in ctx.doc.by_tag.get("form", ()):
        action = attr(form, "action")
        if action and _unsubscribe_href(action) and href_problem(action) is None:
            found.append(form)
            continue
        for control in form.find_all(("input", "button")):
            label = attr(control, "value") if control.name == "input" else control.get_text(" ", strip=True)
            if attr(control, "type").lower() in ("submit", "image", "") and label and _unsubscribe_words(label):
                found.append(form)
                break
    return found


def automatic_routes(ctx: Context) -> bool:
    """Whether the draft offers an automatic way out: a working unsubscribe link, the platform's
    own placeholder, an unsubscribe address written as text, or an unsubscribe form."""
    return bool(working_links(ctx) or own_placeholders(ctx) or text_url_routes(ctx) or form_routes(ctx))


def _link_for(
    text: str, links: list[Link], order: list[int], starts: list[int], sentence: OptOutSentence, word_start: int, word_end: int
) -> int | None:
    """The link an unsubscribe word at ``word_start:word_end`` of ``sentence`` is about, or None."""
    at = bisect.bisect_right(starts, word_start)
    if at and links[order[at - 1]].end > word_start:
        return order[at - 1]  # the word is the link's own text
    after = bisect.bisect_left(starts, word_end)
    if after < len(order) and links[order[after]].start < sentence.end:
        candidate = order[after]
        # In the answer to a question ("Geen mail meer? Klik hier.") only a link that says nothing
        # itself is taken: "Don't want these? Shop our sale" is an advertisement.
        own_sentence_end = _SENTENCE_END.search(text, word_end, links[candidate].start)
        if own_sentence_end is None or _GENERIC_LINK_TEXT.match(links[candidate].text or ""):
            return candidate
    if at:
        before = links[order[at - 1]]
        if before.start >= sentence.start and _CONNECTOR.match(text[before.end : word_start]):
            return order[at - 1]
    return None


def _tells_to_mail(label: str) -> bool:
    """A link text that is itself a manual instruction with an address ("send a blank mail to x@…")."""
    return "@" in label and (MANUAL_RE["email"].search(label) is not None or MANUAL_RE["reply"].search(label) is not None)


def manual_routes(ctx: Context) -> list[ManualRoute]:
    """Every manual way out and every condition the draft names, in text order, once per check:
    the manual wording of each sentence about unsubscribing (conditions first, one per sentence),
    then ``mailto:`` unsubscribe links and opt-out addresses (``leave-…@``) outside those sentences."""
    if "manual_routes" in ctx.memo:
        return ctx.memo["manual_routes"]
    text = ctx.doc.text
    routes: list[ManualRoute] = []
    for sentence in optout_sentences(ctx):
        found = _manual_in(text, sentence)
        if found is not None:
            routes.append(found)
    covered = [route.sentence for route in routes]

    def inside(position: int) -> bool:
        return any(a <= position < b for a, b in covered)

    for link in unsubscribe_links(ctx):
        href = link.href.strip()
        if href[:7].lower() == "mailto:" and not inside(link.start):
            address = href[7:].split("?", 1)[0] or "…"
            routes.append(
                ManualRoute("mailto", link.start, link.end, link.text or address, link, address, (link.start, link.end))
            )
    mailto_spans = [(r.start, r.end) for r in routes if r.kind == "mailto"]
    if "@" in text:
        for start, end in _optout_addresses(text):
            if inside(start) or any(a <= start < b for a, b in mailto_spans):
                continue
            address = text[start:end]
            routes.append(ManualRoute("email", start, end, address, None, address, (start, end)))
    routes.sort(key=lambda route: route.start)
    ctx.memo["manual_routes"] = routes
    return routes


#: "or" in the four languages: a condition followed by "or <a working link>" is an alternative to it.
_OR = re.compile(r"(?<!\w)(?:or|of|oder|ou)(?!\w)", re.I)


def is_alternative(ctx: Context, route: ManualRoute) -> bool:
    """Whether a condition is offered beside a working link rather than asked before it: "opt out
    selectively by logging in …, or disable them altogether by visiting the following link: …"."""
    text = ctx.doc.text
    ends = route.sentence[1]
    for link in [*working_links(ctx), *text_url_routes(ctx)]:
        if route.end <= link.start < ends and _OR.search(text, route.end, link.start):
            return True
    return False


_LOCAL_PART = re.compile(r"[\w.+-]{1,64}$")
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)+")


def _optout_addresses(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the opt-out addresses (``OPTOUT_ADDRESS``) in the text, found from each "@" (a
    whole-text scan of the pattern tried every word; a draft holds a few addresses at most)."""
    at = text.find("@")
    while at >= 0:
        local = _LOCAL_PART.search(text, max(0, at - 64), at)
        domain = _DOMAIN.match(text, at + 1)
        if local is not None and domain is not None:
            match = OPTOUT_ADDRESS.match(text, local.start(), domain.end())
            if match is not None and match.end() == domain.end():
                yield match.start(), match.end()
        at = text.find("@", at + 1)


def _manual_in(text: str, sentence: OptOutSentence) -> ManualRoute | None:
    """The manual step or condition a sentence about unsubscribing asks for, conditions first; an
    e-mail address after the unsubscribe words counts as "send an email" when nothing else does."""
    body = text[sentence.start : sentence.end]
    about_unsubscribing = UNSUBSCRIBE_RE.search(body) is not None
    for kind in _KINDS:
        match = MANUAL_RE[kind].search(body) if about_unsubscribing else None
        if match is not None and kind in MANUAL_CONDITIONS and NOT_REQUIRED.search(body):
            match = None  # "after unsubscribing we may ask you to fill in an optional survey"
        if match is not None and kind in MANUAL_CONDITIONS:
            while match is not None and NEGATION_BEFORE.search(body, max(0, match.start() - 40), match.start()):
                match = MANUAL_RE[kind].search(body, match.end())  # "zonder in te loggen": no condition
        if match is None and kind == "reply" and "STOP" in body:
            match = REPLY_STOP_RE.search(body)
        if match is not None:
            start, end = sentence.start + match.start(), sentence.start + match.end()
            return ManualRoute(kind, start, end, text[start:end], sentence=(sentence.start, sentence.end))
    if about_unsubscribing and "@" in body:
        first_word = sentence.words[0][0] - sentence.start
        match = _ADDRESS.search(body, first_word)
        if match is not None:
            start, end = sentence.start + match.start(), sentence.start + match.end()
            return ManualRoute(
                "email", start, end, text[start:end], address=match.group(), sentence=(sentence.start, sentence.end)
            )
    return None


def unsubscribe_placeholders(ctx: Context) -> list[PlaceholderHit]:
    """Unsubscribe placeholders of any known platform anywhere in the raw draft."""
    if "unsubscribe_placeholders" in ctx.memo:
        return ctx.memo["unsubscribe_placeholders"]
    hits: list[PlaceholderHit] = []
    found = placeholder_tokens(ctx)
    if found:
        joined = placeholders.join_tokens(found)  # once for all the dialects below
        for name in placeholders.DIALECTS:
            pattern = placeholders.unsubscribe_pattern(name)
            if pattern is None:
                continue
            for start, text in placeholders.find_in_tokens(pattern, found, joined):
                hits.append(PlaceholderHit(name, text, start))
    ctx.memo["unsubscribe_placeholders"] = hits
    return hits


def placeholder_tokens(ctx: Context) -> list[tuple[int, str]]:
    """Stretches of the raw draft that may be placeholders (``placeholders.tokens``), once per check."""
    if "placeholder_tokens" not in ctx.memo:
        ctx.memo["placeholder_tokens"] = placeholders.tokens(ctx.raw)
    return ctx.memo["placeholder_tokens"]


def own_placeholders(ctx: Context) -> list[PlaceholderHit]:
    """Unsubscribe placeholders the draft's platform will fill (none in webmail)."""
    if ctx.is_webmail:
        return []
    return [hit for hit in unsubscribe_placeholders(ctx) if hit.platform == ctx.platform or _same_tag(hit, ctx.platform)]


def _same_tag(hit: PlaceholderHit, platform: str) -> bool:
    """Campaign Monitor and Sendy share ``[unsubscribe]``; a platform's own pattern decides."""
    pattern = placeholders.unsubscribe_pattern(platform)
    return bool(pattern and pattern.fullmatch(hit.text))


def _placeholder_in(href: str) -> bool:
    return ANY_UNSUBSCRIBE_PLACEHOLDER.search(href) is not None


# -- shared by unsubscribe-broken, -manual, -hidden, -clipped and placeholder-unresolved ----------

#: Any placeholder of any dialect, or of the generic template syntaxes (``{{…}}``, ``*|…|*``, …).
_ANY = "|".join(f"(?:{d.syntax})" for d in placeholders.DIALECTS.values()) + f"|(?:{placeholders.GENERIC_SYNTAX})"
ANY_PLACEHOLDER = re.compile(_ANY)
#: Any platform's unsubscribe placeholder (for hrefs; ``unsubscribe_placeholders`` says which).
_ANY_UNSUB = "|".join(f"(?:{p})" for d in placeholders.DIALECTS.values() for p in d.unsubscribe)
ANY_UNSUBSCRIBE_PLACEHOLDER = re.compile(_ANY_UNSUB, re.I)
#: Host names that can never receive a click: RFC 2606 / RFC 6761 reserved names (example.com,
#: .org, .net, the ``example``/``test``/``invalid``/``localhost`` top-level names) and loopback.
_RESERVED_HOST = re.compile(
    r"^(?:(?:[\w-]+\.)*example\.(?:com|org|net)|(?:[\w-]+\.)*(?:example|test|invalid|localhost)|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[::1\]|::1)$",
    re.I,
)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)


def href_problem(href: str) -> str | None:
    """Why an unsubscribe href goes nowhere (``empty``, ``anchor``, ``javascript``, ``example``,
    ``localhost``, ``no-host``, ``relative``), or None when it may work. Placeholders and
    ``mailto:`` are not judged here (placeholder rules and ``unsubscribe-manual`` do that)."""
    href = href.strip()
    if not href:
        return "empty"
    if ANY_PLACEHOLDER.search(href):
        return None
    if href.startswith("#"):
        return "anchor"
    match = _SCHEME.match(href)
    scheme = match.group(1).lower() if match else ""
    if scheme == "javascript":
        return "javascript"
    if scheme in ("mailto", "tel", "sms"):
        return None
    if scheme in ("http", "https"):
        rest = href[match.end() :] if match else href
        if not rest.startswith("//"):
            return "no-host"
        authority = re.split(r"[/?#]", rest[2:], maxsplit=1)[0]
        host = authority.rpartition("@")[2]
        if not host.startswith("["):
            host = host.split(":", 1)[0]
        host = host.rstrip(".")
        if not host:
            return "no-host"
        if _RESERVED_HOST.match(host):
            return "localhost" if re.match(r"^(?:localhost|127\.|0\.0\.0\.0|\[?::1)", host, re.I) else "example"
        return None
    if scheme:
        return None  # another scheme (an app link, a platform's own): not ours to judge
    # No scheme at all: an email has no base address, so ``afmelden.html`` or ``/unsubscribe``
    # leads nowhere once it leaves the editor.
    return "relative"


def carries_own_tag(ctx: Context, link: Link) -> bool:
    """True when the link wraps the platform's own unsubscribe tag (Campaign Monitor and Sendy
    write ``<unsubscribe>…</unsubscribe>``), which the platform turns into the real link."""
    if ctx.is_webmail or link.element is None:
        return False
    pattern = placeholders.unsubscribe_pattern(ctx.platform)
    return bool(pattern and pattern.search("<unsubscribe>") and link.element.find("unsubscribe") is not None)


def working_links(ctx: Context) -> list[Link]:
    """Unsubscribe links that act automatically: a web address that may work, or a placeholder the
    platform fills (not ``mailto:``, not broken, not another platform's placeholder)."""
    if "unsubscribe_working" in ctx.memo:
        return ctx.memo["unsubscribe_working"]
    own = placeholders.unsubscribe_pattern(ctx.platform) if not ctx.is_webmail else None
    found: list[Link] = []
    for link in unsubscribe_links(ctx):
        href = link.href.strip()
        if carries_own_tag(ctx, link) or (own is not None and own.search(href)):
            found.append(link)
        elif ANY_PLACEHOLDER.search(href):
            # Another platform's code or an unknown one: no route, unless it is only a parameter
            # of an otherwise complete web address ("https://…/unsubscribe?e=<%=email%>").
            query = href.find("?")
            if query > 0 and _is_web(href) and not ANY_PLACEHOLDER.search(href[:query]) and href_problem(href[:query]) is None:
                found.append(link)
        elif _is_web(href) and href_problem(href) is None:
            found.append(link)
    ctx.memo["unsubscribe_working"] = found
    return found


def _is_web(href: str) -> bool:
    match = _SCHEME.match(href)
    return bool(match and match.group(1).lower() in ("http", "https"))


# -- the List-Unsubscribe header (RFC 2369 / RFC 8058), read with the listunsub package ----------


@dataclass(frozen=True)
class ListUnsubscribeHeader:
    """What a complete message's ``List-Unsubscribe`` and ``List-Unsubscribe-Post`` fields offer,
    read as a mail client reads them (RFC 2369 section 2: white space inside ``<>`` ignored, URIs in
    comments or after other text not taken; RFC 8058: only the exact post value, an https URI
    without user information)."""

    #: Every occurrence of each field (RFC 2369 and RFC 8058 allow one; clients read the first).
    fields: tuple[str, ...]
    posts: tuple[str, ...]
    #: The URIs a client takes from the first field, in the sender's order.
    uris: tuple[str, ...]
    #: https URIs a one-click POST can go to, and the ones it cannot, with why.
    https: tuple[str, ...]
    unusable: tuple[tuple[str, str], ...]
    #: The first post field asks for one-click (``List-Unsubscribe=One-Click``).
    post_one_click: bool

    @property
    def one_click(self) -> bool:
        """A complete RFC 8058 one-click route: a usable https URI and the right post field."""
        return bool(self.https) and self.post_one_click


def list_unsubscribe_header(ctx: Context) -> ListUnsubscribeHeader | None:
    """The draft's List-Unsubscribe fields, or None when the draft is no complete message (a draft
    in an editor has no headers yet) or has no such field. Once per check."""
    if "list_unsubscribe" in ctx.memo:
        return ctx.memo["list_unsubscribe"]
    found = None
    if ctx.draft.is_message:
        headers = {name.strip().lower(): value for name, value in ctx.draft.headers.items()}
        fields = tuple(v for v in headers.get("list-unsubscribe", "").split("\n") if v.strip())
        posts = tuple(v for v in headers.get("list-unsubscribe-post", "").split("\n") if v.strip())
        if fields:
            uris = listunsub.parse_header(fields[0]).uris
            usable: list[str] = []
            unusable: list[tuple[str, str]] = []
            for uri in uris:
                if uri[:6].lower() != "https:":
                    continue
                try:
                    listunsub.one_click_request(uri, form="urlencoded")
                except ValueError as error:  # listunsub.ListUnsubscribeError: user info, no host, bad URI
                    unusable.append((uri, getattr(error, "reason", str(error))))
                else:
                    usable.append(uri)
            post = bool(posts) and listunsub.is_one_click(posts[0])
            found = ListUnsubscribeHeader(fields, posts, uris, tuple(usable), tuple(unusable), post)
    ctx.memo["list_unsubscribe"] = found
    return found
