"""Storing an article with its metadata, in one transaction.

The metadata refers to people, organizations and figures by name (or, for figures, by their
index in the list), the way a client or the extractor knows them. People and organizations
are matched to existing records by name or alias (case- and accent-insensitive) and get the
new aliases; nothing is duplicated, also under concurrent writers (api/data/name_locks.py).
Every record keeps its provenance: the article, its character span, and whether it was
entered by hand (`manual`) or found by the extractor (`extracted`). Re-extraction replaces
only the `extracted` records. Metadata entered by hand is first linked to the body
(`api/linking.py`): mentions found by name (`matched`), speakers resolved, spans located.
"""

from __future__ import annotations

from typing import Any

from psycopg import Connection
from unidecode import unidecode

from api import linking
from api.data import (
    affiliations,
    financial_figures,
    mentions,
    name_locks,
    organizations,
    people,
    quotes,
)
from api.data import articles as article_data

SUPPORTED_LANGUAGES = ("en",)


class MetadataError(ValueError):
    """Metadata that does not fit its article; `field` is the path of the offending value."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def norm(name: str) -> str:
    """Normal form of a name for matching within one request."""
    return " ".join(unidecode(name).lower().split())


def _check_span(field: str, start: Any, end: Any, body_length: int) -> None:
    if start is None and end is None:
        return
    if start is None or end is None:
        raise MetadataError(field, "start and end go together.")
    if not 0 <= start < end <= body_length:
        raise MetadataError(
            field, f"span [{start}, {end}) must satisfy 0 <= start < end <= {body_length} "
            "(the body's length in code points)."
        )


def validate(metadata: dict, body_length: int) -> None:
    """Check spans and cross-references before anything is written."""
    names: set[str] = set()
    for kind in ("people", "organizations"):
        for i, entity in enumerate(metadata.get(kind) or []):
            names.update(norm(n) for n in [entity["name"], *entity.get("aliases", [])])
            for j, span in enumerate(entity.get("mentions") or []):
                _check_span(f"{kind}.{i}.mentions.{j}", span["start"], span["end"], body_length)
    person_names = {
        norm(n) for p in metadata.get("people") or [] for n in [p["name"], *p.get("aliases", [])]
    }
    org_names = {
        norm(n) for o in metadata.get("organizations") or []
        for n in [o["name"], *o.get("aliases", [])]
    }
    for i, aff in enumerate(metadata.get("affiliations") or []):
        if norm(aff["person"]) not in person_names:
            raise MetadataError(f"affiliations.{i}.person", "names no person in `people`.")
        if norm(aff["organization"]) not in org_names:
            raise MetadataError(
                f"affiliations.{i}.organization", "names no organization in `organizations`."
            )
    for i, org in enumerate(metadata.get("organizations") or []):
        if org.get("parent") and norm(org["parent"]) not in org_names:
            raise MetadataError(
                f"organizations.{i}.parent", "names no organization in `organizations`."
            )
    for i, quote in enumerate(metadata.get("quotes") or []):
        _check_span(f"quotes.{i}", quote.get("start"), quote.get("end"), body_length)
        speaker = quote.get("speaker")
        if speaker and norm(speaker) not in names:
            raise MetadataError(
                f"quotes.{i}.speaker", "names no person or organization in this request."
            )
    figures = metadata.get("financial_figures") or []
    for i, figure in enumerate(figures):
        _check_span(f"financial_figures.{i}", figure.get("start"), figure.get("end"), body_length)
        if (figure["kind"] == "money") != bool(figure.get("currency")):
            raise MetadataError(
                f"financial_figures.{i}.currency",
                "money needs an ISO 4217 currency; a percentage has none.",
            )
        related = figure.get("related_index")
        if related is not None and not (0 <= related < len(figures) and related != i):
            raise MetadataError(
                f"financial_figures.{i}.related_index",
                "must be the index of another figure in this list.",
            )


def store_metadata(conn: Connection, article_id: int, body: str, metadata: dict, *,
                   source: str) -> None:
    """Write `metadata` for an existing article (the caller owns the transaction)."""
    validate(metadata, len(body))
    if source == "manual":
        metadata = linking.link(metadata, body)
    # Matching by name is race-free: concurrent writers of one new name make one record.
    name_locks.lock_names(conn, metadata.get("people") or [], metadata.get("organizations") or [])
    person_ids: dict[str, int] = {}
    for person in metadata.get("people") or []:
        person_id = people.upsert_person(conn, person)
        for name in [person["name"], *person.get("aliases", [])]:
            person_ids[norm(name)] = person_id
        mentions.add_mentions(conn, article_id, person.get("mentions") or [], body,
                              source=source, person_id=person_id)
        mentions.add_mentions(conn, article_id, person.get("matched_mentions") or [], body,
                              source="matched", person_id=person_id)
    org_ids: dict[str, int] = {}
    orgs = metadata.get("organizations") or []
    # Parents first, so that children can point at them.
    for org in sorted(orgs, key=lambda o: o.get("parent") is not None):
        parent_id = org_ids.get(norm(org["parent"])) if org.get("parent") else None
        org_id = organizations.upsert_organization(conn, org, parent_id)
        for name in [org["name"], *org.get("aliases", [])]:
            org_ids[norm(name)] = org_id
        mentions.add_mentions(conn, article_id, org.get("mentions") or [], body,
                              source=source, organization_id=org_id)
        mentions.add_mentions(conn, article_id, org.get("matched_mentions") or [], body,
                              source="matched", organization_id=org_id)
    for aff in metadata.get("affiliations") or []:
        affiliations.add_affiliation(
            conn, person_ids[norm(aff["person"])], org_ids[norm(aff["organization"])],
            aff.get("role"), article_id, source=source,
        )
    for quote in metadata.get("quotes") or []:
        if quote.get("kind") == "scare":  # as /v1/extract reports them: never stored
            continue
        speaker = norm(quote["speaker"]) if quote.get("speaker") else None
        quotes.insert_quote(conn, {
            **quote,
            "article_id": article_id,
            "speaker_person_id": person_ids.get(speaker) if speaker else None,
            "speaker_organization_id": (
                org_ids.get(speaker) if speaker and speaker not in person_ids else None
            ),
            "speaker_name": quote.get("speaker_name") or quote.get("speaker"),
            "source": source,
        })
    figure_ids: list[int] = []
    figures = metadata.get("financial_figures") or []
    for figure in figures:
        figure_ids.append(financial_figures.insert_figure(
            conn, {**figure, "article_id": article_id, "source": source,
                   "related_figure_id": None},
        ))
    for figure_id, figure in zip(figure_ids, figures, strict=True):
        if figure.get("related_index") is not None:
            financial_figures.set_related(conn, figure_id, figure_ids[figure["related_index"]])


def store_article(conn: Connection, article: dict, metadata: dict | None, *,
                  source: str = "manual", extractor_version: str | None = None) -> int:
    """Insert an article and its metadata; return the new article's id."""
    article_id = article_data.insert_article(conn, article)
    if metadata:
        store_metadata(conn, article_id, article["body"], metadata, source=source)
    if extractor_version:
        article_data.mark_extracted(conn, article_id, extractor_version)
    return article_id


