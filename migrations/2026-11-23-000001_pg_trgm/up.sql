-- Trigram matching for the catalog search (`word_similarity`, `<%`, GIN `gin_trgm_ops`).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
