-- HTML escaping for search highlights: text is escaped before <mark> tags are added.
-- depends: 0020.quotes-figures-list-indexes

CREATE OR REPLACE FUNCTION dossier_html_escape(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT replace(replace(replace(replace(value, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'),
                     '"', '&quot;') $$;
