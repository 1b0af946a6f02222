-- Indexes for the keyset-paginated lists of quotes and financial figures.
-- depends: 0006.article-details-view

-- Newest first, overall and by speaker: each page is an index range scan whatever its number.
CREATE INDEX quotes_created_idx ON quotes (created_at, id);
CREATE INDEX quotes_person_created_idx ON quotes (speaker_person_id, created_at, id)
  WHERE speaker_person_id IS NOT NULL;
CREATE INDEX quotes_organization_created_idx ON quotes (speaker_organization_id, created_at, id)
  WHERE speaker_organization_id IS NOT NULL;

-- Figures newest first, by value without a currency, and by currency newest first.
CREATE INDEX financial_figures_created_idx ON financial_figures (created_at, id);
CREATE INDEX financial_figures_value_only_idx ON financial_figures (value, id);
CREATE INDEX financial_figures_currency_created_idx
  ON financial_figures (currency, created_at, id) WHERE currency IS NOT NULL;
