DROP TABLE matchup_votes;
DROP TABLE matchups;
DROP TABLE top4_sets;
