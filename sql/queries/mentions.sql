-- Mentions: the spans at which an article names a person or an organization.

-- name: insert_mention(article_id, person_id, organization_id, start, end, text, source)!
INSERT INTO mentions (article_id, person_id, organization_id, start, "end", text, source)
VALUES (:article_id, :person_id, :organization_id, :start, :end, :text, :source)
ON CONFLICT DO NOTHING;

-- name: delete_extracted_mentions(article_id)!
DELETE FROM mentions WHERE article_id = :article_id AND source = 'extracted';
