//! Serving recommendations: the signals they are made from, the port that stores signals and trained models, and
//! [`RecommendationService`], which trains, holds the current [`Snapshot`] and answers requests.
//!
//! Signals, all on the 0–10 scale of derived scores (see [`SignalSource::value`]): a ranked title's derived
//! score (tier and position, exactly as the list endpoint shows it), a comparison's winner, the titles of a
//! matchup's winning set, the caller's own top-4 set, and explicit interactions (`view`, `click`, `watchlist`).
//! One `(user, title)` pair becomes one interaction: the ranking when there is one (what the user said outright
//! wins over anything implicit), else the strongest implicit signal; its time is the latest.
//!
//! A request reads the caller's signals as they are now and folds them into the snapshot (see
//! [`super::snapshot`]); it never returns a title the caller has any signal for (ranked, compared, saved, seen),
//! filters by kind and by what the caller's services stream, and explains each title in words.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, PoisonError, RwLock};

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::als::Als;
use super::exposure::Exposure;
use super::hybrid::{Hybrid, Part};
use super::snapshot::{ContentVectors, ItemFactors, Settings, Snapshot};
use super::{Interaction, Interactions, Reason, Recommendation, Recommender};
use crate::availability::{AvailabilityError, AvailabilityService};
use crate::error::{FieldError, StoreError};
use crate::media::{MediaId, MediaKind, MediaSummary};
use crate::privacy::Audience;
use crate::score::Score;
use crate::semantic::{VectorIndex, check_limit};
use crate::tier::Tier;
use crate::user::UserId;

/// An explicit interaction a client reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InteractionKind {
    /// The title's page was shown.
    View,
    /// The title was clicked in a list.
    Click,
    /// The title was added to the watchlist.
    Watchlist,
}

impl InteractionKind {
    /// The stored and API spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            InteractionKind::View => "view",
            InteractionKind::Click => "click",
            InteractionKind::Watchlist => "watchlist",
        }
    }
}

impl FromStr for InteractionKind {
    type Err = FieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "view" => Ok(InteractionKind::View),
            "click" => Ok(InteractionKind::Click),
            "watchlist" => Ok(InteractionKind::Watchlist),
            _ => Err(FieldError::new("kind", "must be one of view, click, watchlist")),
        }
    }
}

/// Where a signal comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignalSource {
    /// The title is in the user's list.
    Ranked {
        /// Its tier.
        tier: Tier,
        /// Its position in the tier, from 1.
        position: u64,
        /// How many titles the tier holds.
        tier_size: u64,
    },
    /// The user preferred it in a comparison (not a tie).
    Compared,
    /// It was in the set the user voted for in a matchup.
    Matchup,
    /// It is in the user's own top-4 set.
    Top4,
    /// An explicit interaction.
    Interaction(InteractionKind),
}

impl SignalSource {
    /// The signal's value on the 0–10 scale: a ranking's derived score; implicit signals by how much they say
    /// about liking (a watchlist entry 8, being in one's top 4 9, a comparison won 7, a view 6.5, a click or a
    /// matchup vote 6, the positive threshold).
    pub fn value(self) -> f32 {
        match self {
            SignalSource::Ranked { tier, position, tier_size } => {
                f32::from(Score::derive(tier, position, tier_size).tenths()) / 10.0
            }
            SignalSource::Top4 => 9.0,
            SignalSource::Interaction(InteractionKind::Watchlist) => 8.0,
            SignalSource::Compared => 7.0,
            SignalSource::Interaction(InteractionKind::View) => 6.5,
            SignalSource::Interaction(InteractionKind::Click) | SignalSource::Matchup => 6.0,
        }
    }
}

/// One observed signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signal {
    /// Who.
    pub user: UserId,
    /// Which title.
    pub media: MediaId,
    /// What happened.
    pub source: SignalSource,
    /// When (a ranking: when it last moved).
    pub at: DateTime<Utc>,
}

