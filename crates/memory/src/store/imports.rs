//! The import ports in memory: the same matching ([`CatalogIndex`]) and tier keys ([`rebalance`]) as PostgreSQL,
//! applied under the one state lock.

use std::collections::HashSet;

use async_trait::async_trait;
use chrono::Utc;
use marquee_domain::StoreError;
use marquee_domain::availability::AvailabilityStore;
use marquee_domain::catalog::CatalogQuota;
use marquee_domain::imports::export::{ExportedComparison, ExportedRanking, ExportedServices, ExportedTitle};
use marquee_domain::imports::{
    BulkRanking, Candidate, CatalogBulkWriter, CatalogIndex, CatalogUpsert, ComparisonEntry, EntryBudget, EntryOutcome,
    ImportEntry, ImportExtras, ImportRepository, ImportSource, ListPlan, MatchKeys, MatchedBy, StoreOutcome,
    UserExport, WatchlistOutcome,
};
use marquee_domain::matchup::{MatchupRepository, Top4};
use marquee_domain::media::{MediaFields, MediaId, MediaItem};
use marquee_domain::placement::Comparison;
use marquee_domain::ranking::{RankingId, rebalance};
use marquee_domain::recommend::service::InteractionKind;
use marquee_domain::tier::{Stars, Tier};
use marquee_domain::user::{NewUser, User, UserId};
use uuid::Uuid;

use super::{MemoryStore, Row, State};

fn candidate(m: &MediaItem) -> Candidate {
    Candidate::of(m.id, m.kind, m.tmdb_id, m.imdb_id.clone(), &m.title, m.year, &m.attributes)
}

fn exported(m: &MediaItem) -> ExportedTitle {
    ExportedTitle {
        kind: m.kind.as_str().to_owned(),
        title: m.title.clone(),
        original_title: m.original_title.clone(),
        year: m.year,
        genres: m.genres.clone(),
        tmdb_id: m.tmdb_id,
        imdb_id: m.imdb_id.clone(),
    }
}

fn item(id: MediaId, f: &MediaFields, created_by: Option<UserId>) -> MediaItem {
    let now = Utc::now();
    MediaItem {
        id,
        kind: f.kind,
        title: f.title.clone(),
        original_title: f.original_title.clone(),
        year: f.year,
        overview: f.overview.clone(),
        genres: f.genres.clone(),
        poster_path: f.poster_path.clone(),
        tmdb_id: f.tmdb_id,
        imdb_id: f.imdb_id.clone(),
        attributes: f.attributes.clone(),
        created_by,
        created_at: now,
        updated_at: now,
    }
}

impl State {
    /// Every catalog item as a candidate, oldest first.
    fn index(&self) -> CatalogIndex {
        let mut items: Vec<&MediaItem> = self.media.values().collect();
        items.sort_by_key(|m| (m.created_at, m.id));
        CatalogIndex::new(items.into_iter().map(candidate))
    }

    /// The item these keys match, or a new manual entry made from `fields`; `None` when it would be a user's entry
    /// and `budget` has none left.
    fn find_or_make(
        &mut self,
        index: &mut CatalogIndex,
        keys: &MatchKeys,
        fields: &MediaFields,
        created_by: Option<UserId>,
        budget: &mut EntryBudget,
    ) -> Option<(MediaId, MatchedBy)> {
        if let Some(found) = index.find(keys) {
            return Some(found);
        }
        if created_by.is_some() && !budget.take() {
            return None;
        }
        let created = item(MediaId(Uuid::now_v7()), fields, created_by);
        index.add(candidate(&created));
        let id = created.id;
        self.media.insert(id, created);
        Some((id, MatchedBy::Created))
    }

