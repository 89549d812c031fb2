//! What the handlers run on, and the one way to build it: [`AppState::builder`] takes the [`Ports`] and the token
//! keys, builds every use case over them with the defaults below, and lets the caller replace the parts that
//! depend on configuration (providers, semantic search, limits) before [`AppBuilder::build`]. The binary and every
//! test harness build the app this way.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use marquee_domain::account::AccountService;
use marquee_domain::account::{PasswordHasher, UserRepository};
use marquee_domain::availability::{AvailabilityService, AvailabilityStore};
use marquee_domain::catalog::CatalogService;
use marquee_domain::catalog::MediaRepository;
use marquee_domain::consensus::{ChartRepository, ChartService, ChartSettings};
use marquee_domain::feed::{ActivityRepository, FeedService};
use marquee_domain::health::HealthCheck;
use marquee_domain::identity::IdentityRepository;
use marquee_domain::imports::{ImportRepository, ImportService};
use marquee_domain::leaderboard::{LeaderboardRepository, LeaderboardService};
use marquee_domain::matchup::{MatchupRepository, MatchupService};
use marquee_domain::placement::{self, PlacementRepository, PlacementService};
use marquee_domain::ranking::RankingRepository;
use marquee_domain::ranking::RankingService;
use marquee_domain::recommend::service::{RecommendationRepository, RecommendationService};
use marquee_domain::recommend::snapshot::Settings;
use marquee_domain::remote::LocalFirstSearch;
use marquee_domain::semantic::SemanticService;
use marquee_domain::session::{self, SessionRepository, SessionService};
use marquee_domain::social::{SocialRepository, SocialService};

use crate::auth::{HashAdmission, RandomRefreshSecrets, TokenKeys};
use crate::error::ApiError;
use crate::limits::{LimitSettings, Limits};
use crate::oidc::ExternalAuth;
use crate::security::WebSettings;
use crate::site::WebClient;

/// The default upload limit: 10 MiB, far above a heavy Letterboxd or IMDb history (a few hundred KiB).
pub const DEFAULT_IMPORT_MAX_BYTES: usize = 10 * 1024 * 1024;

/// How long a user is not offered the same matchup again, unless set: a week.
pub const DEFAULT_MATCHUP_REPEAT: chrono::Duration = chrono::Duration::days(7);

/// How long the availability cache keeps a title's offers when no provider-aware service is given: a day.
const DEFAULT_AVAILABILITY_TTL: chrono::Duration = chrono::Duration::hours(24);

/// What the service says when semantic search was not wired at all.
const NOT_CONFIGURED: &str = "semantic search is unavailable: this server runs without an embedder; run `just models` \
                              and restart it (see docs/embeddings.md)";

/// The ports the use cases run on, one named field each. [`Ports::on`] puts every one on a single store.
#[derive(Clone)]
pub struct Ports {
    /// Accounts.
    pub users: Arc<dyn UserRepository>,
    /// Password hashing.
    pub passwords: Arc<dyn PasswordHasher>,
    /// The catalog.
    pub media: Arc<dyn MediaRepository>,
    /// Tier lists.
    pub rankings: Arc<dyn RankingRepository>,
    /// Readiness of the backing services.
    pub health: Arc<dyn HealthCheck>,
    /// Placement sessions and comparisons.
    pub placements: Arc<dyn PlacementRepository>,
    /// Top-4 sets and matchups.
    pub matchups: Arc<dyn MatchupRepository>,
    /// The consensus chart.
    pub charts: Arc<dyn ChartRepository>,
    /// The availability cache and users' services.
    pub availability: Arc<dyn AvailabilityStore>,
    /// Imports and exports.
    pub imports: Arc<dyn ImportRepository>,
    /// Visibility and follows.
    pub social: Arc<dyn SocialRepository>,
    /// Interactions and trained models.
    pub recommendations: Arc<dyn RecommendationRepository>,
    /// The activity log.
    pub activities: Arc<dyn ActivityRepository>,
    /// The leaderboard's aggregates.
    pub leaderboard: Arc<dyn LeaderboardRepository>,
    /// Sessions and refresh tokens.
    pub sessions: Arc<dyn SessionRepository>,
    /// External identities.
    pub identities: Arc<dyn IdentityRepository>,
}