/// A stored model's identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModelInfo {
    /// Increases with every stored model.
    pub version: i64,
    /// When it was trained.
    pub trained_at: DateTime<Utc>,
    /// Latent dimensions.
    pub factors: usize,
}

/// A trained model to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewModel {
    /// When it was trained.
    pub trained_at: DateTime<Utc>,
    /// The settings it was trained with (kept for the record).
    pub settings: serde_json::Value,
    /// Per-title factors (each of `factors.factors` floats).
    pub factors: ItemFactors,
    /// Per-user factors, as trained (serving solves the caller's afresh; these are kept for offline use).
    pub users: Vec<(UserId, Vec<f32>)>,
}

/// A stored model.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredModel {
    /// Its identity.
    pub info: ModelInfo,
    /// The settings it was trained with.
    pub settings: serde_json::Value,
    /// Per-title factors.
    pub factors: ItemFactors,
    /// Per-user factors.
    pub users: Vec<(UserId, Vec<f32>)>,
}

/// Why an interaction was not recorded.
#[derive(Debug, thiserror::Error)]
pub enum InteractionError {
    /// No title has this id.
    #[error("no catalog item has id {0}")]
    UnknownMedia(MediaId),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Signals, interactions and trained models.
#[async_trait]
pub trait RecommendationRepository: Send + Sync {
    /// Every user's signals (see the module docs for what each source is), in no particular order.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn signals(&self) -> Result<Vec<Signal>, StoreError>;

    /// One user's signals as they are now.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn user_signals(&self, user: UserId) -> Result<Vec<Signal>, StoreError>;

    /// Records an interaction; repeating one updates its time.
    ///
    /// # Errors
    /// [`InteractionError::UnknownMedia`] for an unknown title (nothing is written); `Store` on storage failure.
    async fn record_interaction(
        &self,
        user: UserId,
        media: MediaId,
        kind: InteractionKind,
    ) -> Result<(), InteractionError>;

    /// The whole catalog, in id order.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn catalog(&self) -> Result<Vec<MediaSummary>, StoreError>;

    /// Of `media`, how many users `user` follows (accepted follows; followees `audience` shows) rank each in tier
    /// A or S. Titles nobody followed ranks so are absent.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn followed_fans(
        &self,
        user: UserId,
        audience: &Audience,
        media: &[MediaId],
    ) -> Result<HashMap<MediaId, u32>, StoreError>;

    /// Stores a model in one transaction (the model row and every factor row, or nothing); older models but the
    /// previous one are deleted in the same transaction.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn save_model(&self, model: &NewModel) -> Result<ModelInfo, StoreError>;

    /// The newest stored model's identity.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn latest_model(&self) -> Result<Option<ModelInfo>, StoreError>;

    /// The newest stored model, whole.
    ///
    /// # Errors
    /// [`StoreError`] on storage failure only.
    async fn load_latest_model(&self) -> Result<Option<StoredModel>, StoreError>;
}

/// A recommendation strategy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Strategy {
    /// The blend (the default), with the cold-start fallback.
    Hybrid,
    /// Trending: time-decayed popularity.
    Popular,
    /// User-based CF.
    UserCf,
    /// Item-kNN.
    ItemCf,
    /// Content-based.
    Content,
    /// Matrix factorisation (ALS).
    Mf,
}

impl Strategy {
    /// Every strategy.
    pub const ALL: [Strategy; 6] =
        [Strategy::Hybrid, Strategy::Popular, Strategy::UserCf, Strategy::ItemCf, Strategy::Content, Strategy::Mf];

    /// The API spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Strategy::Hybrid => "hybrid",
            Strategy::Popular => "popular",
            Strategy::UserCf => "user_cf",
            Strategy::ItemCf => "item_cf",
            Strategy::Content => "content",
            Strategy::Mf => "mf",
        }
    }
}

impl FromStr for Strategy {
    type Err = FieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Strategy::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| FieldError::new("strategy", "must be one of hybrid, popular, user_cf, item_cf, content, mf"))
    }
}

