-- People.

-- name: match_person(name)^
-- The person whose name or an alias equals `name` (case- and accent-insensitive);
-- the oldest one if several.
SELECT * FROM people WHERE norm_names @> ARRAY[dossier_norm(:name)] ORDER BY id LIMIT 1;

-- name: insert_person(name, aliases, description, external_ids)$
INSERT INTO people (name, aliases, description, external_ids)
VALUES (:name, :aliases, :description, coalesce(:external_ids::jsonb, '{}'::jsonb))
RETURNING id;

-- name: add_person_aliases(id, aliases, description)!
-- Add aliases not yet known (compared in normal form) and fill in a missing description.
UPDATE people p
SET aliases = p.aliases || ARRAY(
      SELECT DISTINCT a FROM unnest(:aliases::text[]) AS a
      WHERE NOT (p.norm_names @> ARRAY[dossier_norm(a)])),
    description = coalesce(p.description, :description)
WHERE p.id = :id;
