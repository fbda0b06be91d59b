"""The JSON boundary: :func:`py_core.api.handle` answers every request and never raises."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from py_core import __version__
from py_core.api import handle


def ask(request: object) -> dict:
    reply = json.loads(handle(json.dumps(request)))
    assert set(reply) in ({"ok", "result"}, {"ok", "error"})
    return reply


def test_check_returns_a_report() -> None:
    reply = ask({"kind": "check", "draft": {"html": "<p>Hallo</p>"}, "options": {"platform": "webmail", "mail_kind": "mailing"}})
    assert reply["ok"] is True
    assert any(f["rule"] == "unsubscribe-missing" for f in reply["result"]["findings"])


@pytest.mark.parametrize(
    ("request_json", "code"),
    [
        ("{not json", "bad-input"),
        ("", "bad-input"),
        ("[]", "bad-input"),
        ('"check"', "bad-input"),
        ('{"kind": "frobnicate"}', "bad-input"),
        ("{}", "bad-input"),
        ('{"kind": "check", "draft": {"html": 5, "to": {"a": 1}}}', "bad-input"),
        ('{"kind": "check", "draft": {"html": "<p>x</p>"}, "options": {"platform": "aol"}}', "bad-input"),
        ('{"kind": "check", "draft": [1], "options": [2]}', "bad-input"),
        ('{"kind": "render-summary", "report": "x"}', "bad-input"),
        ('{"kind": "render-summary", "report": {"draft": {}}}', "bad-input"),
        ('{"kind": "footer", "options": {"platform": "mailchimp"}, "format": "pdf"}', "bad-input"),
        ('{"kind": "catalogue", "locale": "fr"}', "bad-input"),
    ],
)
def test_bad_requests_get_a_one_line_error(request_json: str, code: str) -> None:
    reply = json.loads(handle(request_json))
    assert reply["ok"] is False
    assert reply["error"]["code"] == code
    assert reply["error"]["message"] and "\n" not in reply["error"]["message"]


def test_version_tells_how_the_checks_came_by_their_parse_when_asked() -> None:
    def parses() -> dict[str, int]:
        return ask({"kind": "version", "parses": True})["result"]["parses"]

    def check(html: str) -> None:
        ask({"kind": "check", "draft": {"html": html}, "options": {"now": "2026-01-01T00:00:00+00:00"}})

    start = parses()
    check("<div><p>Beste klant, tot ziens</p><p>Groet</p></div>")
    check("<div><p>Beste klant, tot ziens</p><p>Groet</p></div>")  # the same HTML
    check("<div><p>Beste klant, tot ziens!</p><p>Groet</p></div>")  # one character typed
    check('<div class="x"><p>Beste klant, tot ziens!</p><p>Groet</p></div>')  # other markup
    end = parses()
    assert {key: end[key] - start[key] for key in end} == {"same": 1, "new": 2, "edited": 1}


def test_other_kinds() -> None:
    assert ask({"kind": "version"})["result"] == {"version": __version__}
    catalogue = ask({"kind": "catalogue", "locale": "nl"})["result"]
    assert any(entry["id"] == "unsubscribe-missing" for entry in catalogue)
    footer = ask({"kind": "footer", "options": {"platform": "mailchimp", "org": {"name": "X"}}, "format": "html"})
    assert "*|UNSUB|*" in footer["result"]["content"]
    report = ask({"kind": "check", "draft": {"html": "<p>Hallo</p>"}, "options": {"now": "2026-01-01T00:00:00+00:00"}})["result"]
    summary = ask({"kind": "render-summary", "report": report, "format": "markdown", "locale": "en"})["result"]
    assert summary["filename"] == f"mailwacht-summary-2026-01-01-{report['draft']['fingerprint'][:8]}.md"
    assert summary["content"].startswith("# Mailwacht compliance summary")


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)
KINDS = st.sampled_from(["check", "render-summary", "footer", "catalogue", "version", "other"])


@settings(max_examples=150, deadline=None)
@given(kind=KINDS, body=st.dictionaries(st.sampled_from(["draft", "options", "report", "format", "locale"]), JSONISH))
def test_handle_never_raises_on_random_requests(kind: str, body: dict) -> None:
    reply = json.loads(handle(json.dumps({"kind": kind, **body})))
    assert isinstance(reply["ok"], bool)
    if not reply["ok"]:
        assert reply["error"]["code"] == "bad-input", reply  # never an engine fault


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_handle_never_raises_on_random_text(text: str) -> None:
    assert json.loads(handle(text))["ok"] in (True, False)


def test_lone_surrogates_give_valid_utf8_json() -> None:
    reply = handle(json.dumps({"kind": "check", "draft": {"html": "<p>\udc80</p>", "subject": "\ud800"}}))
    reply.encode("utf-8")
    assert json.loads(reply)["ok"] is True


def test_recipient_fields_with_a_trailing_separator_keep_their_addresses() -> None:
    """Roundcube's fields end in ", "; Python 3.13+'s strict getaddresses (Pyodide runs 3.14)
    returns no address for such a field as a whole, so fields are split before parsing."""
    from py_core.model import Draft

    draft = Draft.from_dict({"to": '"Jansen, Piet" <piet@voorbeeld.nl>, anna@voorbeeld.nl, ', "cc": ["kees@voorbeeld.nl;"]})
    assert draft.to == ['"Jansen, Piet" <piet@voorbeeld.nl>', "anna@voorbeeld.nl"]
    assert draft.cc == ["kees@voorbeeld.nl"]


def test_check_reports_the_mail_kind_and_takes_the_users_choice() -> None:
    draft = {"text": "Hoi Piet, zullen we morgen bellen?", "to": ["piet@klant.nl"], "subject": "bellen"}
    auto = ask({"kind": "check", "draft": draft, "options": {"platform": "gmail"}})["result"]
    assert (auto["mail_kind"], auto["mail_kind_source"]) == ("personal", "auto")
    assert auto["findings"] == [] and auto["organisation"] is None
    assert set(auto["mail_kind_reason"]) == {"nl", "en"}
    chosen = ask({"kind": "check", "draft": draft, "options": {"platform": "gmail", "mail_kind": "mailing"}})["result"]
    assert (chosen["mail_kind"], chosen["mail_kind_source"]) == ("mailing", "user")
    assert any(f["rule"] == "unsubscribe-missing" for f in chosen["findings"])
    bad = ask({"kind": "check", "draft": draft, "options": {"mail_kind": "newsletter"}})
    assert bad["ok"] is False and bad["error"]["code"] == "bad-input" and "mail_kind" in bad["error"]["message"]