    /// Appends `new` to the bottom of the tier and respreads the whole tier's keys.
    fn append(&mut self, user: UserId, tier: Tier, new: Vec<(MediaId, Option<Stars>)>) {
        let existing = self.tier(user, tier, None).into_iter().map(|(id, _)| Ok(id));
        let order: Vec<Result<RankingId, (MediaId, Option<Stars>)>> =
            existing.chain(new.into_iter().map(Err)).collect();
        let now = Utc::now();
        for (slot, key) in rebalance(order) {
            match slot {
                Ok(id) => {
                    if let Some(row) = self.rankings.get_mut(&id) {
                        row.key = key;
                    }
                }
                Err((media, stars)) => {
                    let id = RankingId(Uuid::now_v7());
                    self.rankings
                        .insert(id, Row { id, user, media, tier, key, stars, created_at: now, updated_at: now });
                    self.log_placed(user, media, tier, id, now);
                }
            }
        }
    }
}

#[async_trait]
impl ImportRepository for MemoryStore {
    async fn import_list(
        &self,
        user: UserId,
        _source: ImportSource,
        entries: &[ImportEntry],
        comparisons: &[ComparisonEntry],
        extras: &ImportExtras,
        quota: CatalogQuota,
    ) -> Result<StoreOutcome, StoreError> {
        let mut outcome = self.import_rows(user, entries, comparisons, extras, quota)?;
        // The top 4 and the services go through their own ports, as the HTTP routes write them.
        if let Some(top4) = outcome.1.take() {
            let ids: Vec<Uuid> = top4.iter().map(|m| m.0).collect();
            // Four titles that match fewer items (two rows naming one title) cannot be a set: left out.
            if let Ok(titles) = Top4::new(&ids) {
                self.put_top4(user, &titles).await.map_err(|e| StoreError::new(e.to_string()))?;
                outcome.0.top4_set = true;
            }
        }
        if let Some(services) = &extras.services {
            self.set_services(user, services).await?;
            outcome.0.services_set = true;
        }
        Ok(outcome.0)
    }

    async fn unmatched(&self, keys: &[MatchKeys]) -> Result<Vec<usize>, StoreError> {
        let index = self.lock().index();
        Ok(keys.iter().enumerate().filter(|(_, k)| index.find(k).is_none()).map(|(i, _)| i).collect())
    }

    async fn export(&self, user: UserId) -> Result<UserExport, StoreError> {
        let mut export = self.export_list(user)?;
        if let Some(set) = self.top4(user).await? {
            let state = self.lock();
            for m in &set.media {
                let item = state.media.get(&m.id).ok_or_else(|| StoreError::new("missing media item"))?;
                export.top4.push(exported(item));
            }
        }
        export.services = self
            .services(user)
            .await?
            .map(|s| ExportedServices { region: s.region.as_str().to_owned(), services: s.services });
        Ok(export)
    }
}

