-- Extensions and helper functions used by the schema.
-- depends:

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- unaccent() is only STABLE (it reads a dictionary); pinning the dictionary makes it safe
-- to use in generated columns and indexes.
CREATE OR REPLACE FUNCTION dossier_unaccent(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, value) $$;

-- Normal form of a name for matching: accents removed, lower case, single spaces.
CREATE OR REPLACE FUNCTION dossier_norm(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT btrim(regexp_replace(lower(dossier_unaccent(value)), '\s+', ' ', 'g')) $$;

-- All normalised names of an entity (name and aliases) as an array, for exact matching.
CREATE OR REPLACE FUNCTION dossier_norm_names(name text, aliases text[]) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT array_agg(DISTINCT dossier_norm(n)) FROM unnest(array_prepend(name, aliases)) AS n
      WHERE n IS NOT NULL $$;

-- All normalised names of an entity in one string, for trigram (typo-tolerant) search.
CREATE OR REPLACE FUNCTION dossier_names_text(name text, aliases text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT dossier_norm(array_to_string(array_prepend(name, aliases), ' | ')) $$;

CREATE OR REPLACE FUNCTION dossier_set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END $$;