def replace_extracted(conn: Connection, article_id: int, body: str, metadata: dict,
                      extractor_version: str) -> None:
    """Swap an article's extracted metadata for a new extraction; hand-entered records stay."""
    for module in (quotes, financial_figures, mentions, affiliations):
        module.delete_extracted(conn, article_id)
    store_metadata(conn, article_id, body, metadata, source="extracted")
    article_data.mark_extracted(conn, article_id, extractor_version)


def fit_spans(conn: Connection, article_id: int, body: str) -> None:
    """Keep every span of the article inside a new `body` (the caller owns the transaction).

    A span entered by hand (`manual`) that ends past the new body is the client's to fix:
    MetadataError naming `body` and each such record, and nothing is written. Mentions the
    server matched by name (`matched`) that end past it are dropped. Extracted records are
    replaced by a new extraction (`replace_extracted`). Spans that still fit are kept as
    they are, even where the text under them changed.
    """
    length = len(body)
    past = [(kind, row) for kind, module in (("mention", mentions), ("quote", quotes),
                                             ("financial figure", financial_figures))
            for row in module.manual_past(conn, article_id, length)]
    if past:
        listed = "; ".join(f"{kind} {row['id']} at [{row['start']}, {row['end']})"
                           for kind, row in past)
        raise MetadataError(
            "body", f"the new body has {length} code points, and {len(past)} record(s) "
            f"entered by hand span past its end: {listed}. Correct or delete them first.")
    mentions.delete_matched_past(conn, article_id, length)


