//! [`ChartRepository`] in memory: lists come from the stored rankings, comparisons from the placement answers
//! (`placement`) and [`MemoryStore::record_comparison`], as the `comparisons` table holds them in PostgreSQL.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use marquee_domain::StoreError;
use marquee_domain::consensus::{
    ChartEntry, ChartFilter, ChartInputs, ChartRepository, ConsensusScore, Outcome, chart_position_score,
};
use marquee_domain::media::{MediaId, MediaSummary};
use marquee_domain::page::Page;
use marquee_domain::placement::Comparison;
use marquee_domain::user::UserId;

use super::MemoryStore;

/// The chart and the comparisons it reads.
#[derive(Debug, Default)]
pub(super) struct ChartTables {
    scores: Vec<(ConsensusScore, DateTime<Utc>)>,
}

impl MemoryStore {
    /// Stores one comparison answer, as the `comparisons` table holds placement answers.
    pub fn record_comparison(&self, user: UserId, winner: MediaId, loser: MediaId, tie: bool) {
        let comparison = Comparison {
            id: uuid::Uuid::now_v7(),
            winner,
            loser,
            tie,
            context: "placement".into(),
            source: None,
            created_at: Utc::now(),
        };
        self.lock().push_comparison(user, comparison);
    }
}

#[async_trait]
impl ChartRepository for MemoryStore {
    async fn chart_inputs(&self) -> Result<ChartInputs, StoreError> {
        let state = self.lock();
        let comparisons = state
            .placement
            .comparisons
            .iter()
            .filter(|(_, c)| state.media.contains_key(&c.winner) && state.media.contains_key(&c.loser))
            .map(|(_, c)| Outcome { winner: c.winner, loser: c.loser, tie: c.tie })
            .collect();
        let mut rows: Vec<_> = state.rankings.values().collect();
        rows.sort_by(|x, y| (x.user, x.tier, &x.key).cmp(&(y.user, y.tier, &y.key)));
        let mut lists: Vec<Vec<MediaId>> = Vec::new();
        let mut current = None;
        for row in rows {
            if current != Some(row.user) {
                lists.push(Vec::new());
                current = Some(row.user);
            }
            if let Some(list) = lists.last_mut() {
                list.push(row.media);
            }
        }
        Ok(ChartInputs { comparisons, lists })
    }

    async fn replace_chart(&self, scores: &[ConsensusScore], fitted_at: DateTime<Utc>) -> Result<(), StoreError> {
        let mut state = self.lock();
        let kept: Vec<_> =
            scores.iter().filter(|s| state.media.contains_key(&s.media)).map(|s| (*s, fitted_at)).collect();
        state.chart_tables.scores = kept;
        Ok(())
    }

    async fn chart(&self, filter: &ChartFilter) -> Result<Page<ChartEntry>, StoreError> {
        let state = self.lock();
        let genre = filter.genre.as_deref().map(str::to_lowercase);
        let mut entries: Vec<ChartEntry> = state
            .chart_tables
            .scores
            .iter()
            .filter_map(|(s, at)| {
                let media = state.media.get(&s.media)?;
                let keep = filter.kind.is_none_or(|k| media.kind == k)
                    && genre.as_deref().is_none_or(|g| media.genres.iter().any(|x| x.to_lowercase() == g));
                keep.then(|| ChartEntry {
                    media: MediaSummary::from(media),
                    strength: s.strength,
                    uncertainty: s.uncertainty,
                    comparisons: s.comparisons,
                    fitted_at: *at,
                })
            })
            .collect();
        entries.sort_by(|x, y| {
            let score = |e: &ChartEntry| chart_position_score(e.strength, e.uncertainty);
            score(y).total_cmp(&score(x)).then(x.media.id.cmp(&y.media.id))
        });
        Ok(Page::slice(entries, filter.page))
    }

    async fn strengths(&self, media: &[MediaId]) -> Result<std::collections::HashMap<MediaId, f64>, StoreError> {
        let wanted: std::collections::HashSet<&MediaId> = media.iter().collect();
        let state = self.lock();
        Ok(state
            .chart_tables
            .scores
            .iter()
            .filter(|(s, _)| wanted.contains(&s.media))
            .map(|(s, _)| (s.media, s.strength))
            .collect())
    }
}
