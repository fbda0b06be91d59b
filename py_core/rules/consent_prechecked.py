"""Rule ``consent-prechecked``, and how a form control's label is read (shared with
``consent-bundled``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import Comment, Doctype, NavigableString, Tag

from ..context import Context
from ..document import attr, fold
from ..model import Finding
from ..registry import Rule
from ..tables.phrases import CONSENT_NEGATIVE_RE, CONSENT_RE, YES_RE

#: How much text around a control without an explicit label is read (characters), and how many
#: ancestors up: enough for "<td><input> Houd me op de hoogte</td>", not the whole form.
_NEARBY_CHARS = 160
_NEARBY_LEVELS = 3
#: At most this many form controls are read per check: a sign-up form has a handful, and reading
#: the label of each of 10,000 boxes in one form would walk that form 10,000 times.
MAX_CONTROLS = 200
#: A negation this close before the consent word turns the label into an opt-out ("geen nieuwsbrief").
_NEGATION_WINDOW = 25


def text_upto(node: Tag, limit: int = 400) -> str:
    """The element's text, folded, reading no more than ``limit`` characters: a control inside a
    form with thousands of others must not cost a walk of the whole form each time."""
    parts: list[str] = []
    size = 0
    for steps, item in enumerate(node.descendants):
        if steps > limit * 4:
            break  # many elements and little text (10,000 boxes in one form): enough read
        if isinstance(item, NavigableString) and not isinstance(item, (Comment, Doctype)):
            parts.append(item)
            size += len(item)
            if size >= limit:
                break
    return fold(" ".join(parts))[:limit]


def _ids(ctx: Context) -> dict[str, Tag]:
    if "consent.ids" not in ctx.memo:
        ctx.memo["consent.ids"] = {attr(el, "id"): el for el in ctx.doc.elements if el.get("id")}
    return ctx.memo["consent.ids"]


def _labels_for(ctx: Context) -> dict[str, list[Tag]]:
    if "consent.labels" not in ctx.memo:
        found: dict[str, list[Tag]] = {}
        for label in ctx.doc.by_tag.get("label", []):
            if label.get("for"):
                found.setdefault(attr(label, "for"), []).append(label)
        ctx.memo["consent.labels"] = found
    return ctx.memo["consent.labels"]


def explicit_label(ctx: Context, control: Tag) -> str:
    """The control's own label: aria-label, aria-labelledby, ``<label for>`` or a wrapping ``<label>``."""
    parts: list[str] = []
    if control.get("aria-label"):
        parts.append(attr(control, "aria-label"))
    for ref in attr(control, "aria-labelledby").split():
        target = _ids(ctx).get(ref)
        if target is not None:
            parts.append(text_upto(target))
    if control.get("id"):
        parts.extend(text_upto(label) for label in _labels_for(ctx).get(attr(control, "id"), [])[:3])
    parent = control.parent
    for _ in range(6):
        if not isinstance(parent, Tag):
            break
        if parent.name == "label":
            parts.append(text_upto(parent))
            break
        parent = parent.parent
    return fold(" ".join(parts))


def nearby_text(control: Tag) -> str:
    """Text of the closest ancestor that has some (up to a few levels), clipped."""
    node = control.parent
    for _ in range(_NEARBY_LEVELS):
        if not isinstance(node, Tag):
            break
        text = text_upto(node, _NEARBY_CHARS)
        if len(text) >= 3:
            return text
        node = node.parent
    return ""


def group_text(control: Tag) -> str:
    """The question a radio button answers: its ``<fieldset>``'s text, else the closest ancestor
    with a sentence of text (a lone "Ja" label is not enough)."""
    node = control.parent
    fallback = ""
    for _ in range(6):
        if not isinstance(node, Tag):
            break
        if node.name == "fieldset":
            return text_upto(node, _NEARBY_CHARS * 2)
        if not fallback:
            text = text_upto(node, _NEARBY_CHARS * 2)
            if len(text) >= 15:
                fallback = text
        node = node.parent
    return fallback


def label_of(ctx: Context, control: Tag) -> str:
    """The explicit label, else the nearby text."""
    return explicit_label(ctx, control) or nearby_text(control)


def is_consent(text: str) -> bool:
    """Whether ``text`` asks for marketing consent (and does not decline it)."""
    for match in CONSENT_RE.finditer(text):
        before = text[max(0, match.start() - _NEGATION_WINDOW) : match.start()]
        if not CONSENT_NEGATIVE_RE.search(before):
            return True
    return False


