DROP TABLE media_embeddings;
