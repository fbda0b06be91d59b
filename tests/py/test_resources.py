"""Resources under hostile input (issue 13): near-linear growth, bounded reading, clean output.

**How growth is measured.** Each pathological family (the worst ones of ``bench/hostile.py``) is
checked at a size ``n`` and at ``10 n``; the test asserts that the cost grows by at most
:data:`MAX_RATIO` (30). Linear work grows by 10, ``n log n`` by about 13, quadratic work by 100:
the bound sits between with room on both sides. The cost is the *minimum* CPU time
(``time.process_time``) of :data:`RUNS` runs of each size, taken alternately (small, large,
small, ...): the minimum is the estimate least disturbed by other processes (other work can only
add time, never remove it), CPU time does not count the time this process waits for a core, and
alternating spreads a busy period over both sizes. No assertion is ever made on an absolute time.
A count of Python calls would be exact but blind to where these families spent their time (a
regex or html.parser retrying in C), so it cannot tell linear from quadratic here.

The rest is exact: what the ``.eml`` reader refuses (with one line), what a draft above the check
budget reports as checked, which charsets are read how, and property tests (hypothesis) of the
``.eml`` reader and of the escaping of every field in the command line's text output, the
Markdown export, JSON and SARIF.
"""

from __future__ import annotations

import io
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from py_core import cli, limits
from py_core.eml import parse_eml
from py_core.engine import MAX_DRAFT_BYTES, check
from py_core.model import Draft, DraftError, Options
from py_core.textsafe import escape

MAX_RATIO = 30.0
RUNS = 3
LINK = "<p><a href='https://voorbeeld.nl/afmelden'>Afmelden</a> Dorpsstraat 1, 1234 AB Utrecht</p>"
PROPERTY = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


def _eml(headers: str, body: str = "<p>Hallo</p>" + LINK, ctype: str = "text/html; charset=utf-8") -> bytes:
    return f"From: Nieuws <nieuws@voorbeeld.nl>\r\n{headers}Content-Type: {ctype}\r\n\r\n{body}".encode()


def _check_html(build: Callable[[int], str]) -> Callable[[int], object]:
    return lambda n: check(Draft(html=build(n)))


def _check_eml(build: Callable[[int], bytes]) -> Callable[[int], object]:
    def run(n: int) -> object:
        try:
            return check(parse_eml(build(n)))
        except DraftError as exc:
            return exc

    return run


#: name -> (small size, work of size n). The small size is chosen so that the small run takes
#: tens of milliseconds: quadratic work dominates by then, and timer noise does not.
FAMILIES: dict[str, tuple[int, Callable[[int], object]]] = {
    "css-brace-free": (20_000, _check_html(lambda n: "<style>" + "a" * n + "</style>" + LINK)),
    "css-at-run": (20_000, _check_html(lambda n: "<style>" + _repeat("@a", n) + "</style>" + LINK)),
    "css-blank-colour": (20_000, _check_html(lambda n: f"<p style='color: rgb(1{' ' * n}x'>a</p>" + LINK)),
    "unclosed-tail": (10_000, _check_html(lambda n: LINK + _repeat("<unsubscribe", n))),
    "unclosed-quote-tail": (5_000, _check_html(lambda n: LINK + _repeat('<a b="', n))),
    "huge-from-subject": (
        50_000,
        lambda n: check(Draft(html=LINK, from_name=_repeat("Acme Nieuws ", n), subject=_repeat("Aanbieding ", n))),
    ),
    "eml-quotes-in-to": (10_000, _check_eml(lambda n: _eml("To: " + '"' * n + "\r\n"))),
    "eml-commas-in-to": (10_000, _check_eml(lambda n: _eml("To: " + "," * n + "\r\n"))),
    "eml-words-in-to": (10_000, _check_eml(lambda n: _eml("To: " + _repeat("a b ", n) + "\r\n"))),
    "eml-punycode": (20_000, _check_eml(lambda n: _eml("", body="a-" + "b" * n, ctype="text/plain; charset=punycode"))),
}


def _min_cpu(work: Callable[[int], object], sizes: tuple[int, int]) -> tuple[float, float]:
    best = [float("inf"), float("inf")]
    for _ in range(RUNS):
        for i, size in enumerate(sizes):
            started = time.process_time()
            work(size)
            best[i] = min(best[i], time.process_time() - started)
    return best[0], best[1]


@pytest.mark.parametrize("family", list(FAMILIES))
def test_growth_is_near_linear(family: str) -> None:
    small, work = FAMILIES[family]
    work(small)  # warm up: lazy imports and compiled patterns are not part of the growth
    t_small, t_large = _min_cpu(work, (small, small * 10))
    ratio = t_large / max(t_small, 1e-3)
    assert ratio <= MAX_RATIO, f"{family}: x10 size cost x{ratio:.1f} ({t_small:.4f} -> {t_large:.4f} s CPU)"


