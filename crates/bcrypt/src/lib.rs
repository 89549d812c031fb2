//! bcrypt behind the domain's [`PasswordHasher`] port: hashing on tokio's blocking pool, a bounded number at once,
//! and the decoy hash that makes a sign-in for an unknown account take as long as one for a known account.

use std::fmt::{self, Write as _};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use marquee_domain::ports::{HashError, PasswordHasher};
use marquee_domain::user::{Password, PasswordHash};

/// How long a sign-in may wait for its hash before the hashing queue counts as full: 2 s is the promise, and the
/// rest is left for the database and a machine busier than at start.
pub const HASH_WAIT_BUDGET: Duration = Duration::from_millis(1_500);

/// bcrypt password hashing, run on tokio's blocking pool (`spawn_blocking`) so it never stalls an
/// async worker, and at most `concurrency` hashes at a time (default: one core fewer than the machine has, at least
/// one), so a burst of logins queues behind itself instead of taking every core from the requests that need no
/// hashing. The queue in front of it is bounded by the HTTP edge, sized by [`BcryptHasher::queue_slots`] and
/// [`BcryptHasher::drain_time`].
#[derive(Clone)]
pub struct BcryptHasher {
    cost: u32,
    decoy: PasswordHash,
    hash_time: Duration,
    concurrency: usize,
    waiting: Option<usize>,
    permits: Arc<tokio::sync::Semaphore>,
}

impl fmt::Debug for BcryptHasher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BcryptHasher")
            .field("cost", &self.cost)
            .field("hash_time", &self.hash_time)
            .field("concurrency", &self.concurrency)
            .finish_non_exhaustive()
    }
}

impl BcryptHasher {
    /// A hasher with this cost (4 to 31; 12 in production, 4 in tests). Computes the decoy hash, timing it to size
    /// the queue, so it takes as long as one hash: call it at start-up, not on an async worker.
    pub fn new(cost: u32) -> Result<Self, HashError> {
        let secret: [u8; 32] = rand::random();
        let secret = secret.iter().fold(String::with_capacity(64), |mut hex, b| {
            let _ = write!(hex, "{b:02x}");
            hex
        });
        let started = std::time::Instant::now();
        let decoy = bcrypt::hash(secret, cost).map_err(|e| HashError(e.to_string()))?;
        let hash_time = started.elapsed();
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
        let concurrency = (cores - 1).max(1);
        Ok(Self {
            cost,
            decoy: PasswordHash(decoy),
            hash_time,
            concurrency,
            waiting: None,
            permits: Arc::new(tokio::sync::Semaphore::new(concurrency)),
        })
    }

    /// Lets at most `concurrency` (at least one) hashes run at once.
    #[must_use]
    pub fn with_concurrency(mut self, concurrency: usize) -> Self {
        self.concurrency = concurrency.max(1);
        self.permits = Arc::new(tokio::sync::Semaphore::new(self.concurrency));
        self
    }

    /// Lets at most `waiting` sign-ins wait for a hash beyond those hashing; by default as many as finish within
    /// [`HASH_WAIT_BUDGET`] at the speed measured at start.
    #[must_use]
    pub fn with_waiting(mut self, waiting: usize) -> Self {
        self.waiting = Some(waiting);
        self
    }

    /// How long one hash took at start.
    pub fn hash_time(&self) -> Duration {
        self.hash_time
    }

    /// Hashes running at once.
    pub fn concurrency(&self) -> usize {
        self.concurrency
    }

    /// Sign-ins that may wait beyond those hashing.
    pub fn waiting(&self) -> usize {
        self.waiting.unwrap_or_else(|| {
            let rounds = (HASH_WAIT_BUDGET.as_nanos() / self.hash_time.as_nanos().max(1)).max(1);
            let rounds = usize::try_from(rounds).unwrap_or(usize::MAX);
            self.concurrency.saturating_mul(rounds - 1)
        })
    }

    /// How many requests may hold a place in the queue: `concurrency` hashing plus `waiting`; the HTTP edge refuses
    /// the rest at once with 429.
    pub fn queue_slots(&self) -> usize {
        self.concurrency.saturating_add(self.waiting())
    }

    /// How long a full queue takes to drain at the speed measured at start (the `Retry-After` of a refusal).
    pub fn drain_time(&self) -> Duration {
        let rounds = u32::try_from(self.queue_slots().div_ceil(self.concurrency)).unwrap_or(u32::MAX);
        self.hash_time * rounds
    }

    async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T, HashError> {
        let _permit = self.permits.acquire().await.map_err(|e| HashError(e.to_string()))?;
        tokio::task::spawn_blocking(work).await.map_err(|e| HashError(e.to_string()))
    }
}

#[async_trait]
impl PasswordHasher for BcryptHasher {
    async fn hash(&self, password: &Password) -> Result<PasswordHash, HashError> {
        let password = password.expose().to_owned();
        let cost = self.cost;
        self.run(move || bcrypt::hash(password, cost)).await?.map(PasswordHash).map_err(|e| HashError(e.to_string()))
    }

    async fn verify(&self, password: &str, hash: &PasswordHash) -> Result<bool, HashError> {
        let password = password.to_owned();
        let hash = hash.0.clone();
        // A malformed stored hash is a mismatch, not a failure of the hasher.
        self.run(move || bcrypt::verify(password, &hash).unwrap_or(false)).await
    }

    fn decoy(&self) -> &PasswordHash {
        &self.decoy
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn bcrypt_hashes_and_verifies_off_the_worker() {
        let hasher = BcryptHasher::new(4).unwrap();
        let password = Password::parse("correct horse").unwrap();
        let hash = hasher.hash(&password).await.unwrap();
        assert!(hash.0.starts_with("$2"));
        assert!(hasher.verify("correct horse", &hash).await.unwrap());
        assert!(!hasher.verify("wrong horse", &hash).await.unwrap());
        assert!(!hasher.verify("correct horse", &PasswordHash("not-a-hash".into())).await.unwrap());
        assert!(!hasher.verify("correct horse", hasher.decoy()).await.unwrap());
        assert!(hasher.decoy().0.starts_with("$2b$04$"), "the decoy has the same cost");
    }

    #[test]
    fn the_queue_holds_what_finishes_within_the_budget() {
        let hasher = BcryptHasher::new(4).unwrap().with_concurrency(2);
        let hasher = BcryptHasher { hash_time: Duration::from_millis(220), ..hasher };
        // 1.5 s / 220 ms = 6 rounds: 2 hashing and 10 waiting.
        assert_eq!(hasher.waiting(), 10);
        let slow = BcryptHasher { hash_time: Duration::from_secs(3), ..hasher.clone() };
        assert_eq!(slow.waiting(), 0, "a hash slower than the budget: only those hashing");
        assert_eq!(hasher.clone().with_waiting(3).waiting(), 3);

        let one_waiting = hasher.with_waiting(1);
        assert_eq!(one_waiting.queue_slots(), 3);
        assert_eq!(one_waiting.drain_time(), Duration::from_millis(440), "three slots, two at a time: two rounds");
    }
}
