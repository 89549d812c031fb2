DROP TABLE consensus_scores;
