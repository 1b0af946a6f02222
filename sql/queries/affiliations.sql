-- Affiliations: a person's role in an organization.

-- name: insert_affiliation(person_id, organization_id, role, article_id, source)!
INSERT INTO affiliations (person_id, organization_id, role, article_id, source)
VALUES (:person_id, :organization_id, :role, :article_id, :source)
ON CONFLICT DO NOTHING;

-- name: delete_extracted_affiliations(article_id)!
DELETE FROM affiliations WHERE article_id = :article_id AND source = 'extracted';
