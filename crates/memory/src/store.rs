//! The in-memory store.

mod charts;
mod feed;
mod identities;
mod imports;
mod matchups;
mod placement;
mod providers;
mod recommendations;
mod sessions;
mod social;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use marquee_domain::StoreError;
use marquee_domain::account::{CreateUserError, UserRepository};
use marquee_domain::activity;
use marquee_domain::catalog::{CatalogQuota, MediaHit, MediaRepository, MediaWriteError, MergeReport};
use marquee_domain::health::HealthCheck;
use marquee_domain::media::{MediaFields, MediaId, MediaItem, MediaSummary, SearchQuery};
use marquee_domain::outline::{Entry, Outline};
use marquee_domain::page::{Page, PageRequest};
use marquee_domain::people::{PeopleQuery, Person};
use marquee_domain::privacy::{FollowState, Relation, findable};
use marquee_domain::rank::RankKey;
use marquee_domain::ranking::{
    MoveCommand, PlaceCommand, RankedTitle, RankingError, RankingFilter, RankingId, RankingRecord, RankingRepository,
    RateOutcome,
};
use marquee_domain::semantic::{EmbeddingRepository, NewEmbedding, StoredEmbedding};
use marquee_domain::slot::{ListWrite, Neighbourhood, Rating, Slot, resolve};
use marquee_domain::tier::{Stars, Tier};
use marquee_domain::trigram::word_similarity;
use marquee_domain::user::{DisplayName, Email, NewUser, PasswordHash, User, UserId};
use uuid::Uuid;

#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub(crate) id: RankingId,
    user: UserId,
    pub(crate) media: MediaId,
    tier: Tier,
    key: RankKey,
    pub(crate) stars: Option<Stars>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

/// A stored vector: the vector, the hash of its text, when it was written.
type StoredVector = (Vec<f32>, String, DateTime<Utc>);

#[derive(Debug, Default)]
pub(crate) struct State {
    users: HashMap<UserId, (User, PasswordHash)>,
    pub(crate) media: HashMap<MediaId, MediaItem>,
    pub(crate) rankings: HashMap<RankingId, Row>,
    /// Placement sessions and comparisons (`placement`).
    pub(crate) placement: placement::PlacementState,
    matchup_tables: matchups::MatchupTables,
    chart_tables: charts::ChartTables,
    /// Provider state (availability cache, users' services): see `providers`.
    pub(crate) providers: providers::ProviderState,
    /// Vectors by item and model.
    embeddings: HashMap<(MediaId, String), StoredVector>,
    /// Visibilities and follows.
    social: social::SocialTables,
    /// Interactions and trained recommendation models.
    recommendations: recommendations::RecTables,
    /// The activity log (`feed`).
    activity: feed::ActivityTables,
    /// Sessions and refresh tokens (`sessions`).
    sessions: sessions::SessionTables,
    /// External identities (`identities`).
    identities: identities::IdentityTable,
}

