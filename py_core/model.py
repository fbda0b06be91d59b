"""Plain data that crosses every boundary: the draft that goes in, the report that comes out.

Everything here converts to and from JSON-compatible dicts, because the same objects travel from a
content script through the engine worker into Python (Pyodide) and back, and from the command line
into files. Nothing in this module knows about HTML parsing or rules.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from email.utils import formataddr, getaddresses
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SEVERITY_RANK: dict[str, int] = {"error": 3, "warning": 2, "info": 1}

#: Platforms a draft can be written in (issue 2). ``auto`` infers one from the placeholders present.
PLATFORMS: tuple[str, ...] = (
    "auto",
    "gmail",
    "outlook",
    "roundcube",
    "webmail",
    "mailchimp",
    "brevo",
    "klaviyo",
    "hubspot",
    "sendgrid",
    "mailjet",
    "campaign-monitor",
    "activecampaign",
    "copernica",
    "mautic",
    "listmonk",
    "sendy",
    "mailcoach",
    "salesforce-mc",
    "flexmail",
    "laposta",
    "mailblue",
    "tripolis",
    "carerix",
    "generic-esp",
)
#: Platforms where nothing fills placeholders: what is in the draft reaches the recipient literally.
WEBMAIL_PLATFORMS: frozenset[str] = frozenset({"gmail", "outlook", "roundcube", "webmail"})
LOCALES: tuple[str, ...] = ("nl", "en")
#: ``first mailing`` (issue 14): the first mailing to these recipients, or a welcome mail, whatever the
#: list (``objection-notice-missing`` asks whether it tells them of their right to object).
AUDIENCES: tuple[str, ...] = ("opt-in list", "existing customers", "first mailing", "unknown")
#: What ``Options.mail_kind`` may say (see :mod:`py_core.mail_kind`): ``auto`` lets the engine decide.
MAIL_KINDS: tuple[str, ...] = ("auto", "mailing", "personal")


class DraftError(ValueError):
    """The input cannot be read as a draft; the message is meant for the user, in one line."""


@dataclass
class Organisation:
    """The sender's profile as the user entered it in the options page (all optional)."""

    name: str = ""
    address: str = ""
    phone: str = ""
    website: str = ""
    domains: list[str] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Organisation:
        data = data or {}
        if not isinstance(data, dict):
            raise DraftError("'org' must be an object")
        domains = data.get("domains") or []
        if isinstance(domains, str):
            domains = [d.strip() for d in domains.replace(";", ",").split(",")]
        return cls(
            name=_str(data.get("name")),
            address=_str(data.get("address")),
            phone=_str(data.get("phone")),
            website=_str(data.get("website")),
            domains=[_str(d).lower() for d in domains if _str(d).strip()],
        )