/// A validated request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecommendQuery {
    /// Which strategy.
    pub strategy: Strategy,
    /// Only titles of this kind.
    pub kind: Option<MediaKind>,
    /// How many titles, 1 to 100.
    pub limit: usize,
    /// Only titles the caller's services stream.
    pub on_my_services: bool,
}

impl RecommendQuery {
    /// Validates the parts; reports every bad field.
    ///
    /// # Errors
    /// One [`FieldError`] per bad field (`strategy`, `kind`, `limit`).
    pub fn new(
        strategy: Option<&str>,
        kind: Option<&str>,
        limit: Option<i64>,
        on_my_services: bool,
    ) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let strategy = strategy.map_or(Ok(Strategy::Hybrid), str::parse).map_err(|e| errors.push(e)).ok();
        let kind = kind.map(str::parse::<MediaKind>).transpose().map_err(|e| errors.push(e)).ok().flatten();
        let limit = check_limit(limit).map_err(|e| errors.push(e)).ok();
        match (strategy, limit) {
            (Some(strategy), Some(limit)) if errors.is_empty() => Ok(Self { strategy, kind, limit, on_my_services }),
            _ => Err(errors),
        }
    }
}

/// Why a title is recommended, machine-readable and in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// `because_you_ranked`, `followed_fans`, `similar_users`, `matches_your_taste`, `similar_content`, `trending`.
    pub code: &'static str,
    /// The sentence to show ("Because you put Arrival in S").
    pub text: String,
    /// The caller's title it refers to, if any.
    pub media: Option<MediaId>,
    /// The number of people it counts, if any.
    pub count: Option<u32>,
}

/// One recommended title.
#[derive(Debug, Clone, PartialEq)]
pub struct RecommendedTitle {
    /// The title.
    pub media: MediaSummary,
    /// The strategy's score (higher is better; comparable within one answer only).
    pub score: f32,
    /// The strategy's reason first, then that of the caller's follows when some rank it highly.
    pub reasons: Vec<Explanation>,
}

/// An answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Recommendations {
    /// The strategy asked for.
    pub strategy: Strategy,
    /// The strategy used: `popular` and `content` (the cold-start blend) serve a caller with no positive signal
    /// under `hybrid`; otherwise the strategy asked for.
    pub served_by: &'static str,
    /// The titles, best first.
    pub items: Vec<RecommendedTitle>,
    /// The trained model the answer used, when one is loaded.
    pub model: Option<ModelInfo>,
}

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum RecommendError {
    /// Bad input.
    #[error("validation failed")]
    Invalid(Vec<FieldError>),
    /// An interaction names an unknown title.
    #[error("no catalog item has id {0}")]
    UnknownMedia(MediaId),
    /// Reading the caller's services failed.
    #[error(transparent)]
    Availability(#[from] AvailabilityError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<InteractionError> for RecommendError {
    fn from(e: InteractionError) -> Self {
        match e {
            InteractionError::UnknownMedia(id) => RecommendError::UnknownMedia(id),
            InteractionError::Store(e) => RecommendError::Store(e),
        }
    }
}

/// What training reports as it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrainProgress {
    /// Signals and catalog read.
    Loaded {
        /// Users with a signal.
        users: usize,
        /// Titles.
        titles: usize,
        /// `(user, title)` pairs.
        signals: usize,
    },
    /// One ALS sweep done (from 1).
    Sweep(usize),
    /// Writing the factors.
    Storing,
}

/// When the current snapshot was built and from which model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SnapshotInfo {
    /// The model its factors come from.
    pub model: Option<ModelInfo>,
    /// When it was built.
    pub built_at: DateTime<Utc>,
    /// Titles it knows.
    pub titles: usize,
}

struct Current {
    snapshot: Arc<Snapshot>,
    model: Option<ModelInfo>,
}

