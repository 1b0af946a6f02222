-- Order of appearance (article, start, id) for quotes and figures, as the `position` sort uses.
-- depends: 0021.html-escape

CREATE INDEX quotes_position_idx ON quotes (article_id, coalesce(start, 2147483647), id);
CREATE INDEX financial_figures_position_idx
  ON financial_figures (article_id, coalesce(start, 2147483647), id);
