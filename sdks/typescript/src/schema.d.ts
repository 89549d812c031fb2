// Generated from docs/openapi.json by scripts/generate.mjs (`just sdk`). Do not edit.

export interface paths {
    "/api/v1/admin/users/{id}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Disable an account
         * @description Admins only. The account cannot sign in (403 `account-disabled`, with its own password or an external
         *     provider's token), its sessions end in the same transaction (refresh tokens stop working), its access tokens are
         *     refused at once with 403 `account-disabled`, and people search no longer finds it. Its data stays. An admin
         *     cannot disable their own account. Disabling a disabled account changes nothing.
         */
        post: operations["disable_user"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users/{id}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Enable an account
         * @description Admins only. A disabled account may sign in again (its ended sessions stay ended). Enabling an enabled account
         *     changes nothing.
         */
        post: operations["enable_user"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in
         * @description Exchanges an e-mail address and password for an access token and a refresh token (a new session).
         */
        post: operations["log_in_user"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log out
         * @description Ends the session the access token belongs to: its refresh tokens stop working at once, its access tokens when
         *     they expire (15 minutes at most by default). Logging out of an ended session succeeds too.
         */
        post: operations["log_out"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log out everywhere
         * @description Ends every session of the account, this one included (on every device).
         */
        post: operations["log_out_everywhere"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in account */
        get: operations["get_current_user"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change the account's address or name
         * @description Sets the e-mail address, the display name or both; every invalid field is reported at once.
         */
        patch: operations["update_current_user"];
        trace?: never;
    };
    "/api/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Change the password
         * @description Needs the current password. Every other session of the account ends (their refresh tokens stop working at
         *     once, their access tokens when they expire); the session making the change goes on.
         */
        put: operations["change_password"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refresh
         * @description Exchanges a refresh token for a new access token and a new refresh token. The old refresh token is spent:
         *     presenting it again ends the whole session (it was stolen, or a client retried), and every refresh token of
         *     the session stops working.
         */
        post: operations["refresh_session"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Register
         * @description Creates an account and signs it in. Every invalid field is reported at once.
         */
        post: operations["register_user"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/charts/consensus": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The consensus chart
         * @description Titles by their Bradley–Terry strength, fitted over every user's comparison answers and ranked lists (refreshed
         *     on a schedule and by `marquee chart refresh`), with each strength's standard error and how many outcomes it
         *     rests on.
         */
        get: operations["consensus_chart"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/feed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's feed
         * @description What the users the caller follows (accepted follows) did, newest first: placed, moved and removed titles,
         *     placement comparisons, matchup votes, follows and top-4 changes. Consecutive actions of one user and one verb
         *     within a minute of the newest are one entry with a `count`. Private profiles, and follows of private profiles,
         *     never appear. Page with `next_cursor`; an entry never spans two pages.
         */
        get: operations["get_feed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leaderboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The best-ranked titles and the most active rankers
         * @description Titles by the mean of their derived scores (tier and position in each list, as lists show them) shrunk
         *     toward the mean of every score in scope with weight m = 5, so a title with one enthusiastic ranking does not
         *     top the board. `global` counts every list that is not private (an aggregate names no one); `following` only
         *     the lists of users the caller follows with an accepted follow. Rankers list only profiles the caller may see.
         */
        get: operations["get_board"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/matchups/leaderboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The leaderboard
         * @description The top-4 sets the caller may see, by Elo rating, best first (ties: more votes first), with their votes. A set
         *     shows its owner, so it is listed only to those who may see the owner's profile: signed out, public users' sets
         *     only; signed in, also the caller's own and those of followers-only users the caller follows. A private user's
         *     set is listed to its owner alone. Ranks count the sets listed.
         */
        get: operations["get_leaderboard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/matchups/next": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The next matchup
         * @description Two other users' sets to compare: the least-voted set against the closest rating, avoiding genres the caller
         *     saw in their last matchups, never the caller's own set, never a set whose owner the caller may not see (a
         *     private user's, or a followers-only user's the caller does not follow), and never a pair shown to the caller
         *     within the repeat window (7 days by default). 404 when no such pair is left.
         */
        get: operations["next_matchup"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/matchups/{id}/vote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Vote on a matchup
         * @description Records the caller's choice once and moves both sets' Elo ratings in the same transaction.
         */
        post: operations["vote_matchup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete the account
         * @description Deletes the signed-in account and, in one transaction, everything that identifies its owner: the list,
         *     comparisons, placement sessions, interactions and ratings, follows both ways and follow requests, the top-4 set,
         *     its matchups and the owner's votes, streaming services, activity, sessions and refresh tokens, and links to
         *     external providers. Catalog entries the owner created stay, without a creator. Every token of the account is
         *     refused at once (401). An account with a password must give it; one made by an external provider must send a
         *     token from a sign-in at most 5 minutes old. Export the data first (`GET /api/v1/me/export`) to keep it.
         *
         *     Aggregates built before the deletion drop the owner's data at their next refresh: the consensus chart within
         *     `CHART_REFRESH_SECONDS` (an hour by default), the recommendation model at its next training
         *     (`REC_TRAIN_SECONDS`, an hour by default); leaderboards, feeds, follower lists and compatibility read live data
         *     and drop it at once.
         */
        delete: operations["delete_current_user"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/comparisons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's comparisons
         * @description Every answer the caller gave ("which did you like more?"), newest first.
         */
        get: operations["list_comparisons"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export everything you own
         * @description The list (tiers, order, stars), the comparisons, the top 4 and the streaming services, re-importable into any
         *     Marquee with `POST /api/v1/me/imports/marquee`. The list alone as CSV is `GET /api/v1/me/export/csv`
         *     (`?format=csv` here answers the same, for older clients; `?format=json` is this document).
         */
        get: operations["export_data"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/export/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export your list as CSV
         * @description The list only, one row per title, re-importable with `POST /api/v1/me/imports/marquee`: `tier,position,stars,
         *     kind,title,original_title,year,genres,tmdb_id,imdb_id,created_at`, genres joined with `|`.
         */
        get: operations["export_csv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/followers/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a follow request
         * @description Accepts the pending request of the user in the path to follow the caller.
         */
        post: operations["approve_follower"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/imports/goodreads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import a Goodreads library
         * @description The file is Goodreads' library export (`goodreads_library_export.csv`; columns found by name). Books match by
         *     ISBN (ISBN13, then ISBN), then Open Library's work key when it is configured and knows the ISBN or the title
         *     and author, then by title (without the series part) and original publication year. Rated books (1–5 stars) are
         *     placed: 5 in S, 4 A, 3 B, 2 C, 1 D; unrated books on the `to-read` shelf go to the watchlist; other unrated
         *     books are skipped.
         */
        post: operations["import_goodreads"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/imports/imdb": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import IMDb ratings
         * @description The file is IMDb's ratings export (`ratings.csv`, either the current layout with `Original Title` or the
         *     older one). Titles match by IMDb id, then by title and year; movies, TV films, shorts and videos become movies,
         *     series become shows, other title types are skipped. 9–10 go to S, 7–8 A, 5–6 B, 3–4 C, 1–2 D.
         */
        post: operations["import_imdb"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/imports/letterboxd": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import a Letterboxd export
         * @description The file is `ratings.csv` or `watched.csv` of a Letterboxd export, or the export's ZIP. Films match the catalog
         *     by title and year; those that match nothing become manual entries. Each rated film goes to the bottom of the
         *     tier its stars give (4½–5 S, 3½–4 A, 2½–3 B, 1½–2 C, ½–1 D), best rated first, then earliest rated. Films
         *     already in the list stay where they are, so importing the same file again changes nothing. Watched films
         *     without a rating are reported as skipped.
         */
        post: operations["import_letterboxd"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/imports/marquee": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import a Marquee export
         * @description The file is the JSON of `GET /api/v1/me/export` or the CSV of `GET /api/v1/me/export/csv` (the list only). Titles match by
         *     TMDb id, IMDb id, then title and year; each goes to its exported tier in its exported order, below what the
         *     list holds already. Comparisons are added when both titles match and the same answer is not stored yet; the
         *     top 4 and the streaming services, when the export has them, replace the user's.
         */
        post: operations["import_marquee"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/interactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record an interaction
         * @description Tells the recommender the caller viewed, clicked or saved a title to the watchlist. Repeating one only moves
         *     its time. It counts at the caller's next request, before any retraining.
         */
        post: operations["record_interaction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/placements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start placing a title
         * @description Starts placing a catalog item into a tier of the caller's list by pairwise questions. Into an empty tier the
         *     title is placed at once (`placed`); otherwise the answer is `comparing` with the first question. A tier of n
         *     titles takes at most ⌈log₂(n + 1)⌉ questions. Sessions expire after `PLACEMENT_SESSION_TTL_SECONDS` (default
         *     30 minutes) without an answer.
         */
        post: operations["start_placement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/placements/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Abandon a placement
         * @description Ends an open (or expired) session without placing the title. The answers given stay in the comparison history.
         */
        delete: operations["abandon_placement"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/placements/{id}/answers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Answer a placement question
         * @description `new`: the title being placed is better; `existing`: the title asked about is; `too_close`: the new title goes
         *     right below it and the search ends. Answers the next question, or `placed` with the final ranking. The answer,
         *     its comparison record and the final placement are written in one transaction. The list may change meanwhile
         *     (other devices): each answer re-reads the tier, and a title asked about that has gone no longer counts.
         */
        post: operations["answer_placement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/placements/{id}/undo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Take the last answer back
         * @description Removes the last answer (and its comparison record) and asks that question again.
         */
        post: operations["undo_placement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/rankings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's list
         * @description One page of the caller's rankings, S → D and best first inside each tier; positions and tier sizes count the
         *     whole tier, whatever the filter.
         */
        get: operations["list_rankings"];
        put?: never;
        /**
         * Place a title
         * @description Adds a catalog item to the caller's list in `tier`: directly above `before`, directly below `after`, between
         *     them when both are given (they must be adjacent), or at the bottom of the tier.
         */
        post: operations["place_ranking"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/rankings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One ranking */
        get: operations["get_ranking"];
        put?: never;
        post?: never;
        /** Remove a ranking */
        delete: operations["delete_ranking"];
        options?: never;
        head?: never;
        /**
         * Move a ranking
         * @description Moves a title inside its tier or to another: give a `tier`, a `before` or `after` neighbour, or both.
         */
        patch: operations["move_ranking"];
        trace?: never;
    };
    "/api/v1/me/ratings/{media_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Rate a title
         * @description The quick path: the stars pick a tier (5 → S … 1 → D). An unranked title is placed at the bottom of that tier
         *     (201); a title in another tier moves to its bottom; a title already in that tier keeps its place (200). The
         *     stars are recorded either way.
         */
        put: operations["rate_media"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's streaming services */
        get: operations["get_services"];
        /**
         * Set the caller's streaming services
         * @description Replaces the region and the list; `on_my_services=true` on lists then keeps what these services stream.
         */
        put: operations["put_services"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/top4": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your top 4 */
        get: operations["get_top4"];
        /**
         * Set your top 4
         * @description Names the caller's four favourite titles, favourite first. The same four titles in another order keep the set
         *     and its rating; any other title makes a new set, rated 1500 with no votes, and withdraws the old set's open
         *     matchups.
         */
        put: operations["put_top4"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/visibility": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's visibility */
        get: operations["get_visibility"];
        /**
         * Set the caller's visibility
         * @description `public` (the default): everyone may read the caller's list, taste, follows and activity. `followers`: only
         *     accepted followers (new follows become requests the caller approves). `private`: nobody; to others the profile
         *     does not exist.
         */
        put: operations["set_visibility"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/media": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add a catalog item
         * @description A manual entry by any signed-in user (plays and books, mostly). Only admins may set provider ids (`tmdb_id`,
         *     `imdb_id`, `attributes.tmdb`, `attributes.movielens_id`); anyone else gets 422 naming them. Each user may create
         *     `CATALOG_DAILY_QUOTA` entries (default 50) in any 24 hours, imports included; past that the answer is 429 with
         *     `Retry-After`.
         */
        post: operations["create_media"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/media/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search the catalog
         * @description Local-first search on titles and original titles (trigram similarity and substrings), best match first. When
         *     the first page has fewer local hits than asked for and TMDb is configured, TMDb is asked too: its movies and
         *     shows join the catalog and the answer (below the local hits). TMDb failing never fails the search:
         *     `remote_skipped` says so. With `mode=hybrid`, the local hits are fused with semantic search by reciprocal rank
         *     instead (TMDb is not asked).
         */
        get: operations["search_media"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/media/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A catalog item */
        get: operations["get_media"];
        /**
         * Edit a catalog item
         * @description Replaces every field of an item (admins only).
         */
        put: operations["update_media"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/media/{id}/availability": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Where a title can be watched
         * @description Offers from every configured provider (Watchmode, TMDb's JustWatch data), merged. Answers come from the
         *     PostgreSQL cache while it is younger than its TTL (24 h by default); a provider that fails is answered from the
         *     cache, however old (`sources[].state` = `stale`, with its age). Without providers or cache the list is empty,
         *     with a `note`: never a 5xx because of a provider.
         */
        get: operations["get_availability"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/media/{id}/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Merge a duplicate into an item
         * @description Folds `duplicate_id` into the item in the path (admins only): the duplicate's rankings, comparisons, placement
         *     sessions and top-4 slots move over, or are dropped where they would name the kept item twice (see
         *     docs/matchups.md), and the duplicate is deleted, all in one transaction.
         */
        post: operations["merge_media"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/media/{id}/similar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Titles like this one
         * @description The nearest neighbours of a title by meaning, of its own kind unless `kind` says otherwise.
         */
        get: operations["similar_media"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/recommendations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Recommendations for the caller
         * @description Titles the caller has not ranked, scored by the chosen strategy from their signals as they are at this moment
         *     (rankings, comparisons, matchup votes, top 4, interactions) against the newest trained model, each with its
         *     reasons in words. A caller with nothing liked yet gets trending titles (plus content from their top 4 under
         *     `hybrid`). `on_my_services` keeps what the caller's services stream, from the availability cache.
         */
        get: operations["list_recommendations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/search/semantic": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search by meaning
         * @description The titles whose title, year, genres and overview are closest in meaning to a free-text description
         *     (all-MiniLM-L6-v2 sentence embeddings, exact cosine search).
         */
        get: operations["semantic_search"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Find people
         * @description Users whose display name contains `q` (case ignored), by name. Who is found is the privacy rule's: public and
         *     followers-only profiles (the latter to ask to follow them), never a private one (not even by its accepted
         *     followers; only its owner finds themselves) and never a disabled account.
         */
        get: operations["search_users"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/compatibility": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Taste compatibility with a user
         * @description 0–100 between the caller and the user in the path, with what drives it: the titles they agree and disagree on
         *     most and the genres that pull them apart; subject to the other profile's visibility.
         */
        get: operations["user_compatibility"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/follow": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Follow a user
         * @description Takes effect at once for a public profile; for a followers-only profile it is a request until its owner
         *     approves it. Following again changes nothing. Following oneself is a 422; a private or unknown profile a 404.
         */
        post: operations["follow_user"];
        /**
         * Unfollow a user
         * @description Ends a follow or withdraws a request; not following is no error.
         */
        delete: operations["unfollow_user"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/followers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A user's followers
         * @description Newest first. The owner also sees pending requests (`state` = `requested`).
         */
        get: operations["list_followers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/following": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whom a user follows
         * @description Newest first; accepted follows only.
         */
        get: operations["list_following"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/rankings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A user's tier list
         * @description One page of someone's rankings, S → D and best first inside each tier, with the same filters as the caller's
         *     own list; subject to the profile's visibility.
         */
        get: operations["user_rankings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/taste": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A user's taste profile
         * @description Affinities per genre, decade and kind, weighted by derived scores and shrunk for rare attributes, and the
         *     titles that define the list; subject to the profile's visibility.
         */
        get: operations["user_taste"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness
         * @description Answers as long as the process serves HTTP; touches no backing service.
         */
        get: operations["check_liveness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness
         * @description Answers 200 when the backing services (the database) answer, 503 otherwise.
         */
        get: operations["check_readiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description An account as an admin sees it after a change. */
        AccountStatusResponse: {
            /** @description Whether it is disabled. */
            disabled: boolean;
            /** @description Its display name. */
            display_name: string;
            /**
             * Format: uuid
             * @description The account's id.
             */
            id: string;
        };
        /** @description How strongly a profile leans toward one genre, decade or kind. */
        AffinityResponse: {
            /**
             * Format: double
             * @description The score-weighted lean, −1 to +1, shrunk toward 0 for rare attributes.
             */
            affinity: number;
            /** @description How many ranked titles have it. */
            count: number;
            /** @description The genre, the decade (`1990s`) or the kind. */
            key: string;
            /**
             * Format: double
             * @description Their mean derived score (0–10).
             */
            mean_score: number;
        };
        /**
         * @description An answer to the open question.
         * @example {
         *       "prefer": "new"
         *     }
         */
        AnswerRequest: {
            /** @description `new`, `existing` or `too_close`. */
            prefer: components["schemas"]["PreferName"];
        };
        /** @description Where a title can be watched. */
        AvailabilityResponse: {
            /** @description Credits the providers' terms require next to their data (JustWatch for TMDb's). */
            attributions: string[];
            /**
             * Format: uuid
             * @description The title.
             */
            media_id: string;
            /** @description Why the answer is partial or empty, when there is a known reason. */
            note?: string | null;
            /** @description The offers, merged across providers. */
            offers: components["schemas"]["OfferResponse"][];
            /** @description The region. */
            region: string;
            /** @description Each provider's part. */
            sources: components["schemas"]["SourceResponse"][];
        };
        /**
         * @description How far back the leaderboard looks.
         * @enum {string}
         */
        BoardPeriod: "week" | "month" | "year" | "all";
        /** @description A ranker's activity. */
        BoardRankerResponse: {
            /** @description Their display name. */
            display_name: string;
            /**
             * Format: int64
             * @description Rankings they placed or moved in the period (of the kind and genre asked for).
             */
            rankings: number;
            /**
             * Format: uuid
             * @description The user's id.
             */
            user_id: string;
        };
        /** @description The best titles and the most active rankers. */
        BoardResponse: {
            /**
             * Format: double
             * @description The mean of every derived score in scope (null when nothing is).
             */
            global_mean?: number | null;
            /**
             * Format: double
             * @description The shrinkage's prior weight `m`.
             * @example 5
             */
            prior_weight: number;
            /** @description Most rankings first (then by id); only profiles the caller may see. */
            rankers: components["schemas"]["BoardRankerResponse"][];
            /** @description Best first: by `score`, then `count`, then id. */
            titles: components["schemas"]["BoardTitleResponse"][];
        };
        /**
         * @description Whose lists the leaderboard covers (the domain parses the query string; this names its values for the document).
         * @enum {string}
         */
        BoardScope: "global" | "following";
        /** @description A title's standing. */
        BoardTitleResponse: {
            /**
             * Format: int64
             * @description How many rankings in scope.
             */
            count: number;
            /**
             * Format: double
             * @description The raw mean derived score (0–10).
             */
            mean: number;
            /** @description The title. */
            media: components["schemas"]["RankedMediaResponse"];
            /**
             * Format: double
             * @description The mean derived score shrunk toward the global mean: `(count · mean + m · global_mean) / (count + m)`.
             */
            score: number;
        };
        /** @description What Open Library says of a book. */
        BookResponse: {
            /** @description Author names. */
            authors: string[];
            /** @description The cover image on `covers.openlibrary.org` (never fetched by the server). */
            cover_url?: string | null;
            /**
             * Format: int32
             * @description The year the work was first published.
             */
            first_publish_year?: number | null;
            /** @description ISBN-13s of the editions seen. */
            isbns: string[];
            /** @description The Open Library work key (`OL15832982W`): `https://openlibrary.org/works/{key}`. */
            openlibrary_key: string;
            /**
             * Format: int32
             * @description The page count (an edition's, or the median over its editions).
             */
            page_count?: number | null;
            /** @description Subjects. */
            subjects: string[];
        };
        /** @description A new password, and the current one to prove it is the owner asking. */
        ChangePasswordRequest: {
            /** @description The password now. */
            current_password: string;
            /**
             * @description 8 characters at least, 72 bytes at most (`maxLength` counts characters, so a password of multi-byte
             *     characters reaches the byte limit sooner).
             */
            new_password: string;
        };
        /** @description A title's place in the chart. */
        ChartEntryResponse: {
            /**
             * Format: int64
             * @description How many outcomes (direct answers and pairs implied by lists) involve the title.
             */
            comparisons: number;
            /**
             * Format: date-time
             * @description When the chart was fitted.
             */
            fitted_at: string;
            /** @description The title. */
            media: components["schemas"]["RankedMediaResponse"];
            /**
             * Format: int64
             * @description 1 = the strongest title the filter keeps.
             */
            rank: number;
            /**
             * Format: double
             * @description The centred log-strength: 0 is the average title; `a − b = ln 2` means `a` is preferred 2 times in 3.
             * @example 0.69
             */
            strength: number;
            /**
             * Format: double
             * @description The standard error of `strength`.
             * @example 0.21
             */
            uncertainty: number;
        };
        /** @description One page of the chart. */
        ChartResponse: {
            /** @description The titles of this page, strongest first. */
            items: components["schemas"]["ChartEntryResponse"][];
            /**
             * Format: int32
             * @description The page size asked for.
             */
            limit: number;
            /**
             * Format: int32
             * @description How many titles were skipped.
             */
            offset: number;
            /**
             * Format: int64
             * @description How many titles the filter keeps.
             */
            total: number;
        };
        /** @description The title a question compares against. */
        CompareWithResponse: {
            /** @description The title. */
            media: components["schemas"]["RankedMediaResponse"];
            /**
             * Format: uuid
             * @description Its ranking in the caller's list.
             */
            ranking_id: string;
        };
        /** @description One page of the caller's comparisons, newest first. */
        ComparisonPageResponse: {
            /** @description The comparisons of this page. */
            items: components["schemas"]["ComparisonResponse"][];
            /**
             * Format: int32
             * @description The page size asked for.
             */
            limit: number;
            /**
             * Format: int32
             * @description How many were skipped.
             */
            offset: number;
            /**
             * Format: int64
             * @description How many comparisons the caller has in all.
             */
            total: number;
        };
        /** @description One answer the caller gave. */
        ComparisonResponse: {
            /** @description Where it was asked: `placement`, … */
            context: string;
            /**
             * Format: date-time
             * @description When it was answered.
             */
            created_at: string;
            /**
             * Format: uuid
             * @description Its id.
             */
            id: string;
            /**
             * Format: uuid
             * @description The other catalog item.
             */
            loser_id: string;
            /**
             * Format: uuid
             * @description The placement session that asked, if any.
             */
            session_id?: string | null;
            /** @description Too close to call. */
            tie: boolean;
            /**
             * Format: uuid
             * @description The catalog item liked more (for a tie: the title that was being placed).
             */
            winner_id: string;
        };
        /** @description How compatible the caller's taste is with another user's. */
        CompatibilityResponse: {
            /** @description Shared titles with the closest scores (at most three). */
            agree_most: components["schemas"]["SharedTitleResponse"][];
            /** @description Shared titles with the furthest scores (at most three). */
            disagree_most: components["schemas"]["SharedTitleResponse"][];
            /** @description Genres with the largest affinity gap (at most three). */
            genres_apart: components["schemas"]["GenreGapResponse"][];
            /**
             * Format: double
             * @description How closely the caller's list follows the consensus chart (shrunk Kendall tau-b), −1 to 1.
             */
            leaning_mine: number;
            /**
             * Format: double
             * @description How closely the other user's list follows the consensus chart, −1 to 1.
             */
            leaning_theirs: number;
            /**
             * Format: double
             * @description The Kendall tau-b the two are predicted to reach on titles both rank later: rank agreement on shared
             *     titles (trusted more as they grow), the product of the two leanings, and a weak profile-similarity prior.
             */
            predicted_agreement: number;
            /**
             * Format: double
             * @description Cosine similarity of the genre, decade and kind affinities, −1 to 1.
             */
            profile_similarity: number;
            /**
             * Format: int32
             * @description 0–100: `50 + 100 × predicted_agreement`, clamped. 50 means no agreement is expected on titles neither has
             *     ranked yet; each point above is 0.01 of predicted Kendall tau-b.
             * @example 72
             */
            score: number;
            /** @description Titles both ranked. */
            shared: number;
            /**
             * Format: double
             * @description Kendall's tau-b over the shared titles' scores (null below two, or when one side is constant).
             */
            tau_b?: number | null;
            /**
             * Format: uuid
             * @description The other user.
             */
            user_id: string;
        };
        /**
         * @description Proof that the account's owner asks for its deletion.
         * @example {
         *       "current_password": "correct horse"
         *     }
         */
        DeleteAccountRequest: {
            /**
             * @description The account's password; required when it has one. An account made by an external provider has none: send
             *     `{}` with a token from a sign-in at most 5 minutes old.
             */
            current_password?: string | null;
        };
        /** @description Everything a user owns, re-importable with `POST /api/v1/me/imports/marquee`. */
        ExportDocument: {
            /** @description Comparisons, oldest first. */
            comparisons: components["schemas"]["ExportedComparisonSchema"][];
            /**
             * Format: date-time
             * @description When it was made.
             */
            exported_at: string;
            /** @description Always `marquee-export`. */
            format: string;
            /** @description The list, S → D, best first inside a tier. */
            rankings: components["schemas"]["ExportedRankingSchema"][];
            services?: components["schemas"]["ExportedServicesSchema"] | null;
            /** @description The top 4 (matchups), in order; empty when there is none. */
            top4: components["schemas"]["ExportedTitleSchema"][];
            /**
             * Format: int32
             * @description The format version, 1.
             */
            version: number;
        };
        /** @description One comparison of an export. */
        ExportedComparisonSchema: {
            /** @description Where it came from (`placement`, `matchup`, …). */
            context: string;
            /**
             * Format: date-time
             * @description When it was given.
             */
            created_at: string;
            /** @description The other title. */
            loser: components["schemas"]["ExportedTitleSchema"];
            /** @description Whether it was a tie. */
            tie: boolean;
            /** @description The title liked more (either, for a tie). */
            winner: components["schemas"]["ExportedTitleSchema"];
        };
        /** @description One ranked title of an export. */
        ExportedRankingSchema: {
            /**
             * Format: date-time
             * @description When it was placed.
             */
            created_at: string;
            /** @description The title. */
            media: components["schemas"]["ExportedTitleSchema"];
            /**
             * Format: int64
             * @description Its position in the tier, 1 = best.
             */
            position: number;
            /**
             * Format: int32
             * @description Its stars, 1 to 5.
             */
            stars?: number | null;
            /** @description Its tier. */
            tier: components["schemas"]["TierName"];
        };
        /** @description The streaming services of an export. */
        ExportedServicesSchema: {
            /** @description ISO 3166-1 region, e.g. `US`. */
            region: string;
            /** @description Service names. */
            services: string[];
        };
        /** @description A title as an export names it. */
        ExportedTitleSchema: {
            /** @description Its genres. */
            genres: string[];
            /** @description Its IMDb id. */
            imdb_id?: string | null;
            /** @description `movie`, `show`, `book` or `play`. */
            kind: components["schemas"]["MediaKindName"];
            /** @description Its original title. */
            original_title?: string | null;
            /** @description Its title. */
            title: string;
            /**
             * Format: int64
             * @description Its TMDb id.
             */
            tmdb_id?: number | null;
            /**
             * Format: int32
             * @description Its year.
             */
            year?: number | null;
        };
        /** @description One entry: one action, or a run of one user's same action within a minute folded together. */
        FeedEntryResponse: {
            /** @description Who. */
            actor: components["schemas"]["FeedUserResponse"];
            /**
             * Format: int32
             * @description How many actions the entry folds.
             * @example 3
             */
            count: number;
            /**
             * Format: date-time
             * @description When the newest folded action happened.
             */
            created_at: string;
            /** @description Pass as `cursor` to read what came before this entry. */
            cursor: string;
            /**
             * Format: date-time
             * @description When the oldest folded action happened.
             */
            first_at: string;
            /**
             * Format: int64
             * @description The newest folded action's id.
             */
            id: number;
            /** @description For `followed`: the first three distinct users followed, newest first. */
            targets: components["schemas"]["FeedUserResponse"][];
            /** @description The first three distinct titles involved, newest first (none for votes and follows). */
            titles: components["schemas"]["FeedTitleResponse"][];
            /** @description What. */
            verb: components["schemas"]["VerbName"];
        };
        /** @description One page of the feed, newest first. */
        FeedResponse: {
            /** @description The entries. */
            entries: components["schemas"]["FeedEntryResponse"][];
            /** @description The cursor of the next page; null at the end of the feed. */
            next_cursor?: string | null;
        };
        /** @description A title an entry involved. */
        FeedTitleResponse: {
            /** @description The title. */
            media: components["schemas"]["RankedMediaResponse"];
            tier?: components["schemas"]["TierName"] | null;
        };
        /** @description A user as the feed names them. */
        FeedUserResponse: {
            /** @description Their display name. */
            display_name: string;
            /**
             * Format: uuid
             * @description Their id.
             */
            id: string;
        };
        /** @description One user of a followers or following list. */
        FollowItemResponse: {
            /** @description Their display name. */
            display_name: string;
            /**
             * Format: date-time
             * @description When the follow was asked for.
             */
            since: string;
            /** @description `requested` appears only in the owner's own follower list. */
            state: components["schemas"]["FollowStateName"];
            /**
             * Format: uuid
             * @description The user's id.
             */
            user_id: string;
        };
        /** @description One page of followers or followed users, newest first. */
        FollowPageResponse: {
            /** @description The users of this page. */
            items: components["schemas"]["FollowItemResponse"][];
            /**
             * Format: int32
             * @description The page size asked for.
             */
            limit: number;
            /**
             * Format: int32
             * @description How many were skipped.
             */
            offset: number;
            /**
             * Format: int64
             * @description How many in all.
             */
            total: number;
        };
        /** @description The follow the caller now has. */
        FollowResponse: {
            /** @description `following` for a public profile, `requested` for a followers-only one until its owner approves. */
            state: components["schemas"]["FollowStateName"];
        };
        /**
         * @description Where a follow stands.
         * @enum {string}
         */
        FollowStateName: "following" | "requested";
        /** @description A genre on which the two profiles differ. */
        GenreGapResponse: {
            /** @description The genre. */
            genre: string;
            /**
             * Format: double
             * @description The caller's affinity.
             */
            mine: number;
            /**
             * Format: double
             * @description The other user's affinity.
             */
            theirs: number;
        };
        /** @description A probe's answer. */
        HealthResponse: {
            /**
             * @description Always `ok`: failures answer 503 with a problem instead.
             * @example ok
             */
            status: string;
        };
        /** @description What an import did. */
        ImportReportResponse: {
            /**
             * Format: int64
             * @description Comparisons added (Marquee exports only).
             */
            comparisons_added: number;
            /** @description Rows for which a manual catalog entry was made (the caller's own, without the file's TMDb or IMDb id). */
            created: components["schemas"]["ImportedRowResponse"][];
            /**
             * Format: int32
             * @description How many more catalog entries the caller may create today, by import or `POST /media` (the daily quota);
             *     rows that match nothing once it is used up are reported under `skipped`.
             */
            entries_left: number;
            /** @description Rows that matched a catalog item. */
            matched: components["schemas"]["ImportedRowResponse"][];
            /** @description Whether bad rows were skipped instead of refusing the import. */
            partial: boolean;
            /**
             * Format: int64
             * @description Titles added to the list.
             */
            placed: number;
            /** @description Whether the streaming services were set (Marquee exports that carry them). */
            services_set: boolean;
            /** @description Rows left out, with reasons. */
            skipped: components["schemas"]["SkippedRowResponse"][];
            /** @description `letterboxd`, `imdb`, `marquee` or `goodreads`. */
            source: components["schemas"]["ImportSourceName"];
            /** @description Whether the top 4 was set (Marquee exports that carry one). */
            top4_set: boolean;
            /**
             * Format: int64
             * @description Titles that were in the list already (importing the same file twice changes nothing).
             */
            unchanged: number;
            /** @description Rows added to the watchlist (Goodreads' unrated `to-read` books); empty for other sources. */
            watchlist: components["schemas"]["WatchlistRowResponse"][];
        };
        /**
         * @description Where an import came from.
         * @enum {string}
         */
        ImportSourceName: "letterboxd" | "imdb" | "marquee" | "goodreads";
        /** @description One imported row. */
        ImportedRowResponse: {
            /** @description For a duplicate: the line that placed the title. */
            duplicate_of_line?: number | null;
            /** @description The row's line in its file (1 = the header), or its 1-based index in a JSON export. */
            line: number;
            /** @description How it was matched. */
            matched_by: components["schemas"]["MatchedByName"];
            /**
             * Format: uuid
             * @description The catalog item.
             */
            media_id: string;
            /** @description What happened to the list. */
            placement: components["schemas"]["PlacementName"];
            /** @description Its tier in the list now. */
            tier: components["schemas"]["TierName"];
            /** @description Its title. */
            title: string;
        };
        /**
         * @description An interaction's kind.
         * @enum {string}
         */
        InteractionKindName: "view" | "click" | "watchlist";
        /** @description An interaction to record. */
        InteractionRequest: {
            /** @description What happened. */
            kind: components["schemas"]["InteractionKindName"];
            /**
             * Format: uuid
             * @description The title.
             */
            media_id: string;
        };
        /** @description One invalid input field. */
        InvalidField: {
            /** @description The field as the API spells it (`email`, `genres[2]`, `before/after`). */
            field: string;
            /** @description What is wrong with it. */
            message: string;
        };
        /** @description A place on the leaderboard. */
        LeaderboardEntryResponse: components["schemas"]["Top4SetResponse"] & {
            /**
             * Format: int64
             * @description 1 = the best-rated set.
             */
            rank: number;
        };
        /** @description One page of the leaderboard. */
        LeaderboardResponse: {
            /** @description The sets of this page, best-rated first. */
            items: components["schemas"]["LeaderboardEntryResponse"][];
            /**
             * Format: int32
             * @description The page size asked for.
             */
            limit: number;
            /**
             * Format: int32
             * @description How many sets were skipped.
             */
            offset: number;
            /**
             * Format: int64
             * @description How many sets there are.
             */
            total: number;
        };
        /** @description Credentials. */
        LoginRequest: {
            /** @description The account's e-mail address. */
            email: string;
            /** @description Its password. */
            password: string;
        };
        /**
         * @description How a row found its title.
         * @enum {string}
         */
        MatchedByName: "tmdb_id" | "imdb_id" | "openlibrary_key" | "isbn" | "title_year" | "created";
        /** @description Two sets to compare. */
        MatchupResponse: {
            /** @description Set `a`. */
            a: components["schemas"]["Top4SetResponse"];
            /** @description Set `b`. */
            b: components["schemas"]["Top4SetResponse"];
            /**
             * Format: date-time
             * @description When it was drawn.
             */
            created_at: string;
            /**
             * Format: uuid
             * @description The matchup's id, to vote on.
             */
            id: string;
        };
        /**
         * @description What kind of work a catalog item is.
         * @enum {string}
         */
        MediaKindName: "movie" | "show" | "book" | "play";
        /**
         * @description A catalog item's fields, for a manual entry or an admin edit (which replaces them all).
         * @example {
         *       "attributes": {
         *         "author": "William Shakespeare"
         *       },
         *       "genres": [
         *         "Tragedy"
         *       ],
         *       "kind": "play",
         *       "title": "Hamlet",
         *       "year": 1603
         *     }
         */
        MediaRequest: {
            /**
             * @description A JSON object of extra facts, at most 16 KiB. Keys naming an image or a URL (`backdrop_path`, `logo_url`, …)
             *     take what `poster_path` takes; `tmdb` and `movielens_id` are provider data (admins only).
             */
            attributes?: {
                [key: string]: unknown;
            };
            /** @description Up to 20 distinct genres of 1 to 50 characters. */
            genres?: string[];
            /** @description `tt` followed by digits. Admins only, like `tmdb_id`. */
            imdb_id?: string | null;
            /** @description `movie`, `show`, `book` or `play`. */
            kind: components["schemas"]["MediaKindName"];
            /** @description At most 300 characters. */
            original_title?: string | null;
            /** @description At most 5,000 characters. */
            overview?: string | null;
            /** @description A TMDb image path (`/abc123.jpg`) or an `https` URL without credentials, at most 500 characters. */
            poster_path?: string | null;
            /** @description 1 to 300 characters. */
            title: string;
            /**
             * Format: int64
             * @description A positive TMDb id, unique per kind. Admins only: a user's entry may not carry provider ids.
             */
            tmdb_id?: number | null;
            /**
             * Format: int64
             * @description -3000 to 2200.
             */
            year?: number | null;
        };
        /** @description A catalog item. */
        MediaResponse: {
            /** @description Free-form facts (author, runtime, theatre, …). */
            attributes: {
                [key: string]: unknown;
            };
            book?: components["schemas"]["BookResponse"] | null;
            /**
             * Format: date-time
             * @description When it entered the catalog.
             */
            created_at: string;
            /** @description Genre names. */
            genres: string[];
            /**
             * Format: uuid
             * @description Its id.
             */
            id: string;
            /** @description The IMDb id (`tt0111161`). */
            imdb_id?: string | null;
            /** @description Its kind. */
            kind: components["schemas"]["MediaKindName"];
            /** @description The title in its original language, when it differs. */
            original_title?: string | null;
            /** @description A short summary. */
            overview?: string | null;
            /** @description A TMDb image path (`/abc.jpg`) or an absolute `https` URL. */
            poster_path?: string | null;
            /** @description The title people know it by. */
            title: string;
            /**
             * Format: int64
             * @description The TMDb id, unique per kind.
             */
            tmdb_id?: number | null;
            /**
             * Format: date-time
             * @description When it last changed.
             */
            updated_at: string;
            /**
             * Format: int32
             * @description Year of first release, publication or premiere (negative is BCE).
             */
            year?: number | null;
        };
        /** @description Which item to fold into the one in the path. */
        MergeRequest: {
            /**
             * Format: uuid
             * @description The duplicate: its rankings, comparisons, sessions and top-4 slots move to the kept item, then it is deleted.
             */
            duplicate_id: string;
        };
        /** @description What a merge did. */
        MergeResponse: {
            /**
             * Format: int64
             * @description Comparisons between the two items, dropped.
             */
            comparisons_dropped: number;
            /**
             * Format: int64
             * @description Comparisons naming the duplicate that now name the kept item.
             */
            comparisons_moved: number;
            /** @description The item kept. */
            kept: components["schemas"]["MediaResponse"];
            /**
             * Format: int64
             * @description Rankings of the duplicate dropped because their user had ranked the kept item too.
             */
            rankings_dropped: number;
            /**
             * Format: int64
             * @description Rankings of the duplicate that now point at the kept item.
             */
            rankings_moved: number;
            /**
             * Format: int64
             * @description Open sessions placing the duplicate for users who rank the kept item: abandoned.
             */
            sessions_dropped: number;
            /**
             * Format: int64
             * @description Placement sessions placing or asking about the duplicate that now refer to the kept item.
             */
            sessions_moved: number;
            /**
             * Format: int64
             * @description Top-4 sets that named both items, deleted.
             */
            top4_sets_dropped: number;
            /**
             * Format: int64
             * @description Top-4 sets naming the kept item in the duplicate's slot (same set, rating and votes).
             */
            top4_sets_moved: number;
        };
        /** @description The trained model an answer used. */
        ModelResponse: {
            /** @description Latent dimensions. */
            factors: number;
            /**
             * Format: date-time
             * @description When it was trained.
             */
            trained_at: string;
            /**
             * Format: int64
             * @description Increases with every training.
             */
            version: number;
        };
        /**
         * @description Move a ranked title inside its tier or to another.
         * @example {
         *       "after": "0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f6",
         *       "tier": "S"
         *     }
         */
        MoveRankingRequest: {
            /**
             * Format: uuid
             * @description A ranking to move directly below. With neither neighbour, the title goes to the bottom of `tier`.
             */
            after?: string | null;
            /**
             * Format: uuid
             * @description A ranking to move directly above.
             */
            before?: string | null;
            tier?: components["schemas"]["TierName"] | null;
        };
        /**
         * @description How an offer lets you watch.
         * @enum {string}
         */
        OfferKindName: "subscription" | "free" | "ads" | "rent" | "buy" | "tv_everywhere";
        /** @description One way to watch a title. */
        OfferResponse: {
            /** @description `SD`, `HD`, `4K`, when known. */
            format?: string | null;
            /**
             * Format: double
             * @description The price in the region's currency, for rent and buy, when known.
             */
            price?: number | null;
            /** @description The providers that report it (`watchmode`, `tmdb`). */
            providers: string[];
            /** @description The region. */
            region: string;
            /** @description The service (`Netflix`). */
            service: string;
            /** @description How. */
            type: components["schemas"]["OfferKindName"];
            /** @description Where to watch. */
            web_url?: string | null;
        };
        /** @description A set's owner. */
        OwnerResponse: {
            /** @description Their display name. */
            display_name: string;
            /**
             * Format: uuid
             * @description The user's id.
             */
            id: string;
        };
        /** @description One page of people, by name. */
        PeoplePageResponse: {
            /** @description The users of this page. */
            items: components["schemas"]["PersonResponse"][];
            /**
             * Format: int32
             * @description The page size asked for.
             */
            limit: number;
            /**
             * Format: int32
             * @description How many were skipped.
             */
            offset: number;
            /**
             * Format: int64
             * @description How many match in all.
             */
            total: number;
        };
        /** @description A user found by name. */
        PersonResponse: {
            /** @description Their display name. */
            display_name: string;
            /**
             * Format: uuid
             * @description The user's id.
             */
            user_id: string;
            /** @description `followers`: their data is for accepted followers only (ask to follow); `private` only for the caller. */
            visibility: components["schemas"]["VisibilityName"];
        };
        /**
         * @description Place a title in the caller's list.
         * @example {
         *       "media_id": "0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f6",
         *       "tier": "A"
         *     }
         */
        PlaceRankingRequest: {
            /**
             * Format: uuid
             * @description A ranking (in `tier`) to place the title directly below. With `before` too, the two must be adjacent,
             *     `after` directly above `before`. With neither, the title goes to the bottom of the tier.
             */
            after?: string | null;
            /**
             * Format: uuid
             * @description A ranking (in `tier`) to place the title directly above.
             */
            before?: string | null;
            /**
             * Format: uuid
             * @description The catalog item.
             */
            media_id: string;
            /** @description The tier. */
            tier: components["schemas"]["TierName"];
        };
        /**
         * @description What happened to the list.
         * @enum {string}
         */
        PlacementName: "placed" | "already_ranked" | "duplicate";
        /** @description A placement session after a step: a question (`comparing`) or the new ranking (`placed`). */
        PlacementResponse: {
            /**
             * Format: int32
             * @description Comparing: questions answered so far.
             */
            answered?: number | null;
            compare_with?: components["schemas"]["CompareWithResponse"] | null;
            /**
             * Format: date-time
             * @description Comparing: the session expires at this time unless answered (each answer extends it).
             */
            expires_at?: string | null;
            /**
             * Format: int32
             * @description Comparing: at most this many questions remain, this one included.
             */
            questions_left?: number | null;
            ranking?: components["schemas"]["RankingResponse"] | null;
            /**
             * Format: uuid
             * @description The session's id.
             */
            session_id: string;
            /** @description `comparing` or `placed`. */
            status: components["schemas"]["PlacementStatus"];
        };
        /**
         * @description Where a session stands.
         * @enum {string}
         */
        PlacementStatus: "comparing" | "placed";
        /**
         * @description Which title the caller liked more.
         * @enum {string}
         */
        PreferName: "new" | "existing" | "too_close";
        /**
         * @description An RFC 9457 problem document, the body of every error response.
         * @example {
         *       "detail": "password: must be at least 8 characters",
         *       "errors": [
         *         {
         *           "field": "password",
         *           "message": "must be at least 8 characters"
         *         }
         *       ],
         *       "request_id": "0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f6",
         *       "status": 422,
         *       "title": "Validation failed",
         *       "type": "urn:marquee:problem:validation-failed"
         *     }
         */
        Problem: {
            /** @description What went wrong with this request (generic for 5xx). */
            detail: string;
            /** @description The invalid fields (validation failures only). */
            errors?: components["schemas"]["InvalidField"][] | null;
            /** @description The request's id, as echoed in the `x-request-id` header; quote it when reporting a problem. */
            request_id?: string | null;
            /**
             * Format: int32
             * @description The HTTP status.
             */
            status: number;
            /** @description A short summary of the problem type. */
            title: string;
            /** @description `urn:marquee:problem:<code>`; the code is stable, clients may switch on it. */
            type: string;
        };
        /** @description The fields a list shows of a ranked title. */
        RankedMediaResponse: {
            /** @description Its genres. */
            genres: string[];
            /**
             * Format: uuid
             * @description The item's id.
             */
            id: string;
            /** @description Its kind. */
            kind: components["schemas"]["MediaKindName"];
            /** @description Its original title. */
            original_title?: string | null;
            /** @description Its poster path or URL. */
            poster_path?: string | null;
            /** @description Its title. */
            title: string;
            /**
             * Format: int32
             * @description Its year.
             */
            year?: number | null;
        };
        /** @description One page of the caller's list, S → D and best first inside a tier. */
        RankingPageResponse: {
            /** @description The rankings of this page. */
            items: components["schemas"]["RankingResponse"][];
            /**
             * Format: int32
             * @description The page size asked for.
             */
            limit: number;
            /**
             * Format: int32
             * @description How many rankings were skipped.
             */
            offset: number;
            /**
             * Format: int64
             * @description How many rankings match the filter in all.
             */
            total: number;
        };
        /** @description A title in the caller's list, with its position and derived score. */
        RankingResponse: {
            /**
             * Format: date-time
             * @description When it was placed.
             */
            created_at: string;
            /**
             * Format: uuid
             * @description The ranking's id (used as `before` / `after` by other rankings).
             */
            id: string;
            /** @description The title ranked. */
            media: components["schemas"]["RankedMediaResponse"];
            /**
             * Format: int64
             * @description Its position in the tier, 1 = the tier's best.
             */
            position: number;
            /** @description The order key inside the tier (opaque; sorts like the list). */
            rank_key: string;
            /**
             * Format: double
             * @description The 0–10 score derived from tier and position, one decimal.
             * @example 9.5
             */
            score: number;
            /**
             * Format: int32
             * @description The quick rating it was given, if it came in that way (1 to 5).
             */
            stars?: number | null;
            /** @description Its tier. */
            tier: components["schemas"]["TierName"];
            /**
             * Format: int64
             * @description How many titles the tier holds.
             */
            tier_size: number;
            /**
             * Format: date-time
             * @description When it last moved.
             */
            updated_at: string;
        };
        /** @description A set's rating around a vote. */
        RatingChangeResponse: {
            /**
             * Format: double
             * @description Its rating after.
             */
            rating_after: number;
            /**
             * Format: double
             * @description Its rating before the vote.
             */
            rating_before: number;
            /**
             * Format: uuid
             * @description The set.
             */
            set_id: string;
        };
        /** @description A quick star rating. */
        RatingRequest: {
            /**
             * Format: int64
             * @description 1 to 5 stars: 5 → S, 4 → A, 3 → B, 2 → C, 1 → D.
             * @example 4
             */
            stars: number;
        };
        /**
         * @description The kinds of reason (the domain names them as strings; this lists them for the document).
         * @enum {string}
         */
        ReasonCode: "because_you_ranked" | "followed_fans" | "similar_users" | "matches_your_taste" | "similar_content" | "trending";
        /** @description Why a title is recommended. */
        ReasonResponse: {
            /**
             * @description Machine-readable: `because_you_ranked`, `followed_fans`, `similar_users`, `matches_your_taste`,
             *     `similar_content` or `trending`.
             */
            code: components["schemas"]["ReasonCode"];
            /**
             * Format: int32
             * @description The number of people the reason counts.
             */
            count?: number | null;
            /**
             * Format: uuid
             * @description The caller's title the reason refers to.
             */
            media_id?: string | null;
            /**
             * @description The sentence to show.
             * @example Because you put Arrival in S
             */
            text: string;
        };
        /** @description One recommended title. */
        RecommendationResponse: {
            /** @description The title. */
            media: components["schemas"]["RankedMediaResponse"];
            /** @description The strategy's reason first, then, when people the caller follows rank it A or higher, theirs. */
            reasons: components["schemas"]["ReasonResponse"][];
            /**
             * Format: float
             * @description The strategy's score, higher is better; comparable within one answer only.
             */
            score: number;
        };
        /** @description Recommendations, best first. */
        RecommendationsResponse: {
            /** @description The titles; never one the caller has ranked (or otherwise interacted with). */
            items: components["schemas"]["RecommendationResponse"][];
            model?: components["schemas"]["ModelResponse"] | null;
            /**
             * @description What served it: the strategy, or `popular+content` for a caller with nothing liked yet under `hybrid`.
             * @example hybrid
             */
            served_by: string;
            /** @description The strategy asked for. */
            strategy: components["schemas"]["StrategyName"];
        };
        /** @description A refresh token to exchange. */
        RefreshRequest: {
            /** @description The `refresh_token` of the last sign-in or refresh. */
            refresh_token: string;
        };
        /**
         * @description A new account.
         * @example {
         *       "display_name": "Ada",
         *       "email": "ada@example.com",
         *       "password": "correct horse"
         *     }
         */
        RegisterRequest: {
            /** @description 1 to 50 characters once surrounding spaces are trimmed. */
            display_name: string;
            /** @description An e-mail address (stored lower-cased). */
            email: string;
            /**
             * @description 8 characters at least, 72 bytes at most (`maxLength` counts characters, so a password of multi-byte
             *     characters reaches the byte limit sooner).
             */
            password: string;
        };
        /** @description What the remote catalog did for a search. */
        RemoteSearchResponse: {
            /** @description Why it was skipped. */
            reason?: string | null;
            /**
             * @description `not_needed` (enough local hits, or a later page), `fetched` (asked; its titles joined the catalog),
             *     `cached` (asked within the cache TTL already) or `skipped`.
             */
            status: components["schemas"]["RemoteStatusName"];
            /** @description Titles the remote catalog answered, when it was asked. */
            titles?: number | null;
        };
        /**
         * @description The remote part's outcome.
         * @enum {string}
         */
        RemoteStatusName: "not_needed" | "fetched" | "cached" | "skipped";
        /** @description A search hit: the item and how well it matches. */
        SearchHitResponse: components["schemas"]["MediaResponse"] & {
            /**
             * Format: float
             * @description How well it matches (higher is better; only the order is meaningful).
             */
            relevance: number;
        };
        /**
         * @description How a title search matches (the handler parses the query string; this names its values for the document).
         * @enum {string}
         */
        SearchMode: "trigram" | "hybrid";
        /** @description One page of search hits, best first. */
        SearchPageResponse: {
            /** @description The hits of this page. */
            items: components["schemas"]["SearchHitResponse"][];
            /**
             * Format: int32
             * @description The page size asked for.
             */
            limit: number;
            /**
             * Format: int32
             * @description How many hits were skipped.
             */
            offset: number;
            /** @description What the remote catalog (TMDb) did for this search. */
            remote: components["schemas"]["RemoteSearchResponse"];
            /**
             * @description True when the remote catalog was wanted (fewer local hits than asked) but skipped: not configured, down,
             *     slow or rate limited. The hits are the local ones then.
             */
            remote_skipped: boolean;
            /**
             * Format: int64
             * @description How many items match in all.
             */
            total: number;
        };
        /** @description Semantic hits, closest first; `relevance` is the cosine similarity (-1 to 1). */
        SemanticResponse: {
            /** @description The hits. */
            items: components["schemas"]["SearchHitResponse"][];
            /** @description The embedding model that ranked them. */
            model: string;
        };
        /**
         * @description The caller's streaming services.
         * @example {
         *       "region": "US",
         *       "services": [
         *         "Netflix",
         *         "Max"
         *       ]
         *     }
         */
        ServicesRequest: {
            /**
             * @description An ISO 3166-1 alpha-2 country code.
             * @example US
             */
            region: string;
            /** @description Up to 50 service names as providers spell them (compared case-insensitively). */
            services: string[];
        };
        /** @description The caller's streaming services (an empty list and no region until set). */
        ServicesResponse: {
            /** @description The region. */
            region?: string | null;
            /** @description The services. */
            services: string[];
        };
        /** @description A title both users ranked. */
        SharedTitleResponse: {
            /** @description The title. */
            media: components["schemas"]["RankedMediaResponse"];
            /**
             * Format: double
             * @description The caller's derived score.
             */
            mine: number;
            /**
             * Format: double
             * @description The other user's derived score.
             */
            theirs: number;
        };
        /**
         * @description Which side won.
         * @enum {string}
         */
        SideName: "a" | "b";
        /** @description A row left out. */
        SkippedRowResponse: {
            /** @description Its file. */
            file: string;
            /** @description Its line. */
            line: number;
            /** @description Why it was left out. */
            reason: string;
            /** @description Its title, when it has one. */
            title?: string | null;
        };
        /** @description One provider's part of the answer. */
        SourceResponse: {
            /**
             * Format: int64
             * @description How old its part is, in seconds.
             */
            age_seconds?: number | null;
            /** @description Why it failed now, if it did. */
            error?: string | null;
            /**
             * Format: date-time
             * @description When the provider answered.
             */
            fetched_at?: string | null;
            /** @description The provider. */
            provider: string;
            /** @description Where its part came from. */
            state: components["schemas"]["SourceStateName"];
        };
        /**
         * @description Where a provider's part of the answer came from.
         * @enum {string}
         */
        SourceStateName: "live" | "cached" | "stale" | "failed";
        /**
         * @description Start placing a title.
         * @example {
         *       "media_id": "0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f6",
         *       "stars": 4,
         *       "tier": "A"
         *     }
         */
        StartPlacementRequest: {
            /**
             * Format: uuid
             * @description The catalog item to place; it must not be in the caller's list yet.
             */
            media_id: string;
            /**
             * Format: int64
             * @description An optional 1–5 star rating: stored on the ranking, and the prior that picks the first questions
             *     (compared with the stars of the titles already in the tier).
             */
            stars?: number | null;
            /** @description The tier it goes into. */
            tier: components["schemas"]["TierName"];
        };
        /**
         * @description The strategies.
         * @enum {string}
         */
        StrategyName: "hybrid" | "popular" | "user_cf" | "item_cf" | "content" | "mf";
        /** @description A user's taste profile, derived from their tier list. */
        TasteResponse: {
            /** @description Ranked titles. */
            count: number;
            /** @description Per decade of release. */
            decades: components["schemas"]["AffinityResponse"][];
            /** @description The titles that define it: the highest scored (at most five). */
            defining: components["schemas"]["RankedMediaResponse"][];
            /** @description Per genre, strongest affinity first. */
            genres: components["schemas"]["AffinityResponse"][];
            /** @description Per kind. */
            kinds: components["schemas"]["AffinityResponse"][];
            /**
             * Format: double
             * @description Mean derived score.
             */
            mean_score: number;
            /**
             * Format: uuid
             * @description Whose profile.
             */
            user_id: string;
        };
        /**
         * @description A tier, best first.
         * @enum {string}
         */
        TierName: "S" | "A" | "B" | "C" | "D";
        /** @description An access token, the refresh token that renews it, and the account they are for. */
        TokenResponse: {
            /** @description Send it as `Authorization: Bearer <access_token>`. */
            access_token: string;
            /**
             * Format: int64
             * @description Seconds until the access token expires.
             */
            expires_in: number;
            /**
             * Format: int64
             * @description Seconds until the refresh token expires if unused.
             */
            refresh_expires_in: number;
            /** @description Exchange it at `POST /api/v1/auth/refresh` for a new pair before it expires; it works once. */
            refresh_token: string;
            /** @description Always `Bearer`. */
            token_type: components["schemas"]["TokenType"];
            /** @description The account. */
            user: components["schemas"]["UserResponse"];
        };
        /**
         * @description The kind of access token handed out: always `Bearer`.
         * @enum {string}
         */
        TokenType: "Bearer";
        /**
         * @description Your four favourite titles.
         * @example {
         *       "media_ids": [
         *         "0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f1",
         *         "0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f2",
         *         "0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f3",
         *         "0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f4"
         *       ]
         *     }
         */
        Top4Request: {
            /** @description Exactly four distinct catalog item ids, favourite first. */
            media_ids: string[];
        };
        /** @description A top-4 set with its Elo rating. */
        Top4SetResponse: {
            /**
             * Format: date-time
             * @description When these four titles were first set.
             */
            created_at: string;
            /**
             * Format: uuid
             * @description The set's id; a new one whenever its titles change.
             */
            id: string;
            /**
             * Format: int32
             * @description Votes lost.
             */
            losses: number;
            /** @description The four titles, in the owner's order. */
            media: components["schemas"]["RankedMediaResponse"][];
            /** @description Whose set it is. */
            owner: components["schemas"]["OwnerResponse"];
            /**
             * Format: double
             * @description The Elo rating (1500 to start).
             * @example 1516
             */
            rating: number;
            /**
             * Format: date-time
             * @description When the set last changed (order or rating).
             */
            updated_at: string;
            /**
             * Format: int32
             * @description Votes won.
             */
            wins: number;
        };
        /**
         * @description The account's new address, display name, or both (a field left out stays as it is).
         * @example {
         *       "display_name": "Ada L."
         *     }
         */
        UpdateAccountRequest: {
            /** @description A new display name, 1 to 50 characters once surrounding spaces are trimmed. */
            display_name?: string | null;
            /** @description A new e-mail address (stored lower-cased). */
            email?: string | null;
        };
        /** @description An uploaded file, as a form sends it. */
        UploadForm: {
            /**
             * Format: binary
             * @description The file, as its service exported it.
             */
            file: Blob;
        };
        /** @description An account as its owner sees it. */
        UserResponse: {
            /**
             * Format: date-time
             * @description When it registered.
             */
            created_at: string;
            /** @description The name shown to others. */
            display_name: string;
            /** @description Its normalised e-mail address. */
            email: string;
            /**
             * Format: uuid
             * @description The account's id.
             */
            id: string;
            /** @description Whether it may edit and merge catalog items. */
            is_admin: boolean;
        };
        /**
         * @description What a user did.
         * @enum {string}
         */
        VerbName: "placed" | "moved" | "removed" | "compared" | "voted" | "followed" | "top4_changed";
        /**
         * @description Who may read a profile's list, taste, follows and activity.
         * @enum {string}
         */
        VisibilityName: "public" | "followers" | "private";
        /**
         * @description Set the caller's visibility.
         * @example {
         *       "visibility": "followers"
         *     }
         */
        VisibilityRequest: {
            /** @description `public`, `followers` or `private`. */
            visibility: components["schemas"]["VisibilityName"];
        };
        /** @description The caller's visibility. */
        VisibilityResponse: {
            /** @description Who may read the caller's data. */
            visibility: components["schemas"]["VisibilityName"];
        };
        /**
         * @description A vote.
         * @example {
         *       "winner": "a"
         *     }
         */
        VoteRequest: {
            /** @description The better set: `a` or `b`. */
            winner: components["schemas"]["SideName"];
        };
        /** @description A recorded vote. */
        VoteResponse: {
            /** @description The losing set's rating change. */
            loser_set: components["schemas"]["RatingChangeResponse"];
            /**
             * Format: uuid
             * @description The matchup.
             */
            matchup_id: string;
            /** @description The side chosen. */
            winner: components["schemas"]["SideName"];
            /** @description The winning set's rating change. */
            winner_set: components["schemas"]["RatingChangeResponse"];
        };
        /** @description A row for the watchlist (Goodreads' `to-read` shelf). */
        WatchlistRowResponse: {
            /** @description Whether it was added; false when it was on the watchlist already (or an earlier row added it). */
            added: boolean;
            /** @description The row's line in its file (1 = the header). */
            line: number;
            /** @description How it was matched. */
            matched_by: components["schemas"]["MatchedByName"];
            /**
             * Format: uuid
             * @description The catalog item.
             */
            media_id: string;
            /** @description Its title. */
            title: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    disable_user: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Disabled */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountStatusResponse"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `forbidden`: only admins may do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not-found`: no such resource (an id that is not a UUID included) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    enable_user: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The account */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Enabled */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountStatusResponse"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `forbidden`: only admins may do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not-found`: no such resource (an id that is not a UUID included) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    log_in_user: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            /** @description Signed in */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: wrong e-mail address or password */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `account-disabled`: an admin disabled this account; it cannot sign in and its tokens are refused */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload-too-large`: the JSON body is over 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `too-many-requests`: a rate limit or sign-in back-off was reached, password hashing is busy, or the daily quota of new catalog entries is used up; `Retry-After` says how many seconds to wait */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    log_out: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session is over */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    log_out_everywhere: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every session is over */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_current_user: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The account the token belongs to */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResponse"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    update_current_user: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateAccountRequest"];
            };
        };
        responses: {
            /** @description The updated account */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `conflict`: the request clashes with existing data */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload-too-large`: the JSON body is over 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    change_password: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangePasswordRequest"];
            };
        };
        responses: {
            /** @description Changed; the other sessions are over */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `forbidden`: the current password is wrong */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload-too-large`: the JSON body is over 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `too-many-requests`: a rate limit or sign-in back-off was reached, password hashing is busy, or the daily quota of new catalog entries is used up; `Retry-After` says how many seconds to wait */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    refresh_session: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshRequest"];
            };
        };
        responses: {
            /** @description A new token pair for the same session */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the refresh token is unknown, expired or its session ended (a token used twice ends its session: sign in again) */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload-too-large`: the JSON body is over 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    register_user: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterRequest"];
            };
        };
        responses: {
            /** @description Registered and signed in */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `conflict`: the request clashes with existing data */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload-too-large`: the JSON body is over 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `too-many-requests`: a rate limit or sign-in back-off was reached, password hashing is busy, or the daily quota of new catalog entries is used up; `Retry-After` says how many seconds to wait */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    consensus_chart: {
        parameters: {
            query?: {
                /** @description Only titles of this kind. */
                kind?: components["schemas"]["MediaKindName"];
                /** @description Only titles with this genre (case-insensitive), at most 50 characters. */
                genre?: string;
                /** @description Page size, 1 to 100 (default 20). */
                limit?: number;
                /** @description Titles to skip, 0 to 100,000 (default 0). */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the chart */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChartResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_feed: {
        parameters: {
            query?: {
                /** @description Where to go on from: a `next_cursor` (or an entry's `cursor`) from an earlier page; absent for the newest. */
                cursor?: string;
                /** @description Entries per page, 1 to 100 (default 20). */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the feed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FeedResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_board: {
        parameters: {
            query?: {
                /**
                 * @description `global` (default: every list that is not private) or `following` (the lists of the users the caller
                 *     follows; needs a token).
                 */
                scope?: components["schemas"]["BoardScope"];
                /** @description Only titles of this kind. */
                kind?: components["schemas"]["MediaKindName"];
                /** @description Only titles with this genre (case-insensitive). */
                genre?: string;
                /** @description Only rankings placed or moved in the last `week`, `month` (30 days), `year` (365 days), or `all` (default). */
                period?: components["schemas"]["BoardPeriod"];
                /** @description Titles and rankers to show, 1 to 100 (default 20). */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The leaderboard */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BoardResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_leaderboard: {
        parameters: {
            query?: {
                /** @description Page size, 1 to 100 (default 20). */
                limit?: number;
                /** @description Entries to skip, 0 to 100,000 (default 0). */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the leaderboard */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LeaderboardResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    next_matchup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A new matchup */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MatchupResponse"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not-found`: no such resource (an id that is not a UUID included) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    vote_matchup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The matchup's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VoteRequest"];
            };
        };
        responses: {
            /** @description The vote and the rating changes */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VoteResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not-found`: no such resource (an id that is not a UUID included) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `conflict`: the request clashes with existing data */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload-too-large`: the JSON body is over 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    delete_current_user: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeleteAccountRequest"];
            };
        };
        responses: {
            /** @description Deleted; the account's tokens no longer work */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `forbidden`: the current password is wrong, or (an account without a password) the token's sign-in is more than 5 minutes old: sign in again */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload-too-large`: the JSON body is over 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_comparisons: {
        parameters: {
            query?: {
                /** @description Page size, 1 to 100 (default 20). */
                limit?: number;
                /** @description Comparisons to skip, 0 to 100,000 (default 0). */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of comparisons */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ComparisonPageResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    export_data: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The export, as an attachment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExportDocument"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    export_csv: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The CSV, as an attachment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    approve_follower: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user who asked to follow */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Approved: they now follow the caller */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not-found`: no such resource (an id that is not a UUID included) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    import_goodreads: {
        parameters: {
            query?: {
                /** @description Skip rows that cannot be read (they are reported under `skipped`) instead of refusing the whole import. */
                partial?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A form whose `file` part is `goodreads_library_export.csv`. The file may also be sent as the whole body (`curl --data-binary @goodreads_library_export.csv`). */
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["UploadForm"];
            };
        };
        responses: {
            /** @description Imported */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportReportResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload-too-large`: the JSON body is over 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    import_imdb: {
        parameters: {
            query?: {
                /** @description Skip rows that cannot be read (they are reported under `skipped`) instead of refusing the whole import. */
                partial?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A form whose `file` part is IMDb's `ratings.csv`. The file may also be sent as the whole body (`curl --data-binary @ratings.csv`). */
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["UploadForm"];
            };
        };
        responses: {
            /** @description Imported */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportReportResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload-too-large`: the JSON body is over 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    import_letterboxd: {
        parameters: {
            query?: {
                /** @description Skip rows that cannot be read (they are reported under `skipped`) instead of refusing the whole import. */
                partial?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A form whose `file` part is `ratings.csv`, `watched.csv` or the export's ZIP. The file may also be sent as the whole body (`curl --data-binary @ratings.csv`). */
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["UploadForm"];
            };
        };
        responses: {
            /** @description Imported; what matched, what was created, what was skipped */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportReportResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload-too-large`: the JSON body is over 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    import_marquee: {
        parameters: {
            query?: {
                /** @description Skip rows that cannot be read (they are reported under `skipped`) instead of refusing the whole import. */
                partial?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The JSON export as the body, or a form whose `file` part is the JSON or CSV export. Either file may also be sent as the whole body (`curl --data-binary @marquee-rankings.csv`). */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExportDocument"];
                "multipart/form-data": components["schemas"]["UploadForm"];
            };
        };
        responses: {
            /** @description Imported */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportReportResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload-too-large`: the JSON body is over 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    record_interaction: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InteractionRequest"];
            };
        };
        responses: {
            /** @description Recorded */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload-too-large`: the JSON body is over 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    start_placement: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StartPlacementRequest"];
            };
        };
        responses: {
            /** @description `comparing` (a session with its first question) or `placed` (empty tier) */
            201: {
                headers: {
                    /** @description The session's URL */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlacementResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `conflict`: the request clashes with existing data */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload-too-large`: the JSON body is over 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    abandon_placement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Abandoned */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not-found`: no such resource (an id that is not a UUID included) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `conflict`: the session has placed its title already */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    answer_placement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AnswerRequest"];
            };
        };
        responses: {
            /** @description The next question, or `placed` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlacementResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not-found`: no such resource (an id that is not a UUID included) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `conflict`: the session has placed its title already, or the title got into the list another way meanwhile */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `gone`: the placement session expired; start a new one */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload-too-large`: the JSON body is over 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    undo_placement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The session's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The question asked again */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlacementResponse"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not-found`: no such resource (an id that is not a UUID included) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `conflict`: nothing to take back, or the session has placed its title */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `gone`: the placement session expired; start a new one */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_rankings: {
        parameters: {
            query?: {
                /** @description Only this tier. */
                tier?: components["schemas"]["TierName"];
                /** @description Only titles of this kind. */
                kind?: components["schemas"]["MediaKindName"];
                /** @description Only titles with this genre (case-insensitive). */
                genre?: string;
                /** @description Page size, 1 to 100 (default 20). */
                limit?: number;
                /** @description Rankings to skip, 0 to 100,000 (default 0). */
                offset?: number;
                /**
                 * @description Keep only titles the caller can stream on their services (`PUT /me/services`), by the availability cache;
                 *     titles with nothing cached are left out.
                 */
                on_my_services?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the list */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RankingPageResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    place_ranking: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PlaceRankingRequest"];
            };
        };
        responses: {
            /** @description Placed */
            201: {
                headers: {
                    /** @description The new ranking's URL */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RankingResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `conflict`: the request clashes with existing data */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload-too-large`: the JSON body is over 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_ranking: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The ranking's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The ranking */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RankingResponse"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not-found`: no such resource (an id that is not a UUID included) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    delete_ranking: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The ranking's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not-found`: no such resource (an id that is not a UUID included) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    move_ranking: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The ranking's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MoveRankingRequest"];
            };
        };
        responses: {
            /** @description Moved */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RankingResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not-found`: no such resource (an id that is not a UUID included) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload-too-large`: the JSON body is over 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rate_media: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The catalog item's id */
                media_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RatingRequest"];
            };
        };
        responses: {
            /** @description The title was ranked already; moved or kept */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RankingResponse"];
                };
            };
            /** @description The title was not ranked; placed */
            201: {
                headers: {
                    /** @description The new ranking's URL */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RankingResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not-found`: no such resource (an id that is not a UUID included) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload-too-large`: the JSON body is over 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_services: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The services */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServicesResponse"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    put_services: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ServicesRequest"];
            };
        };
        responses: {
            /** @description The services as stored */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServicesResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload-too-large`: the JSON body is over 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_top4: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller's set */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Top4SetResponse"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not-found`: no such resource (an id that is not a UUID included) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    put_top4: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Top4Request"];
            };
        };
        responses: {
            /** @description The caller's set */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Top4SetResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload-too-large`: the JSON body is over 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_visibility: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Who may read the caller's data */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VisibilityResponse"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    set_visibility: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VisibilityRequest"];
            };
        };
        responses: {
            /** @description The new visibility */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VisibilityResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload-too-large`: the JSON body is over 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    create_media: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MediaRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The new item's URL */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MediaResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `conflict`: the request clashes with existing data */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload-too-large`: the JSON body is over 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `too-many-requests`: a rate limit or sign-in back-off was reached, password hashing is busy, or the daily quota of new catalog entries is used up; `Retry-After` says how many seconds to wait */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    search_media: {
        parameters: {
            query: {
                /**
                 * @description The text to look for in titles and original titles, 1 to 200 characters.
                 * @example dune
                 */
                q: string;
                /** @description Only items of this kind. */
                kind?: components["schemas"]["MediaKindName"];
                /** @description Page size, 1 to 100 (default 20). */
                limit?: number;
                /** @description Hits to skip, 0 to 100,000 (default 0). */
                offset?: number;
                /**
                 * @description `trigram` (default): title similarity. `hybrid`: the best 100 trigram hits and the best 100 semantic hits
                 *     fused by reciprocal rank, which also finds titles described in other words (503 without the model).
                 * @example hybrid
                 */
                mode?: components["schemas"]["SearchMode"];
                /**
                 * @description Keep only titles the caller can stream on their services (needs a bearer token), by the availability
                 *     cache; titles with nothing cached are left out. Filters the best 100 hits, then pages.
                 */
                on_my_services?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of hits */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SearchPageResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again; or `feature-unavailable`: the embedding model or ONNX Runtime is not installed; `detail` says which and how to install it */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_media: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The item's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The item */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MediaResponse"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not-found`: no such resource (an id that is not a UUID included) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    update_media: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The item's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MediaRequest"];
            };
        };
        responses: {
            /** @description The updated item */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MediaResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `forbidden`: only admins may do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not-found`: no such resource (an id that is not a UUID included) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `conflict`: the request clashes with existing data */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload-too-large`: the JSON body is over 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_availability: {
        parameters: {
            query?: {
                /**
                 * @description An ISO 3166-1 alpha-2 country code (default `US`).
                 * @example US
                 */
                region?: string;
            };
            header?: never;
            path: {
                /** @description The item's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The offers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AvailabilityResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not-found`: no such resource (an id that is not a UUID included) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    merge_media: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The item to keep */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MergeRequest"];
            };
        };
        responses: {
            /** @description Merged */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MergeResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `forbidden`: only admins may do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not-found`: no such resource (an id that is not a UUID included) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `payload-too-large`: the JSON body is over 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    similar_media: {
        parameters: {
            query?: {
                /** @description Only items of this kind (default: the title's own kind). */
                kind?: components["schemas"]["MediaKindName"];
                /** @description How many hits, 1 to 100 (default 20). */
                limit?: number;
            };
            header?: never;
            path: {
                /** @description The item's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The nearest titles */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SemanticResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not-found`: no such resource (an id that is not a UUID included) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again; or `feature-unavailable`: the embedding model or ONNX Runtime is not installed; `detail` says which and how to install it */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_recommendations: {
        parameters: {
            query?: {
                /** @description The strategy (default `hybrid`). */
                strategy?: components["schemas"]["StrategyName"];
                /** @description Only titles of this kind. */
                kind?: components["schemas"]["MediaKindName"];
                /** @description How many titles, 1 to 100 (default 20). */
                limit?: number;
                /** @description Only titles the caller's services stream (see `PUT /api/v1/me/services`). */
                on_my_services?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Recommendations, best first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecommendationsResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    semantic_search: {
        parameters: {
            query: {
                /**
                 * @description A free-text description, 1 to 500 characters.
                 * @example slow-burn space thriller with a lonely astronaut
                 */
                q: string;
                /** @description Only items of this kind. */
                kind?: components["schemas"]["MediaKindName"];
                /** @description How many hits, 1 to 100 (default 20). */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The closest titles */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SemanticResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again; or `feature-unavailable`: the embedding model or ONNX Runtime is not installed; `detail` says which and how to install it */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    search_users: {
        parameters: {
            query: {
                /** @description Text within the display name, case ignored: 3 to 50 characters once trimmed. */
                q: string;
                /** @description Page size, 1 to 100 (default 20). */
                limit?: number;
                /** @description Users to skip, 0 to 100,000 (default 0). */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of people, by name */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PeoplePageResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    user_compatibility: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The other user */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The compatibility */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompatibilityResponse"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `forbidden`: the profile is visible to its followers only (follow it, and wait for approval) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not-found`: no such resource (an id that is not a UUID included) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    follow_user: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user to follow */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The follow as it now stands */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FollowResponse"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not-found`: no such resource (an id that is not a UUID included) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    unfollow_user: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user to unfollow */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Not following any more */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not-found`: no such resource (an id that is not a UUID included) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_followers: {
        parameters: {
            query?: {
                /** @description Page size, 1 to 100 (default 20). */
                limit?: number;
                /** @description Users to skip, 0 to 100,000 (default 0). */
                offset?: number;
            };
            header?: never;
            path: {
                /** @description The user */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of followers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FollowPageResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `forbidden`: the profile is visible to its followers only (follow it, and wait for approval) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not-found`: no such resource (an id that is not a UUID included) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_following: {
        parameters: {
            query?: {
                /** @description Page size, 1 to 100 (default 20). */
                limit?: number;
                /** @description Users to skip, 0 to 100,000 (default 0). */
                offset?: number;
            };
            header?: never;
            path: {
                /** @description The user */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of followed users */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FollowPageResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `forbidden`: the profile is visible to its followers only (follow it, and wait for approval) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not-found`: no such resource (an id that is not a UUID included) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    user_rankings: {
        parameters: {
            query?: {
                /** @description Only this tier. */
                tier?: components["schemas"]["TierName"];
                /** @description Only titles of this kind. */
                kind?: components["schemas"]["MediaKindName"];
                /** @description Only titles with this genre (case-insensitive). */
                genre?: string;
                /** @description Page size, 1 to 100 (default 20). */
                limit?: number;
                /** @description Rankings to skip, 0 to 100,000 (default 0). */
                offset?: number;
            };
            header?: never;
            path: {
                /** @description The user */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the list */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RankingPageResponse"];
                };
            };
            /** @description `malformed-request`: the JSON body or the query string cannot be parsed */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `forbidden`: the profile is visible to its followers only (follow it, and wait for approval) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not-found`: no such resource (an id that is not a UUID included) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    user_taste: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The taste profile */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TasteResponse"];
                };
            };
            /** @description `unauthorized`: the bearer token is missing, invalid or expired */
            401: {
                headers: {
                    /** @description `Bearer`: the request needs a valid access token */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `forbidden`: the profile is visible to its followers only (follow it, and wait for approval) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not-found`: no such resource (an id that is not a UUID included) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    check_liveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is up */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthResponse"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    check_readiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready to serve */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthResponse"];
                };
            };
            /** @description `validation-failed`: some fields are invalid; `errors` names each */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `internal-error`: an unexpected failure (the cause is logged under the request id) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `service-unavailable`: the database (or another backing service) does not answer; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again (sent with `too-many-requests` and `service-unavailable`) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
