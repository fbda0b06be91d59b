"""The record chain of sends (issue 16): seal, verify, export, and the CLI's ``verify``."""

from __future__ import annotations

import copy
import io
import itertools
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from py_core import api
from py_core.cli import main
from py_core.export import render_records
from py_core.model import DraftError
from py_core.records import canonical, record_hash, seal, verify, verify_text

ROOT = Path(__file__).resolve().parents[2]


def _record(n: int, **extra: object) -> dict:
    return {
        "time": f"2026-03-0{n}T10:00:00Z",
        "action": "sent-anyway" if n == 2 else "sent",
        "reason": "Lijst is gisteren opnieuw bevestigd" if n == 2 else "",
        "draft": {"fingerprint": f"{n:064x}", "subject": f"Nieuwsbrief maart {n} – café"},
        "platform": "gmail",
        "mail_kind": "mailing",
        "organisation": "Bakkerij De Gouden Korst",
        "findings": [
            {
                "rule": "unsubscribe-missing",
                "severity": "error",
                "fingerprint": "ab12",
                "outcome": "overridden",
                "reason": "Lijst is gisteren opnieuw bevestigd",
            },
            {
                "rule": "reason-missing",
                "severity": "warning",
                "fingerprint": "cd34",
                "outcome": "dismissed",
                "reason": "staat in de kop",
            },
            {"rule": "postal-address-missing", "severity": "error", "fingerprint": "ef56", "outcome": "fixed", "reason": ""},
        ]
        if n == 2
        else [],
        "confirmations": [
            {"id": "tripolis-complaints", "scope": "organisation", "by": "Anna de Vries", "at": "2026-01-15"},
            {"id": "tripolis-1", "scope": "list", "by": "Anna de Vries", "at": f"2026-03-0{n}"},
        ],
        "engine_version": "0.1.0",
        **extra,
    }


def _chain(n: int = 3) -> list[dict]:
    out: list[dict] = []
    for i in range(1, n + 1):
        out.append(seal(_record(i), out[-1] if out else None))
    return out


def test_a_sealed_chain_verifies_and_every_kind_of_tampering_shows() -> None:
    chain = _chain(4)
    assert [r["seq"] for r in chain] == [1, 2, 3, 4] and chain[0]["prev"] == ""
    assert all(r["prev"] == p["hash"] for p, r in itertools.pairwise(chain))
    assert verify(chain)["intact"] and verify(chain)["count"] == 4
    edited = copy.deepcopy(chain)
    edited[1]["reason"] = "something else"
    assert verify(edited) | {} == verify(edited) and (verify(edited)["broken_at"], verify(edited)["problem"]) == (1, "hash")
    # Editing and re-hashing one record still breaks the next link.
    rehashed = copy.deepcopy(edited)
    rehashed[1]["hash"] = record_hash(rehashed[1])
    assert (verify(rehashed)["broken_at"], verify(rehashed)["problem"]) == (2, "prev")
    removed = chain[:1] + chain[2:]
    assert (verify(removed)["broken_at"], verify(removed)["problem"]) == (1, "prev")
    swapped = [chain[0], chain[2], chain[1], chain[3]]
    assert not verify(swapped)["intact"]
    # A period from the middle of the chain is intact and says what it follows.
    period = verify(chain[1:3])
    assert period["intact"] and period["starts_after"] == chain[0]["hash"] and (period["first_seq"], period["last_seq"]) == (2, 3)
    assert verify([])["intact"] and verify([{"x": 1}])["problem"] == "shape"


def test_the_canonical_form_is_sorted_compact_utf8_and_refuses_floats() -> None:
    rec = seal({"b": "é", "a": [1, True, None]}, None)
    assert canonical(rec) == '{"a":[1,true,null],"b":"é","prev":"","seq":1,"v":1}'
    assert "hash" not in canonical(rec)
    with pytest.raises(DraftError):
        canonical({"x": 1.5})