/// The recommendation use cases. Cheap to clone: clones share the current snapshot.
#[derive(Clone)]
pub struct RecommendationService {
    repo: Arc<dyn RecommendationRepository>,
    availability: AvailabilityService,
    vectors: Option<Arc<dyn VectorIndex>>,
    settings: Settings,
    current: Arc<RwLock<Current>>,
}

impl fmt::Debug for RecommendationService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RecommendationService").field("snapshot", &self.snapshot_info()).finish_non_exhaustive()
    }
}

/// Merges raw signals into one interaction per `(user, title)` (see the module docs).
pub fn merge_signals(signals: &[Signal]) -> Vec<Interaction<UserId, MediaId>> {
    let mut merged: HashMap<(UserId, MediaId), (bool, f32, i64)> = HashMap::new();
    for s in signals {
        let ranked = matches!(s.source, SignalSource::Ranked { .. });
        let (value, time) = (s.source.value(), s.at.timestamp());
        merged
            .entry((s.user, s.media))
            .and_modify(|(was_ranked, v, t)| {
                match (ranked, *was_ranked) {
                    (true, _) => (*was_ranked, *v) = (true, value),
                    (false, false) => *v = v.max(value),
                    (false, true) => {}
                }
                *t = (*t).max(time);
            })
            .or_insert((ranked, value, time));
    }
    let mut out: Vec<Interaction<UserId, MediaId>> =
        merged.into_iter().map(|((user, item), (_, value, time))| Interaction { user, item, value, time }).collect();
    out.sort_by_key(|x| (x.user, x.item));
    out
}

impl RecommendationService {
    /// A service over the store, the availability use case (for `on_my_services`) and, when semantic search is
    /// loaded, its vector index (content then uses sentence embeddings). It starts with an empty snapshot: call
    /// [`RecommendationService::reload`] before serving.
    pub fn new(
        repo: Arc<dyn RecommendationRepository>,
        availability: AvailabilityService,
        vectors: Option<Arc<dyn VectorIndex>>,
        settings: Settings,
    ) -> Self {
        let empty = Snapshot::build(&[], Vec::new(), &ContentVectors::default(), None, settings);
        let current = Arc::new(RwLock::new(Current { snapshot: Arc::new(empty), model: None }));
        Self { repo, availability, vectors, settings, current }
    }

    /// A clone that reads and writes through another store (e.g. one with a longer statement timeout, on a
    /// background thread's own runtime) and shares this one's snapshot: what it loads or trains, this one serves.
    #[must_use]
    pub fn with_repository(&self, repo: Arc<dyn RecommendationRepository>) -> Self {
        Self { repo, ..self.clone() }
    }

    /// The current snapshot's identity.
    pub fn snapshot_info(&self) -> SnapshotInfo {
        let current = self.current.read().unwrap_or_else(PoisonError::into_inner);
        SnapshotInfo { model: current.model, built_at: current.snapshot.built_at, titles: current.snapshot.n_items() }
    }

    fn snapshot(&self) -> (Arc<Snapshot>, Option<ModelInfo>) {
        let current = self.current.read().unwrap_or_else(PoisonError::into_inner);
        (current.snapshot.clone(), current.model)
    }

    fn install(&self, snapshot: Snapshot, model: Option<ModelInfo>) {
        let mut current = self.current.write().unwrap_or_else(PoisonError::into_inner);
        *current = Current { snapshot: Arc::new(snapshot), model };
    }

    fn content_vectors(&self, catalog: &[MediaSummary]) -> ContentVectors {
        match &self.vectors {
            Some(index) if !index.is_empty() => ContentVectors::from_index(index.clone(), catalog),
            _ => ContentVectors::from_genres(catalog),
        }
    }

    async fn read_inputs(&self) -> Result<(Vec<Interaction<UserId, MediaId>>, Vec<MediaSummary>), StoreError> {
        let signals = merge_signals(&self.repo.signals().await?);
        let catalog = self.repo.catalog().await?;
        Ok((signals, catalog))
    }

