-- Quotes and financial figures, each with its provenance in the article body.
-- depends: 0003.core-tables

CREATE TABLE quotes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  speaker_person_id bigint REFERENCES people (id) ON DELETE SET NULL,
  speaker_organization_id bigint REFERENCES organizations (id) ON DELETE SET NULL,
  speaker_name text CHECK (length(speaker_name) <= 300),
  text text NOT NULL CHECK (length(btrim(text)) BETWEEN 1 AND 10000),
  verb text CHECK (length(verb) <= 50),
  start integer CHECK (start >= 0),
  "end" integer,
  method text CHECK (length(method) <= 50),
  confidence real CHECK (confidence BETWEEN 0 AND 1),
  source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'extracted')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  search tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED,
  CHECK (num_nonnulls(speaker_person_id, speaker_organization_id) <= 1),
  CHECK ((start IS NULL) = ("end" IS NULL)),
  CHECK (start < "end")
);
CREATE INDEX quotes_article_idx ON quotes (article_id, id);
CREATE INDEX quotes_person_idx ON quotes (speaker_person_id, id) WHERE speaker_person_id IS NOT NULL;
CREATE INDEX quotes_organization_idx ON quotes (speaker_organization_id, id)
  WHERE speaker_organization_id IS NOT NULL;
CREATE INDEX quotes_search_idx ON quotes USING gin (search);
CREATE TRIGGER quotes_updated_at BEFORE UPDATE ON quotes
  FOR EACH ROW EXECUTE FUNCTION dossier_set_updated_at();

CREATE TABLE financial_figures (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('money', 'percent')),
  value numeric NOT NULL CHECK (value >= 0 AND value < 1e24),
  currency char(3) REFERENCES currencies (code),
  text text CHECK (length(text) <= 200),
  measures text CHECK (length(measures) <= 500),
  sentence text CHECK (length(sentence) <= 5000),
  start integer CHECK (start >= 0),
  "end" integer,
  related_figure_id bigint REFERENCES financial_figures (id) ON DELETE SET NULL
    CHECK (related_figure_id <> id),
  method text CHECK (length(method) <= 50),
  confidence real CHECK (confidence BETWEEN 0 AND 1),
  source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'extracted')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'money') = (currency IS NOT NULL)),
  CHECK ((start IS NULL) = ("end" IS NULL)),
  CHECK (start < "end")
);
CREATE INDEX financial_figures_article_idx ON financial_figures (article_id, id);
CREATE INDEX financial_figures_value_idx ON financial_figures (kind, currency, value, id);
CREATE INDEX financial_figures_related_idx ON financial_figures (related_figure_id);
CREATE TRIGGER financial_figures_updated_at BEFORE UPDATE ON financial_figures
  FOR EACH ROW EXECUTE FUNCTION dossier_set_updated_at();