impl fmt::Debug for Ports {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ports").finish_non_exhaustive()
    }
}

impl Ports {
    /// Every storage port on one store, and passwords hashed by `passwords`.
    pub fn on<S>(store: &Arc<S>, passwords: Arc<dyn PasswordHasher>) -> Self
    where
        S: UserRepository
            + MediaRepository
            + RankingRepository
            + HealthCheck
            + PlacementRepository
            + MatchupRepository
            + ChartRepository
            + AvailabilityStore
            + ImportRepository
            + SocialRepository
            + RecommendationRepository
            + ActivityRepository
            + LeaderboardRepository
            + SessionRepository
            + IdentityRepository
            + 'static,
    {
        Self {
            users: store.clone(),
            passwords,
            media: store.clone(),
            rankings: store.clone(),
            health: store.clone(),
            placements: store.clone(),
            matchups: store.clone(),
            charts: store.clone(),
            availability: store.clone(),
            imports: store.clone(),
            social: store.clone(),
            recommendations: store.clone(),
            activities: store.clone(),
            leaderboard: store.clone(),
            sessions: store.clone(),
            identities: store.clone(),
        }
    }
}

/// What the handlers need: the use-case services, the readiness check, the token keys and the edge's settings.
/// Built by [`AppState::builder`].
#[derive(Clone)]
pub struct AppState {
    /// Registration, login, lookup.
    pub accounts: AccountService,
    /// The catalog.
    pub catalog: CatalogService,
    /// Tier lists.
    pub rankings: RankingService,
    /// Readiness of the backing services.
    pub health: Arc<dyn HealthCheck>,
    /// Access-token signing and verification.
    pub tokens: Arc<TokenKeys>,
    /// Sessions: refresh-token rotation and signing out.
    pub sessions: SessionService,
    /// External OpenID Connect issuers (none unless set).
    pub external: Arc<ExternalAuth>,
    /// Semantic and hybrid search; `None` answers 503 `feature-unavailable`.
    pub semantic: Option<SemanticService>,
    /// Pairwise placement sessions and comparisons.
    pub placements: PlacementService,
    /// Top-4 sets and matchups.
    pub matchups: MatchupService,
    /// The consensus chart.
    pub charts: ChartService,
    /// The local-first catalog search (TMDb behind it when configured).
    pub search: LocalFirstSearch,
    /// Streaming availability and users' services.
    pub availability: AvailabilityService,
    /// Imports and exports of a user's list.
    pub imports: ImportService,
    /// The largest import upload, in bytes (larger ones answer 413).
    pub import_max_bytes: usize,
    /// Visibility, follows, and reads of other users' data.
    pub social: SocialService,
    /// Recommendations and the interactions feeding them.
    pub recommendations: RecommendationService,
    /// The activity feed.
    pub feed: FeedService,
    /// The best-ranked titles and the most active rankers.
    pub leaderboard: LeaderboardService,
    /// Sign-in and registration rate limits and the sign-in back-off (none unless set).
    pub limits: Arc<Limits>,
    /// The bounded queue in front of password hashing (unbounded unless set).
    pub hashing: HashAdmission,
    /// CORS, HSTS and whether the documentation pages are served.
    pub web: WebSettings,
    /// The built web client served at `/` ([`crate::site`]); `None`: only the API is served.
    pub web_client: Option<Arc<WebClient>>,
    /// When a request must be answered, counted from its arrival; its store calls give up in time for that
    /// (none unless set: each store call then has only its own deadline).
    pub request_deadline: Option<Duration>,
}

