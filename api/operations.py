"""Every operation's `operationId`: the names generated SDKs give their functions.

Keyed by method and path with the path parameters' names left out (`/v1/articles/{}`), so a
renamed parameter keeps its operation's name. The names follow one pattern: `list`, `get`,
`create`, `update`, `delete` and a few verbs (`merge`, `search`, `extract`, `cancel`,
`revoke`), then the resource, then what it belongs to (`listArticleQuotes`: the quotes of an
article). A test checks that every operation in the document has its name here.
"""

from __future__ import annotations

import re

OPERATION_IDS: dict[tuple[str, str], str] = {
    ("get", "/v1/articles"): "listArticles",
    ("post", "/v1/articles"): "createArticle",
    ("get", "/v1/articles/{}"): "getArticle",
    ("patch", "/v1/articles/{}"): "updateArticle",
    ("delete", "/v1/articles/{}"): "deleteArticle",
    ("get", "/v1/articles/{}/people"): "listArticlePeople",
    ("get", "/v1/articles/{}/organizations"): "listArticleOrganizations",
    ("post", "/v1/articles/{}/mentions"): "createArticleMentions",
    ("get", "/v1/articles/{}/people/{}"): "getArticlePerson",
    ("delete", "/v1/articles/{}/people/{}"): "deleteArticlePerson",
    ("get", "/v1/articles/{}/organizations/{}"): "getArticleOrganization",
    ("delete", "/v1/articles/{}/organizations/{}"): "deleteArticleOrganization",
    ("get", "/v1/articles/{}/quotes"): "listArticleQuotes",
    ("get", "/v1/articles/{}/financial-figures"): "listArticleFinancialFigures",
    ("post", "/v1/extract"): "extractMetadata",
    ("get", "/v1/financial-figures"): "listFinancialFigures",
    ("post", "/v1/financial-figures"): "createFinancialFigure",
    ("get", "/v1/financial-figures/{}"): "getFinancialFigure",
    ("patch", "/v1/financial-figures/{}"): "updateFinancialFigure",
    ("delete", "/v1/financial-figures/{}"): "deleteFinancialFigure",
    ("get", "/v1/organizations"): "listOrganizations",
    ("post", "/v1/organizations"): "createOrganization",
    ("get", "/v1/organizations/{}"): "getOrganization",
    ("patch", "/v1/organizations/{}"): "updateOrganization",
    ("delete", "/v1/organizations/{}"): "deleteOrganization",
    ("post", "/v1/organizations/{}/merge"): "mergeOrganizations",
    ("get", "/v1/organizations/{}/people"): "listOrganizationPeople",
    ("get", "/v1/organizations/{}/articles"): "listOrganizationArticles",
    ("get", "/v1/organizations/{}/co-mentions"): "listOrganizationCoMentions",
    ("get", "/v1/organizations/{}/timeline"): "getOrganizationTimeline",
    ("get", "/v1/people"): "listPeople",
    ("post", "/v1/people"): "createPerson",
    ("get", "/v1/people/{}"): "getPerson",
    ("patch", "/v1/people/{}"): "updatePerson",
    ("delete", "/v1/people/{}"): "deletePerson",
    ("post", "/v1/people/{}/merge"): "mergePeople",
    ("get", "/v1/people/{}/affiliations"): "listPersonAffiliations",
    ("post", "/v1/people/{}/affiliations"): "createPersonAffiliation",
    ("get", "/v1/people/{}/articles"): "listPersonArticles",
    ("get", "/v1/people/{}/co-mentions"): "listPersonCoMentions",
    ("get", "/v1/people/{}/timeline"): "getPersonTimeline",
    ("get", "/v1/people/{}/quotes"): "listPersonQuotes",
    ("get", "/v1/quotes"): "listQuotes",
    ("post", "/v1/quotes"): "createQuote",
    ("get", "/v1/quotes/{}"): "getQuote",
    ("patch", "/v1/quotes/{}"): "updateQuote",
    ("delete", "/v1/quotes/{}"): "deleteQuote",
    ("get", "/v1/search"): "searchAll",
    ("get", "/v1/ingest-jobs"): "listIngestJobs",
    ("post", "/v1/ingest-jobs"): "createIngestJob",
    ("get", "/v1/ingest-jobs/{}"): "getIngestJob",
    ("delete", "/v1/ingest-jobs/{}"): "cancelIngestJob",
    ("get", "/v1/keys"): "listKeys",
    ("post", "/v1/keys"): "createKey",
    ("get", "/v1/keys/{}"): "getKey",
    ("delete", "/v1/keys/{}"): "revokeKey",
}

_PARAMETER = re.compile(r"\{[^}]*\}")


def path_shape(path: str) -> str:
    """`/v1/articles/{article_id}` -> `/v1/articles/{}`."""
    return _PARAMETER.sub("{}", path)


def operation_id(method: str, path: str) -> str | None:
    """The operationId of `method path`, or None for an operation not named here."""
    return OPERATION_IDS.get((method.lower(), path_shape(path)))


def fallback_operation_id(method: str, path: str) -> str:
    """A readable name for an operation missing from the table (`postV1Things`), so that the
    document stays valid; the test of the table reports it."""
    words = [w for w in re.split(r"[/{}_-]+", path) if w]
    return method.lower() + "".join(w[:1].upper() + w[1:] for w in words)
