//! Resumable catalog syncs from a provider (`marquee sync tmdb`): the progress a run leaves behind, and the port
//! that keeps it. A run is a fixed sequence of steps (one page of one list, say), each written in its own
//! transaction; after each, the run records how many steps are done. A run with the same options resumes after
//! the last step written; other options start over. See docs/providers.md.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::error::StoreError;
use crate::media::MediaKind;

/// What a job left behind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncProgress {
    /// A fingerprint of the run's options: a run with other options does not resume this one.
    pub params: String,
    /// Steps written so far; 0 once a run has finished.
    pub next_step: u32,
    /// When a run of this job last finished.
    pub completed_at: Option<DateTime<Utc>>,
}

impl SyncProgress {
    /// The step a run with options `params` starts at, given what the last run left (`saved`): after the last
    /// step written when that run had the same options and did not finish, else 0.
    pub fn resume_at(saved: Option<&SyncProgress>, params: &str) -> u32 {
        saved.filter(|s| s.params == params).map_or(0, |s| s.next_step)
    }
}

/// Where sync progress is kept, and what the catalog already holds.
#[async_trait]
pub trait SyncStateRepository: Send + Sync {
    /// The progress of `job`, if it ever ran.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure.
    async fn sync_progress(&self, job: &str) -> Result<Option<SyncProgress>, StoreError>;

    /// Replaces the progress of `job`.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure.
    async fn save_sync_progress(&self, job: &str, progress: &SyncProgress) -> Result<(), StoreError>;

    /// Which of `tmdb_ids` the catalog holds as items of `kind`, ascending.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure.
    async fn known_tmdb_ids(&self, kind: MediaKind, tmdb_ids: &[i64]) -> Result<Vec<i64>, StoreError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_resumes_only_an_unfinished_run_with_the_same_options() {
        let saved = SyncProgress { params: "pages=2".into(), next_step: 5, completed_at: None };
        assert_eq!(SyncProgress::resume_at(Some(&saved), "pages=2"), 5);
        assert_eq!(SyncProgress::resume_at(Some(&saved), "pages=3"), 0);
        assert_eq!(SyncProgress::resume_at(None, "pages=2"), 0);
        let finished = SyncProgress { next_step: 0, completed_at: Some(Utc::now()), ..saved };
        assert_eq!(SyncProgress::resume_at(Some(&finished), "pages=2"), 0);
    }
}
