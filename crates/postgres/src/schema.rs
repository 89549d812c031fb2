//! The tables as diesel sees them, matching `migrations/` (checked by `tests/schema.rs`).
//!
//! Written in the form `diesel print-schema` produces, except that `media_items.genres` is `Array<Text>`: the
//! migration forbids NULL elements, so the adapter reads it as `Vec<String>`.

diesel::table! {
    use diesel::sql_types::{Array, Int2, Int8, Nullable, Text, Timestamptz, Uuid};

    activities (id) {
        id -> Int8,
        user_id -> Uuid,
        verb -> Text,
        media_ids -> Array<Uuid>,
        tier -> Nullable<Int2>,
        target_id -> Nullable<Uuid>,
        source_id -> Nullable<Uuid>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    use diesel::sql_types::{Nullable, Timestamptz, Uuid};

    auth_sessions (id) {
        id -> Uuid,
        user_id -> Uuid,
        created_at -> Timestamptz,
        revoked_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    use diesel::sql_types::{Bytea, Nullable, Timestamptz, Uuid};

    refresh_tokens (digest) {
        digest -> Bytea,
        session_id -> Uuid,
        created_at -> Timestamptz,
        expires_at -> Timestamptz,
        used_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    use diesel::sql_types::{Bool, Int8};

    catalog_state (singleton) {
        singleton -> Bool,
        version -> Int8,
    }
}

diesel::table! {
    use diesel::sql_types::{Jsonb, Text, Timestamptz, Uuid};

    availability_cache (media_id, region, provider) {
        media_id -> Uuid,
        region -> Text,
        provider -> Text,
        offers -> Jsonb,
        fetched_at -> Timestamptz,
    }
}

diesel::table! {
    use diesel::sql_types::{Bool, Nullable, Text, Timestamptz, Uuid};

    comparisons (id) {
        id -> Uuid,
        user_id -> Uuid,
        winner_id -> Uuid,
        loser_id -> Uuid,
        tie -> Bool,
        context -> Text,
        source_id -> Nullable<Uuid>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    use diesel::sql_types::{Array, Float4, Text, Timestamptz, Uuid};

    media_embeddings (media_id, model) {
        media_id -> Uuid,
        model -> Text,
        vector -> Array<Float4>,
        text_hash -> Text,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    use diesel::sql_types::{Array, Int2, Int8, Jsonb, Nullable, Text, Timestamptz, Uuid};

    media_items (id) {
        id -> Uuid,
        kind -> Text,
        title -> Text,
        original_title -> Nullable<Text>,
        year -> Nullable<Int2>,
        overview -> Nullable<Text>,
        genres -> Array<Text>,
        poster_path -> Nullable<Text>,
        tmdb_id -> Nullable<Int8>,
        imdb_id -> Nullable<Text>,
        attributes -> Jsonb,
        created_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        title_key -> Text,
    }
}

diesel::table! {
    use diesel::sql_types::{Bool, Int2, Jsonb, Nullable, Timestamptz, Uuid};

    placement_sessions (id) {
        id -> Uuid,
        user_id -> Uuid,
        media_id -> Uuid,
        tier -> Int2,
        stars -> Nullable<Int2>,
        state -> Jsonb,
        ranking_id -> Nullable<Uuid>,
        placed -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        expires_at -> Timestamptz,
    }
}

diesel::table! {
    use diesel::sql_types::{Int2, Nullable, Text, Timestamptz, Uuid};

    rankings (id) {
        id -> Uuid,
        user_id -> Uuid,
        media_id -> Uuid,
        tier -> Int2,
        rank_key -> Text,
        stars -> Nullable<Int2>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    use diesel::sql_types::{Bool, Int8, Nullable, Text, Timestamptz, Uuid};

    users (id) {
        id -> Uuid,
        email -> Text,
        display_name -> Text,
        password_hash -> Text,
        is_admin -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        list_version -> Int8,
        visibility -> Text,
        disabled_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    follows (follower_id, followee_id) {
        follower_id -> Uuid,
        followee_id -> Uuid,
        accepted -> Bool,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    use diesel::sql_types::{Float8, Int8, Timestamptz, Uuid};

    consensus_scores (media_id) {
        media_id -> Uuid,
        strength -> Float8,
        uncertainty -> Float8,
        comparisons -> Int8,
        fitted_at -> Timestamptz,
    }
}

diesel::table! {
    use diesel::sql_types::{Array, Float8, Timestamptz, Uuid};

    matchup_votes (matchup_id) {
        matchup_id -> Uuid,
        voter_id -> Uuid,
        winner_set_id -> Uuid,
        loser_set_id -> Uuid,
        winner_media -> Array<Uuid>,
        loser_media -> Array<Uuid>,
        winner_rating_before -> Float8,
        loser_rating_before -> Float8,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    use diesel::sql_types::{Timestamptz, Uuid};

    matchups (id) {
        id -> Uuid,
        voter_id -> Uuid,
        set_a_id -> Uuid,
        set_b_id -> Uuid,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    use diesel::sql_types::{Float8, Int4, Timestamptz, Uuid};

    top4_sets (id) {
        id -> Uuid,
        user_id -> Uuid,
        media_1 -> Uuid,
        media_2 -> Uuid,
        media_3 -> Uuid,
        media_4 -> Uuid,
        rating -> Float8,
        wins -> Int4,
        losses -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    use diesel::sql_types::{Array, Text, Timestamptz, Uuid};

    user_services (user_id) {
        user_id -> Uuid,
        region -> Text,
        services -> Array<Text>,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    use diesel::sql_types::{Int4, Nullable, Text, Timestamptz};

    sync_state (job) {
        job -> Text,
        params -> Text,
        next_step -> Int4,
        completed_at -> Nullable<Timestamptz>,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    use diesel::sql_types::{Text, Timestamptz, Uuid};

    interactions (user_id, media_id, kind) {
        user_id -> Uuid,
        media_id -> Uuid,
        kind -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    use diesel::sql_types::{Int4, Int8, Jsonb, Timestamptz};

    rec_models (id) {
        id -> Int8,
        trained_at -> Timestamptz,
        factors -> Int4,
        settings -> Jsonb,
    }
}

diesel::table! {
    use diesel::sql_types::{Array, Float4, Int8, Uuid};

    rec_item_factors (model_id, media_id) {
        model_id -> Int8,
        media_id -> Uuid,
        vector -> Array<Float4>,
    }
}

diesel::table! {
    use diesel::sql_types::{Array, Float4, Int8, Uuid};

    rec_user_factors (model_id, user_id) {
        model_id -> Int8,
        user_id -> Uuid,
        vector -> Array<Float4>,
    }
}

diesel::table! {
    use diesel::sql_types::{Text, Timestamptz, Uuid};

    external_identities (issuer, subject) {
        issuer -> Text,
        subject -> Text,
        user_id -> Uuid,
        created_at -> Timestamptz,
    }
}

diesel::joinable!(auth_sessions -> users (user_id));
diesel::joinable!(availability_cache -> media_items (media_id));
diesel::joinable!(external_identities -> users (user_id));
diesel::joinable!(refresh_tokens -> auth_sessions (session_id));
diesel::joinable!(comparisons -> users (user_id));
diesel::joinable!(interactions -> media_items (media_id));
diesel::joinable!(interactions -> users (user_id));
diesel::joinable!(rec_item_factors -> rec_models (model_id));
diesel::joinable!(rec_user_factors -> rec_models (model_id));
diesel::joinable!(consensus_scores -> media_items (media_id));
diesel::joinable!(matchup_votes -> users (voter_id));
diesel::joinable!(matchups -> users (voter_id));
diesel::joinable!(top4_sets -> users (user_id));
diesel::joinable!(media_embeddings -> media_items (media_id));
diesel::joinable!(media_items -> users (created_by));
diesel::joinable!(placement_sessions -> media_items (media_id));
diesel::joinable!(placement_sessions -> rankings (ranking_id));
diesel::joinable!(placement_sessions -> users (user_id));
diesel::joinable!(rankings -> media_items (media_id));
diesel::joinable!(rankings -> users (user_id));
diesel::joinable!(user_services -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(
    activities,
    auth_sessions,
    refresh_tokens,
    availability_cache,
    catalog_state,
    comparisons,
    consensus_scores,
    external_identities,
    interactions,
    matchup_votes,
    matchups,
    media_embeddings,
    media_items,
    placement_sessions,
    rankings,
    rec_item_factors,
    rec_models,
    rec_user_factors,
    sync_state,
    top4_sets,
    user_services,
    users,
    follows
);
