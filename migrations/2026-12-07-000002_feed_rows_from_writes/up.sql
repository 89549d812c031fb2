-- The feed's rows are written by the writes themselves, as the domain's feed rule (`activity` in the domain crate)
-- decides them: the single-statement list writes carry the row in a CTE, the others insert it in their own
-- transaction. The triggers that logged them are dropped, so the rule exists once, and a durable write no longer pays
-- for transition tables and a PL/pgSQL call per statement.
DROP TRIGGER rankings_placed ON rankings;
DROP TRIGGER rankings_moved ON rankings;
DROP TRIGGER rankings_removed ON rankings;
DROP TRIGGER comparisons_added ON comparisons;
DROP TRIGGER comparisons_undone ON comparisons;
DROP TRIGGER matchup_votes_added ON matchup_votes;
DROP TRIGGER top4_sets_added ON top4_sets;
DROP TRIGGER top4_sets_changed ON top4_sets;
DROP TRIGGER follows_added ON follows;
DROP TRIGGER follows_accepted ON follows;
DROP FUNCTION log_rankings_placed();
DROP FUNCTION log_rankings_moved();
DROP FUNCTION log_rankings_removed();
DROP FUNCTION log_comparisons_added();
DROP FUNCTION log_comparisons_undone();
DROP FUNCTION log_matchup_votes();
DROP FUNCTION log_top4_added();
DROP FUNCTION log_top4_changed();
DROP FUNCTION log_follows_added();
DROP FUNCTION log_follows_accepted();
DROP FUNCTION activity_logging();

-- Only an undone placement answer looks its entry up by source: index those rows alone.
DROP INDEX activities_source_idx;
CREATE INDEX activities_compared_source_idx ON activities (source_id) WHERE verb = 'compared';

-- One index fewer for every ranking written: (media_id, user_id) answers both "this user's ranking of this title"
-- and "every ranking of this title" (merges, and the cascade when a title is deleted), which took two indexes.
ALTER TABLE rankings ADD CONSTRAINT rankings_media_user_unique UNIQUE (media_id, user_id);
ALTER TABLE rankings DROP CONSTRAINT rankings_user_media_unique;
DROP INDEX rankings_media_id_idx;
