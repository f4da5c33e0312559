"""Identity resolution: one person across many documents, proposed by a model, confirmed
by a supervisor (docs/identity.md)."""