# -- the check budget -------------------------------------------------------------------------------
def test_a_draft_above_the_tag_budget_is_checked_in_part_head_and_footer() -> None:
    body = _repeat("<b>x</b>", 8 * (limits.MAX_CHECKED_TAGS + 1000))
    report = check(Draft(html="<html><body><p>Nieuws van Acme</p>" + body + LINK + "</body></html>"))
    (part,) = report["partial"]
    assert part["field"] == "html" and part["length"] > len(body)
    (start, head_end), (tail_start, end) = part["checked"]
    assert start == 0 and end == part["length"] and head_end < tail_start
    # The footer (unsubscribe link, address) was in the checked tail: no false 'missing' finding.
    rules = {f["rule"] for f in report["findings"]}
    assert "unsubscribe-missing" not in rules and "postal-address-missing" not in rules
    assert report["draft"]["size_bytes"] >= len(body)


def test_a_small_draft_has_no_partial_key() -> None:
    assert "partial" not in check(Draft(html=LINK, subject="Nieuws", from_name="Acme"))


def test_envelope_fields_are_checked_in_part() -> None:
    report = check(Draft(html=LINK, subject="s" * 50_000, from_name="n" * 50_000, to=["a@b.nl"] * 20_000))
    fields = {p["field"]: p for p in report["partial"]}
    assert fields["subject"]["checked"] == [[0, limits.FIELD_CHARS["subject"]]]
    assert fields["from_name"]["checked"] == [[0, limits.FIELD_CHARS["from_name"]]]
    assert fields["to"]["checked"] == [[0, limits.MAX_RECIPIENTS]]
    assert report["draft"]["subject"] == "s" * 50_000  # the report shows the draft as it is


@pytest.mark.parametrize("field", ["from_name", "subject", "to", "headers"])
def test_every_input_counts_toward_the_size_limit(field: str) -> None:
    big = "x" * (MAX_DRAFT_BYTES + 1)
    value: object = [big] if field == "to" else {"X-Big": big} if field == "headers" else big
    with pytest.raises(DraftError, match="MB"):
        check(Draft(html=LINK, **{field: value}))  # type: ignore[arg-type]


# -- the .eml reader --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_eml("Subject: " + _repeat("=?utf-8?q?a?= ", 200_000) + "\r\n"), "encoded words"),
        (_eml("", ctype="text/html; charset=utf-8" + _repeat("; a=b", 50_000)), "parameters"),
        (_eml("X-Long: " + "a" * (limits.MAX_HEADER_CHARS + 1) + "\r\n"), "characters long"),
        (_eml("Subject: =?punycode?q?abc-def?=\r\n"), "not a text charset"),
        (
            _eml(
                "MIME-Version: 1.0\r\n",
                _repeat("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n", 200_000) + "--b--\r\n",
                'multipart/mixed; boundary="b"',
            ),
            "MIME parts",
        ),
    ],
)
def test_the_eml_reader_refuses_beyond_its_bounds_with_one_line(data: bytes, message: str, tmp_path: Path) -> None:
    with pytest.raises(DraftError, match=message) as caught:
        parse_eml(data)
    assert "\n" not in str(caught.value)
    path = tmp_path / "hostile.eml"
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(["check", str(path)], stdout=out, stderr=err) == 2
    assert err.getvalue().count("\n") == 1 and err.getvalue().startswith("mailwacht: error: ")


@pytest.mark.parametrize("charset", ["punycode", "idna", "unicode_escape", "base64", "x-no-such-charset"])
def test_odd_body_charsets_are_read_as_utf8(charset: str) -> None:
    draft = parse_eml(_eml("", body="<p>Caf\u00e9 Afmelden</p>", ctype=f"text/html; charset={charset}"))
    assert "Caf\u00e9 Afmelden" in draft.html


