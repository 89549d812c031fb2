//! [`ChartRepository`] in memory: lists come from the stored rankings, comparisons from
//! [`MemoryStore::record_comparison`].

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use marquee_domain::StoreError;
use marquee_domain::consensus::{ChartEntry, ChartFilter, ChartInputs, ChartRepository, ConsensusScore, Outcome};
use marquee_domain::media::{MediaId, MediaSummary};
use marquee_domain::page::Page;
use marquee_domain::user::UserId;

use super::MemoryStore;

/// The chart and the comparisons it reads.
#[derive(Debug, Default)]
pub(super) struct ChartTables {
    comparisons: Vec<(UserId, Outcome)>,
    scores: Vec<(ConsensusScore, DateTime<Utc>)>,
}

impl MemoryStore {
    /// Stores one comparison answer, as the `comparisons` table holds placement answers.
    pub fn record_comparison(&self, user: UserId, winner: MediaId, loser: MediaId, tie: bool) {
        self.lock().chart_tables.comparisons.push((user, Outcome { winner, loser, tie }));
    }
}

#[async_trait]
impl ChartRepository for MemoryStore {
    async fn chart_inputs(&self) -> Result<ChartInputs, StoreError> {
        let state = self.lock();
        let comparisons = state
            .chart_tables
            .comparisons
            .iter()
            .filter(|(_, o)| state.media.contains_key(&o.winner) && state.media.contains_key(&o.loser))
            .map(|(_, o)| *o)
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
        entries.sort_by(|x, y| y.strength.total_cmp(&x.strength).then(x.media.id.cmp(&y.media.id)));
        Ok(Page::slice(entries, filter.page))
    }
}
