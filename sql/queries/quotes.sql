-- Quotes.

-- name: insert_quote(article_id, speaker_person_id, speaker_organization_id, speaker_name, text, verb, start, end, method, confidence, source)$
INSERT INTO quotes (article_id, speaker_person_id, speaker_organization_id, speaker_name, text,
                    verb, start, "end", method, confidence, source)
VALUES (:article_id, :speaker_person_id, :speaker_organization_id, :speaker_name, :text,
        :verb, :start, :end, :method, :confidence, :source)
RETURNING id;

-- name: delete_extracted_quotes(article_id)!
DELETE FROM quotes WHERE article_id = :article_id AND source = 'extracted';
