//! bcrypt behind the domain's [`PasswordHasher`] port: hashing on threads of its own at a lower scheduling priority
//! than request serving, every hash timed into the [`HashPace`] the HTTP edge sizes its queue from, and the decoy
//! hash that makes a sign-in for an unknown account take as long as one for a known account.

use std::fmt::{self, Write as _};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use async_trait::async_trait;
use marquee_domain::account::{HashError, PasswordHasher};
use marquee_domain::hashing::HashPace;
use marquee_domain::user::{Password, PasswordHash};

/// How much nicer than the process the hashing threads run (Linux): at 10 the scheduler gives a runnable request
/// thread about nine times their share of a contended core, so a login flood takes what the requests leave instead
/// of a core of its own.
pub const HASH_NICE_STEP: i32 = 10;

/// A job for the hashing threads.
type Job = Box<dyn FnOnce() + Send>;

/// bcrypt password hashing, run on `concurrency` threads of its own (default: one core fewer than the machine has,
/// at least one) at a lower scheduling priority than the request workers ([`HASH_NICE_STEP`]): hashing never
/// stalls an async worker, a burst of logins queues behind itself, and a core it shares with request serving goes
/// to the requests first. Each hash is timed into the hasher's [`HashPace`].
#[derive(Clone)]
pub struct BcryptHasher {
    cost: u32,
    decoy: PasswordHash,
    hash_time: Duration,
    pace: Arc<HashPace>,
    jobs: mpsc::Sender<Job>,
}

impl fmt::Debug for BcryptHasher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BcryptHasher")
            .field("cost", &self.cost)
            .field("hash_time", &self.hash_time)
            .field("pace", &self.pace)
            .finish_non_exhaustive()
    }
}

impl BcryptHasher {
    /// A hasher with this cost (4 to 31; 12 in production, 4 in tests). Computes the decoy hash, timing it to seed
    /// the estimate of a hash's time, so it takes as long as one hash: call it at start-up, not on an async worker.
    ///
    /// # Errors
    /// [`HashError`] when the decoy cannot be hashed or a hashing thread cannot start.
    pub fn new(cost: u32) -> Result<Self, HashError> {
        let secret: [u8; 32] = rand::random();
        let secret = secret.iter().fold(String::with_capacity(64), |mut hex, b| {
            let _ = write!(hex, "{b:02x}");
            hex
        });
        let started = Instant::now();
        let decoy = bcrypt::hash(secret, cost).map_err(|e| HashError(e.to_string()))?;
        let hash_time = started.elapsed();
        // One core stays for the request workers even when both would rather hash: the lower priority only decides
        // who runs on a contended core, and waking a worker behind a busy hashing thread still costs latency.
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
        let concurrency = (cores - 1).max(1);
        Ok(Self {
            cost,
            decoy: PasswordHash(decoy),
            hash_time,
            pace: Arc::new(HashPace::new(concurrency, hash_time)),
            jobs: spawn_hashing_threads(concurrency)?,
        })
    }

    /// Lets at most `concurrency` (at least one) hashes run at once, on as many threads.
    ///
    /// # Errors
    /// [`HashError`] when a hashing thread cannot start.
    pub fn with_concurrency(mut self, concurrency: usize) -> Result<Self, HashError> {
        self.pace = Arc::new(HashPace::new(concurrency, self.pace.estimate()));
        // The threads of the old pool end once its last sender is dropped here.
        self.jobs = spawn_hashing_threads(self.pace.concurrency())?;
        Ok(self)
    }

    /// How long one hash took at start.
    pub fn hash_time(&self) -> Duration {
        self.hash_time
    }

    /// Hashes running at once.
    pub fn concurrency(&self) -> usize {
        self.pace.concurrency()
    }

