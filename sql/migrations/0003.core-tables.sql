-- Articles, people, organizations and how they relate.
-- depends: 0002.currencies

CREATE TABLE articles (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  url text UNIQUE CHECK (url ~ '^https?://' AND length(url) <= 2048),
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 1000),
  body text NOT NULL CHECK (length(body) <= 1000000),
  source text CHECK (length(source) <= 300),
  authors text[] NOT NULL DEFAULT '{}' CHECK (cardinality(authors) <= 100),
  language text NOT NULL DEFAULT 'en' CHECK (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
  published_at timestamptz,
  extractor_version text,
  extracted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Sort key for "newest first": the publication date, or the creation date when unknown.
  sort_at timestamptz GENERATED ALWAYS AS (coalesce(published_at, created_at)) STORED,
  content_hash text GENERATED ALWAYS AS (md5(body)) STORED,
  search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')
  ) STORED
);
CREATE INDEX articles_sort_at_idx ON articles (sort_at, id);
CREATE INDEX articles_source_idx ON articles (source, sort_at, id);
CREATE INDEX articles_content_hash_idx ON articles (content_hash);
CREATE INDEX articles_search_idx ON articles USING gin (search);
CREATE TRIGGER articles_updated_at BEFORE UPDATE ON articles
  FOR EACH ROW EXECUTE FUNCTION dossier_set_updated_at();

CREATE TABLE people (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 300),
  aliases text[] NOT NULL DEFAULT '{}' CHECK (cardinality(aliases) <= 100),
  description text CHECK (length(description) <= 2000),
  external_ids jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(external_ids) = 'object'),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  norm_names text[] GENERATED ALWAYS AS (dossier_norm_names(name, aliases)) STORED,
  names_text text GENERATED ALWAYS AS (dossier_names_text(name, aliases)) STORED
);
CREATE INDEX people_norm_names_idx ON people USING gin (norm_names);
CREATE INDEX people_names_trgm_idx ON people USING gin (names_text gin_trgm_ops);
CREATE INDEX people_name_idx ON people (name, id);
CREATE TRIGGER people_updated_at BEFORE UPDATE ON people
  FOR EACH ROW EXECUTE FUNCTION dossier_set_updated_at();

CREATE TABLE organizations (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 300),
  aliases text[] NOT NULL DEFAULT '{}' CHECK (cardinality(aliases) <= 100),
  kind text NOT NULL DEFAULT 'other' CHECK (kind IN
    ('government', 'company', 'university', 'think tank', 'military', 'media', 'other')),
  parent_id bigint REFERENCES organizations (id) ON DELETE SET NULL CHECK (parent_id <> id),
  external_ids jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(external_ids) = 'object'),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  norm_names text[] GENERATED ALWAYS AS (dossier_norm_names(name, aliases)) STORED,
  names_text text GENERATED ALWAYS AS (dossier_names_text(name, aliases)) STORED
);
CREATE INDEX organizations_norm_names_idx ON organizations USING gin (norm_names);
CREATE INDEX organizations_names_trgm_idx ON organizations USING gin (names_text gin_trgm_ops);
CREATE INDEX organizations_name_idx ON organizations (name, id);
CREATE INDEX organizations_kind_idx ON organizations (kind, name, id);
CREATE INDEX organizations_parent_idx ON organizations (parent_id);
CREATE TRIGGER organizations_updated_at BEFORE UPDATE ON organizations
  FOR EACH ROW EXECUTE FUNCTION dossier_set_updated_at();

-- A person's role in an organization, with the article it was read from (if any).
CREATE TABLE affiliations (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  organization_id bigint NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  role text CHECK (length(role) <= 300),
  article_id bigint REFERENCES articles (id) ON DELETE SET NULL,
  source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'extracted')),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE NULLS NOT DISTINCT (person_id, organization_id, role, article_id)
);
CREATE INDEX affiliations_organization_idx ON affiliations (organization_id, person_id);
CREATE INDEX affiliations_article_idx ON affiliations (article_id);

-- One row per character span at which an article mentions a person or an organization.
CREATE TABLE mentions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  person_id bigint REFERENCES people (id) ON DELETE CASCADE,
  organization_id bigint REFERENCES organizations (id) ON DELETE CASCADE,
  start integer NOT NULL CHECK (start >= 0),
  "end" integer NOT NULL,
  text text,
  source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'extracted')),
  CHECK (start < "end"),
  CHECK (num_nonnulls(person_id, organization_id) = 1),
  UNIQUE NULLS NOT DISTINCT (article_id, person_id, organization_id, start, "end")
);
CREATE INDEX mentions_person_idx ON mentions (person_id, article_id) WHERE person_id IS NOT NULL;
CREATE INDEX mentions_organization_idx ON mentions (organization_id, article_id)
  WHERE organization_id IS NOT NULL;
