// The README's flows through a TypeScript client generated from openapi.yaml with
// openapi-typescript and openapi-fetch, both with default options. `tsc` type-checks this
// file against the generated types (so a request shape the server would refuse, or a field
// the README sends that the types make required, fails the build); running it prints one
// JSON line of results that tests/test_typescript_client.py checks against the server.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/dossier.js";

declare const process: { argv: string[]; exit(code: number): never };

type ArticleCreate = components["schemas"]["ArticleCreate"];
type Problem = components["schemas"]["Problem"];

const [baseUrl, key] = process.argv.slice(2);
if (!baseUrl || !key) {
  throw new Error("usage: node dist/flows.js BASE_URL API_KEY");
}
// Lists also answer as application/x-ndjson (their export): naming the JSON media types
// types `data` as the JSON body and `error` as the problem document.
const client = createClient<paths, "application/json" | "application/problem+json">({
  baseUrl, headers: { Authorization: `Bearer ${key}` } });

// The README's own POST: only title, body and extract; everything else is optional.
const readmeArticle: ArticleCreate = {
  title: "Summit",
  body: "Vladimir Putin met Kim Jong Un in Moscow. “We agree,” said Putin.",
  extract: true,
};
// Read-only fields are not part of the request shape.
// @ts-expect-error `id` is assigned by the server
const withId: ArticleCreate = { id: 1, title: "T", body: "B" };
void withId;

function problem(error: Problem | undefined): { status?: number; errors?: string[] } {
  return { status: error?.status, errors: Object.keys(error?.errors ?? {}) };
}

const created = await client.POST("/v1/articles", { body: readmeArticle });
// 201 is the stored article; 202 (a large text, extracted as a job) is an ingest job.
if (!created.data || !("quotes_count" in created.data)) {
  throw new Error(`createArticle did not store the article: ${JSON.stringify(created.error)}`);
}
const article = created.data;

const quotes = await client.GET("/v1/articles/{article_id}/quotes", {
  params: { path: { article_id: article.id } },
});
const quoteTexts = (quotes.data?.data ?? []).map((quote) => quote.text);

const people: string[] = [];
let cursor: string | undefined;
for (let page = 0; page < 10; page += 1) {
  const { data, error } = await client.GET("/v1/people", {
    params: { query: { limit: 1, cursor } },
  });
  if (!data) {
    throw new Error(`listPeople failed: ${JSON.stringify(error)}`);
  }
  people.push(...data.data.map((person) => person.name));
  if (!data.has_more || !data.next_cursor) break;
  cursor = data.next_cursor;
}

const missing = await client.GET("/v1/people/{person_id}", {
  params: { path: { person_id: 999999 } },
});
const invalid = await client.GET("/v1/people", { params: { query: { limit: 1000 } } });

console.log(JSON.stringify({
  article: { id: article.id, quotes_count: article.quotes_count,
             extractor_version: article.extractor_version, location: created.response.headers.get("location") },
  quotes: quoteTexts,
  people,
  missing: { http: missing.response.status, ...problem(missing.error) },
  invalid: { http: invalid.response.status, ...problem(invalid.error) },
}));
