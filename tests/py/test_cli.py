"""The command line: exit codes, every output format, inputs (.html, .txt, .eml, .json, folders)
and one-line errors. Runs in-process through ``py_core.cli.main`` and once as ``python -m py_core``."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from py_core import __version__
from py_core.cli import main
from py_core.eml import parse_eml
from py_core.model import Draft, DraftError

from .helpers import ROOT

DATA = Path(__file__).parents[1] / "data"
DRAFTS = DATA / "drafts"
OK = DRAFTS / "ok.html"
BAD = DRAFTS / "sub" / "bad.htm"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_exit_zero_without_errors_and_one_with() -> None:
    code, out, err = run(
        "check", str(OK), "--platform", "webmail", "--from-name", "Voorbeeld BV", "--from-address", "nieuws@voorbeeld.nl"
    )
    assert (code, err) == (0, "")
    assert str(OK) in out
    code, out, _ = run("check", str(BAD), "--platform", "webmail", "--locale", "en")
    assert code == 1
    assert "unsubscribe-missing" in out and "Errors" in out


def test_text_has_no_colour_when_not_a_tty(monkeypatch: pytest.MonkeyPatch) -> None:
    _, out, _ = run("check", str(BAD))
    assert "\033[" not in out

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    tty = Tty()
    main(["check", str(BAD)], stdout=tty, stderr=io.StringIO())
    assert "\033[31m" in tty.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    tty = Tty()
    main(["check", str(BAD)], stdout=tty, stderr=io.StringIO())
    assert "\033[" not in tty.getvalue()


def test_json_single_is_the_report_and_several_a_list() -> None:
    code, out, _ = run("check", str(BAD), "--format", "json", "--platform", "webmail")
    report = json.loads(out)
    assert code == 1
    assert isinstance(report, dict) and isinstance(report["findings"], list)
    assert any(f["rule"] == "unsubscribe-missing" for f in report["findings"])
    _, out, _ = run("check", str(OK), str(BAD), "--format", "json")
    reports = json.loads(out)
    assert isinstance(reports, list) and len(reports) == 2
    assert all("findings" in r for r in reports)


def test_folder_is_searched_recursively_sorted_and_filtered() -> None:
    code, out, _ = run("check", str(DRAFTS), "--format", "json")
    reports = json.loads(out)
    sources = [r["draft"]["source"] for r in reports]
    names = [Path(s).name for s in sources]
    assert names == ["ok.html", "bad.htm", "plain.txt", "request.json"]  # sorted paths; notes.md skipped
    assert code == 1  # bad.htm has no unsubscribe link
    plain = reports[2]
    assert plain["draft"]["mode"] == "text"
    assert not [f for f in plain["findings"] if f["rule"] == "unsubscribe-missing"]


def test_json_draft_options_apply_and_command_line_wins() -> None:
    path = DRAFTS / "sub" / "request.json"
    _, out, _ = run("check", str(path), "--format", "json")
    report = json.loads(out)
    assert report["platform"] == "mailchimp" and report["locale"] == "en"
    assert report["draft"]["subject"] == "From the file"
    assert not [f for f in report["findings"] if f["rule"] == "unsubscribe-missing"]
    _, out, _ = run("check", str(path), "--format", "json", "--platform", "gmail", "--locale", "nl", "--subject", "CLI")
    report = json.loads(out)
    assert (report["platform"], report["locale"], report["draft"]["subject"]) == ("gmail", "nl", "CLI")
    assert report["platform_inferred"] is False


def test_bare_json_draft_and_options(tmp_path: Path) -> None:
    path = tmp_path / "bare.json"
    path.write_text(json.dumps({"html": "<p>Hallo</p>", "from_name": "X"}), encoding="utf-8")
    code, out, _ = run(
        "check",
        str(path),
        "--format",
        "json",
        "--pack",
        "nl,us-can-spam",
        "--pack",
        "bulk-sender",
        "--org-name",
        "Voorbeeld BV",
        "--org-domain",
        "voorbeeld.nl",
        "--audience",
        "opt-in list",
        "--from-address",
        "a@voorbeeld.nl",
    )
    report = json.loads(out)
    assert report["packs"] == ["nl", "us-can-spam", "bulk-sender"]
    assert report["audience"] == "opt-in list"
    assert report["draft"]["from_address"] == "a@voorbeeld.nl"
    assert code == 1


def test_eml_input_reads_parts_headers_and_list_unsubscribe() -> None:
    draft = parse_eml((DATA / "newsletter.eml").read_bytes(), source="x")
    assert draft.is_message
    assert draft.subject == "Nieuws uit het café ☕"
    assert (draft.from_name, draft.from_address) == ("Voorbeeld Café", "nieuws@voorbeeld.nl")
    assert draft.reply_to == "redactie@voorbeeld.nl"
    assert draft.to == ["lezer@example.org"]
    assert "cafés" in draft.html and "Not the body" not in draft.html  # iso-8859-1 base64 part, not the attachment
    assert "Afmelden: https://voorbeeld.nl/afmelden?u=42" in draft.text  # quoted-printable utf-8 part
    assert draft.headers["List-Unsubscribe"].startswith("<https://voorbeeld.nl/afmelden?u=42>")
    assert draft.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    plain = parse_eml((DATA / "plain.eml").read_bytes())
    assert plain.html == "" and "€" in plain.text  # windows-1252 8bit body
    _code, out, _ = run("check", str(DATA / "newsletter.eml"), "--format", "json")
    report = json.loads(out)
    assert report["draft"]["subject"] == "Nieuws uit het café ☕"
    assert not [f for f in report["findings"] if f["rule"] == "unsubscribe-missing"]


@pytest.mark.parametrize("data", [b"", b"   \n", b"\x89PNG\r\n\x1a\n\x00\x00junk", b"just some words"])
def test_malformed_eml_is_a_one_line_error(data: bytes) -> None:
    with pytest.raises(DraftError) as info:
        parse_eml(data)
    assert "\n" not in str(info.value)


def test_sarif_has_rules_results_and_locations() -> None:
    code, out, _ = run("check", str(BAD), str(OK), "--format", "sarif", "--platform", "webmail")
    log = json.loads(out)
    assert code == 1
    assert log["version"] == "2.1.0" and "$schema" in log
    run_ = log["runs"][0]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "Mailwacht" and driver["version"] == __version__
    ids = [r["id"] for r in driver["rules"]]
    assert "unsubscribe-missing" in ids
    assert all(r["help"]["text"] and r["shortDescription"]["text"] for r in driver["rules"])
    assert run_["results"]
    for result in run_["results"]:
        assert result["ruleId"] in ids
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        assert result["message"]["text"]
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uri"].endswith(("bad.htm", "ok.html"))
        assert physical["region"]["startLine"] >= 1
    located = [r for r in run_["results"] if "logicalLocations" in r["locations"][0]]
    for result in located:
        assert result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]


def test_sarif_line_of_a_located_finding(tmp_path: Path) -> None:
    path = tmp_path / "lines.html"
    path.write_text('<p>one</p>\n<p>two</p>\n<p><a href="#">Afmelden</a></p>\n', encoding="utf-8")
    _, out, _ = run("check", str(path), "--format", "sarif")
    results = json.loads(out)["runs"][0]["results"]
    broken = [r for r in results if r["ruleId"] == "unsubscribe-broken"]
    if not broken:
        pytest.skip("unsubscribe-broken is not registered yet")
    assert broken[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 3


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_html_and_markdown_summaries(tmp_path: Path, locale: str) -> None:
    target = tmp_path / "summary.html"
    code, out, _ = run("check", str(BAD), "--format", "html", "--locale", locale, "--output", str(target))
    assert code == 1 and out == ""
    parser = _Collector()
    parser.feed(target.read_text(encoding="utf-8"))
    assert {"html", "head", "body", "table"} <= set(parser.tags)
    assert "script" not in parser.tags and "link" not in parser.tags  # self-contained
    code, out, _ = run("check", str(BAD), "--format", "markdown", "--locale", locale)
    assert code == 1 and out.startswith("# Mailwacht") and "unsubscribe-missing" in out


def test_several_html_summaries_need_a_folder(tmp_path: Path) -> None:
    code, _, err = run("check", str(OK), str(BAD), "--format", "html")
    assert code == 2 and err.startswith("mailwacht: error:") and err.count("\n") == 1
    code, out, _ = run("check", str(OK), str(BAD), "--format", "html", "--output", str(tmp_path))
    assert code == 1
    written = sorted(tmp_path.glob("mailwacht-summary-*.html"))
    assert len(written) == 2 and out.count("\n") == 2
    code, _, _ = run("check", str(OK), str(BAD), "--format", "markdown", "--output", str(tmp_path / "new" / "folder"))
    assert code == 1 and len(list((tmp_path / "new" / "folder").glob("*.md"))) == 2


def test_catalogue_and_version() -> None:
    code, out, _ = run("catalogue", "--format", "json", "--locale", "nl")
    entries = json.loads(out)
    assert code == 0 and any(e["id"] == "unsubscribe-missing" for e in entries)
    code, out, _ = run("catalogue")
    assert code == 0 and out.startswith("# Mailwacht rule catalogue")
    code, out, _ = run("--version")
    assert code == 0 and __version__ in out


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["check"],
        ["check", "--format", "pdf", "x.html"],
        ["check", "--platform", "aol", "x.html"],
        ["frobnicate"],
        ["check", "/no/such/draft.html"],
        ["check", str(DATA / "drafts" / "sub" / "notes.md")],
        ["check", str(OK), "--pack", "nope"],
        ["check", str(OK), "--audience", "everyone"],
        ["check", str(DATA / "noheaders.eml")],
    ],
)
def test_bad_usage_is_one_line_and_exit_two(argv: list[str]) -> None:
    code, out, err = run(*argv)
    assert code == 2, (out, err)
    assert err.startswith("mailwacht: error: ") and err.count("\n") == 1
    assert "Traceback" not in err


def test_unreadable_inputs(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "readme.md").write_text("x")
    binary = tmp_path / "image.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    broken_json = tmp_path / "broken.json"
    broken_json.write_text("{not json", encoding="utf-8")
    nothing_json = tmp_path / "nothing.json"
    nothing_json.write_text('{"subject": "no body"}', encoding="utf-8")
    for path in (empty, binary, broken_json, nothing_json):
        code, _, err = run("check", str(path))
        assert code == 2, path
        assert err.startswith("mailwacht: error: ") and err.count("\n") == 1


def test_unreadable_file_permission(tmp_path: Path) -> None:
    path = tmp_path / "secret.html"
    path.write_text("<p>x</p>")
    path.chmod(0)
    try:
        if path.stat().st_mode and _can_read(path):
            pytest.skip("running as a user that can read any file")
        code, _, err = run("check", str(path))
        assert code == 2 and "cannot read" in err
    finally:
        path.chmod(0o600)


def _can_read(path: Path) -> bool:
    try:
        path.read_bytes()
    except OSError:
        return False
    return True


def test_non_utf8_file_is_read_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "legacy.html"
    html = '<p>Caf\u00e9 \u20ac5 \u2013 <a href="https://x.nl/afmelden">Afmelden</a></p>'
    path.write_bytes(html.encode("cp1252"))
    _, out, err = run("check", str(path), "--format", "json")
    assert "not UTF-8; read as cp1252" in err and err.count("\n") == 1
    assert json.loads(out)["draft"]["size_bytes"] == len(html.encode("utf-8"))  # € and – decoded, not replaced
    meta = tmp_path / "meta.html"
    meta.write_bytes('<meta charset="iso-8859-15"><p>\u20ac</p>'.encode("iso-8859-15"))
    _code, out, err = run("check", str(meta), "--format", "json")
    assert "read as iso-8859-15" in err


def test_subprocess_python_m_py_core(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "py_core", "check", str(BAD), "--format", "json", "--platform", "webmail"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)["findings"]
    proc = subprocess.run(
        [sys.executable, "-m", "py_core", "check", str(tmp_path / "missing.html")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("mailwacht: error:") and proc.stderr.count("\n") == 1


def test_lone_surrogates_in_a_json_draft_do_not_break_output(tmp_path: Path) -> None:
    path = tmp_path / "surrogate.json"
    path.write_text('{"html": "<p>\\udc80 hallo</p>", "subject": "x \\ud800"}', encoding="utf-8")
    for fmt in ("json", "text", "markdown", "sarif"):
        target = tmp_path / f"out.{fmt}"
        code, _, err = run("check", str(path), "--format", fmt, "--output", str(target))
        assert code in (0, 1), err
        target.read_text(encoding="utf-8")


def test_docs_rules_md_is_up_to_date() -> None:
    """docs/rules.md is generated; regenerate with
    ``python -m py_core catalogue --format markdown > docs/rules.md``."""
    from py_core.catalogue import catalogue_markdown
    from py_core.registry import RULES

    on_disk = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert on_disk == catalogue_markdown("en"), (
        "docs/rules.md is stale: run python -m py_core catalogue --format markdown > docs/rules.md"
    )
    for rule_id in RULES:
        assert f"\n## {rule_id}\n" in on_disk


def test_catalogue_entries_in_both_languages() -> None:
    from py_core.catalogue import catalogue, catalogue_markdown
    from py_core.registry import RULES

    for locale in ("nl", "en"):
        entries = catalogue(locale)
        assert [e["id"] for e in entries] == list(RULES)
        for entry in entries:
            assert entry["title"] == RULES[entry["id"]].title[locale]
            assert entry["basis"] and all(b["title"] and b["document"] for b in entry["basis"])
            assert "**Why**" in entry["doc"] and "**Bad**" in entry["doc"] and "**Good**" in entry["doc"]
            assert all(sev in ("error", "warning", "info") for sev in entry["packs"].values())
    assert catalogue_markdown("nl").startswith("# Mailwacht-regelcatalogus")


def test_sarif_line_in_a_plain_text_draft(tmp_path: Path) -> None:
    path = tmp_path / "reminder.txt"
    path.write_text("Hallo,\n\nTot ziens.\nAfmelden? Stuur een e-mail naar info@voorbeeld.nl\n", encoding="utf-8")
    _, out, _ = run("check", str(path), "--format", "sarif")
    results = json.loads(out)["runs"][0]["results"]
    located = [r for r in results if r["locations"][0].get("logicalLocations", [{}])[0].get("fullyQualifiedName") == "text"]
    for result in located:
        assert result["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
    manual = [r for r in located if r["ruleId"] == "unsubscribe-manual"]
    if manual:
        assert manual[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 4


def test_eml_ignores_an_attached_message_and_survives_deep_nesting() -> None:
    forwarded = (
        b"From: a@voorbeeld.nl\r\nSubject: Fwd\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="m"\r\n\r\n'
        b"--m\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nZie bijlage.\r\n"
        b"--m\r\nContent-Type: message/rfc822\r\n\r\n"
        b"From: b@example.org\r\nSubject: Old\r\nContent-Type: text/html\r\n\r\n<p>Old newsletter</p>\r\n"
        b"--m--\r\n"
    )
    draft = parse_eml(forwarded)
    assert draft.html == "" and "Zie bijlage." in draft.text
    deep = b"From: a@x.nl\r\nSubject: deep\r\nMIME-Version: 1.0\r\n"
    for i in range(200):
        deep += f'Content-Type: multipart/mixed; boundary="b{i}"\r\n\r\n--b{i}\r\n'.encode()
    deep += b"Content-Type: text/plain\r\n\r\nbody\r\n"
    try:
        result = parse_eml(deep)
    except DraftError as exc:  # refused with one line is fine; a traceback is not
        assert "\n" not in str(exc)
    else:
        assert "body" in result.text


def test_markup_the_parser_rejects_is_still_checked(tmp_path: Path) -> None:
    path = tmp_path / "mso.html"
    path.write_text('<p>Hallo</p><![ if mso]><p><a href="https://x.nl/afmelden">Afmelden</a></p>', encoding="utf-8")
    code, out, err = run("check", str(path), "--format", "json")
    assert code in (0, 1) and err == ""
    assert json.loads(out)["problems"] == []


def _counted_report(locale: str, counts: dict[str, int]) -> dict:
    """A report holding exactly ``counts`` findings per group (review and dismissed apart)."""
    findings = []
    for key, number in counts.items():
        for _ in range(number):
            findings.append(
                {
                    "rule": "logo-missing",
                    "severity": key if key in ("error", "warning", "info") else "warning",
                    "kind": "review" if key == "review" else "violation",
                    "message": "m",
                    "dismissed": key == "dismissed",
                    "location": None,
                    "evidence": "",
                    "fix": "",
                }
            )
    return {"locale": locale, "platform": "webmail", "packs": ["nl"], "findings": findings, "problems": [], "draft": {}}


COUNT_LINES = [
    ("nl", {"error": 1, "warning": 2, "info": 1, "review": 1}, "1 fout, 2 waarschuwingen, 1 advies, 1 te beoordelen"),
    (
        "nl",
        {"error": 2, "warning": 1, "info": 2, "review": 0, "dismissed": 1},
        "2 fouten, 1 waarschuwing, 2 adviezen, 0 te beoordelen, 1 genegeerd",
    ),
    ("nl", {}, "0 fouten, 0 waarschuwingen, 0 adviezen, 0 te beoordelen"),
    ("en", {"error": 1, "warning": 2, "info": 1, "review": 3}, "1 error, 2 warnings, 1 note, 3 to review"),
    (
        "en",
        {"error": 0, "warning": 1, "info": 2, "review": 1, "dismissed": 2},
        "0 errors, 1 warning, 2 notes, 1 to review, 2 dismissed",
    ),
]


@pytest.mark.parametrize(("locale", "counts", "line"), COUNT_LINES)
def test_count_line_is_singular_for_one_and_plural_otherwise(locale: str, counts: dict[str, int], line: str) -> None:
    from py_core.export.text import render_text

    out = render_text([(Path("x.html"), Draft(), _counted_report(locale, counts))])
    assert out.splitlines()[-1] == "  " + line


@pytest.mark.parametrize(("locale", "counts", "line"), COUNT_LINES)
def test_summary_counts_are_singular_for_one_and_plural_otherwise(locale: str, counts: dict[str, int], line: str) -> None:
    from py_core.export import render_summary

    report = {**_counted_report(locale, counts), "checklist": []}
    markdown = render_summary(report, "markdown", locale)["content"]
    assert f": {line}\n" in markdown
    html = render_summary(report, "html", locale)["content"]
    for part in line.split(", "):
        assert f"<span>{part}</span>" in html


def test_totals_of_several_drafts_count_in_words() -> None:
    from py_core.export.text import render_text

    reports = [_counted_report("en", {"error": 1}), _counted_report("en", {"info": 1, "warning": 1})]
    out = render_text([(Path(f"{i}.html"), Draft(), r) for i, r in enumerate(reports)])
    assert out.splitlines()[-1] == "2 drafts: 1 error, 1 warning, 1 note, 0 to review"


def test_count_line_of_a_checked_draft() -> None:
    _, out, _ = run("check", str(BAD), "--platform", "webmail", "--locale", "nl")
    counts = out.splitlines()[-1].strip().split(", ")
    assert len(counts) >= 4
    for part, (one, other) in zip(
        counts, [("fout", "fouten"), ("waarschuwing", "waarschuwingen"), ("advies", "adviezen")], strict=False
    ):
        number, noun = part.split(" ", 1)
        assert noun == (one if number == "1" else other), part


# -- mailing or personal mail, exit status (issues 9 and 10) ---------------------------------------
PERSONAL_EML = (
    b"Received: from mx.example.org by mx.example.org\r\n"
    b"From: Anna de Vries <anna@acme.nl>\r\nTo: Piet <piet@klant.nl>\r\nSubject: Re: offerte\r\n"
    b"In-Reply-To: <1@klant.nl>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    b"Hoi Piet,\r\n\r\nDank je, morgen om 10 uur is goed.\r\n\r\nGroet, Anna\r\n\r\n"
    b"Op 1 dec. 2026 om 09:00 schreef Piet <piet@klant.nl>:\r\n> Kunnen we morgen bellen?\r\n"
)


def test_a_template_is_checked_as_a_mailing_and_says_so(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Hoi Piet, zullen we morgen bellen?\n\nAnna", encoding="utf-8")
    code, out, _ = run("check", str(note), "--locale", "en")
    assert code == 1 and "unsubscribe-missing" in out
    assert "  Mailing (template): a template file counts as a mailing" in out
    code, out, _ = run("check", str(note), "--mail-kind", "personal", "--locale", "en", "--format", "json")
    report = json.loads(out)
    assert code == 0
    assert (report["mail_kind"], report["mail_kind_source"]) == ("personal", "user")
    assert report["findings"] == []


def test_an_eml_is_decided_by_its_signals_and_the_user_can_overrule(tmp_path: Path) -> None:
    eml = tmp_path / "reply.eml"
    eml.write_bytes(PERSONAL_EML)
    code, out, _ = run("check", str(eml))
    assert code == 0
    assert "  Persoonlijke e-mail (automatisch): een antwoord op een bericht" in out
    assert "unsubscribe-missing" not in out
    code, out, _ = run("check", str(eml), "--mail-kind", "mailing", "--format", "json")
    report = json.loads(out)
    assert code == 1 and (report["mail_kind"], report["mail_kind_source"]) == ("mailing", "user")
    _code, out, _ = run("check", str(DATA / "newsletter.eml"), "--format", "json")
    assert json.loads(out)["mail_kind"] == "mailing"


def test_a_json_drafts_own_mail_kind_applies_and_the_command_line_wins(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text(json.dumps({"draft": {"html": "<p>Hallo</p>"}, "options": {"mail_kind": "personal"}}), encoding="utf-8")
    _code, out, _ = run("check", str(path), "--format", "json")
    assert json.loads(out)["mail_kind"] == "personal"
    _code, out, _ = run("check", str(path), "--format", "json", "--mail-kind", "auto")
    report = json.loads(out)  # auto, but still a template file: a mailing
    assert (report["mail_kind"], report["mail_kind_source"]) == ("mailing", "template")


def test_mail_kind_is_in_sarif_and_the_summaries(tmp_path: Path) -> None:
    eml = tmp_path / "reply.eml"
    eml.write_bytes(PERSONAL_EML)
    _code, out, _ = run("check", str(eml), str(BAD), "--format", "sarif")
    drafts = json.loads(out)["runs"][0]["properties"]["drafts"]
    assert [d["mail_kind"] for d in drafts] == ["personal", "mailing"]
    assert [d["mail_kind_source"] for d in drafts] == ["auto", "template"]
    _code, out, _ = run("check", str(eml), "--format", "markdown", "--locale", "en")
    assert "**Kind of email**: Personal email: a reply to a message" in out
    assert "not applicable" in out


def test_bad_mail_kind_is_a_usage_error() -> None:
    code, _, err = run("check", str(OK), "--mail-kind", "newsletter")
    assert code == 2 and "--mail-kind" in err


def test_review_findings_alone_never_make_the_exit_status_one(tmp_path: Path) -> None:
    """Issue 9: "0 fouten … 1 te beoordelen" exited 1. An error-severity finding that needs review
    is counted under "to review" and leaves the exit status 0; a sure error makes it 1."""
    path = tmp_path / "d.json"
    draft = {"html": OK.read_text(encoding="utf-8"), "from_name": "Voorbeeld BV", "from_address": "nieuws@voorbeeld.nl"}
    options = {"platform": "webmail", "rules": {"sender-name-missing": {"severity": "error"}}}
    path.write_text(json.dumps({"draft": {**draft, "from_name": "", "from_address": ""}, "options": options}), encoding="utf-8")
    # Without any From, and a profile name the draft does not show, sender-name-missing asks for review.
    code, out, _ = run("check", str(path), "--org-name", "Bolt", "--format", "json")
    report = json.loads(out)
    live = [f for f in report["findings"] if not f["dismissed"]]
    assert any(f["severity"] == "error" and f["kind"] == "review" for f in live)
    assert not any(f["kind"] == "violation" and f["severity"] == "error" for f in live)
    assert code == 0
    code, out, _ = run("check", str(path), "--org-name", "Bolt")
    assert code == 0 and "0 fouten" in out and "te beoordelen" in out
    code, _, _ = run("check", str(BAD), "--platform", "webmail")
    assert code == 1
