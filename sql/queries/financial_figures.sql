-- Financial figures.

-- name: insert_figure(article_id, kind, value, currency, text, measures, sentence, start, end, related_figure_id, method, confidence, source)$
INSERT INTO financial_figures (article_id, kind, value, currency, text, measures, sentence,
                               start, "end", related_figure_id, method, confidence, source)
VALUES (:article_id, :kind, :value, :currency, :text, :measures, :sentence,
        :start, :end, :related_figure_id, :method, :confidence, :source)
RETURNING id;

-- name: delete_extracted_figures(article_id)!
DELETE FROM financial_figures WHERE article_id = :article_id AND source = 'extracted';

-- name: set_related_figure(id, related_figure_id)!
UPDATE financial_figures SET related_figure_id = :related_figure_id WHERE id = :id;