impl fmt::Debug for AppState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AppState").finish_non_exhaustive()
    }
}

impl AppState {
    /// Starts building the state over `ports`, signing tokens with `tokens`.
    pub fn builder(ports: Ports, tokens: TokenKeys) -> AppBuilder {
        AppBuilder {
            ports,
            tokens,
            accounts: None,
            catalog: None,
            search: None,
            availability: None,
            imports: None,
            recommendations: None,
            semantic: None,
            placement_ttl: placement::DEFAULT_TTL,
            refresh_ttl: session::DEFAULT_REFRESH_TTL,
            external: None,
            matchup_repeat: DEFAULT_MATCHUP_REPEAT,
            import_max_bytes: DEFAULT_IMPORT_MAX_BYTES,
            limits: LimitSettings::unlimited(),
            hashing: HashAdmission::unbounded(),
            web: WebSettings::default(),
            web_client: None,
            request_deadline: None,
        }
    }

    /// The semantic service, or the 503 `feature-unavailable` that says it is missing.
    pub(crate) fn semantic(&self) -> Result<&SemanticService, ApiError> {
        self.semantic.as_ref().ok_or_else(|| ApiError::FeatureUnavailable(NOT_CONFIGURED.to_owned()))
    }
}

/// The state under construction: every use case over the [`Ports`] unless replaced. Without a call, the catalog
/// has no observer and no quota, search is local only, availability has no provider, imports look nothing up,
/// recommendations start untrained without sentence vectors, semantic search is off, placement sessions live
/// [`placement::DEFAULT_TTL`], refresh tokens [`session::DEFAULT_REFRESH_TTL`], matchups repeat after [`DEFAULT_MATCHUP_REPEAT`], uploads stop at
/// [`DEFAULT_IMPORT_MAX_BYTES`], and there are no rate limits, no hashing queue bound and [`WebSettings::default`].
#[must_use = "call `build` to get the state"]
pub struct AppBuilder {
    ports: Ports,
    tokens: TokenKeys,
    accounts: Option<AccountService>,
    catalog: Option<CatalogService>,
    search: Option<LocalFirstSearch>,
    availability: Option<AvailabilityService>,
    imports: Option<ImportService>,
    recommendations: Option<RecommendationService>,
    semantic: Option<SemanticService>,
    placement_ttl: Duration,
    refresh_ttl: chrono::Duration,
    external: Option<Arc<ExternalAuth>>,
    matchup_repeat: chrono::Duration,
    import_max_bytes: usize,
    limits: LimitSettings,
    hashing: HashAdmission,
    web: WebSettings,
    web_client: Option<Arc<WebClient>>,
    request_deadline: Option<Duration>,
}

impl fmt::Debug for AppBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AppBuilder").finish_non_exhaustive()
    }
}

impl AppBuilder {
    /// The account service (with the configured admin addresses).
    pub fn accounts(mut self, accounts: AccountService) -> Self {
        self.accounts = Some(accounts);
        self
    }

    /// The catalog service (with its observer and quota).
    pub fn catalog(mut self, catalog: CatalogService) -> Self {
        self.catalog = Some(catalog);
        self
    }

    /// The catalog search (with a remote catalog behind the local one).
    pub fn search(mut self, search: LocalFirstSearch) -> Self {
        self.search = Some(search);
        self
    }

    /// The availability service (with its providers and cache lifetime).
    pub fn availability(mut self, availability: AvailabilityService) -> Self {
        self.availability = Some(availability);
        self
    }

    /// The import service (with its title lookup and quota).
    pub fn imports(mut self, imports: ImportService) -> Self {
        self.imports = Some(imports);
        self
    }

    /// The recommender the app serves with (clones share its snapshot, so whoever trains or reloads it updates
    /// the answers).
    pub fn recommendations(mut self, recommendations: RecommendationService) -> Self {
        self.recommendations = Some(recommendations);
        self
    }

