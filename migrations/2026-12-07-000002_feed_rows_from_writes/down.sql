-- Back to the triggers of 2026-12-02-000001_activities and the indexes before.
CREATE INDEX rankings_media_id_idx ON rankings (media_id);
ALTER TABLE rankings ADD CONSTRAINT rankings_user_media_unique UNIQUE (user_id, media_id);
ALTER TABLE rankings DROP CONSTRAINT rankings_media_user_unique;

DROP INDEX activities_compared_source_idx;
CREATE INDEX activities_source_idx ON activities (source_id) WHERE source_id IS NOT NULL;

CREATE FUNCTION activity_logging() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('marquee.activity_log', true), '') <> 'off'
$$;

-- Placed: every inserted ranking, grouped by user so that one user's rows of a bulk insert stay consecutive.
CREATE FUNCTION log_rankings_placed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF activity_logging() THEN
        INSERT INTO activities (user_id, verb, media_ids, tier, source_id)
        SELECT n.user_id, 'placed', ARRAY[n.media_id], n.tier, n.id FROM new_rows n ORDER BY n.user_id, n.id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER rankings_placed AFTER INSERT ON rankings REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION log_rankings_placed();

-- Moved: a row whose tier or key changed *and* whose `updated_at` changed. A rebalance rewrites the keys of a
-- whole tier but touches `updated_at` only on the row being moved, so its untouched neighbours log nothing; a
-- change of stars alone changes neither tier nor key.
CREATE FUNCTION log_rankings_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF activity_logging() THEN
        INSERT INTO activities (user_id, verb, media_ids, tier, source_id)
        SELECT n.user_id, 'moved', ARRAY[n.media_id], n.tier, n.id
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE n.updated_at IS DISTINCT FROM o.updated_at AND (n.tier <> o.tier OR n.rank_key <> o.rank_key)
        ORDER BY n.user_id, n.id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER rankings_moved AFTER UPDATE ON rankings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION log_rankings_moved();

-- Removed: but not when the user or the title is being deleted (the cascade would log for someone who is gone).
CREATE FUNCTION log_rankings_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF activity_logging() THEN
        INSERT INTO activities (user_id, verb, media_ids, tier, source_id)
        SELECT o.user_id, 'removed', ARRAY[o.media_id], o.tier, o.id FROM old_rows o
        WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = o.user_id)
          AND EXISTS (SELECT 1 FROM media_items m WHERE m.id = o.media_id)
        ORDER BY o.user_id, o.id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER rankings_removed AFTER DELETE ON rankings REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION log_rankings_removed();

-- Compared: placement answers only (other contexts are imported or derived, not something the user just did).
CREATE FUNCTION log_comparisons_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF activity_logging() THEN
        INSERT INTO activities (user_id, verb, media_ids, source_id, created_at)
        SELECT n.user_id, 'compared', ARRAY[n.winner_id, n.loser_id], n.id, n.created_at FROM new_rows n
        WHERE n.context = 'placement' ORDER BY n.user_id, n.created_at, n.id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER comparisons_added AFTER INSERT ON comparisons REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION log_comparisons_added();

-- An undone answer takes its entry back.
CREATE FUNCTION log_comparisons_undone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM activities a USING old_rows o WHERE a.source_id = o.id AND a.verb = 'compared';
    RETURN NULL;
END
$$;
CREATE TRIGGER comparisons_undone AFTER DELETE ON comparisons REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION log_comparisons_undone();

-- Voted: the sets belong to other users (some may be private since), so the entry names no titles.
CREATE FUNCTION log_matchup_votes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF activity_logging() THEN
        INSERT INTO activities (user_id, verb, source_id)
        SELECT n.voter_id, 'voted', n.matchup_id FROM new_rows n ORDER BY n.voter_id, n.created_at;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER matchup_votes_added AFTER INSERT ON matchup_votes REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION log_matchup_votes();

-- Top-4 changed: a new set, or a set whose titles or their order changed (a vote changes only the rating).
CREATE FUNCTION log_top4_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF activity_logging() THEN
        INSERT INTO activities (user_id, verb, media_ids, source_id)
        SELECT n.user_id, 'top4_changed', ARRAY[n.media_1, n.media_2, n.media_3, n.media_4], n.id
        FROM new_rows n ORDER BY n.user_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER top4_sets_added AFTER INSERT ON top4_sets REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION log_top4_added();

CREATE FUNCTION log_top4_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF activity_logging() THEN
        INSERT INTO activities (user_id, verb, media_ids, source_id)
        SELECT n.user_id, 'top4_changed', ARRAY[n.media_1, n.media_2, n.media_3, n.media_4], n.id
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.media_1, n.media_2, n.media_3, n.media_4) IS DISTINCT FROM (o.media_1, o.media_2, o.media_3, o.media_4)
        ORDER BY n.user_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER top4_sets_changed AFTER UPDATE ON top4_sets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION log_top4_changed();

-- Followed: an accepted follow, or a request once accepted.
CREATE FUNCTION log_follows_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF activity_logging() THEN
        INSERT INTO activities (user_id, verb, target_id)
        SELECT n.follower_id, 'followed', n.followee_id FROM new_rows n WHERE n.accepted
        ORDER BY n.follower_id, n.followee_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER follows_added AFTER INSERT ON follows REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION log_follows_added();

CREATE FUNCTION log_follows_accepted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF activity_logging() THEN
        INSERT INTO activities (user_id, verb, target_id)
        SELECT n.follower_id, 'followed', n.followee_id
        FROM new_rows n JOIN old_rows o ON o.follower_id = n.follower_id AND o.followee_id = n.followee_id
        WHERE n.accepted AND NOT o.accepted ORDER BY n.follower_id, n.followee_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER follows_accepted AFTER UPDATE ON follows REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION log_follows_accepted();
