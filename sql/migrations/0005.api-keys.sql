-- API keys: only a hash of each key is stored; the prefix identifies it in logs.
-- depends: 0004.quotes-and-figures

CREATE TABLE api_keys (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  prefix text NOT NULL UNIQUE,
  key_hash text NOT NULL UNIQUE,
  scope text NOT NULL CHECK (scope IN ('read', 'write', 'admin')),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