impl MemoryStore {
    /// The list and comparisons part of an import, under the lock; also resolves the top 4 (matched or made).
    fn import_rows(
        &self,
        user: UserId,
        entries: &[ImportEntry],
        comparisons: &[ComparisonEntry],
        extras: &ImportExtras,
        quota: CatalogQuota,
    ) -> Result<(StoreOutcome, Option<Vec<MediaId>>), StoreError> {
        let top4 = extras.top4.as_deref();
        let mut state = self.lock();
        state.account(user)?;
        let now = Utc::now();
        let mut budget = EntryBudget::new(quota, &state.entries_since(user, CatalogQuota::since(now)), now);
        let mut index = state.index();
        let mut outcomes = Vec::with_capacity(entries.len());
        let mut over_quota = Vec::new();
        let mut plan = ListPlan::default();
        for (i, e) in entries.iter().enumerate() {
            let made = state.find_or_make(&mut index, &e.keys, &e.fields, (!e.looked_up).then_some(user), &mut budget);
            let Some((media, matched_by)) = made else {
                over_quota.push(i);
                continue;
            };
            let ranked_in = state.find(user, media).map(|row| row.tier);
            let (placement, tier) = plan.place(e, media, ranked_in);
            let title = state.media.get(&media).map_or_else(|| e.fields.title.clone(), |m| m.title.clone());
            outcomes.push(EntryOutcome { line: e.line, media, title, matched_by, tier, placement });
        }
        for (tier, new) in plan.into_tiers() {
            state.append(user, tier, new);
        }
        let (mut added, mut skipped) = (0, 0);
        for c in comparisons {
            match (index.find(&c.winner), index.find(&c.loser)) {
                (Some((winner, _)), Some((loser, _))) if winner != loser => {
                    // The same answer (titles, tie, context, time) is stored once, as in PostgreSQL.
                    let known = state.placement.comparisons.iter().any(|(u, k)| {
                        *u == user
                            && (k.winner, k.loser, k.tie, &k.context, k.created_at)
                                == (winner, loser, c.tie, &c.context, c.created_at)
                    });
                    if !known {
                        let stored = Comparison {
                            id: Uuid::now_v7(),
                            winner,
                            loser,
                            tie: c.tie,
                            context: c.context.clone(),
                            source: None,
                            created_at: c.created_at,
                        };
                        state.push_comparison(user, stored);
                        added += 1;
                    }
                }
                _ => skipped += 1,
            }
        }
        let mut top4_over_quota = Vec::new();
        let top4 = top4.map(|titles| {
            let mut ids = Vec::with_capacity(titles.len());
            for (position, (keys, fields)) in titles.iter().enumerate() {
                match state.find_or_make(&mut index, keys, fields, Some(user), &mut budget) {
                    Some((id, _)) => ids.push(id),
                    None => top4_over_quota.push(position + 1),
                }
            }
            ids
        });
        let mut watchlist = Vec::new();
        let mut watchlist_over_quota = Vec::new();
        for (i, w) in extras.watchlist.iter().enumerate() {
            let by = (!w.looked_up).then_some(user);
            let Some((media, matched_by)) = state.find_or_make(&mut index, &w.keys, &w.fields, by, &mut budget) else {
                watchlist_over_quota.push(i);
                continue;
            };
            let added = state.add_interaction_once(user, media, InteractionKind::Watchlist);
            let title = state.media.get(&media).map_or_else(|| w.fields.title.clone(), |m| m.title.clone());
            watchlist.push(WatchlistOutcome { line: w.line, media, title, matched_by, added });
        }
        let outcome = StoreOutcome {
            watchlist,
            watchlist_over_quota,
            entries: outcomes,
            comparisons_added: added,
            comparisons_skipped: skipped,
            over_quota,
            top4_over_quota,
            entries_left: budget.left(),
            ..StoreOutcome::default()
        };
        Ok((outcome, top4))
    }

    /// The list and comparisons part of the export.
    fn export_list(&self, user: UserId) -> Result<UserExport, StoreError> {
        let state = self.lock();
        let mut rankings = Vec::new();
        for tier in Tier::ALL {
            for (position, (id, _)) in state.tier(user, tier, None).into_iter().enumerate() {
                let row = state.rankings.get(&id).ok_or_else(|| StoreError::new("ranking vanished"))?;
                let media = state.media.get(&row.media).ok_or_else(|| StoreError::new("missing media item"))?;
                rankings.push(ExportedRanking {
                    tier,
                    position: position as u64 + 1,
                    stars: row.stars.map(Stars::get),
                    created_at: row.created_at,
                    media: exported(media),
                });
            }
        }
        let mut comparisons = Vec::new();
        for (_, c) in state.placement.comparisons.iter().filter(|(u, _)| *u == user) {
            if let (Some(w), Some(l)) = (state.media.get(&c.winner), state.media.get(&c.loser)) {
                comparisons.push(ExportedComparison {
                    winner: exported(w),
                    loser: exported(l),
                    tie: c.tie,
                    context: c.context.clone(),
                    created_at: c.created_at,
                });
            }
        }
        comparisons.sort_by_key(|c| c.created_at);
        Ok(UserExport { rankings, comparisons, ..UserExport::default() })
    }
}