def metadata_from_extraction(result: Any) -> dict:
    """Turn an `api.extraction.ExtractionResult` into metadata as `store_metadata` takes it.

    Unattributed quoted phrases (scare quotes) are not stored; a speaker that names no
    extracted person or organization is kept only as written (`speaker_name`).
    """
    def spans(items: list) -> list[dict]:
        return [{"start": s.start, "end": s.end} for s in items]

    people = [
        {"name": p.name, "aliases": [a for a in p.aliases if norm(a) != norm(p.name)],
         "description": p.description, "mentions": spans(p.spans)}
        for p in result.people
    ]
    orgs = [
        {"name": o.name, "aliases": [a for a in o.aliases if norm(a) != norm(o.name)],
         "kind": o.kind, "parent": o.parent, "mentions": spans(o.spans)}
        for o in result.organizations
    ]
    org_names = {norm(n) for o in orgs for n in [o["name"], *o["aliases"]]}
    person_names = {norm(n) for p in people for n in [p["name"], *p["aliases"]]}
    for org in orgs:
        if org["parent"] and norm(org["parent"]) not in org_names:
            org["parent"] = None
    quotes = []
    for q in result.quotes:
        if not q.speaker and not q.speaker_name or q.kind == "scare":
            continue
        speaker = q.speaker if q.speaker and norm(q.speaker) in person_names | org_names else None
        if speaker is None and q.speaker_type is None:
            continue
        quotes.append({
            "speaker": speaker, "speaker_name": q.speaker_name or q.speaker, "text": q.text,
            "verb": q.verb, "kind": q.kind, "start": q.start, "end": q.end, "method": q.method,
            "confidence": q.confidence,
        })
    figures = [
        {"kind": f.kind, "value": f.value, "currency": f.currency, "text": f.text,
         "measures": f.measures, "sentence": f.sentence, "start": f.start, "end": f.end,
         "related_index": f.related, "method": f.method, "confidence": f.confidence}
        for f in result.figures
    ]
    affiliations = [
        {"person": a.person, "organization": a.organization, "role": a.role}
        for a in result.affiliations
        if norm(a.person) in person_names and norm(a.organization) in org_names
    ]
    return {"people": people, "organizations": orgs, "affiliations": affiliations,
            "quotes": quotes, "financial_figures": figures}


def extract_metadata(body: str, language: str) -> tuple[dict, str]:
    """Run the extractor on an article body; return (metadata, extractor version).

    Raises MetadataError naming `language` or `body` when the text cannot be extracted from.
    """
    from api import extraction

    if language.split("-")[0] not in SUPPORTED_LANGUAGES:
        raise MetadataError(
            "language", f"extraction supports {', '.join(SUPPORTED_LANGUAGES)} only."
        )
    try:
        result = extraction.extract(body)
    except extraction.ExtractionError as error:
        raise MetadataError("body", str(error)) from None
    return metadata_from_extraction(result), extraction.EXTRACTOR_VERSION
