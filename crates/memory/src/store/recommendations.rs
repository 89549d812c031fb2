//! [`RecommendationRepository`] in memory: signals read from the other tables under the store's lock,
//! interactions and models kept beside them.

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use marquee_domain::StoreError;
use marquee_domain::media::{MediaId, MediaSummary};
use marquee_domain::privacy::Audience;
use marquee_domain::recommend::service::{
    InteractionError, InteractionKind, ModelInfo, NewModel, RecommendationRepository, Signal, SignalSource, StoredModel,
};
use marquee_domain::tier::Tier;
use marquee_domain::user::UserId;

use super::{MemoryStore, State};

/// Interactions by `(user, title, kind)` with their latest time, and the stored models, oldest first.
#[derive(Debug, Default)]
pub(super) struct RecTables {
    interactions: HashMap<(UserId, MediaId, InteractionKind), DateTime<Utc>>,
    models: Vec<StoredModel>,
}

impl RecTables {
    /// Forgets a deleted account's interactions and its factors in every stored model.
    pub(super) fn forget(&mut self, user: UserId) {
        self.interactions.retain(|(owner, _, _), _| *owner != user);
        for model in &mut self.models {
            model.users.retain(|(owner, _)| *owner != user);
        }
    }
}

impl State {
    /// Records an interaction unless it is there already (an import's watchlist rows); true when it was added.
    pub(super) fn add_interaction_once(&mut self, user: UserId, media: MediaId, kind: InteractionKind) -> bool {
        let table = &mut self.recommendations.interactions;
        if table.contains_key(&(user, media, kind)) {
            return false;
        }
        table.insert((user, media, kind), Utc::now());
        true
    }

    /// The merge's part for interactions, as `PgStore` does it: they move to `keep`, the later time winning.
    pub(super) fn fold_interactions(&mut self, keep: MediaId, duplicate: MediaId) {
        let table = &mut self.recommendations.interactions;
        let moved: Vec<_> = table.keys().filter(|(_, m, _)| *m == duplicate).copied().collect();
        for key in moved {
            if let Some(at) = table.remove(&key) {
                let slot = table.entry((key.0, keep, key.2)).or_insert(at);
                *slot = (*slot).max(at);
            }
        }
    }

    fn signals_of(&self, user: Option<UserId>) -> Vec<Signal> {
        let mine = |u: UserId| user.is_none_or(|me| me == u);
        let mut out = Vec::new();
        // Positions and tier sizes per (user, tier), as the list endpoint derives them.
        let mut tiers: HashMap<(UserId, Tier), Vec<&super::Row>> = HashMap::new();
        for row in self.rankings.values().filter(|r| mine(r.user)) {
            tiers.entry((row.user, row.tier)).or_default().push(row);
        }
        for ((user, tier), mut rows) in tiers {
            rows.sort_by(|a, b| a.key.cmp(&b.key));
            let tier_size = rows.len() as u64;
            for (k, row) in rows.iter().enumerate() {
                let source = SignalSource::Ranked { tier, position: k as u64 + 1, tier_size };
                out.push(Signal { user, media: row.media, source, at: row.updated_at });
            }
        }
        for (u, c) in self.placement.comparisons.iter().filter(|(u, c)| mine(*u) && !c.tie) {
            out.push(Signal { user: *u, media: c.winner, source: SignalSource::Compared, at: c.created_at });
        }
        let (votes, sets) = self.matchup_signals(user);
        for (user, media, at) in votes {
            out.push(Signal { user, media, source: SignalSource::Matchup, at });
        }
        for (user, media, at) in sets {
            out.push(Signal { user, media, source: SignalSource::Top4, at });
        }
        for (&(u, media, kind), &at) in &self.recommendations.interactions {
            if mine(u) {
                out.push(Signal { user: u, media, source: SignalSource::Interaction(kind), at });
            }
        }
        out
    }
}

#[async_trait]
impl RecommendationRepository for MemoryStore {
    async fn signals(&self) -> Result<Vec<Signal>, StoreError> {
        Ok(self.lock().signals_of(None))
    }

    async fn user_signals(&self, user: UserId) -> Result<Vec<Signal>, StoreError> {
        Ok(self.lock().signals_of(Some(user)))
    }

    async fn record_interaction(
        &self,
        user: UserId,
        media: MediaId,
        kind: InteractionKind,
    ) -> Result<(), InteractionError> {
        let mut s = self.lock();
        s.account(user)?;
        if !s.media.contains_key(&media) {
            return Err(InteractionError::UnknownMedia(media));
        }
        s.recommendations.interactions.insert((user, media, kind), Utc::now());
        Ok(())
    }

    async fn catalog(&self) -> Result<Vec<MediaSummary>, StoreError> {
        let s = self.lock();
        let mut items: Vec<MediaSummary> = s.media.values().map(MediaSummary::from).collect();
        items.sort_by_key(|m| m.id);
        Ok(items)
    }

    async fn followed_fans(
        &self,
        user: UserId,
        audience: &Audience,
        media: &[MediaId],
    ) -> Result<HashMap<MediaId, u32>, StoreError> {
        let s = self.lock();
        let followees = s.visible_followees(user, audience);
        let mut fans: HashMap<MediaId, u32> = HashMap::new();
        for row in s.rankings.values() {
            if row.tier <= Tier::A && followees.contains(&row.user) && media.contains(&row.media) {
                *fans.entry(row.media).or_default() += 1;
            }
        }
        Ok(fans)
    }

    async fn save_model(&self, model: &NewModel) -> Result<ModelInfo, StoreError> {
        let mut s = self.lock();
        let models = &mut s.recommendations.models;
        let version = models.last().map_or(1, |m| m.info.version + 1);
        let info = ModelInfo { version, trained_at: model.trained_at, factors: model.factors.factors };
        models.push(StoredModel {
            info,
            settings: model.settings.clone(),
            factors: model.factors.clone(),
            users: model.users.clone(),
        });
        // Keep the previous model too, as PostgreSQL does.
        let excess = models.len().saturating_sub(2);
        models.drain(..excess);
        Ok(info)
    }

    async fn latest_model(&self) -> Result<Option<ModelInfo>, StoreError> {
        Ok(self.lock().recommendations.models.last().map(|m| m.info))
    }

    async fn load_latest_model(&self) -> Result<Option<StoredModel>, StoreError> {
        Ok(self.lock().recommendations.models.last().cloned())
    }
}