    /// Builds a snapshot from the current signals and the newest stored model (none: no `mf` part) and makes it
    /// current. The CPU work runs on the calling thread: call it where that blocks no request.
    ///
    /// # Errors
    /// `Store` on storage failure; the previous snapshot stays.
    pub async fn reload(&self) -> Result<SnapshotInfo, RecommendError> {
        let model = self.repo.load_latest_model().await?;
        let (signals, catalog) = self.read_inputs().await?;
        let vectors = self.content_vectors(&catalog);
        let snapshot = Snapshot::build(&signals, catalog, &vectors, model.as_ref().map(|m| &m.factors), self.settings);
        self.install(snapshot, model.map(|m| m.info));
        Ok(self.snapshot_info())
    }

    /// Reloads when a newer model than the current snapshot's is stored (another instance or `marquee train`
    /// trained one); `true` when it did.
    ///
    /// # Errors
    /// `Store` on storage failure; the previous snapshot stays.
    pub async fn reload_if_newer(&self) -> Result<bool, RecommendError> {
        let latest = self.repo.latest_model().await?;
        let (_, current) = self.snapshot();
        if latest.map(|m| m.version) == current.map(|m| m.version) {
            return Ok(false);
        }
        self.reload().await?;
        Ok(true)
    }

    /// Trains ALS on every signal, stores the factors, and makes a snapshot with them current. CPU-heavy: run it
    /// off the request workers.
    ///
    /// # Errors
    /// `Store` on storage failure (nothing is stored then; the previous snapshot stays).
    pub async fn train(&self, progress: &mut (dyn FnMut(TrainProgress) + Send)) -> Result<ModelInfo, RecommendError> {
        let (signals, catalog) = self.read_inputs().await?;
        let ids: Vec<MediaId> = catalog.iter().map(|m| m.id).collect();
        let data = Interactions::build(&signals, &ids);
        progress(TrainProgress::Loaded { users: data.users().len(), titles: ids.len(), signals: data.matrix.nnz() });
        let als = Als::fit(&data.matrix, self.settings.als, |sweep| progress(TrainProgress::Sweep(sweep)));
        let k = self.settings.als.factors;
        let items = data.items().iter().enumerate().map(|(i, id)| (*id, als.item_factors(i).to_vec())).collect();
        let users = data.users().iter().enumerate().map(|(u, id)| (*id, als.user_factors(u).to_vec())).collect();
        let config = self.settings.als;
        let model = NewModel {
            trained_at: Utc::now(),
            settings: serde_json::json!({
                "positive": config.positive, "factors": k, "regularization": config.regularization,
                "alpha": config.alpha, "iterations": config.iterations, "cg_steps": config.cg_steps,
                "seed": config.seed, "users": data.users().len(), "titles": ids.len(), "signals": data.matrix.nnz(),
            }),
            factors: ItemFactors { factors: k, items },
            users,
        };
        progress(TrainProgress::Storing);
        let info = self.repo.save_model(&model).await?;
        let vectors = self.content_vectors(&catalog);
        self.install(Snapshot::build(&signals, catalog, &vectors, Some(&model.factors), self.settings), Some(info));
        Ok(info)
    }

    /// Records an interaction.
    ///
    /// # Errors
    /// `UnknownMedia` or `Store`.
    pub async fn record(&self, user: UserId, media: MediaId, kind: InteractionKind) -> Result<(), RecommendError> {
        Ok(self.repo.record_interaction(user, media, kind).await?)
    }

