"""A TypeScript client generated from `openapi.yaml`, used as a frontend developer would.

`tests/clients` pins openapi-typescript, openapi-fetch and TypeScript (package-lock.json);
`npm ci` installs them from the npm registry, openapi-typescript generates the types with its
default options, `tsc` type-checks `flows.ts` against them (the README's `{title, body,
extract}` POST must compile, and a read-only `id` in a request must not), and node runs it
against the API served by gunicorn. Skipped only where Node.js or npm is not installed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, LiveServer

CLIENT_DIR = ROOT / "tests" / "clients"
pytestmark = pytest.mark.skipif(
    shutil.which("node") is None or shutil.which("npm") is None,
    reason="Node.js and npm are needed for the TypeScript client",
)


def run(*command: str, cwd: Path = CLIENT_DIR, timeout: int = 300) -> str:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def built_client() -> Path:
    """Install the pinned tools, generate the types from openapi.yaml, compile flows.ts."""
    if not (CLIENT_DIR / "node_modules" / ".package-lock.json").exists():
        run("npm", "ci", "--no-audit", "--no-fund")
    run("npm", "run", "--silent", "generate")
    run("npm", "run", "--silent", "build")
    return CLIENT_DIR / "dist" / "flows.js"


def test_generated_types_have_readable_names(built_client: Path) -> None:
    types = (CLIENT_DIR / "generated" / "dossier.d.ts").read_text(encoding="utf-8")
    for name in ("listArticles", "createArticle", "listArticleQuotes", "mergePeople",
                 "searchAll", "ArticleCreate", "FinancialFigureKind"):
        assert name in types, name
    assert "get_v1" not in types.lower().replace("-", "_")


def test_readme_flows_run_against_the_server(built_client: Path, app, make_key,
                                             live_server: LiveServer) -> None:
    output = run("node", str(built_client), live_server.url, make_key("write"), timeout=120)
    result = json.loads(output.strip().splitlines()[-1])
    article = result["article"]
    assert article["extractor_version"] and article["quotes_count"] == 1
    assert article["location"].endswith(f"/v1/articles/{article['id']}")
    assert result["quotes"] == ["We agree,"]
    assert {"Vladimir Putin", "Kim Jong Un"} <= set(result["people"])
    assert len(result["people"]) == len(set(result["people"])), "paging repeats nobody"
    assert result["missing"] == {"http": 404, "status": 404, "errors": []}
    assert result["invalid"]["http"] == 422 and result["invalid"]["errors"] == ["limit"]
