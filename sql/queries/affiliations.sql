-- Affiliations: a person's role in an organization.

-- name: insert_affiliation(person_id, organization_id, role, article_id, source)!
INSERT INTO affiliations (person_id, organization_id, role, article_id, source)
VALUES (:person_id, :organization_id, :role, :article_id, :source)
ON CONFLICT DO NOTHING;

-- name: create_affiliation(person_id, organization_id, role, article_id)$
-- A hand-entered affiliation; a duplicate raises a unique violation.
INSERT INTO affiliations (person_id, organization_id, role, article_id, source)
VALUES (:person_id, :organization_id, :role, :article_id, 'manual')
RETURNING id;

-- name: get_affiliation(id)^
SELECT a.id, a.role, a.article_id, a.source, a.created_at,
       json_build_object('id', p.id, 'name', p.name) AS person,
       json_build_object('id', o.id, 'name', o.name) AS organization
FROM affiliations a
JOIN people p ON p.id = a.person_id
JOIN organizations o ON o.id = a.organization_id
WHERE a.id = :id;

-- name: delete_extracted_affiliations(article_id)!
DELETE FROM affiliations WHERE article_id = :article_id AND source = 'extracted';
