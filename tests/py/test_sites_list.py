"""The one list of sites (issue 12): build.py derives the manifests' hosts and reader/sites/list.js
from extension/reader/sites/sites.json, and refuses a list it cannot use.

tests/js/sites.test.mjs checks the built dist/ manifests and the adapter files; this file checks
build.py itself without a build: the generated module is current, ``manifest_for`` writes the
list's patterns (in order) and nothing else, and a malformed entry stops the build.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mailwacht_build", ROOT / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


build = _load_build()
LIST = json.loads(build.SITES_JSON.read_text(encoding="utf-8"))["sites"]
PATTERNS = [pattern for site in LIST for pattern in site["matches"]]


def test_generated_module_is_current() -> None:
    assert build.SITES_MODULE.read_text(encoding="utf-8") == build.sites_module(), (
        "extension/reader/sites/list.js is stale: run `python3 build.py sites`"
    )


@pytest.mark.parametrize("browser", build.BROWSERS)
def test_manifest_hosts_are_the_lists(browser: str) -> None:
    manifest = build.manifest_for(browser)
    assert manifest["host_permissions"] == PATTERNS
    assert manifest["content_scripts"], "a content script"
    for group in manifest["content_scripts"]:
        assert group["matches"] == PATTERNS
    # Where the keys stood when manifest.json wrote them (the built files stay as they were).
    keys = list(manifest)
    assert keys.index("host_permissions") == keys.index("permissions") + 1
    assert all(next(iter(group)) == "matches" for group in manifest["content_scripts"])


def test_root_manifest_lists_no_host() -> None:
    root = json.loads((ROOT / "manifest.json").read_text(encoding="utf-8"))
    assert "host_permissions" not in root
    assert all("matches" not in group for group in root.get("content_scripts", []))
    with pytest.raises(SystemExit, match="lists hosts"):
        build.with_sites({**root, "host_permissions": ["https://mail.google.com/*"]})


@pytest.mark.parametrize(
    ("entry", "why"),
    [
        ({"id": "acme", "adapter": "acme.js", "matches": []}, "no file"),
        ({"id": "Acme", "adapter": None, "matches": ["https://acme.example/*"]}, "id"),
        ({"id": "gmail", "adapter": None, "matches": ["https://acme.example/*"]}, "id"),
        ({"id": "acme", "adapter": None, "matches": []}, "needs hosts"),
        ({"id": "acme", "adapter": None, "matches": ["https://*/*"]}, "pattern"),
        ({"id": "acme", "adapter": None, "matches": ["http://acme.example/*"]}, "pattern"),
        ({"id": "acme", "adapter": None, "matches": ["https://acme.example/app/*"]}, "pattern"),
        ({"id": "acme", "adapter": None, "matches": ["https://mail.google.com/*"]}, "twice"),
        ({"id": "acme", "adapter": "../editors.js", "matches": []}, "no file"),
    ],
)
def test_a_malformed_entry_stops_the_build(
    entry: dict[str, object], why: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sites_dir = tmp_path / "extension" / "reader" / "sites"
    sites_dir.mkdir(parents=True)
    (sites_dir / "gmail.js").write_text('export default { id: "gmail" };\n')
    path = sites_dir / "sites.json"
    good = {"id": "gmail", "adapter": "gmail.js", "matches": ["https://mail.google.com/*"]}
    path.write_text(json.dumps({"sites": [good]}))
    monkeypatch.setattr(build, "ROOT", tmp_path)
    monkeypatch.setattr(build, "SITES_JSON", path)
    assert build.site_patterns() == ["https://mail.google.com/*"]
    path.write_text(json.dumps({"sites": [good, entry]}))
    with pytest.raises(SystemExit) as stopped:
        build.load_sites()
    assert why in str(stopped.value)