#[async_trait]
impl CatalogBulkWriter for MemoryStore {
    async fn upsert_catalog(&self, items: &[MediaFields], id_key: &str) -> Result<CatalogUpsert, StoreError> {
        let mut state = self.lock();
        let mut result = CatalogUpsert::default();
        for f in items {
            let existing = state
                .media
                .values()
                .filter(|m| match f.tmdb_id {
                    Some(t) => m.kind == f.kind && m.tmdb_id == Some(t),
                    None => {
                        m.tmdb_id.is_none()
                            && f.attributes.get(id_key).is_some_and(|v| m.attributes.get(id_key) == Some(v))
                    }
                })
                .min_by_key(|m| (m.created_at, m.id))
                .map(|m| m.id);
            let Some(id) = existing else {
                let created = item(MediaId(Uuid::now_v7()), f, None);
                result.ids.push(created.id);
                state.media.insert(created.id, created);
                result.inserted += 1;
                continue;
            };
            result.ids.push(id);
            let Some(m) = state.media.get_mut(&id) else { continue };
            let mut changed = false;
            if m.imdb_id.is_none() && f.imdb_id.is_some() {
                m.imdb_id.clone_from(&f.imdb_id);
                changed = true;
            }
            if m.year.is_none() && f.year.is_some() {
                m.year = f.year;
                changed = true;
            }
            if m.genres.is_empty() && !f.genres.is_empty() {
                m.genres.clone_from(&f.genres);
                changed = true;
            }
            if let (Some(have), Some(add)) = (m.attributes.as_object_mut(), f.attributes.as_object()) {
                for (k, v) in add {
                    if have.get(k) != Some(v) {
                        have.insert(k.clone(), v.clone());
                        changed = true;
                    }
                }
            }
            if changed {
                m.updated_at = Utc::now();
                result.updated += 1;
            }
        }
        Ok(result)
    }

    async fn ensure_accounts(&self, accounts: &[NewUser]) -> Result<Vec<UserId>, StoreError> {
        let mut state = self.lock();
        let mut ids = Vec::with_capacity(accounts.len());
        for a in accounts {
            if let Some((u, _)) = state.users.values().find(|(u, _)| u.email == a.email.as_str()) {
                ids.push(u.id);
                continue;
            }
            let user = User {
                id: UserId(Uuid::now_v7()),
                email: a.email.as_str().to_owned(),
                display_name: a.display_name.as_str().to_owned(),
                is_admin: false,
                disabled: false,
                created_at: Utc::now(),
            };
            ids.push(user.id);
            state.users.insert(user.id, (user, a.password_hash.clone()));
        }
        Ok(ids)
    }

    async fn write_lists(&self, lists: &[(UserId, Vec<BulkRanking>)]) -> Result<u64, StoreError> {
        let mut state = self.lock();
        let busy: HashSet<UserId> = state.rankings.values().map(|r| r.user).collect();
        let now = Utc::now();
        let mut written = 0;
        for (user, list) in lists.iter().filter(|(u, _)| !busy.contains(u)) {
            if !state.users.contains_key(user) {
                return Err(StoreError::new("list for an unknown user"));
            }
            for r in list {
                if !state.media.contains_key(&r.media) {
                    return Err(StoreError::new("list entry for an unknown media item"));
                }
            }
            for r in list {
                let id = RankingId(Uuid::now_v7());
                let row = Row {
                    id,
                    user: *user,
                    media: r.media,
                    tier: r.tier,
                    key: r.key.clone(),
                    stars: r.stars,
                    created_at: now,
                    updated_at: now,
                };
                state.log_placed(*user, r.media, r.tier, id, now);
                state.rankings.insert(id, row);
                written += 1;
            }
        }
        Ok(written)
    }
}
