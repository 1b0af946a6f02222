"""Data access: one module per resource, each running the named queries of its own
`sql/queries/<name>.sql` on a connection it is given (the caller owns the transaction)."""
