-- Mentions found in the body by an entity's name or alias, for people and organizations
-- posted by hand without spans, are recorded as `source = 'matched'`.
-- depends: 0060.organization-tree

ALTER TABLE mentions DROP CONSTRAINT mentions_source_check;
ALTER TABLE mentions ADD CONSTRAINT mentions_source_check
  CHECK (source IN ('manual', 'extracted', 'matched'));
