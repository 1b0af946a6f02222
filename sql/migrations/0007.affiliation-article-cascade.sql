-- An affiliation read from an article goes with the article: with ON DELETE SET NULL, two
-- articles reporting the same role collided on the unique key when both were deleted.
-- depends: 0006.article-details-view

ALTER TABLE affiliations DROP CONSTRAINT affiliations_article_id_fkey;
ALTER TABLE affiliations ADD CONSTRAINT affiliations_article_id_fkey
  FOREIGN KEY (article_id) REFERENCES articles (id) ON DELETE CASCADE;