    /// Recommendations for `user`.
    ///
    /// # Errors
    /// `Store` or `Availability` on storage failure.
    pub async fn recommend(&self, user: UserId, query: &RecommendQuery) -> Result<Recommendations, RecommendError> {
        let (snapshot, model) = self.snapshot();
        let signals = self.repo.user_signals(user).await?;
        let mine = merge_signals(&signals);
        let caller = snapshot.caller(&mine.iter().map(|x| (x.item, x.value, x.time)).collect::<Vec<_>>());
        // With `on_my_services` the filter is only known for a candidate list: take ten times the limit.
        let pool = if query.on_my_services { (query.limit * 10).min(1000) } else { query.limit };
        let kind_ok = |item: u32| query.kind.is_none_or(|k| snapshot.title(item).kind == k);
        let positive = snapshot.settings().positive;
        let warm = signals.iter().any(|s| s.source != SignalSource::Top4 && s.source.value() >= positive);
        let (served_by, mut recs) = self.score(&snapshot, &caller, user, query.strategy, warm, pool, &kind_ok);
        if query.on_my_services {
            let ids: Vec<MediaId> = recs.iter().map(|r| snapshot.title(r.item).id).collect();
            let streamable = self.availability.streamable_for(user, &ids).await?;
            recs.retain(|r| streamable.contains(&snapshot.title(r.item).id));
        }
        recs.truncate(query.limit);
        let ids: Vec<MediaId> = recs.iter().map(|r| snapshot.title(r.item).id).collect();
        let fans = if ids.is_empty() {
            HashMap::new()
        } else {
            self.repo.followed_fans(user, &Audience::of(Some(user)), &ids).await?
        };
        let items = recs
            .iter()
            .map(|r| {
                let media = snapshot.title(r.item).clone();
                // No strategy reason when nothing in the model spoke for the title; the follows may still.
                let mut reasons: Vec<Explanation> =
                    r.reason.map(|reason| explain(&snapshot, &signals, reason)).into_iter().collect();
                if let Some(&count) = fans.get(&media.id) {
                    reasons.push(Explanation {
                        code: "followed_fans",
                        text: if count == 1 {
                            "1 person you follow ranks it A or higher".to_owned()
                        } else {
                            format!("{count} people you follow rank it A or higher")
                        },
                        media: None,
                        count: Some(count),
                    });
                }
                RecommendedTitle { media, score: r.score, reasons }
            })
            .collect();
        Ok(Recommendations { strategy: query.strategy, served_by, items, model })
    }

    #[allow(clippy::too_many_arguments, reason = "the parts of one request, passed down once")]
    fn score(
        &self,
        snapshot: &Snapshot,
        caller: &super::Matrix,
        user: UserId,
        strategy: Strategy,
        warm: bool,
        n: usize,
        keep: &dyn Fn(u32) -> bool,
    ) -> (&'static str, Vec<Recommendation>) {
        let single = |part: &(dyn Recommender + Sync)| {
            let parts: [Part; 1] = [(1.0, part)];
            let hybrid = Hybrid { main: &parts, fallback: &parts, positive: 0.0, min_positives: 0, exposure: None };
            hybrid.recommend_among(caller, 0, n, keep)
        };
        let cold_start = self.settings.cold_start;
        let popular = snapshot.popular();
        let cold: [Part; 2] = [(cold_start.popular, &popular), (cold_start.content, snapshot.content())];
        let blend = |parts: &[Part], exposure: Option<&Exposure>| {
            Hybrid { main: parts, fallback: parts, positive: 0.0, min_positives: 0, exposure }
                .recommend_among(caller, 0, n, keep)
        };
        match strategy {
            Strategy::Popular => ("popular", single(&popular)),
            Strategy::Content => ("content", single(snapshot.content())),
            Strategy::ItemCf => ("item_cf", single(&snapshot.item_cf())),
            Strategy::UserCf => ("user_cf", single(&snapshot.user_cf(caller, user))),
            Strategy::Mf => match snapshot.mf(caller) {
                Some(mf) if warm => ("mf", single(&mf)),
                _ => ("mf", Vec::new()),
            },
            Strategy::Hybrid if !warm => ("popular+content", blend(&cold, None)),
            Strategy::Hybrid => {
                let folded = snapshot.hybrid_parts(caller, snapshot.user_index(user));
                ("hybrid", blend(&folded.parts(), Some(snapshot.exposure())))
            }
        }
    }
}

