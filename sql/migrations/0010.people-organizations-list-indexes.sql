-- Indexes for the keyset-paginated people and organization lists: newest/oldest first, and
-- the children of an organization alphabetically.
-- depends: 0006.article-details-view

CREATE INDEX people_created_idx ON people (created_at, id);
CREATE INDEX organizations_created_idx ON organizations (created_at, id);
CREATE INDEX organizations_parent_name_idx ON organizations (parent_id, name, id);
