//! The tables as diesel sees them, matching `migrations/` (checked by `tests/schema.rs`).
//!
//! Written in the form `diesel print-schema` produces, except that `media_items.genres` is `Array<Text>`: the
//! migration forbids NULL elements, so the adapter reads it as `Vec<String>`.

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
    use diesel::sql_types::{Bool, Text, Timestamptz, Uuid};

    users (id) {
        id -> Uuid,
        email -> Text,
        display_name -> Text,
        password_hash -> Text,
        is_admin -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::joinable!(comparisons -> users (user_id));
diesel::joinable!(media_items -> users (created_by));
diesel::joinable!(rankings -> media_items (media_id));
diesel::joinable!(rankings -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(comparisons, media_items, rankings, users);