/// A reason in words, naming the caller's own title the way they rated it.
fn explain(snapshot: &Snapshot, signals: &[Signal], reason: Reason) -> Explanation {
    let about = |code: &'static str, item: u32, text: &dyn Fn(&str, Option<SignalSource>) -> String| {
        let media = snapshot.title(item);
        // The strongest thing the caller did with it: the ranking when there is one.
        let source = signals.iter().filter(|s| s.media == media.id).map(|s| s.source).max_by(|a, b| {
            let rank = |s: &SignalSource| (matches!(s, SignalSource::Ranked { .. }), s.value());
            rank(a).partial_cmp(&rank(b)).unwrap_or(std::cmp::Ordering::Equal)
        });
        Explanation { code, text: text(&media.title, source), media: Some(media.id), count: None }
    };
    match reason {
        Reason::BecauseYouRanked { item } => about("because_you_ranked", item, &|title, source| match source {
            Some(SignalSource::Ranked { tier, .. }) => format!("Because you put {title} in {}", tier.as_str()),
            Some(SignalSource::Compared) => format!("Because you preferred {title} in a comparison"),
            Some(SignalSource::Top4) => format!("Because {title} is in your top 4"),
            Some(SignalSource::Interaction(InteractionKind::Watchlist)) => {
                format!("Because you added {title} to your watchlist")
            }
            _ => format!("Because you liked {title}"),
        }),
        Reason::SimilarContent { item } => about("similar_content", item, &|title, _| format!("Similar to {title}")),
        Reason::SimilarUsers { count } => Explanation {
            code: "similar_users",
            text: if count == 1 {
                "1 person with taste like yours likes it".to_owned()
            } else {
                format!("{count} people with taste like yours like it")
            },
            media: None,
            count: Some(count),
        },
        Reason::MatchesYourTaste => {
            Explanation { code: "matches_your_taste", text: "Matches your taste".to_owned(), media: None, count: None }
        }
        Reason::Trending => {
            Explanation { code: "trending", text: "Trending this week".to_owned(), media: None, count: None }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(seconds, 0).unwrap()
    }

    #[test]
    fn a_ranking_beats_implicit_signals_and_the_latest_time_is_kept() {
        let (u, m) = (UserId(uuid::Uuid::from_u128(1)), MediaId(uuid::Uuid::from_u128(2)));
        let n = MediaId(uuid::Uuid::from_u128(3));
        let d = SignalSource::Ranked { tier: Tier::D, position: 1, tier_size: 1 };
        let signals = [
            Signal { user: u, media: m, source: SignalSource::Interaction(InteractionKind::Watchlist), at: at(30) },
            Signal { user: u, media: m, source: d, at: at(10) },
            Signal { user: u, media: n, source: SignalSource::Matchup, at: at(5) },
            Signal { user: u, media: n, source: SignalSource::Top4, at: at(1) },
        ];
        let merged = merge_signals(&signals);
        assert_eq!(merged.len(), 2);
        let value = |id| merged.iter().find(|x| x.item == id).unwrap();
        assert_eq!((value(m).value, value(m).time), (3.9, 30), "a D stays a dislike, whenever it was saved");
        assert_eq!((value(n).value, value(n).time), (9.0, 5), "the strongest implicit signal");
    }

    #[test]
    fn queries_name_every_bad_field() {
        let q = RecommendQuery::new(None, None, None, false).unwrap();
        assert_eq!((q.strategy, q.kind, q.limit), (Strategy::Hybrid, None, 20));
        let q = RecommendQuery::new(Some("user_cf"), Some("book"), Some(100), true).unwrap();
        assert_eq!(
            (q.strategy, q.kind, q.limit, q.on_my_services),
            (Strategy::UserCf, Some(MediaKind::Book), 100, true)
        );
        let fields: Vec<String> = RecommendQuery::new(Some("best"), Some("vhs"), Some(0), false)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["strategy", "kind", "limit"]);
        assert_eq!("watchlist".parse::<InteractionKind>().unwrap(), InteractionKind::Watchlist);
        assert_eq!("rent".parse::<InteractionKind>().unwrap_err().field, "kind");
    }
}
