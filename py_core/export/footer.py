"""A compliant footer for the quick fix "insert footer", rendered from the organisation profile.

The footer carries what the guidelines ask of every mailing: why the recipient gets it (Carerix
"reden van ontvangst", in its own example wording), who sends it with a postal address and a phone
number or website (Tripolis rule 7, CAN-SPAM, CASL) and an automatic unsubscribe link (Tw 11.7,
Tripolis rule 6). The link uses the platform's own unsubscribe merge tag
(:data:`py_core.tables.placeholders.DIALECTS` ``unsubscribe_href``), so the platform fills in a
working per-recipient link.

Where nothing fills merge tags (webmail) or the platform's tag is unknown (Carerix, Tripolis,
generic ESP), inventing a URL would be dishonest: a made-up ``/unsubscribe`` path on the sender's
website may not exist. The footer then carries a visible marker (``[AFMELDLINK]`` /
``[UNSUBSCRIBE-LINK]``) as the link target, ``needs_unsubscribe_url`` is true and ``notes`` says
what to replace; the engine keeps flagging the draft until the marker is replaced. Missing profile
fields are filled with a visible ``[…]`` marker and listed in ``notes`` too.

Language (issue 11): the footer goes into the recipient's email, so its words are in the language
the draft is written in (Dutch, English, German or French: :data:`messages.FOOTER`), not in the
language of Mailwacht's interface. The caller names it (``language``) or gives the draft, whose
language :mod:`py_core.language` detects; when neither says, the interface language
(``options.locale``) is used, as before. The ``notes`` are for the user and stay in the interface
language. The reply says which language the footer was written in (``language``).
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

from ..model import Draft, DraftError, Options
from ..tables import placeholders
from . import messages
from ._env import html_env, text_env

_PHONE_HREF = re.compile(r"[^0-9+]")


def footer_language(options: Options, language: str | None = None, draft: Draft | None = None) -> str:
    """The language to write the footer in: ``language`` when it is one of the footer's languages,
    else the one detected in ``draft``, else the interface's (``options.locale``)."""
    if language:
        chosen = str(language).strip().lower()[:2]
        if chosen not in messages.FOOTER_LANGUAGES:
            raise DraftError(f"unknown footer language {language!r}; choose one of: {', '.join(messages.FOOTER_LANGUAGES)}")
        return chosen
    if draft is not None:
        from ..language import detect_draft

        detected = detect_draft(draft)
        if detected in messages.FOOTER_LANGUAGES:
            return detected
    return options.locale


def render_footer(
    options: Options, format: str = "html", *, language: str | None = None, draft: Draft | None = None
) -> dict[str, Any]:
    """``{"content", "needs_unsubscribe_url", "notes", "language"}``: the footer in ``format`` (html
    or text), in the language :func:`footer_language` picks; the notes in ``options.locale``."""
    if not isinstance(options, Options):
        raise DraftError("footer options must be an Options object")
    fmt = (format or "html").lower()
    if fmt not in ("html", "text"):
        raise DraftError(f"unknown footer format {format!r}; choose html or text")
    locale = options.locale
    lang = footer_language(options, language, draft)
    words = messages.footer_table(lang)
    org = options.org
    notes: list[str] = []
    dialect = placeholders.DIALECTS.get(options.platform)
    marker = words["footer_url_marker"]
    if dialect is not None and dialect.unsubscribe_href:
        # Trusted table data, emitted as written: an escaped ``<%asm_…%>`` would not be filled.
        href: str = Markup(dialect.unsubscribe_href)
        needs_url = False
    else:
        href = marker
        needs_url = True
        if options.platform in ("auto", "gmail", "outlook", "roundcube", "webmail"):
            notes.append(messages.text("footer_note_webmail", locale, marker=marker))
        else:
            notes.append(messages.text("footer_note_unknown_platform", locale, platform=options.platform, marker=marker))
    name = org.name.strip() or words["footer_your_org"]
    missing = []
    if not org.name.strip():
        missing.append(messages.text("field_name", locale))
    if not org.address.strip():
        missing.append(messages.text("field_address", locale))
    if not org.phone.strip() and not org.website.strip():
        missing.append(messages.text("field_contact", locale))
    if missing:
        notes.append(messages.text("footer_note_missing", locale, fields=", ".join(missing)))
    reason_key = {"opt-in list": "footer_reason_optin", "existing customers": "footer_reason_customer"}.get(
        options.audience, "footer_reason_unknown"
    )
    website = org.website.strip()
    values = {
        "reason": words[reason_key].format(org=name),
        "org": name,
        "address": " ".join(org.address.split()),
        "phone": org.phone.strip(),
        "phone_href": _PHONE_HREF.sub("", org.phone),
        "website": website,
        "website_href": website if re.match(r"(?i)^https?://", website) else f"https://{website}" if website else "",
        "unsubscribe_href": href,
    }
    env, name_ = (html_env(), "footer.html.jinja") if fmt == "html" else (text_env(), "footer.txt.jinja")
    content = env.get_template(name_).render(f=values, t=words)
    return {"content": content, "needs_unsubscribe_url": needs_url, "notes": notes, "language": lang}
