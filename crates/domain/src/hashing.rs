//! How fast a password hasher goes, as the hasher measures it: shared between the hasher (which times every hash)
//! and the edge that sizes the queue in front of it, so the queue shrinks when hashes slow down (a busy machine)
//! and grows back when they speed up.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// How many hashes run at once, and a moving estimate of one hash's time (wall clock, as the hashing threads see
/// it): a mean of the measured hashes in which each new one weighs a fifth, so the estimate follows a machine that
/// got busier within a few hashes.
#[derive(Debug)]
pub struct HashPace {
    concurrency: usize,
    nanos: AtomicU64,
}

impl HashPace {
    /// `concurrency` hashes at once (at least one), the estimate starting at `first` (a hash timed at start).
    pub fn new(concurrency: usize, first: Duration) -> Self {
        Self { concurrency: concurrency.max(1), nanos: AtomicU64::new(nanos(first)) }
    }

    /// Hashes running at once.
    pub fn concurrency(&self) -> usize {
        self.concurrency
    }

    /// The current estimate of one hash's time.
    pub fn estimate(&self) -> Duration {
        Duration::from_nanos(self.nanos.load(Ordering::Relaxed))
    }

    /// Folds one measured hash into the estimate.
    pub fn record(&self, sample: Duration) {
        let sample = nanos(sample);
        // The closure never refuses, so the update always lands.
        let _ = self.nanos.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |old| {
            Some(u64::try_from((u128::from(old) * 4 + u128::from(sample)) / 5).unwrap_or(u64::MAX))
        });
    }
}

fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_estimate_follows_measured_hashes() {
        let pace = HashPace::new(0, Duration::from_millis(200));
        assert_eq!(pace.concurrency(), 1, "at least one");
        pace.record(Duration::from_millis(700));
        assert_eq!(pace.estimate(), Duration::from_millis(300), "each sample weighs a fifth");
        for _ in 0..30 {
            pace.record(Duration::from_millis(700));
        }
        let settled = pace.estimate();
        assert!(settled > Duration::from_millis(699) && settled <= Duration::from_millis(700), "{settled:?}");
    }
}
