"""The OpenAPI document is only right if a client generated from it works.

A Python SDK is generated from the committed `openapi.yaml` with openapi-python-client (offline,
into a temporary directory, nothing cached between runs) and used, through its models and
`sync_detailed` functions only, against the API served by gunicorn (`live_server`): create an
article with its metadata in one request, page through the list with the cursor, read the
article and its quotes and financial figures back, PATCH it with If-Match, see errors arrive
as problem+json `Problem` models, and see API keys enforced (401 without, 403 with a read key).

Operations are used by the names a user of the SDK sees (`api.articles.create_article`,
`models.ArticleCreate`): those names come from the document's operationIds and schema names,
so a test here fails when they regress to names derived from paths.
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib
import os
import re
import subprocess
import sys
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.conftest import ROOT, LiveServer

PACKAGE = "dossier_sdk"
BODY = ("Vladimir Putin met Kim Jong Un in Moscow. “We agree,” said Putin. "
        "Trade rose 12% to $3 billion.")
QUOTE = "We agree,"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ModuleType, str]]:
    """The SDK package generated from `openapi.yaml`, imported, and the generator's output."""
    out = tmp_path_factory.mktemp("sdk") / PACKAGE
    bin_dir = str(Path(sys.executable).parent)  # the generator's post-hook runs `ruff` from here
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
    result = subprocess.run(
        [sys.executable, "-m", "openapi_python_client", "generate",
         "--path", str(ROOT / "openapi.yaml"), "--output-path", str(out), "--meta", "none",
         "--config", str(ROOT / "tests" / "clients" / "openapi-python-client.yaml")],
        capture_output=True, text=True, timeout=300, env=env, cwd=out.parent,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"openapi-python-client failed:\n{output}"
    sys.path.insert(0, str(out.parent))
    try:
        yield importlib.import_module(PACKAGE), output
    finally:
        sys.path.remove(str(out.parent))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


@pytest.fixture(scope="module")
def sdk(generated: tuple[ModuleType, str]) -> ModuleType:
    return generated[0]


def op(sdk: ModuleType, name: str) -> ModuleType:
    """The generated module of an operation, by its readable name: `articles.create_article`
    is `dossier_sdk.api.articles.create_article` (tag, then operationId in snake case)."""
    return importlib.import_module(f"{PACKAGE}.api.{name}")


def models(sdk: ModuleType) -> Any:
    return importlib.import_module(f"{PACKAGE}.models")


def key_maker(request: pytest.FixtureRequest) -> Callable[[str], str] | None:
    """conftest's `make_key(scope) -> key`, or None before the API had keys."""
    try:
        return request.getfixturevalue("make_key")
    except pytest.FixtureLookupError:
        return None


@pytest.fixture
def api(sdk: ModuleType, app: Any, live_server: LiveServer,
        request: pytest.FixtureRequest) -> Iterator[Any]:
    """An SDK client on the live server (empty database), with an admin key once auth exists."""
    make_key = key_maker(request)
    if make_key is None:
        client = sdk.Client(base_url=live_server.url, timeout=30)
    else:
        client = sdk.AuthenticatedClient(base_url=live_server.url, token=make_key("admin"),
                                         timeout=30)
    with client:
        yield client


def new_article(sdk: ModuleType, number: int = 1, *, with_metadata: bool = True) -> Any:
    """An `ArticleCreate` model; with metadata: 2 people, 1 organization, 1 quote, 2 figures."""
    m = models(sdk)
    metadata = m.ArticleMetadata(
        people=[
            m.PersonInput(name="Vladimir Putin", aliases=["Putin"],
                          description="Russian President", mentions=[m.Span(start=0, end=14)]),
            m.PersonInput(name="Kim Jong Un", mentions=[m.Span(start=19, end=30)]),
        ],
        organizations=[m.OrganizationInput(name="Kremlin",
                                           kind=m.OrganizationKind("government"))],
        affiliations=[m.AffiliationInput(person="Putin", organization="Kremlin",
                                         role="president")],
        quotes=[m.QuoteInput(speaker="Putin", text=QUOTE, verb="said",
                             start=BODY.index(QUOTE), end=BODY.index(QUOTE) + len(QUOTE))],
        financial_figures=[
            m.FinancialFigureInput(kind=m.FinancialFigureKind("percent"), value="12",
                                   text="12%", start=BODY.index("12%"),
                                   end=BODY.index("12%") + 3, related_index=1),
            m.FinancialFigureInput(kind=m.FinancialFigureKind("money"), value="3000000000",
                                   currency="USD", text="$3 billion", measures="trade",
                                   start=BODY.index("$3"), end=BODY.index("$3") + 10),
        ],
    )
    return m.ArticleCreate(
        title=f"Summit {number}", body=BODY, url=f"https://news.example.com/summit/{number}",
        source="Example News", authors=["A. Writer"], language="en",
        published_at=dt.datetime(2015, 2, 1, 9, 30, tzinfo=dt.UTC) + dt.timedelta(days=number),
        metadata=metadata if with_metadata else sdk.types.UNSET,
    )


def create(sdk: ModuleType, api: Any, body: Any) -> Any:
    response = op(sdk, "articles.create_article").sync_detailed(client=api, body=body)
    assert response.status_code == 201, response.content
    assert isinstance(response.parsed, models(sdk).Article)
    return response


def assert_problem(sdk: ModuleType, response: Any, status: int) -> Any:
    """`response` is an RFC 9457 problem with `status`, parsed into the SDK's `Problem`."""
    assert response.status_code == status, response.content
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.parsed
    assert isinstance(problem, models(sdk).Problem), type(problem)
    assert problem.status == status and problem.title and problem.type_
    return problem


def items(parsed: Any) -> list[Any]:
    """The records of a list response: a page envelope's `data`, or a bare list."""
    return list(parsed.data) if hasattr(parsed, "data") else list(parsed)


def test_sdk_generates_without_warnings(generated: tuple[ModuleType, str]) -> None:
    """Warnings mean parts of the document were skipped: each is a bug in the document."""
    _, output = generated
    assert not re.search(r"warning|error|unable|skipping", output, re.IGNORECASE), output


def test_sdk_parameters_have_one_type_each(sdk: ModuleType) -> None:
    """An optional enum query parameter must come out as one enum class, not several copies.

    A query parameter cannot be null, yet `nullable: true` with `null` in the `enum` (what
    marshmallow's `load_default=None` produces) makes the generator emit three identical enums
    for it (`...SortType1 | ...SortType2Type1 | ...SortType3Type1`).
    """
    duplicated: dict[str, list[str]] = {}
    for file in sorted(Path(sdk.__file__).parent.glob("api/*/*.py")):
        if file.name == "__init__.py":
            continue
        module = importlib.import_module(
            ".".join((PACKAGE, *file.relative_to(Path(sdk.__file__).parent).with_suffix("").parts)))
        hints = typing.get_type_hints(module.sync_detailed)
        for name, hint in hints.items():
            enums = [arg.__name__ for arg in typing.get_args(hint)
                     if isinstance(arg, type) and issubclass(arg, enum.Enum)]
            if len(enums) > 1:
                duplicated[f"{module.__name__.rsplit('.', 1)[1]}({name})"] = enums
    assert not duplicated, "\n".join(f"{where}: {' | '.join(types)}"
                                      for where, types in duplicated.items())


def test_create_with_metadata_then_get(sdk: ModuleType, api: Any) -> None:
    created = create(sdk, api, new_article(sdk))
    article = created.parsed
    assert (article.people_count, article.quotes_count, article.financial_figures_count) \
        == (2, 1, 2)
    assert created.headers["location"].endswith(f"/v1/articles/{article.id}")

    response = op(sdk, "articles.get_article").sync_detailed(
        article.id, client=api)
    assert response.status_code == 200
    got = response.parsed
    assert isinstance(got, models(sdk).ArticleDetail)
    assert (got.id, got.title, got.body, got.authors) == (article.id, "Summit 1", BODY,
                                                          ["A. Writer"])
    assert got.published_at == dt.datetime(2015, 2, 2, 9, 30, tzinfo=dt.UTC)
    assert response.headers.get("etag")

    detailed = op(sdk, "articles.get_article").sync_detailed(
        article.id, client=api,
        include=[models(sdk).GetArticleIncludeItem(name)
                 for name in ("quotes", "financial_figures", "people")])
    assert detailed.status_code == 200, detailed.content
    full = detailed.parsed
    assert [q.text for q in full.quotes] == ["We agree,"]
    assert sorted(f.value for f in full.financial_figures) == ["12", "3000000000"]
    assert {p.name for p in full.people} >= {"Vladimir Putin"}


def test_list_pages_through_with_the_cursor(sdk: ModuleType, api: Any) -> None:
    ids = [create(sdk, api, new_article(sdk, n, with_metadata=False)).parsed.id
           for n in range(1, 6)]
    list_articles = op(sdk, "articles.list_articles")
    seen: list[int] = []
    cursor: Any = sdk.types.UNSET
    for _ in range(10):
        response = list_articles.sync_detailed(client=api, limit=2, cursor=cursor)
        assert response.status_code == 200, response.content
        page = response.parsed
        assert isinstance(page, models(sdk).ArticlePage)
        assert len(page.data) <= 2
        seen += [article.id for article in page.data]
        if not page.has_more:
            assert page.next_cursor is None
            break
        assert 'rel="next"' in response.headers.get("link", "")
        cursor = page.next_cursor
    assert seen == ids[::-1], "newest first, every article exactly once"


def test_read_back_quotes(sdk: ModuleType, api: Any) -> None:
    list_quotes = op(sdk, "quotes.list_article_quotes").sync_detailed
    article = create(sdk, api, new_article(sdk)).parsed
    response = list_quotes(article.id, client=api)
    assert response.status_code == 200, response.content
    (quote,) = items(response.parsed)
    assert (quote.article_id, quote.text, quote.verb) == (article.id, QUOTE, "said")
    assert BODY[quote.start:quote.end] == quote.text
    assert isinstance(quote.speaker_person_id, int)


def test_read_back_financial_figures(sdk: ModuleType, api: Any) -> None:
    list_figures = op(sdk, "financial_figures.list_article_financial_figures").sync_detailed
    article = create(sdk, api, new_article(sdk)).parsed
    response = list_figures(article.id, client=api)
    assert response.status_code == 200, response.content
    figures = {str(f.kind): f for f in items(response.parsed)}
    assert set(figures) == {"money", "percent"}
    money, share = figures["money"], figures["percent"]
    assert (money.value, money.currency, money.text) == ("3000000000", "USD", "$3 billion")
    assert share.value == "12" and share.related_figure_id == money.id
    assert BODY[money.start:money.end] == money.text


def test_patch_with_if_match(sdk: ModuleType, api: Any) -> None:
    m = models(sdk)
    article = create(sdk, api, new_article(sdk)).parsed
    get = op(sdk, "articles.get_article")
    patch = op(sdk, "articles.update_article")
    etag = get.sync_detailed(article.id, client=api).headers["etag"]

    response = patch.sync_detailed(article.id, client=api, body=m.ArticleUpdate(title="Renamed"),
                                   if_match=etag)
    assert response.status_code == 200, response.content
    assert isinstance(response.parsed, m.Article) and response.parsed.title == "Renamed"
    assert response.parsed.body == BODY, "PATCH changes only the fields sent"

    stale = patch.sync_detailed(article.id, client=api, body=m.ArticleUpdate(title="Lost"),
                                if_match=etag)
    assert_problem(sdk, stale, 412)
    assert get.sync_detailed(article.id, client=api).parsed.title == "Renamed"


def test_errors_are_problem_models(sdk: ModuleType, api: Any) -> None:
    m = models(sdk)
    missing = op(sdk, "articles.get_article").sync_detailed(999_999, client=api)
    assert "999999" in assert_problem(sdk, missing, 404).detail

    post = op(sdk, "articles.create_article")
    invalid = post.sync_detailed(client=api, body=m.ArticleCreate(title="", body="x",
                                                                  language="English"))
    problem = assert_problem(sdk, invalid, 422)
    assert {"title", "language"} <= set(problem.errors.additional_properties)

    create(sdk, api, new_article(sdk, with_metadata=False))
    duplicate = post.sync_detailed(client=api, body=new_article(sdk, with_metadata=False))
    assert_problem(sdk, duplicate, 409)
    assert duplicate.headers["location"].startswith("/v1/articles/")


def test_keys_are_enforced(sdk: ModuleType, api: Any, live_server: LiveServer,
                           request: pytest.FixtureRequest) -> None:
    """Without a key a write is a 401, with a read key a 403; both are `Problem`s."""
    make_key = key_maker(request)
    if make_key is None:
        pytest.skip("no API keys yet (conftest has no make_key fixture)")
    post = op(sdk, "articles.create_article")
    with sdk.Client(base_url=live_server.url, timeout=30) as anonymous:
        refused = post.sync_detailed(client=anonymous, body=new_article(sdk, with_metadata=False))
    assert_problem(sdk, refused, 401)
    assert refused.headers["www-authenticate"].startswith("Bearer")

    with sdk.AuthenticatedClient(base_url=live_server.url, token=make_key("read"),
                                 timeout=30) as reader:
        listed = op(sdk, "articles.list_articles").sync_detailed(client=reader)
        forbidden = post.sync_detailed(client=reader, body=new_article(sdk, with_metadata=False))
    assert listed.status_code == 200
    assert_problem(sdk, forbidden, 403)


def test_sdk_names_are_the_operation_ids(sdk: ModuleType) -> None:
    """Every function is named for what it does (`list_articles`, `merge_people`), none for
    its path (`get_v1_articles_article_id`), and no model is named after a path."""
    from api.operations import OPERATION_IDS

    expected = {re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()
                for name in OPERATION_IDS.values()}
    root = Path(sdk.__file__).parent
    functions = {f.stem for f in root.glob("api/*/*.py") if f.name != "__init__.py"}
    assert functions, "no operations generated"
    assert functions <= expected, sorted(functions - expected)
    models_ = {f.stem for f in root.glob("models/*.py")}
    assert not [m for m in models_ if m.startswith(("get_v1", "post_v1", "patch_v1"))]
    assert not [m for m in models_ if re.search(r"type_\d", m)], "look-alike union types"


def test_readme_flow_extract_then_quotes_and_people(sdk: ModuleType, api: Any) -> None:
    """The README's flow with the SDK: create with extraction, list the article's quotes,
    page through people, and see a 404 and a 422 as `Problem` models."""
    m = models(sdk)
    created = op(sdk, "articles.create_article").sync_detailed(
        client=api, body=m.ArticleCreate(title="Summit", body=BODY, extract=True))
    assert created.status_code == 201, created.content
    article = created.parsed
    assert article.extractor_version and article.quotes_count >= 1

    quotes = op(sdk, "quotes.list_article_quotes").sync_detailed(article.id, client=api)
    assert quotes.status_code == 200
    assert [q.text for q in quotes.parsed.data] == [QUOTE]

    names: list[str] = []
    cursor: Any = sdk.types.UNSET
    for _ in range(10):
        page = op(sdk, "people.list_people").sync_detailed(client=api, limit=1, cursor=cursor)
        assert page.status_code == 200, page.content
        names += [p.name for p in page.parsed.data]
        if not page.parsed.has_more:
            break
        cursor = page.parsed.next_cursor
    assert {"Vladimir Putin", "Kim Jong Un"} <= set(names)
    assert len(names) == len(set(names))

    missing = op(sdk, "people.get_person").sync_detailed(999_999, client=api)
    assert_problem(sdk, missing, 404)
    bad = op(sdk, "people.list_people").sync_detailed(client=api, limit=1000)
    assert "limit" in assert_problem(sdk, bad, 422).errors.additional_properties
