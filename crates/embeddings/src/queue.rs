//! [`EmbedQueue`]: embeds catalog items in the background, so no request waits for inference.
//!
//! The catalog tells the queue of each created or edited item ([`CatalogObserver`]); a tokio task takes items in
//! batches of up to 32, embeds, stores and indexes them. At start the task first catches up with every item that
//! has no current vector (items added by imports, or while the model was missing).

use marquee_domain::catalog::CatalogObserver;
use marquee_domain::media::MediaItem;
use marquee_domain::semantic::SemanticService;
use tokio::sync::{mpsc, oneshot};

/// Most items embedded together.
const BATCH: usize = 32;

#[derive(Debug)]
enum Job {
    Item(Box<MediaItem>),
    Flush(oneshot::Sender<()>),
}

/// The sending side of the background embedding task. Cheap to clone.
#[derive(Debug, Clone)]
pub struct EmbedQueue {
    jobs: mpsc::UnboundedSender<Job>,
}

impl EmbedQueue {
    /// Starts the task on the current tokio runtime. With `catch_up`, it first embeds every item lacking a current
    /// vector. When the embedder is unavailable the task drops what it is sent.
    pub fn start(service: SemanticService, catch_up: bool) -> Self {
        let (jobs, rx) = mpsc::unbounded_channel();
        tokio::spawn(run(service, rx, catch_up));
        Self { jobs }
    }

    /// Waits until everything queued before this call is embedded (or has failed). For tests and the CLI.
    pub async fn flush(&self) {
        let (done, wait) = oneshot::channel();
        if self.jobs.send(Job::Flush(done)).is_ok() {
            let _ = wait.await;
        }
    }
}

impl CatalogObserver for EmbedQueue {
    fn changed(&self, item: &MediaItem) {
        // Only fails when the task is gone (at shutdown); the next catch-up embeds the item then.
        let _ = self.jobs.send(Job::Item(Box::new(item.clone())));
    }
}

async fn run(service: SemanticService, mut rx: mpsc::UnboundedReceiver<Job>, catch_up: bool) {
    if service.unavailable().is_some() {
        while rx.recv().await.is_some() {}
        return;
    }
    if catch_up {
        match backfill(&service).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(embedded = n, "caught up with the catalog's embeddings"),
            Err(e) => tracing::error!(error = %e, "embedding catch-up failed"),
        }
    }
    while let Some(first) = rx.recv().await {
        let mut items = Vec::new();
        let mut flushes = Vec::new();
        let mut job = Some(first);
        while let Some(next) = job {
            match next {
                Job::Item(item) => items.push(*item),
                Job::Flush(done) => flushes.push(done),
            }
            job = if items.len() < BATCH { rx.try_recv().ok() } else { None };
        }
        if let Err(e) = service.index_items(&items).await {
            tracing::error!(error = %e, items = items.len(), "embedding new catalog items failed");
        }
        for done in flushes {
            let _ = done.send(());
        }
    }
}

/// Embeds every item that lacks a current vector, page by page; returns how many.
///
/// # Errors
/// The first failure of the store or the embedder.
pub async fn backfill(service: &SemanticService) -> Result<usize, marquee_domain::semantic::SemanticError> {
    let mut done = 0;
    let mut after = None;
    loop {
        let items = service.pending(false, after, 256).await?;
        let Some(last) = items.last() else { return Ok(done) };
        after = Some(last.id);
        done += service.index_items(&items).await?;
    }
}