    /// Turns semantic and hybrid search on.
    pub fn semantic(mut self, semantic: SemanticService) -> Self {
        self.semantic = Some(semantic);
        self
    }

    /// How long an idle placement session lives.
    pub fn placement_ttl(mut self, ttl: Duration) -> Self {
        self.placement_ttl = ttl;
        self
    }

    /// How long a refresh token lives unused.
    pub fn refresh_ttl(mut self, ttl: chrono::Duration) -> Self {
        self.refresh_ttl = ttl;
        self
    }

    /// The external OpenID Connect issuers whose tokens are accepted.
    pub fn external_auth(mut self, external: Arc<ExternalAuth>) -> Self {
        self.external = Some(external);
        self
    }

    /// How long a user is not offered the same matchup again.
    pub fn matchup_repeat(mut self, window: chrono::Duration) -> Self {
        self.matchup_repeat = window;
        self
    }

    /// The largest import upload, in bytes.
    pub fn import_max_bytes(mut self, bytes: usize) -> Self {
        self.import_max_bytes = bytes;
        self
    }

    /// The sign-in and registration limits.
    pub fn limits(mut self, settings: LimitSettings) -> Self {
        self.limits = settings;
        self
    }

    /// The bound of the queue in front of password hashing.
    pub fn hash_admission(mut self, admission: HashAdmission) -> Self {
        self.hashing = admission;
        self
    }

    /// CORS, HSTS and the documentation pages.
    pub fn web(mut self, web: WebSettings) -> Self {
        self.web = web;
        self
    }

    /// Serves `client` (the built web app) at `/` beside the API.
    pub fn web_client(mut self, client: WebClient) -> Self {
        self.web_client = Some(Arc::new(client));
        self
    }

    /// Answers every request within `deadline` of its arrival when the store does not answer: its store calls give
    /// up in time for a 503, with a margin for answering.
    pub fn request_deadline(mut self, deadline: Duration) -> Self {
        self.request_deadline = Some(deadline);
        self
    }

    /// The state, with a default for every part not set.
    pub fn build(self) -> AppState {
        let ports = self.ports;
        let availability = self.availability.unwrap_or_else(|| {
            AvailabilityService::new(
                ports.media.clone(),
                ports.availability.clone(),
                Vec::new(),
                DEFAULT_AVAILABILITY_TTL,
            )
        });
        let recommendations = self.recommendations.unwrap_or_else(|| {
            RecommendationService::new(ports.recommendations.clone(), availability.clone(), None, Settings::default())
        });
        AppState {
            accounts: self.accounts.unwrap_or_else(|| AccountService::new(ports.users, ports.passwords)),
            catalog: self.catalog.unwrap_or_else(|| CatalogService::new(ports.media.clone())),
            rankings: RankingService::new(ports.rankings.clone()),
            health: ports.health,
            tokens: Arc::new(self.tokens),
            sessions: SessionService::new(ports.sessions, Arc::new(RandomRefreshSecrets), self.refresh_ttl),
            external: self.external.unwrap_or_else(|| Arc::new(ExternalAuth::none())),
            semantic: self.semantic,
            placements: PlacementService::new(ports.placements, self.placement_ttl),
            matchups: MatchupService::new(ports.matchups, self.matchup_repeat),
            charts: ChartService::new(ports.charts.clone(), ChartSettings::default()),
            search: self.search.unwrap_or_else(|| LocalFirstSearch::local(ports.media)),
            availability,
            imports: self.imports.unwrap_or_else(|| ImportService::new(ports.imports)),
            import_max_bytes: self.import_max_bytes,
            social: SocialService::new(ports.social, ports.rankings, ports.charts),
            recommendations,
            feed: FeedService::new(ports.activities),
            leaderboard: LeaderboardService::new(ports.leaderboard),
            limits: Arc::new(Limits::new(self.limits)),
            hashing: self.hashing,
            web: self.web,
            web_client: self.web_client,
            request_deadline: self.request_deadline,
        }
    }
}