def test_a_record_never_needs_the_body() -> None:
    """The format has no body field: the extension stores exactly these keys (checked in e2e)."""
    rec = _chain(1)[0]
    assert set(rec) == {
        "v",
        "seq",
        "time",
        "action",
        "reason",
        "draft",
        "platform",
        "mail_kind",
        "organisation",
        "findings",
        "confirmations",
        "engine_version",
        "prev",
        "hash",
    }
    assert set(rec["draft"]) == {"fingerprint", "subject"}


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_the_html_export_shows_findings_override_reason_and_confirmations(locale: str) -> None:
    chain = _chain(3)
    html = render_records(chain, "html", locale)["content"]
    assert "@page { size: A4" in html
    assert 'data-chain="intact"' in html and "BROKEN" not in html and "VERBROKEN" not in html
    assert "Lijst is gisteren opnieuw bevestigd" in html  # the override's reason
    assert ("sent anyway" if locale == "en" else "toch verzonden") in html
    assert ("overridden with" if locale == "en" else "overschreven met") in html
    assert "staat in de kop" in html and "unsubscribe-missing" in html
    assert ("Complaints" if locale == "en" else "klacht") in html or "48" in html
    assert "Anna de Vries" in html and 'data-duty="tripolis-1"' in html
    # Untrusted text is escaped.
    evil = seal(_record(1, organisation="<script>x</script>"), None)
    assert "<script>x" not in render_records([evil], "html", locale)["content"]


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_an_edited_record_makes_every_export_say_broken(locale: str) -> None:
    chain = _chain(3)
    chain[1]["findings"][0]["outcome"] = "fixed"
    html = render_records(chain, "html", locale)["content"]
    assert 'data-chain="broken"' in html and ("BROKEN" in html if locale == "en" else "VERBROKEN" in html)
    md = render_records(chain, "markdown", locale)["content"]
    assert "BROKEN" in md if locale == "en" else "VERBROKEN" in md
    exported = json.loads(render_records(chain, "json", locale)["content"])
    assert exported["verification"]["intact"] is False and exported["records"] == chain


def test_json_export_round_trips_through_verify(tmp_path: Path) -> None:
    chain = _chain(3)
    content = render_records(chain, "json", "en")["content"]
    assert verify_text(content)["intact"]
    good = tmp_path / "good.json"
    good.write_text(content, encoding="utf-8")
    out = io.StringIO()
    assert main(["verify", str(good)], stdout=out) == 0 and "chain intact: 3 records" in out.getvalue()
    data = json.loads(content)
    data["records"][2]["draft"]["subject"] = "changed"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    out = io.StringIO()
    assert main(["verify", str(bad)], stdout=out) == 1 and "BROKEN at record 3 of 3" in out.getvalue()
    junk = tmp_path / "junk.json"
    junk.write_text("{not json", encoding="utf-8")
    err = io.StringIO()
    assert main(["verify", str(junk)], stdout=io.StringIO(), stderr=err) == 2 and "not valid JSON" in err.getvalue()
    other = tmp_path / "other.json"
    other.write_text('{"a": 1}', encoding="utf-8")
    assert main(["verify", str(other)], stdout=io.StringIO(), stderr=io.StringIO()) == 2
    assert main(["verify", str(tmp_path / "missing.json")], stdout=io.StringIO(), stderr=io.StringIO()) == 2


def test_the_api_renders_records() -> None:
    reply = json.loads(
        api.handle(json.dumps({"kind": "render-records", "records": _chain(2), "format": "markdown", "locale": "nl"}))
    )
    assert reply["ok"] and "De keten is intact" in reply["result"]["content"]
    assert reply["result"]["filename"].endswith(".md")
    bad = json.loads(api.handle(json.dumps({"kind": "render-records", "records": "x"})))
    assert bad["error"]["code"] == "bad-input"


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_javascript_computes_the_same_hash() -> None:
    """extension/shared/records.js seals and verifies as py_core.records does, on the same records."""
    chain = _chain(3)
    odd = seal(_record(1, organisation='Ünïcode \u2028 \x1f "quote" \\ \U0001f600 \udc80'), None)
    script = (
        "const url = await import('node:url');\n"
        "const { recordHash, verifyChain, sealRecord } = await import(url.pathToFileURL('extension/shared/records.js').href);\n"
        "const input = JSON.parse(process.argv[1]);\n"
        "const hashes = await Promise.all(input.chain.map((r) => recordHash(r)));\n"
        "const odd = await recordHash(input.odd);\n"
        "const resealed = await sealRecord(input.raw, null);\n"
        "const v = await verifyChain(input.chain);\n"
        "input.chain[1].reason = 'edited';\n"
        "const broken = await verifyChain(input.chain);\n"
        "console.log(JSON.stringify({ hashes, odd, resealed: resealed.hash, intact: v.intact, broken }));\n"
    )
    payload = json.dumps({"chain": chain, "odd": odd, "raw": _record(1)}, ensure_ascii=True)
    done = subprocess.run(
        ["node", "--input-type=module", "-e", script, payload], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["hashes"] == [r["hash"] for r in chain]
    assert result["odd"] == odd["hash"]
    assert result["resealed"] == chain[0]["hash"]
    assert result["intact"] is True
    assert result["broken"] == {"intact": False, "count": 3, "broken_at": 1, "problem": "hash"}


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_the_chain_line_counts_in_words_one_record_and_several(locale: str) -> None:
    """Issue 11: no "1 records"; one record in the singular, several in the plural."""
    for fmt in ("html", "markdown"):
        one = render_records(_chain(1), fmt, locale)["content"]
        assert ("1 record, and it was not edited" if locale == "en" else "1 record, en het is niet gewijzigd") in one
        assert "1 records" not in one
        three = render_records(_chain(3), fmt, locale)["content"]
        assert "3 records, " in three