_NO_RE = re.compile(r"^\s*(?:nee|no|non|nein|niet|not now|geen)\b", re.I)


class ConsentPrechecked(Rule):
    """A box for newsletter or marketing consent is ticked in advance.

    Tripolis rule 2: "Uitdrukkelijk betekent dat een abonnee zelf een kruisje op een webformulier
    moet zetten of ‘ja’ moet invullen. Een check box standaard op ‘ja’ zetten is dus niet
    toegestaan." The EU Court of Justice ruled the same (Planet49, C-673/17). Mailwacht reports a
    checkbox or radio button that is ``checked``, an element with ``role="checkbox"``/``"switch"``
    and ``aria-checked="true"``, and a ``<select>`` whose preselected option is "ja"/"yes", when its
    label (``<label for>``, a wrapping label, ``aria-label``/``aria-labelledby``, else the text next
    to it) is about the newsletter, offers, marketing, e-mail, updates or consent. A ticked box for
    something else ("Onthoud mij", "remember me") is fine, and so is a ticked opt-out ("Ik wil
    géén nieuwsbrief").

    **Why** A pre-ticked box is not consent: every address collected through it was collected
    without permission, and mailing those people is spam.

    **Bad** ``<label><input type="checkbox" checked> Stuur mij de nieuwsbrief</label>``

    **Good** ``<label><input type="checkbox"> Stuur mij de nieuwsbrief</label>``
    """

    id = "consent-prechecked"
    title = {"nl": "Toestemming vooraf aangevinkt", "en": "Consent box pre-ticked"}
    basis = ("tripolis-2", "planet49")
    packs = {
        "nl": "error",  # tripolis-2, Planet49
        "ca-casl": "error",
    }
    order = 150
    messages = {
        "checked": {
            "nl": "Dit toestemmingsvakje staat standaard aan ('{label}'): vooraf aangevinkt is geen toestemming.",
            "en": "This consent box is ticked by default ('{label}'): a pre-ticked box is not consent.",
        },
        "selected": {
            "nl": "Deze keuzelijst voor toestemming staat standaard op '{option}': de ontvanger moet zelf 'ja' kiezen.",
            "en": "This consent list defaults to '{option}': the recipient must choose 'yes' themselves.",
        },
    }
    fixes = {
        "checked": {
            "nl": "Haal het vinkje weg (verwijder het attribuut checked) zodat de ontvanger zelf kiest.",
            "en": "Remove the tick (the checked attribute) so the recipient chooses themselves.",
        },
        "selected": {
            "nl": "Laat de lijst beginnen met een lege of neutrale keuze, of met 'nee'.",
            "en": "Start the list with an empty or neutral choice, or with 'no'.",
        },
    }

    def applies(self, ctx: Context) -> bool:
        doc = ctx.doc
        return not doc.text_mode and bool(doc.by_tag.get("input") or doc.by_tag.get("select") or _role_controls(ctx))

    def check(self, ctx: Context) -> Iterator[Finding]:
        for control in ctx.doc.by_tag.get("input", [])[:MAX_CONTROLS]:
            kind = attr(control, "type").lower()
            if kind not in ("checkbox", "radio") or control.get("checked") is None:
                continue
            own = explicit_label(ctx, control)
            if kind == "radio":
                if _NO_RE.match(own) or attr(control, "value").lower() in ("0", "no", "nee", "false", "n"):
                    continue
                context = f"{own} {group_text(control)}"
            else:
                context = own or nearby_text(control)
            if is_consent(context):
                yield self.finding(ctx, "checked", element=control, label=(own or context)[:80])
        for control in _role_controls(ctx)[:MAX_CONTROLS]:
            if attr(control, "aria-checked").lower() == "true":
                label = label_of(ctx, control) or text_upto(control)
                if is_consent(label):
                    yield self.finding(ctx, "checked", element=control, label=label[:80])
        for select in ctx.doc.by_tag.get("select", [])[:MAX_CONTROLS]:
            chosen = [o for o in select.find_all("option") if o.get("selected") is not None]
            if not chosen:
                continue
            option = text_upto(chosen[-1], 80)
            if YES_RE.match(option) and not _NO_RE.match(option) and is_consent(label_of(ctx, select)):
                yield self.finding(ctx, "selected", element=select, option=option)


def _role_controls(ctx: Context) -> list[Tag]:
    if "consent.roles" not in ctx.memo:
        ctx.memo["consent.roles"] = [
            el for el in ctx.doc.elements if el.attrs.get("role") and attr(el, "role").lower() in ("checkbox", "switch")
        ]
    return ctx.memo["consent.roles"]
