"""What a rule reads: :class:`Context` (the draft, the options, the parsed document and derived
facts) and its construction, plus the draft's :func:`fingerprint`.

This module sits below the rules and the engine (docs/architecture.md): rules import
``Context`` from here, never from :mod:`py_core.engine`, so loading a rule does not load the
engine and the engine can load the rules without a cycle.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .document import DraftDocument, parse_html, parse_text
from .limits import input_size
from .mail_kind import Decision, decide
from .model import WEBMAIL_PLATFORMS, Draft, DraftError, Options, Severity
from .packs import combine, default_severity
from .tables import placeholders

#: Larger drafts are refused with a clear message instead of a long wait (Gmail clips at ~102 KB;
#: 20 MB is far beyond any real mailing and parses in seconds).
MAX_DRAFT_BYTES = 20 * 1024 * 1024


@dataclass
class Context:
    """What a rule may read: the draft, the options, the parsed document and derived facts."""

    draft: Draft
    options: Options
    doc: DraftDocument
    #: The platform the draft is judged for (``auto`` resolved).
    platform: str
    platform_inferred: bool
    severities: dict[str, Severity] = field(default_factory=dict)
    #: Facts several rules derive (e.g. the unsubscribe links), computed once per check.
    memo: dict[str, Any] = field(default_factory=dict)
    #: Mailing or personal mail, and why (:func:`py_core.mail_kind.decide`).
    mail_kind: Decision | None = None

    @property
    def is_mailing(self) -> bool:
        return self.mail_kind is None or self.mail_kind.kind == "mailing"

    @property
    def is_webmail(self) -> bool:
        """True when nothing will fill placeholders (webmail, or an unknown platform)."""
        return self.platform in WEBMAIL_PLATFORMS

    def severity_of(self, rule_id: str) -> Severity:
        """The rule's severity in the chosen packs (with the user's overrides); outside them (a rule
        that does not run) the default packs', else ``info``."""
        return self.severities.get(rule_id) or default_severity(rule_id) or "info"

    @cached_property
    def raw(self) -> str:
        """The draft's raw HTML and plain text together (placeholders may be in either)."""
        return self.draft.html + "\n" + self.draft.text


def fingerprint(draft: Draft) -> str:
    """sha256 of the draft's normalised HTML (whitespace folded; the text part when no HTML)."""
    body = draft.html if draft.html.strip() else draft.text
    normalised = " ".join(body.split())
    return hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).hexdigest()


def build_context(draft: Draft, options: Options, parse: Callable[[str], DraftDocument] = parse_html) -> Context:
    """Parse the draft once, resolve the platform and the severities, and decide its mail kind.

    ``parse`` parses the HTML; the engine passes :meth:`py_core.document.LastParse.parse`, which
    gives the same document again for the same HTML."""
    size = input_size(draft)  # issue 13: subject, From, recipients and headers count too (limits.py)
    if size > MAX_DRAFT_BYTES:
        raise DraftError(
            f"the draft is {size // (1024 * 1024)} MB; Mailwacht checks drafts up to {MAX_DRAFT_BYTES // (1024 * 1024)} MB"
        )
    doc = parse(draft.html) if draft.html.strip() else parse_text(draft.text)
    platform = options.platform
    inferred = False
    memo: dict[str, Any] = {}
    if platform == "auto":
        raw = draft.html + "\n" + draft.text
        # The placeholder tokens are kept for the rules that scan for placeholders too.
        memo["placeholder_tokens"] = found = placeholders.tokens(raw)
        platform = placeholders.infer_platform(raw, found) or "webmail"
        inferred = True
    severities = combine(options.packs)
    for rule_id, setting in options.rules.items():
        if setting.severity is not None:
            severities[rule_id] = setting.severity
    ctx = Context(draft, options, doc, platform, inferred, severities, memo)
    ctx.mail_kind = decide(draft, options, doc, platform, inferred, ctx.is_webmail)
    return ctx