    async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T, HashError> {
        let (answer, answered) = tokio::sync::oneshot::channel();
        let pace = Arc::clone(&self.pace);
        let job: Job = Box::new(move || {
            let started = Instant::now();
            let result = work();
            pace.record(started.elapsed());
            // The request may have gone; its answer is then dropped.
            let _ = answer.send(result);
        });
        self.jobs.send(job).map_err(|_| HashError("the hashing threads have stopped".into()))?;
        answered.await.map_err(|_| HashError("a hash failed on its thread".into()))
    }
}

/// Starts `count` hashing threads taking jobs in order from one queue; they end when its sender is dropped.
fn spawn_hashing_threads(count: usize) -> Result<mpsc::Sender<Job>, HashError> {
    let (jobs, queue) = mpsc::channel::<Job>();
    let queue = Arc::new(Mutex::new(queue));
    for i in 0..count {
        let queue = Arc::clone(&queue);
        std::thread::Builder::new()
            .name(format!("bcrypt-{i}"))
            .spawn(move || {
                if let Err(e) = lower_priority(HASH_NICE_STEP) {
                    tracing::warn!(error = %e, "could not lower the priority of a hashing thread");
                }
                loop {
                    // The lock is held only while waiting for the next job, never while hashing.
                    let job = queue.lock().unwrap_or_else(std::sync::PoisonError::into_inner).recv();
                    let Ok(job) = job else { break };
                    // A panicking hash fails its own request (its answer is dropped), not the thread.
                    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
                }
            })
            .map_err(|e| HashError(format!("starting a hashing thread: {e}")))?;
    }
    Ok(jobs)
}

/// Makes the calling thread `step` nicer than it is (at most 19); Linux schedules threads one by one.
#[cfg(target_os = "linux")]
#[allow(unsafe_code, reason = "two system calls on the calling thread's id; no memory is shared with them")]
fn lower_priority(step: i32) -> std::io::Result<()> {
    // SAFETY: `gettid` cannot fail; `getpriority` and `setpriority` take plain integers and write no memory.
    let (tid, now) = unsafe {
        let tid = libc::id_t::try_from(libc::gettid()).unwrap_or_default();
        (tid, libc::getpriority(libc::PRIO_PROCESS, tid))
    };
    // SAFETY: as above.
    if unsafe { libc::setpriority(libc::PRIO_PROCESS, tid, (now + step).min(19)) } == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Elsewhere the hashing threads run at the process's priority.
#[cfg(not(target_os = "linux"))]
fn lower_priority(_step: i32) -> std::io::Result<()> {
    Ok(())
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

    fn pace(&self) -> Option<Arc<HashPace>> {
        Some(Arc::clone(&self.pace))
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

    #[tokio::test]
    async fn every_hash_is_timed_into_the_pace() {
        let hasher = BcryptHasher::new(4).unwrap().with_concurrency(3).unwrap();
        let pace = hasher.pace().unwrap();
        assert_eq!(pace.concurrency(), 3);
        pace.record(Duration::from_mins(1));
        pace.record(Duration::from_mins(1));
        let before = pace.estimate();
        hasher.hash(&Password::parse("correct horse").unwrap()).await.unwrap();
        assert!(pace.estimate() < before, "a cost-4 hash pulls a minute-long estimate down: {:?}", pace.estimate());
    }

    #[cfg(target_os = "linux")]
    #[tokio::test]
    async fn hashes_run_on_their_own_threads_at_a_lower_priority() {
        let hasher = BcryptHasher::new(4).unwrap().with_concurrency(1).unwrap();
        // SAFETY: plain integers in and out.
        #[allow(unsafe_code, reason = "reads the calling thread's priority")]
        let nice = || unsafe { libc::getpriority(libc::PRIO_PROCESS, libc::id_t::try_from(libc::gettid()).unwrap()) };
        let here = nice();
        let (name, there) =
            hasher.run(move || (std::thread::current().name().map(str::to_owned), nice())).await.unwrap();
        assert_eq!(name.as_deref(), Some("bcrypt-0"));
        assert_eq!(there, (here + HASH_NICE_STEP).min(19), "the hashing thread is nicer than this one ({here})");
    }
}
