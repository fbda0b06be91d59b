"""List-Unsubscribe read from a real ``.eml`` (issue 9 class 9): a repeated field is kept apart by
the reader and reported; a complete RFC 8058 one-click header is an automatic route, so a message
whose body has no opt-out gets ``unsubscribe-missing`` as a warning, not an error."""

from __future__ import annotations

from py_core.eml import parse_eml
from py_core.engine import check
from py_core.model import Options


def message(*headers: str, body: str = "<p>Nieuws van de week.</p>") -> bytes:
    head = "\r\n".join(("From: Nieuws <n@voorbeeld.nl>", "To: a@voorbeeld.nl", "Subject: Nieuws", *headers))
    return f"{head}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{body}\r\n".encode()


def findings(data: bytes, rule: str) -> list[dict]:
    report = check(parse_eml(data), Options.from_dict({"packs": ["nl"], "mail_kind": "mailing", "locale": "en"}))
    return [f for f in report["findings"] if f["rule"] == rule]


def test_a_repeated_list_unsubscribe_field_is_kept_apart_and_reported() -> None:
    data = message("List-Unsubscribe: <https://voorbeeld.nl/u/1>", "List-Unsubscribe: <https://voorbeeld.nl/u/2>")
    assert parse_eml(data).headers["List-Unsubscribe"] == "<https://voorbeeld.nl/u/1>\n<https://voorbeeld.nl/u/2>"
    messages = [f["message"] for f in findings(data, "list-unsubscribe-missing")]
    assert any("2 List-Unsubscribe headers" in m for m in messages), messages


def test_one_click_header_only_makes_unsubscribe_missing_a_warning() -> None:
    data = message("List-Unsubscribe: <https://voorbeeld.nl/u/1>", "List-Unsubscribe-Post: List-Unsubscribe=One-Click")
    found = findings(data, "unsubscribe-missing")
    assert [f["severity"] for f in found] == ["warning"]
    assert "List-Unsubscribe" in found[0]["message"]
    assert findings(data, "list-unsubscribe-missing") == []


def test_without_the_post_field_it_stays_an_error() -> None:
    data = message("List-Unsubscribe: <https://voorbeeld.nl/u/1>")
    assert [f["severity"] for f in findings(data, "unsubscribe-missing")] == ["error"]


def test_a_body_link_needs_no_header_warning() -> None:
    body = '<p>Nieuws.</p><p><a href="https://voorbeeld.nl/afmelden?u=1">Afmelden</a></p>'
    data = message("List-Unsubscribe: <https://voorbeeld.nl/u/1>", "List-Unsubscribe-Post: List-Unsubscribe=One-Click", body=body)
    assert findings(data, "unsubscribe-missing") == []