def test_long_address_headers_keep_their_recipients() -> None:
    to = ", ".join(f'"Naam {i}" <u{i}@x.nl>' for i in range(500))
    assert len(to) > limits.STRUCTURED_ADDRESS_CHARS
    draft = parse_eml(_eml(f"To: {to}\r\n"))
    assert len(draft.to) == 500 and draft.to[7] == "Naam 7 <u7@x.nl>"


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("\ufeff<p>Hallo wereld</p>".encode("utf-16-le"), "Hallo wereld"),
        ("\ufeff<p>Hallo wereld</p>".encode("utf-16-be"), "Hallo wereld"),
        ("\ufeff<p>Hallo wereld</p>".encode("utf-32"), "Hallo wereld"),
        ('<meta charset="utf-16"><p>Caf\u00e9</p>'.encode("cp1252"), "Caf\u00e9"),
        ('<meta charset="punycode"><p>Caf\u00e9</p>'.encode("cp1252"), "Caf\u00e9"),
    ],
)
def test_cli_reads_unicode_with_a_bom_and_ignores_a_meta_charset_that_cannot_be(data: bytes, text: str, tmp_path: Path) -> None:
    path = tmp_path / "draft.html"
    path.write_bytes(data)
    draft, _ = cli.load(path, io.StringIO())
    assert text in draft.html


# -- clean output -----------------------------------------------------------------------------------
_UNSAFE = [chr(c) for c in range(0x20)] + [chr(c) for c in range(0x7F, 0xA0)] + ["\u2028", "\u2029", "\u202e", "\u2066"]


@given(st.text())
def test_escape_leaves_no_control_character_and_one_line(text: str) -> None:
    out = escape(text)
    assert not any(ch in out for ch in _UNSAFE)
    assert len(out.splitlines()) <= 1
    if not any(ch in text for ch in _UNSAFE):
        assert out == text


def test_escape_spells_them_out() -> None:
    assert escape("a\x1b[2Jb\nc\u2028d\x07") == "a\\x1b[2Jb\\nc\\u2028d\\x07"


_HOSTILE = st.lists(
    st.sampled_from(["\x1b", "\n", "\r", "\x07", "\u2028", "\u202e", "\x00", "\x9b", ":", "error", " ", "a", "]0;", "\ud800"]),
    max_size=40,
).map("".join)


@PROPERTY
@given(name=_HOSTILE, subject=_HOSTILE, header=_HOSTILE)
def test_text_json_and_sarif_output_stay_clean_for_any_field(
    name: str, subject: str, header: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("drafts") / f"d{abs(hash((name, subject, header)))}.json"
    draft = {
        "html": "<p>Hallo</p>",
        "from_name": name,
        "subject": subject,
        "from_address": name + "@x.nl",
        "headers": {"X-" + header: header},
    }
    path.write_text(json.dumps(draft), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(["check", str(path)], stdout=out, stderr=err) in (0, 1), err.getvalue()
    text = out.getvalue()
    assert not any(ch in text for ch in _UNSAFE if ch != "\n")
    for line in text.splitlines():
        assert not line.startswith("::") and (not line or line.startswith((str(path)[:1], " ")))
    for fmt in ("json", "sarif"):
        out = io.StringIO()
        assert cli.main(["check", str(path), "--format", fmt], stdout=out, stderr=io.StringIO()) in (0, 1)
        json.loads(out.getvalue())


def test_markdown_export_escapes_every_field() -> None:
    from py_core.export import render_summary

    report = check(Draft(html=LINK, subject="a\x1b[2J\n# fake", from_name="b\u2028[x](javascript:y)"), Options(locale="en"))
    report["engine"]["version"] = "9\x1b]0;title\x07\n# injected"
    report["locale"] = "nl\n# injected"
    content = render_summary(report, "markdown", "en")["content"]
    assert not any(ch in content for ch in _UNSAFE if ch != "\n")
    assert not any(line.startswith(("# fake", "# injected")) for line in content.splitlines())


# -- the .eml reader, property ----------------------------------------------------------------------
_HEADER_TEXT = st.lists(
    st.sampled_from([*'",<>@\\()=?;: aZ\t', "=?utf-8?q?a?=", "=?punycode?q?a?=", "\u00e9"]), max_size=300
).map("".join)


@PROPERTY
@given(to=_HEADER_TEXT, subject=_HEADER_TEXT, ctype=_HEADER_TEXT, body=st.binary(max_size=300))
def test_eml_reader_gives_a_draft_or_one_line(to: str, subject: str, ctype: str, body: bytes) -> None:
    data = f"From: a@b.nl\r\nTo: {to}\r\nSubject: {subject}\r\nContent-Type: text/html; {ctype}\r\n\r\n".encode() + body
    try:
        draft = parse_eml(data)
    except DraftError as exc:
        assert "\n" not in str(exc) and str(exc)
        return
    assert isinstance(draft.html, str) and isinstance(draft.to, list)
    check(draft)


@PROPERTY
@given(st.binary(max_size=2000))
def test_eml_reader_on_junk_bytes(data: bytes) -> None:
    try:
        parse_eml(b"From: a@b.nl\r\n" + data)
    except DraftError as exc:
        assert "\n" not in str(exc)