/// Every port of the domain, in memory. Cheap to clone: clones share the state.
#[derive(Debug, Clone, Default)]
pub struct MemoryStore {
    state: Arc<Mutex<State>>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// Deletes an account and everything of its owner, as an operator's `DELETE FROM users` does, behind the API's
    /// back: tokens issued to it stay valid until they expire (the API's `DELETE /me` bars them at once). Tests use
    /// it.
    pub fn delete_user(&self, user: UserId) {
        self.lock().forget_user(user);
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock leaves consistent data (every write is applied whole), so carry on.
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl State {
    /// Removes an account and every row of its owner, as PostgreSQL's cascades do; catalog entries it created stay,
    /// without a creator. Whether there was such an account.
    fn forget_user(&mut self, user: UserId) -> bool {
        let existed = self.users.remove(&user).is_some();
        self.rankings.retain(|_, row| row.user != user);
        self.placement.forget(user);
        self.matchup_tables.forget(user);
        self.providers.forget(user);
        self.social.forget(user);
        self.recommendations.forget(user);
        self.activity.forget(user);
        self.sessions.forget(user);
        self.identities.retain(|_, linked| *linked != user);
        for item in self.media.values_mut() {
            if item.created_by == Some(user) {
                item.created_by = None;
            }
        }
        existed
    }

    /// When `user` created the catalog entries they made after `since`: what the quota counts.
    pub(crate) fn entries_since(&self, user: UserId, since: DateTime<Utc>) -> Vec<DateTime<Utc>> {
        self.media
            .values()
            .filter(|m| m.created_by == Some(user) && m.created_at > since)
            .map(|m| m.created_at)
            .collect()
    }

    /// Whether a user with this id exists.
    pub(crate) fn has_user(&self, user: UserId) -> bool {
        self.users.contains_key(&user)
    }

    /// Refuses a write for an account that does not exist (any more), as PostgreSQL's foreign keys do.
    pub(crate) fn account(&self, user: UserId) -> Result<(), StoreError> {
        if self.has_user(user) { Ok(()) } else { Err(StoreError::account_gone()) }
    }

    /// The user's titles in `tier`, best first, leaving out `exclude`.
    pub(crate) fn tier(&self, user: UserId, tier: Tier, exclude: Option<RankingId>) -> Vec<(RankingId, RankKey)> {
        let mut rows: Vec<(RankingId, RankKey)> = self
            .rankings
            .values()
            .filter(|r| r.user == user && r.tier == tier && Some(r.id) != exclude)
            .map(|r| (r.id, r.key.clone()))
            .collect();
        rows.sort_by(|a, b| a.1.cmp(&b.1));
        rows
    }

    /// What the slot of `write` depends on, read from `user`'s list only, by the domain's [`Outline`].
    pub(crate) fn neighbourhood(&self, user: UserId, write: &ListWrite) -> Neighbourhood {
        let outline = Outline::new(self.rankings.values().filter(|r| r.user == user).map(|r| Entry {
            id: r.id,
            media: r.media,
            tier: r.tier,
            key: r.key.clone(),
            stars: r.stars,
        }));
        let media_exists = match *write {
            ListWrite::Place { media, .. } => self.media.contains_key(&media),
            ListWrite::Move { .. } => true,
        };
        outline.neighbourhood(write, media_exists)
    }

    /// Where `write` lands in `user`'s list, by the domain's rule.
    pub(crate) fn slot_of(&self, user: UserId, write: &ListWrite) -> Result<Slot, RankingError> {
        resolve(write, &self.neighbourhood(user, write))
    }

    /// Gives `id` the key of `slot`, rebalancing the tier when the key would be oversized.
    fn key_for(&mut self, user: UserId, slot: &Slot, id: RankingId) -> Result<RankKey, StoreError> {
        if let Some(key) = slot.key()? {
            return Ok(key);
        }
        let others = self.tier(user, slot.tier, Some(id));
        let mut mine = None;
        for (rid, key) in slot.respread(others, id)? {
            if rid == id {
                mine = Some(key);
            } else if let Some(row) = self.rankings.get_mut(&rid) {
                row.key = key;
            }
        }
        mine.ok_or_else(|| StoreError::new("rebalance lost the placed title"))
    }

    fn titled(&self, row: &Row) -> Result<RankedTitle, StoreError> {
        let media = self.media.get(&row.media).ok_or_else(|| StoreError::new("ranking of a missing media item"))?;
        let list = self.tier(row.user, row.tier, None);
        let position = list.iter().position(|(id, _)| *id == row.id).map_or(1, |p| p as u64 + 1);
        Ok(RankedTitle::new(Self::record(row, media), position, list.len() as u64))
    }

    fn record(row: &Row, media: &MediaItem) -> RankingRecord {
        RankingRecord {
            id: row.id,
            media: MediaSummary::from(media),
            tier: row.tier,
            rank_key: row.key.clone(),
            stars: row.stars,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }

    pub(crate) fn find(&self, user: UserId, media: MediaId) -> Option<&Row> {
        self.rankings.values().find(|r| r.user == user && r.media == media)
    }

    pub(crate) fn insert(
        &mut self,
        user: UserId,
        media: MediaId,
        slot: &Slot,
        stars: Option<Stars>,
    ) -> Result<RankingId, StoreError> {
        let id = RankingId(Uuid::now_v7());
        let key = self.key_for(user, slot, id)?;
        let tier = slot.tier;
        let now = Utc::now();
        self.rankings.insert(id, Row { id, user, media, tier, key, stars, created_at: now, updated_at: now });
        self.log_placed(user, media, tier, id, now);
        Ok(id)
    }

    fn relocate_to(&mut self, user: UserId, id: RankingId, slot: &Slot) -> Result<(), StoreError> {
        let key = self.key_for(user, slot, id)?;
        let tier = slot.tier;
        if let Some(row) = self.rankings.get_mut(&id) {
            let from = (row.tier, row.key.clone());
            row.tier = tier;
            row.key = key;
            row.updated_at = Utc::now();
            let (media, at) = (row.media, row.updated_at);
            if let Some(moved) = activity::moved(user, id, media, (from.0, &from.1), (tier, &row.key)) {
                self.log(moved, at);
            }
        }
        Ok(())
    }

    pub(crate) fn titled_by_id(&self, id: RankingId) -> Result<RankedTitle, StoreError> {
        let row = self.rankings.get(&id).ok_or_else(|| StoreError::new("written ranking vanished"))?;
        self.titled(row)
    }
}

#[async_trait]
impl UserRepository for MemoryStore {
    async fn create(&self, user: NewUser) -> Result<User, CreateUserError> {
        let mut state = self.lock();
        if state.users.values().any(|(u, _)| u.email == user.email.as_str()) {
            return Err(CreateUserError::EmailTaken);
        }
        let created = User {
            id: UserId(Uuid::now_v7()),
            email: user.email.as_str().to_owned(),
            display_name: user.display_name.as_str().to_owned(),
            is_admin: false,
            disabled: false,
            created_at: Utc::now(),
        };
        state.users.insert(created.id, (created.clone(), user.password_hash));
        Ok(created)
    }

    async fn find_by_email(&self, email: &Email) -> Result<Option<(User, PasswordHash)>, StoreError> {
        Ok(self.lock().users.values().find(|(u, _)| u.email == email.as_str()).cloned())
    }

    async fn get(&self, id: UserId) -> Result<Option<User>, StoreError> {
        Ok(self.lock().users.get(&id).map(|(u, _)| u.clone()))
    }

    async fn password_hash(&self, id: UserId) -> Result<Option<PasswordHash>, StoreError> {
        Ok(self.lock().users.get(&id).map(|(_, hash)| hash.clone()))
    }

    async fn set_password(&self, id: UserId, hash: PasswordHash) -> Result<bool, StoreError> {
        Ok(self.lock().users.get_mut(&id).map(|(_, stored)| *stored = hash).is_some())
    }

    async fn update_profile(
        &self,
        id: UserId,
        email: Option<&Email>,
        display_name: Option<&DisplayName>,
    ) -> Result<Option<User>, CreateUserError> {
        let mut state = self.lock();
        if let Some(email) = email
            && state.users.values().any(|(u, _)| u.id != id && u.email == email.as_str())
        {
            return Err(CreateUserError::EmailTaken);
        }
        Ok(state.users.get_mut(&id).map(|(user, _)| {
            if let Some(email) = email {
                email.as_str().clone_into(&mut user.email);
            }
            if let Some(name) = display_name {
                name.as_str().clone_into(&mut user.display_name);
            }
            user.clone()
        }))
    }

    async fn set_admin(&self, email: &Email, is_admin: bool) -> Result<Option<User>, StoreError> {
        let mut state = self.lock();
        let found = state.users.values_mut().find(|(u, _)| u.email == email.as_str());
        Ok(found.map(|(u, _)| {
            u.is_admin = is_admin;
            u.clone()
        }))
    }

    async fn delete_account(&self, id: UserId) -> Result<bool, StoreError> {
        // One lock held throughout: the deletion is applied whole, as PostgreSQL's transaction is.
        Ok(self.lock().forget_user(id))
    }

    async fn set_disabled(&self, id: UserId, disabled: bool, at: DateTime<Utc>) -> Result<Option<User>, StoreError> {
        let mut state = self.lock();
        let Some((user, _)) = state.users.get_mut(&id) else { return Ok(None) };
        user.disabled = disabled;
        let user = user.clone();
        if disabled {
            state.sessions.revoke_all(id, at);
        }
        Ok(Some(user))
    }

    async fn disabled_accounts(&self) -> Result<Vec<UserId>, StoreError> {
        Ok(self.lock().users.values().filter(|(u, _)| u.disabled).map(|(u, _)| u.id).collect())
    }

    async fn find_people(
        &self,
        query: &PeopleQuery,
        viewer: UserId,
        page: PageRequest,
    ) -> Result<Page<Person>, StoreError> {
        let state = self.lock();
        let mut found: Vec<Person> = state
            .users
            .values()
            .filter(|(u, _)| !u.disabled && query.matches(&u.display_name))
            .filter_map(|(u, _)| {
                let visibility = state.visibility_of(u.id);
                let followed = state.accepted(viewer, u.id).then_some(FollowState::Following);
                findable(visibility, Relation::of(Some(viewer), u.id, followed)).then(|| Person {
                    id: u.id,
                    display_name: u.display_name.clone(),
                    visibility,
                })
            })
            .collect();
        found.sort_by_key(|p| (p.display_name.to_lowercase(), p.id));
        Ok(Page::slice(found, page))
    }
}

fn tmdb_conflict(state: &State, fields: &MediaFields, except: Option<MediaId>) -> Option<MediaWriteError> {
    let tmdb_id = fields.tmdb_id?;
    state
        .media
        .values()
        .any(|m| Some(m.id) != except && m.kind == fields.kind && m.tmdb_id == Some(tmdb_id))
        .then(|| MediaWriteError::DuplicateTmdbId { kind: fields.kind.to_string(), tmdb_id })
}

/// Inserts a new catalog item (the caller holds the lock).
fn insert_item(
    state: &mut State,
    fields: MediaFields,
    created_by: Option<UserId>,
) -> Result<MediaItem, MediaWriteError> {
    if let Some(user) = created_by {
        state.account(user)?;
    }
    if let Some(conflict) = tmdb_conflict(state, &fields, None) {
        return Err(conflict);
    }
    let now = Utc::now();
    let item = MediaItem {
        id: MediaId(Uuid::now_v7()),
        kind: fields.kind,
        title: fields.title,
        original_title: fields.original_title,
        year: fields.year,
        overview: fields.overview,
        genres: fields.genres,
        poster_path: fields.poster_path,
        tmdb_id: fields.tmdb_id,
        imdb_id: fields.imdb_id,
        attributes: fields.attributes,
        created_by,
        created_at: now,
        updated_at: now,
    };
    state.media.insert(item.id, item.clone());
    Ok(item)
}

#[async_trait]
impl MediaRepository for MemoryStore {
    async fn create(&self, fields: MediaFields, created_by: Option<UserId>) -> Result<MediaItem, MediaWriteError> {
        let mut state = self.lock();
        insert_item(&mut state, fields, created_by)
    }

    async fn create_within_quota(
        &self,
        fields: MediaFields,
        user: UserId,
        quota: CatalogQuota,
    ) -> Result<MediaItem, MediaWriteError> {
        // The state lock serialises this user's creations, as the advisory lock does in PostgreSQL.
        let mut state = self.lock();
        let now = Utc::now();
        quota.check(&state.entries_since(user, CatalogQuota::since(now)), now)?;
        insert_item(&mut state, fields, Some(user))
    }

    async fn get(&self, id: MediaId) -> Result<Option<MediaItem>, StoreError> {
        Ok(self.lock().media.get(&id).cloned())
    }

    async fn update(&self, id: MediaId, fields: MediaFields) -> Result<MediaItem, MediaWriteError> {
        let mut state = self.lock();
        if !state.media.contains_key(&id) {
            return Err(MediaWriteError::NotFound);
        }
        if let Some(conflict) = tmdb_conflict(&state, &fields, Some(id)) {
            return Err(conflict);
        }
        let item = state.media.get_mut(&id).ok_or(MediaWriteError::NotFound)?;
        item.kind = fields.kind;
        item.title = fields.title;
        item.original_title = fields.original_title;
        item.year = fields.year;
        item.overview = fields.overview;
        item.genres = fields.genres;
        item.poster_path = fields.poster_path;
        item.tmdb_id = fields.tmdb_id;
        item.imdb_id = fields.imdb_id;
        item.attributes = fields.attributes;
        item.updated_at = Utc::now();
        Ok(item.clone())
    }

    async fn merge(&self, keep: MediaId, duplicate: MediaId) -> Result<MergeReport, MediaWriteError> {
        let mut state = self.lock();
        if !state.media.contains_key(&keep) || !state.media.contains_key(&duplicate) {
            return Err(MediaWriteError::NotFound);
        }
        let mut report = MergeReport::default();
        if keep == duplicate {
            return Ok(report);
        }
        let dup_rows: Vec<Row> = state.rankings.values().filter(|r| r.media == duplicate).cloned().collect();
        for row in dup_rows {
            if state.find(row.user, keep).is_some() {
                state.rankings.remove(&row.id);
                report.rankings_dropped += 1;
            } else if let Some(r) = state.rankings.get_mut(&row.id) {
                r.media = keep;
                report.rankings_moved += 1;
            }
        }
        state.fold_placements(keep, duplicate, &mut report);
        state.fold_top4(keep, duplicate, &mut report);
        state.fold_interactions(keep, duplicate);
        state.media.remove(&duplicate);
        state.merge_logged(keep, duplicate);
        state.embeddings.retain(|(id, _), _| *id != duplicate);
        Ok(report)
    }

    async fn search(&self, query: &SearchQuery) -> Result<Page<MediaHit>, StoreError> {
        let state = self.lock();
        let needle = query.text.to_lowercase();
        let mut hits: Vec<MediaHit> = state
            .media
            .values()
            .filter(|m| query.kind.is_none_or(|k| m.kind == k))
            .filter_map(|m| {
                let titles = std::iter::once(m.title.as_str()).chain(m.original_title.as_deref());
                let mut best: Option<f32> = None;
                for title in titles {
                    let lower = title.to_lowercase();
                    let similarity = word_similarity(&query.text, title);
                    let boost = if lower == needle {
                        1.0
                    } else if lower.contains(&needle) {
                        0.5
                    } else {
                        0.0
                    };
                    // pg_trgm's default word_similarity_threshold is 0.6.
                    if boost > 0.0 || similarity >= 0.6 {
                        best = Some(best.unwrap_or(0.0).max(similarity + boost));
                    }
                }
                best.map(|relevance| MediaHit { item: m.clone(), relevance })
            })
            .collect();
        hits.sort_by(|a, b| {
            b.relevance
                .total_cmp(&a.relevance)
                .then_with(|| a.item.title.cmp(&b.item.title))
                .then_with(|| a.item.id.cmp(&b.item.id))
        });
        Ok(Page::slice(hits, query.page))
    }

    async fn count(&self) -> Result<u64, StoreError> {
        Ok(self.lock().media.len() as u64)
    }
}

#[async_trait]
impl RankingRepository for MemoryStore {
    async fn list(&self, user: UserId, filter: &RankingFilter) -> Result<Page<RankedTitle>, StoreError> {
        let state = self.lock();
        let mut all = Vec::new();
        for tier in Tier::ALL {
            let list = state.tier(user, tier, None);
            let size = list.len() as u64;
            for (index, (id, _)) in list.iter().enumerate() {
                let row = state.rankings.get(id).ok_or_else(|| StoreError::new("ranking vanished"))?;
                let media = state.media.get(&row.media).ok_or_else(|| StoreError::new("missing media item"))?;
                all.push(RankedTitle::new(State::record(row, media), index as u64 + 1, size));
            }
        }
        all.retain(|t| {
            filter.tier.is_none_or(|tier| t.tier == tier)
                && filter.kind.is_none_or(|kind| t.media.kind == kind)
                && filter.genre.as_ref().is_none_or(|g| t.media.genres.iter().any(|x| x.eq_ignore_ascii_case(g)))
        });
        Ok(Page::slice(all, filter.page))
    }

    async fn get(&self, user: UserId, id: RankingId) -> Result<Option<RankedTitle>, StoreError> {
        let state = self.lock();
        state.rankings.get(&id).filter(|r| r.user == user).map(|r| state.titled(r)).transpose()
    }

    async fn place(&self, user: UserId, command: &PlaceCommand) -> Result<RankedTitle, RankingError> {
        let mut state = self.lock();
        state.account(user)?;
        let slot = state.slot_of(user, &ListWrite::place(command))?;
        let id = state.insert(user, command.media_id, &slot, command.stars)?;
        Ok(state.titled_by_id(id)?)
    }

    async fn relocate(&self, user: UserId, id: RankingId, command: &MoveCommand) -> Result<RankedTitle, RankingError> {
        let mut state = self.lock();
        let slot = state.slot_of(user, &ListWrite::relocate(id, command))?;
        state.relocate_to(user, id, &slot)?;
        Ok(state.titled_by_id(id)?)
    }

    async fn remove(&self, user: UserId, id: RankingId) -> Result<bool, StoreError> {
        let mut state = self.lock();
        if state.rankings.get(&id).is_some_and(|r| r.user == user) {
            if let Some(row) = state.rankings.remove(&id) {
                state.log(activity::removed(user, id, row.media, row.tier), Utc::now());
            }
            Ok(true)
        } else {
            Ok(false)
        }
    }

    async fn rate(
        &self,
        user: UserId,
        media: MediaId,
        stars: Stars,
    ) -> Result<(RankedTitle, RateOutcome), RankingError> {
        let mut state = self.lock();
        state.account(user)?;
        if !state.media.contains_key(&media) {
            return Err(RankingError::UnknownMedia(media));
        }
        let rating = Rating::decide(media, stars, state.find(user, media).map(|r| (r.id, r.tier)));
        let id = match rating {
            Rating::Place(write) => {
                let slot = state.slot_of(user, &write)?;
                state.insert(user, media, &slot, Some(stars))?
            }
            Rating::Move(id, write) => {
                let slot = state.slot_of(user, &write)?;
                state.relocate_to(user, id, &slot)?;
                id
            }
            Rating::Keep(id) => id,
        };
        if let Some(row) = state.rankings.get_mut(&id)
            && row.stars != Some(stars)
        {
            row.stars = Some(stars);
            row.updated_at = Utc::now();
        }
        Ok((state.titled_by_id(id)?, rating.outcome()))
    }
}

#[async_trait]
impl HealthCheck for MemoryStore {
    async fn ready(&self) -> Result<(), StoreError> {
        Ok(())
    }
}

#[async_trait]
impl EmbeddingRepository for MemoryStore {
    async fn upsert_embeddings(&self, model: &str, rows: &[NewEmbedding]) -> Result<(), StoreError> {
        let mut state = self.lock();
        let now = Utc::now();
        for row in rows {
            if state.media.contains_key(&row.media) {
                let value = (row.vector.clone(), row.text_hash.clone(), now);
                state.embeddings.insert((row.media, model.to_owned()), value);
            }
        }
        Ok(())
    }

    async fn load_embeddings(
        &self,
        model: &str,
        after: Option<MediaId>,
        limit: u32,
    ) -> Result<Vec<StoredEmbedding>, StoreError> {
        let state = self.lock();
        // The page's ids first, so only its vectors are copied.
        let mut ids: Vec<MediaId> = state
            .embeddings
            .keys()
            // Items merged away keep no vector (PostgreSQL cascades the delete).
            .filter(|(id, m)| m == model && after.is_none_or(|a| *id > a) && state.media.contains_key(id))
            .map(|(id, _)| *id)
            .collect();
        ids.sort_unstable();
        ids.truncate(limit as usize);
        Ok(ids
            .into_iter()
            .filter_map(|id| {
                let (vector, _, _) = state.embeddings.get(&(id, model.to_owned()))?;
                let item = state.media.get(&id)?;
                Some(StoredEmbedding { media: id, kind: item.kind, vector: vector.clone() })
            })
            .collect())
    }

    async fn pending_embeddings(
        &self,
        model: &str,
        all: bool,
        after: Option<MediaId>,
        limit: u32,
    ) -> Result<Vec<MediaItem>, StoreError> {
        let state = self.lock();
        let mut items: Vec<MediaItem> =
            state.pending(model, all).filter(|m| after.is_none_or(|a| m.id > a)).cloned().collect();
        items.sort_by_key(|m| m.id);
        items.truncate(limit as usize);
        Ok(items)
    }

    async fn count_pending_embeddings(&self, model: &str, all: bool) -> Result<u64, StoreError> {
        Ok(self.lock().pending(model, all).count() as u64)
    }

    async fn media_by_ids(&self, ids: &[MediaId]) -> Result<Vec<MediaItem>, StoreError> {
        let state = self.lock();
        Ok(ids.iter().filter_map(|id| state.media.get(id).cloned()).collect())
    }
}

impl State {
    /// Items without a vector of `model`, or with one older than the item (all items when `all`).
    fn pending<'a>(&'a self, model: &'a str, all: bool) -> impl Iterator<Item = &'a MediaItem> + 'a {
        self.media.values().filter(move |m| {
            all || self.embeddings.get(&(m.id, model.to_owned())).is_none_or(|(_, _, at)| *at < m.updated_at)
        })
    }
}