@dataclass
class Draft:
    """One email as it is being written, with whatever envelope the page or file could tell."""

    html: str = ""
    text: str = ""
    subject: str = ""
    from_name: str = ""
    from_address: str = ""
    reply_to: str = ""
    to: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    bcc: list[str] = field(default_factory=list)
    #: Raw message headers when the draft came from an ``.eml`` (name -> value), else empty.
    headers: dict[str, str] = field(default_factory=dict)
    #: True when the draft is a complete message (.eml) so that send-time headers can be judged.
    is_message: bool = False
    #: Where the draft came from (file path, page URL); shown in reports, never used to judge.
    source: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Draft:
        if not isinstance(data, dict):
            raise DraftError("a draft must be a JSON object")
        headers = data.get("headers") or {}
        if not isinstance(headers, dict):
            raise DraftError("'headers' must be an object")
        return cls(
            html=_str(data.get("html")),
            text=_str(data.get("text")),
            subject=_str(data.get("subject")),
            from_name=_str(data.get("from_name")),
            from_address=_str(data.get("from_address")),
            reply_to=_str(data.get("reply_to")),
            to=_addresses(data.get("to")),
            cc=_addresses(data.get("cc")),
            bcc=_addresses(data.get("bcc")),
            headers={_str(k): _str(v) for k, v in headers.items()},
            is_message=bool(data.get("is_message", False)),
            source=_str(data.get("source")),
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class RuleSetting:
    """A user's or administrator's override for one rule."""

    enabled: bool = True
    severity: Severity | None = None


@dataclass
class Options:
    """How to judge: platform, language, audience, packs, the organisation and per-rule overrides."""

    platform: str = "auto"
    locale: str = "nl"
    audience: str = "unknown"
    packs: list[str] = field(default_factory=lambda: ["nl"])
    org: Organisation = field(default_factory=Organisation)
    rules: dict[str, RuleSetting] = field(default_factory=dict)
    #: Finding fingerprints the user dismissed for this draft; reported as dismissed, not dropped.
    dismissed: list[str] = field(default_factory=list)
    #: Group size from which visible To/Cc addresses count as exposed (issue 5 default: 10).
    exposed_threshold: int = 10
    #: Earlier sends from this browser: ``{"fingerprint", "recipients", "sent_at"}`` (hashes and
    #: ISO times only, never content), for ``duplicate-send``.
    history: list[dict[str, str]] = field(default_factory=list)
    #: The moment of the check as an ISO time; empty means now. Fixed in tests for stable output.
    now: str = ""
    #: Mailing or personal mail: ``auto`` (the engine decides from the draft, see
    #: :mod:`py_core.mail_kind`), ``mailing`` or ``personal`` (the user's choice for this draft).
    #: Rules of bulk mail do not run on personal mail.
    mail_kind: str = "auto"
    #: True when the draft is a template file (the command line's ``.html``/``.txt``/``.json``):
    #: ``auto`` then means a mailing. A message being written or an ``.eml`` leaves it false.
    template: bool = False

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Options:
        data = data or {}
        if not isinstance(data, dict):
            raise DraftError("options must be a JSON object")
        platform = _str(data.get("platform") or "auto").lower()
        if platform not in PLATFORMS:
            raise DraftError(f"unknown platform {platform!r}; choose one of: {', '.join(PLATFORMS)}")
        locale = _str(data.get("locale") or "nl").lower()[:2]
        if locale not in LOCALES:
            raise DraftError(f"unknown locale {locale!r}; choose nl or en")
        audience = _str(data.get("audience") or "unknown").lower().replace("_", " ").replace("-", " ")
        audience = {
            "opt in list": "opt-in list",
            "opt in": "opt-in list",
            "customers": "existing customers",
            "first": "first mailing",
            "welcome": "first mailing",
        }.get(audience, audience)
        if audience not in AUDIENCES:
            raise DraftError(f"unknown audience {audience!r}; choose one of: {', '.join(AUDIENCES)}")
        packs = data.get("packs") or ["nl"]
        if isinstance(packs, str):
            packs = [p.strip() for p in packs.split(",") if p.strip()]
        rules: dict[str, RuleSetting] = {}
        for rule_id, setting in (data.get("rules") or {}).items():
            if isinstance(setting, bool):
                rules[rule_id] = RuleSetting(enabled=setting)
            elif isinstance(setting, dict):
                severity = setting.get("severity")
                if severity is not None and severity not in SEVERITY_RANK:
                    raise DraftError(f"rule {rule_id}: unknown severity {severity!r}")
                rules[rule_id] = RuleSetting(enabled=bool(setting.get("enabled", True)), severity=severity)
            else:
                raise DraftError(f"rule {rule_id}: setting must be true, false or an object")
        threshold = data.get("exposed_threshold", 10)
        if not isinstance(threshold, int) or isinstance(threshold, bool) or threshold < 1:
            raise DraftError("'exposed_threshold' must be a positive whole number")
        mail_kind = _str(data.get("mail_kind") or "auto").lower()
        if mail_kind not in MAIL_KINDS:
            raise DraftError(f"unknown mail_kind {mail_kind!r}; choose one of: {', '.join(MAIL_KINDS)}")
        return cls(
            platform=platform,
            locale=locale,
            audience=audience,
            packs=[_str(p) for p in packs],
            org=Organisation.from_dict(data.get("org")),
            rules=rules,
            dismissed=[_str(d) for d in data.get("dismissed") or []],
            exposed_threshold=threshold,
            history=_history(data.get("history")),
            now=_str(data.get("now")),
            mail_kind=mail_kind,
            template=bool(data.get("template", False)),
        )


@dataclass
class Location:
    """Where a finding is: a CSS selector path relative to the draft root, plus text offsets.

    ``selector`` matches exactly one element when resolved with ``:scope > `` in front of it from
    the draft's root (the editor body in a browser, the document in a file). ``start``/``end`` are
    offsets into that element's ``textContent`` when the finding is about a piece of text.
    ``field`` names a non-body field (``subject``, ``from_name``, ``to``, ``headers``, ``text``).
    """

    selector: str | None = None
    start: int | None = None
    end: int | None = None
    field: str | None = None

    def to_dict(self) -> dict[str, Any]:
        pairs = (("selector", self.selector), ("start", self.start), ("end", self.end), ("field", self.field))
        return {k: v for k, v in pairs if v is not None}


@dataclass
class Finding:
    """One thing wrong (or to review) in a draft, as plain data."""

    rule: str
    severity: Severity
    #: ``violation`` when the engine is sure, ``review`` when a person must judge.
    kind: Literal["violation", "review"]
    message: str
    evidence: str
    location: Location | None
    fix: str
    basis: list[str]
    fingerprint: str = ""
    dismissed: bool = False

    def to_dict(self) -> dict[str, Any]:
        # Written out rather than ``asdict`` (which deep-copies field by field): a report can hold
        # hundreds of findings and this runs inside the check's time budget.
        return {
            "rule": self.rule,
            "severity": self.severity,
            "kind": self.kind,
            "message": self.message,
            "evidence": self.evidence,
            "location": self.location.to_dict() if self.location else None,
            "fix": self.fix,
            "basis": list(self.basis),
            "fingerprint": self.fingerprint,
            "dismissed": self.dismissed,
        }


def _str(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return str(value)
    raise DraftError(f"expected text, got {type(value).__name__}")


def _history(value: Any) -> list[dict[str, str]]:
    if not value:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise DraftError("'history' must be a list of objects")
    return [{k: _str(v.get(k)) for k in ("fingerprint", "recipients", "sent_at")} for v in value]


def _addresses(value: Any) -> list[str]:
    """Accept a list of addresses or one comma/semicolon separated string."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        items = [value]
    elif isinstance(value, list):
        items = [_str(v) for v in value]
    else:
        raise DraftError("recipients must be a list or a comma separated string")
    out: list[str] = []
    for item in items:
        for part in _split_addresses(item):
            # One address per call: Python 3.13+'s strict getaddresses (Pyodide runs 3.14) returns
            # nothing at all for a field with an empty element such as Roundcube's trailing ", ".
            for name, address in getaddresses([part]):
                if address.strip():
                    out.append(formataddr((name, address.strip())) if name else address.strip())
    return out


def _split_addresses(text: str) -> list[str]:
    """Split a recipient field on commas and semicolons outside quotes and angle brackets."""
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    angle = 0
    for ch in text:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch == "<":
            angle += 1
        elif not quoted and ch == ">" and angle:
            angle -= 1
        elif ch in ",;" and not quoted and not angle:
            parts.append("".join(current))
            current = []
            continue
        current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]
