//! `marquee-eval movielens DIR` and `marquee-eval compatibility DIR`: the offline evaluation of the recommenders
//! and of taste compatibility on the fixed MovieLens split (`DIR/split/{train,test}.csv`, `DIR/movies.csv`),
//! following `SPLIT.md` of that folder exactly. Progress goes to stderr, results to stdout.
#![allow(clippy::cast_precision_loss, clippy::cast_possible_truncation, clippy::cast_sign_loss)]

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, bail};
use marquee_domain::media::{MediaId, MediaKind, MediaSummary};
use marquee_domain::recommend::als::{Als, AlsConfig, Weighting};
use marquee_domain::recommend::content::Content;
use marquee_domain::recommend::exposure::{Exposure, ExposureConfig};
use marquee_domain::recommend::hybrid::{BlendWeights, Hybrid, Part};
use marquee_domain::recommend::item_cf::{ItemCf, ItemCfConfig};
use marquee_domain::recommend::parallel::map_indices;
use marquee_domain::recommend::popular::{Popular, PopularConfig};
use marquee_domain::recommend::snapshot::{ContentVectors, ItemFactors, Settings as ServingSettings, Snapshot};
use marquee_domain::recommend::user_cf::{UserCf, UserCfConfig};
use marquee_domain::recommend::{Interaction, Interactions, Recommender};
use marquee_domain::user::UserId;

/// A rating of the split.
#[derive(Debug, Clone, Copy)]
pub struct Rating {
    pub user: u32,
    pub item: u32,
    pub value: f32,
    pub time: i64,
}

/// Implicit models treat ratings of 4 or more as positives (SPLIT.md).
pub const POSITIVE: f32 = 4.0;

/// The settings of every strategy: the domain's defaults (chosen by `--tune`; see docs/recommendations.md).
#[derive(Debug, Clone, Copy, Default)]
pub struct Settings {
    pub popular: PopularConfig,
    pub user_cf: UserCfConfig,
    pub item_cf: ItemCfConfig,
    pub als: AlsConfig,
    pub hybrid: BlendWeights,
    pub exposure: ExposureConfig,
}

pub const STRATEGIES: [&str; 6] = ["popular", "user_cf", "item_cf", "mf", "content", "hybrid"];

/// Reads a `userId,movieId,rating,timestamp` file.
///
/// # Errors
/// When the file is unreadable or a line malformed.
pub fn read_ratings(path: &Path) -> anyhow::Result<Vec<Rating>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let parse = || -> Option<Rating> {
            Some(Rating {
                user: f.first()?.parse().ok()?,
                item: f.get(1)?.parse().ok()?,
                value: f.get(2)?.parse().ok()?,
                time: f.get(3)?.parse().ok()?,
            })
        };
        out.push(parse().with_context(|| format!("{} line {}: malformed rating", path.display(), n + 1))?);
    }
    Ok(out)
}

/// A movie's genres and year from `movies.csv` (`movieId,title,genres`, titles possibly quoted).
#[derive(Debug, Clone)]
pub struct Movie {
    pub genres: Vec<String>,
    pub year: Option<i32>,
}

/// Reads `movies.csv`.
///
/// # Errors
/// When the file is unreadable or a line malformed.
pub fn read_movies(path: &Path) -> anyhow::Result<HashMap<u32, Movie>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = HashMap::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let (Some((id, rest)), Some((title, genres))) = (line.split_once(','), line.rsplit_once(',')) else {
            bail!("{} line {}: malformed movie", path.display(), n + 1);
        };
        let _ = rest;
        let id: u32 = id.parse().with_context(|| format!("{} line {}: bad movieId", path.display(), n + 1))?;
        let title = title.trim_end_matches('"').trim_end();
        let year =
            title.strip_suffix(')').and_then(|t| t.get(t.len().saturating_sub(4)..)).and_then(|y| y.parse().ok());
        let genres = genres.split('|').filter(|g| *g != "(no genres listed)").map(str::to_owned).collect();
        out.insert(id, Movie { genres, year });
    }
    Ok(out)
}

/// SPLIT.md's rule: per user, by (time, item), the last `max(1, n·20 // 100)` go to the second part.
pub fn split(ratings: &[Rating]) -> (Vec<Rating>, Vec<Rating>) {
    let mut by_user: HashMap<u32, Vec<Rating>> = HashMap::new();
    for r in ratings {
        by_user.entry(r.user).or_default().push(*r);
    }
    let (mut first, mut second) = (Vec::new(), Vec::new());
    for (_, mut rows) in by_user {
        rows.sort_by_key(|r| (r.time, r.item));
        let n = rows.len();
        let held = if n >= 5 { (n * 20 / 100).max(1) } else { 0 };
        second.extend_from_slice(&rows[n - held..]);
        first.extend_from_slice(&rows[..n - held]);
    }
    (first, second)
}

/// Precision, recall, NDCG at 10 and coverage.
#[derive(Debug, Clone, Copy, Default)]
pub struct Metrics {
    pub precision: f64,
    pub recall: f64,
    pub ndcg: f64,
    pub coverage: f64,
}

/// The train matrix plus what scoring needs.
pub struct Dataset {
    pub train: Interactions<u32, u32>,
    /// Relevant held-out items per evaluated user (user index → movieIds).
    pub relevant: Vec<(usize, HashSet<u32>)>,
    pub movies: HashMap<u32, Movie>,
}

impl std::fmt::Debug for Dataset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dataset").field("evaluated", &self.relevant.len()).finish_non_exhaustive()
    }
}

impl Dataset {
    pub fn new(train: &[Rating], test: &[Rating], movies: HashMap<u32, Movie>) -> Self {
        let interactions: Vec<Interaction<u32, u32>> =
            train.iter().map(|r| Interaction { user: r.user, item: r.item, value: r.value, time: r.time }).collect();
        let train = Interactions::build(&interactions, &[]);
        let mut relevant: HashMap<u32, HashSet<u32>> = HashMap::new();
        for r in test.iter().filter(|r| r.value >= POSITIVE) {
            relevant.entry(r.user).or_default().insert(r.item);
        }
        let mut relevant: Vec<(usize, HashSet<u32>)> =
            relevant.into_iter().filter_map(|(user, items)| train.user_index(&user).map(|u| (u, items))).collect();
        relevant.sort_by_key(|(u, _)| *u);
        Self { train, relevant, movies }
    }

    /// Genre tf-idf vectors (plus a lighter decade one-hot) per item index.
    pub fn content_vectors(&self) -> (usize, Vec<Vec<f32>>) {
        let mut genres: Vec<&str> = self.movies.values().flat_map(|m| m.genres.iter().map(String::as_str)).collect();
        genres.sort_unstable();
        genres.dedup();
        let decades: Vec<i32> = (190..=202).collect();
        let dim = genres.len() + decades.len();
        let n = self.train.items().len() as f32;
        let mut df = vec![0.0_f32; genres.len()];
        let items: Vec<Option<&Movie>> = self.train.items().iter().map(|id| self.movies.get(id)).collect();
        for m in items.iter().flatten() {
            for g in &m.genres {
                if let Ok(k) = genres.binary_search(&g.as_str()) {
                    df[k] += 1.0;
                }
            }
        }
        let vectors = items
            .iter()
            .map(|m| {
                let mut v = vec![0.0_f32; dim];
                if let Some(m) = m {
                    for g in &m.genres {
                        if let Ok(k) = genres.binary_search(&g.as_str()) {
                            v[k] = (n / df[k]).ln();
                        }
                    }
                    if let Some(d) = m.year.and_then(|y| decades.iter().position(|d| *d == y / 10)) {
                        v[genres.len() + d] = 0.5;
                    }
                }
                v
            })
            .collect();
        (dim, vectors)
    }

    /// Scores top-10 lists (movieIds per user index) per SPLIT.md.
    pub fn score(&self, lists: &HashMap<usize, Vec<u32>>) -> Metrics {
        let mut m = Metrics::default();
        for (user, relevant) in &self.relevant {
            let list = lists.get(user).map_or(&[][..], Vec::as_slice);
            let mut dcg = 0.0;
            let mut hits = 0;
            for (rank, item) in list.iter().enumerate() {
                if relevant.contains(item) {
                    hits += 1;
                    dcg += 1.0 / ((rank + 2) as f64).log2();
                }
            }
            let ideal: f64 = (0..relevant.len().min(10)).map(|rank| 1.0 / ((rank + 2) as f64).log2()).sum();
            m.precision += f64::from(hits) / 10.0;
            m.recall += f64::from(hits) / relevant.len() as f64;
            m.ndcg += dcg / ideal;
        }
        let users = self.relevant.len().max(1) as f64;
        m.precision /= users;
        m.recall /= users;
        m.ndcg /= users;
        let union: HashSet<u32> = lists.values().flatten().copied().collect();
        m.coverage = union.len() as f64 / self.train.items().len() as f64;
        m
    }
}

/// Every strategy fitted on a dataset's train part.
struct Fitted {
    popular: Popular,
    user_cf: UserCf,
    item_cf: ItemCf,
    als: Als,
    content: Content,
}

impl Fitted {
    fn new(data: &Dataset, settings: &Settings, progress: impl FnMut(usize)) -> Self {
        let matrix = &data.train.matrix;
        Self {
            popular: Popular::fit(matrix, settings.popular),
            user_cf: UserCf::fit(matrix, settings.user_cf),
            item_cf: ItemCf::fit(matrix, settings.item_cf),
            als: Als::fit(matrix, settings.als, progress),
            content: content_model(data),
        }
    }

    /// The parts of the blend with `weights`; parts weighted 0 are left out, which saves their scoring.
    fn parts(&self, weights: BlendWeights) -> Vec<Part<'_>> {
        let all: [Part<'_>; 5] = [
            (weights.mf, &self.als),
            (weights.item_cf, &self.item_cf),
            (weights.user_cf, &self.user_cf),
            (weights.popular, &self.popular),
            (weights.content, &self.content),
        ];
        all.into_iter().filter(|(weight, _)| *weight > 0.0).collect()
    }
}

/// The blend the eval serves: `main` for users with a positive, the cold-start blend for the others.
fn hybrid<'a>(main: &'a [Part<'a>], fallback: &'a [Part<'a>], exposure: Option<&'a Exposure>) -> Hybrid<'a> {
    Hybrid { main, fallback, positive: POSITIVE, min_positives: 1, exposure }
}

fn content_model(data: &Dataset) -> Content {
    let (dim, vectors) = data.content_vectors();
    Content::fit(vectors.len(), dim, POSITIVE, |i| Some(vectors[i as usize].as_slice()))
}

/// Trains one strategy on the dataset's train part and returns the top-10 lists and the training time (until
/// serving starts; user-CF finds neighbours while serving, so its cost is in serving).
///
/// # Errors
/// An unknown strategy.
pub fn run(data: &Dataset, strategy: &str, settings: &Settings) -> anyhow::Result<(HashMap<usize, Vec<u32>>, f64)> {
    let matrix = &data.train.matrix;
    let started = Instant::now();
    let progress = |sweep: usize| eprint!("\r  {strategy}: ALS sweep {sweep}/{}   ", settings.als.iterations);
    let timed = |model: &(dyn Recommender + Sync)| {
        let trained = started.elapsed().as_secs_f64();
        (top_ten(data, model), trained)
    };
    Ok(match strategy {
        "popular" => timed(&Popular::fit(matrix, settings.popular)),
        "user_cf" => timed(&UserCf::fit(matrix, settings.user_cf)),
        "item_cf" => timed(&ItemCf::fit(matrix, settings.item_cf)),
        "mf" => timed(&Als::fit(matrix, settings.als, progress)),
        "content" => timed(&content_model(data)),
        "hybrid" => {
            let fitted = Fitted::new(data, settings, progress);
            let (main, fallback) = (fitted.parts(settings.hybrid), fitted.parts(BlendWeights::COLD_START));
            // The exposure counts are part of the model: every user's base list, computed before serving.
            let exposure =
                settings.exposure.is_on().then(|| hybrid(&main, &fallback, None).exposure(matrix, settings.exposure));
            let trained = started.elapsed().as_secs_f64();
            (top_ten(data, &hybrid(&main, &fallback, exposure.as_ref())), trained)
        }
        other => bail!("unknown strategy {other:?}; expected one of {}", STRATEGIES.join(", ")),
    })
}

/// Top-10 for every evaluated user (users spread over the cores).
fn top_ten(data: &Dataset, model: &(dyn Recommender + Sync)) -> HashMap<usize, Vec<u32>> {
    map_indices(data.relevant.len(), |k| {
        let user = data.relevant[k].0;
        let recs = model.recommend(&data.train.matrix, user, 10);
        (user, recs.iter().map(|r| data.train.item_id(r.item)).collect())
    })
    .into_iter()
    .collect()
}

/// `marquee-eval movielens`.
///
/// # Errors
/// Unreadable input, unknown strategy, unwritable output.
pub fn movielens(dir: &Path, strategy: &str, out: Option<&PathBuf>, tune: bool) -> anyhow::Result<()> {
    let train = read_ratings(&dir.join("split/train.csv"))?;
    let test = read_ratings(&dir.join("split/test.csv"))?;
    let movies = read_movies(&dir.join("movies.csv"))?;
    let mut settings = Settings::default();
    if tune {
        settings = self::tune(&train, &movies, settings)?;
    }
    let data = Dataset::new(&train, &test, movies);
    eprintln!(
        "train: {} ratings, {} users, {} items; evaluated users: {}",
        train.len(),
        data.train.users().len(),
        data.train.items().len(),
        data.relevant.len()
    );
    let strategies: Vec<&str> = if strategy == "all" { STRATEGIES.to_vec() } else { vec![strategy] };
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "| strategy | P@10 | R@10 | NDCG@10 | coverage@10 | train (s) |")?;
    writeln!(stdout, "|---|---|---|---|---|---|")?;
    for name in strategies {
        eprint!("\r  {name}: training and serving {} users   ", data.relevant.len());
        let (lists, seconds) = run(&data, name, &settings)?;
        eprintln!("\r  {name}: done{:40}", "");
        let m = data.score(&lists);
        writeln!(
            stdout,
            "| {name} | {:.4} | {:.4} | {:.4} | {:.4} | {seconds:.3} |",
            m.precision, m.recall, m.ndcg, m.coverage
        )?;
        if let Some(out) = out {
            std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
            let path = out.join(format!("{name}.csv"));
            let mut csv = String::from("userId,rank,movieId\n");
            let mut users: Vec<&usize> = lists.keys().collect();
            users.sort_by_key(|u| data.train.user_id(**u));
            for user in users {
                for (rank, item) in lists[user].iter().enumerate() {
                    writeln!(csv, "{},{},{item}", data.train.user_id(*user), rank + 1)?;
                }
            }
            std::fs::write(&path, csv).with_context(|| format!("writing {}", path.display()))?;
        }
    }
    if matches!(strategy, "all" | "hybrid") {
        eprint!("\r  serving snapshot: building   ");
        let (all, without) = snapshot_build_seconds(&train, &data.movies);
        eprintln!("\r  serving snapshot: done{:40}", "");
        writeln!(
            stdout,
            "\nserving snapshot of train ({} users, {} titles): built in {all:.3} s, {without:.3} s without the \
             exposure counts",
            data.train.users().len(),
            data.movies.len()
        )?;
    }
    Ok(())
}

/// Seconds to build the serving [`Snapshot`] from the train ratings (rating `r` as a signal of value `2r` on the
/// 0–10 score scale, every movie of `movies.csv` in the catalog, ALS factors fitted with the serving settings) with
/// the serving settings, and with the exposure re-rank off.
fn snapshot_build_seconds(train: &[Rating], movies: &HashMap<u32, Movie>) -> (f64, f64) {
    let signals: Vec<Interaction<UserId, MediaId>> = train
        .iter()
        .map(|r| Interaction {
            user: UserId(uuid::Uuid::from_u128(u128::from(r.user))),
            item: MediaId(uuid::Uuid::from_u128(u128::from(r.item))),
            value: r.value * 2.0,
            time: r.time,
        })
        .collect();
    let catalog: Vec<MediaSummary> = movies
        .iter()
        .map(|(id, m)| MediaSummary {
            id: MediaId(uuid::Uuid::from_u128(u128::from(*id))),
            kind: MediaKind::Movie,
            title: id.to_string(),
            original_title: None,
            year: m.year.and_then(|y| i16::try_from(y).ok()),
            genres: m.genres.clone(),
            poster_path: None,
        })
        .collect();
    let settings = ServingSettings::default();
    let ids: Vec<MediaId> = {
        let mut ids: Vec<MediaId> = catalog.iter().map(|m| m.id).collect();
        ids.sort_unstable();
        ids
    };
    let data = Interactions::build(&signals, &ids);
    let als = Als::fit(&data.matrix, settings.als, |_| {});
    let factors = ItemFactors {
        factors: settings.als.factors,
        items: data.items().iter().enumerate().map(|(i, id)| (*id, als.item_factors(i).to_vec())).collect(),
    };
    let vectors = ContentVectors::from_genres(&catalog);
    let time = |settings: ServingSettings| {
        let started = Instant::now();
        let snapshot = Snapshot::build(&signals, catalog.clone(), &vectors, Some(&factors), settings);
        let seconds = started.elapsed().as_secs_f64();
        drop(snapshot);
        seconds
    };
    (time(settings), time(ServingSettings { exposure: ExposureConfig::OFF, ..settings }))
}

/// The two inner folds settings are chosen on: `validation` is SPLIT.md's rule applied to train, `val2` the same
/// rule applied again to that inner train (an earlier slice of each user's history). Test is never looked at.
struct Folds([Dataset; 2]);

impl Folds {
    fn new(train: &[Rating], movies: &HashMap<u32, Movie>) -> Self {
        let (inner, validation) = split(train);
        let (inner2, validation2) = split(&inner);
        Self([Dataset::new(&inner, &validation, movies.clone()), Dataset::new(&inner2, &validation2, movies.clone())])
    }
}

/// Both folds' metrics and their mean, the figure every choice is made on (one fold alone disagrees with the other
/// by more than the differences the choices turn on).
#[derive(Debug, Clone, Copy)]
struct Trial([Metrics; 2]);

impl Trial {
    fn ndcg(&self) -> f64 {
        f64::midpoint(self.0[0].ndcg, self.0[1].ndcg)
    }

    fn coverage(&self) -> f64 {
        f64::midpoint(self.0[0].coverage, self.0[1].coverage)
    }
}

impl std::fmt::Display for Trial {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let [v, v2] = self.0;
        write!(
            f,
            "validation {:.4}/{:.4} val2 {:.4}/{:.4} mean NDCG@10 {:.4} coverage {:.4}",
            v.ndcg,
            v.coverage,
            v2.ndcg,
            v2.coverage,
            self.ndcg(),
            self.coverage()
        )
    }
}

/// Chooses settings on two inner folds of train ([`Folds`]), on the mean of their NDCG@10, never on test: a grid
/// per strategy, then a coordinate search over the blend weights jointly with the exposure re-rank, with the chosen
/// models fitted once per fold. Every trial goes to stderr.
fn tune(train: &[Rating], movies: &HashMap<u32, Movie>, base: Settings) -> anyhow::Result<Settings> {
    let folds = Folds::new(train, movies);
    let mut best = base;
    let mut out = std::io::stderr().lock();
    let mut trial = |strategy: &str, settings: Settings, label: String| -> anyhow::Result<f64> {
        let mut metrics = [Metrics::default(); 2];
        for (m, data) in metrics.iter_mut().zip(&folds.0) {
            *m = data.score(&run(data, strategy, &settings)?.0);
        }
        let trial = Trial(metrics);
        writeln!(out, "\rtune {strategy} {label}: {trial}")?;
        Ok(trial.ndcg())
    };
    // mf, stage 1 at the default size: which ratings are positives, how they weigh, alpha and lambda.
    let kinds = [
        (POSITIVE, Weighting::Binary),
        (3.5, Weighting::Binary),
        (POSITIVE, Weighting::Linear),
        (0.5, Weighting::Binary),
        (0.5, Weighting::Log { epsilon: 1.0 }),
    ];
    // The search starts from fixed, untuned points, so that it does not depend on the defaults it produced.
    let start = AlsConfig { factors: 64, iterations: 15, recency_half_life: None, ..base.als };
    let mut best_ndcg = 0.0;
    for (positive, weighting) in kinds {
        for alpha in [0.25, 0.5, 1.0, 2.0, 4.0] {
            for regularization in [3.0, 10.0, 30.0, 100.0] {
                let als = AlsConfig { positive, weighting, alpha, regularization, ..start };
                let label = format!("positive={positive} {weighting:?} alpha={alpha} reg={regularization}");
                let ndcg = trial("mf", Settings { als, ..best }, label)?;
                if ndcg > best_ndcg {
                    (best_ndcg, best.als) = (ndcg, als);
                }
            }
        }
    }
    // Stage 2: recency of the user's positives; stage 3: size and sweeps.
    let stage = best.als;
    for recency_half_life in [Some(25.0), Some(50.0), Some(100.0), Some(200.0)] {
        let als = AlsConfig { recency_half_life, ..stage };
        let ndcg = trial("mf", Settings { als, ..best }, format!("recency={recency_half_life:?}"))?;
        if ndcg > best_ndcg {
            (best_ndcg, best.als) = (ndcg, als);
        }
    }
    // A bigger or longer fit must earn its training time: it has to beat the incumbent by `MIN_GAIN`.
    let stage = best.als;
    for factors in [32, 64, 128] {
        for iterations in [10, 15, 25] {
            let als = AlsConfig { factors, iterations, ..stage };
            let ndcg = trial("mf", Settings { als, ..best }, format!("factors={factors} iterations={iterations}"))?;
            if ndcg > best_ndcg + MIN_GAIN {
                (best_ndcg, best.als) = (ndcg, als);
            }
        }
    }
    let mut best_ndcg = 0.0;
    for neighbours in [50, 100, 200, 400] {
        for recency_half_life in [None, Some(10.0), Some(25.0), Some(50.0), Some(100.0)] {
            let item_cf = ItemCfConfig { neighbours, recency_half_life, ..base.item_cf };
            let label = format!("neighbours={neighbours} recency={recency_half_life:?}");
            let ndcg = trial("item_cf", Settings { item_cf, ..best }, label)?;
            if ndcg > best_ndcg {
                (best_ndcg, best.item_cf) = (ndcg, item_cf);
            }
        }
    }
    let mut best_ndcg = 0.0;
    for neighbours in [25, 50, 100, 200] {
        for shrink in [10.0, 25.0, 50.0] {
            let user_cf = UserCfConfig { neighbours, shrink, ..base.user_cf };
            let ndcg =
                trial("user_cf", Settings { user_cf, ..best }, format!("neighbours={neighbours} shrink={shrink}"))?;
            if ndcg > best_ndcg {
                (best_ndcg, best.user_cf) = (ndcg, user_cf);
            }
        }
    }
    let start = BlendWeights { mf: 0.6, item_cf: 0.3, user_cf: 0.0, popular: 0.1, content: 0.0 };
    (best.hybrid, best.exposure) = tune_blend(&folds, &Settings { hybrid: start, ..best }, &mut out)?;
    writeln!(out, "chosen: {best:?}")?;
    Ok(best)
}

/// How much more mean NDCG@10 a bigger or longer ALS fit must bring than the incumbent.
const MIN_GAIN: f64 = 0.0005;

/// One blend weight, for the coordinate search.
type Field = fn(&mut BlendWeights) -> &mut f32;

/// The hybrid must keep catalog coverage@10 of at least 0.06 (the target); tuning asks a little more of
/// the folds' mean so that the choice does not sit on the edge.
const BLEND_MIN_COVERAGE: f64 = 0.065;

/// The exposure re-rank settings tried with every blend: β × widen (base window `widen · 10`), β 0 being no re-rank.
const BETAS: [f32; 7] = [0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3];
const WIDENS: [usize; 2] = [2, 3];
const EXPOSURE_DEPTH: usize = 10;

/// One fold's fitted models, for scoring many blends.
struct FoldModels<'d> {
    data: &'d Dataset,
    fitted: Fitted,
}

impl FoldModels<'_> {
    /// Every user's base ranking of the blend with `weights`, long enough for the widest re-rank window; then each
    /// re-rank setting's metrics from those rankings (the blend is scored once per user, not once per setting).
    fn trials(&self, weights: BlendWeights) -> Vec<(ExposureConfig, Metrics)> {
        let (main, fallback) = (self.fitted.parts(weights), self.fitted.parts(BlendWeights::COLD_START));
        let base = hybrid(&main, &fallback, None);
        let matrix = &self.data.train.matrix;
        let longest = 10 * WIDENS.iter().copied().max().unwrap_or(1);
        let rankings = map_indices(matrix.n_users(), |u| base.base_ranking(matrix, u, longest, &|_| true));
        let firsts: Vec<Vec<u32>> = rankings.iter().map(|r| r.iter().map(|(i, _)| *i).collect()).collect();
        let mut out = Vec::new();
        for widen in WIDENS {
            for beta in BETAS {
                // Without a re-rank the window does not matter: one widen is enough.
                if beta == 0.0 && widen != WIDENS[0] {
                    continue;
                }
                let config = ExposureConfig { beta, depth: EXPOSURE_DEPTH, widen };
                let exposure = Exposure::count(matrix.n_items(), config, firsts.iter().map(Vec::as_slice));
                let model = hybrid(&main, &fallback, Some(&exposure));
                let lists = self
                    .data
                    .relevant
                    .iter()
                    .map(|(u, _)| {
                        let list = model.rerank(matrix, *u, &rankings[*u], 10);
                        (*u, list.iter().map(|(i, _)| self.data.train.item_id(*i)).collect())
                    })
                    .collect();
                out.push((config, self.data.score(&lists)));
            }
        }
        out
    }
}

/// Two rounds of coordinate search over the blend weights, starting from `settings.hybrid`, each candidate tried
/// with every exposure re-rank setting ([`BETAS`] × [`WIDENS`]), among the candidates whose mean coverage@10 over
/// the folds is at least [`BLEND_MIN_COVERAGE`]; chosen on mean NDCG@10.
fn tune_blend(
    folds: &Folds,
    settings: &Settings,
    out: &mut impl std::io::Write,
) -> anyhow::Result<(BlendWeights, ExposureConfig)> {
    let models = folds.0.each_ref().map(|data| FoldModels { data, fitted: Fitted::new(data, settings, |_| {}) });
    let mut best = Choice { weights: settings.hybrid, exposure: ExposureConfig::OFF, ndcg: 0.0 };
    best.consider(&models, settings.hybrid, "start", out)?;
    let fields: [(&str, Field); 5] = [
        ("mf", |w| &mut w.mf),
        ("item_cf", |w| &mut w.item_cf),
        ("user_cf", |w| &mut w.user_cf),
        ("popular", |w| &mut w.popular),
        ("content", |w| &mut w.content),
    ];
    for round in 1..=2 {
        for (name, field) in fields {
            // Each coordinate moves from the best blend so far.
            let from = best.weights;
            for value in [0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8] {
                let mut weights = from;
                *field(&mut weights) = value;
                if weights != from {
                    best.consider(&models, weights, &format!("round {round} {name}={value}"), out)?;
                }
            }
        }
    }
    writeln!(out, "chosen blend: {:?} {:?} (mean NDCG@10 {:.4})", best.weights, best.exposure, best.ndcg)?;
    Ok((best.weights, best.exposure))
}

/// The best blend and re-rank so far.
struct Choice {
    weights: BlendWeights,
    exposure: ExposureConfig,
    ndcg: f64,
}

impl Choice {
    /// Tries `weights` with every re-rank setting on both folds, keeping the best that meets the coverage floor.
    fn consider(
        &mut self,
        models: &[FoldModels<'_>; 2],
        weights: BlendWeights,
        label: &str,
        out: &mut impl std::io::Write,
    ) -> anyhow::Result<()> {
        let [first, second] = models.each_ref().map(|m| m.trials(weights));
        for ((exposure, a), (_, b)) in first.into_iter().zip(second) {
            let trial = Trial([a, b]);
            writeln!(out, "tune hybrid {label} {weights:?} beta={} widen={}: {trial}", exposure.beta, exposure.widen)?;
            if trial.ndcg() > self.ndcg && trial.coverage() >= BLEND_MIN_COVERAGE {
                *self = Self { weights, exposure, ndcg: trial.ndcg() };
            }
        }
        Ok(())
    }
}

/// `marquee-eval compatibility`: do users who are compatible on train agree more on their held-out ratings?
///
/// For every pair of users with at least `MIN_HELD_OUT` titles that both rated and at least one of them rated in
/// test, compatibility is computed from their train ratings (score = rating × 2) and agreement is Kendall's tau-b
/// of their ratings on those held-out titles. The consensus the leanings compare with is each title's mean train
/// score shrunk toward the global mean by `CONSENSUS_PRIOR` pseudo-ratings (the service uses the chart's strength,
/// the same order for titles seen often). Prints the Pearson correlation over pairs and the mean agreement per
/// compatibility quintile.
///
/// With `inner` set, the training ratings themselves are split (a fixed fifth of them, by a hash of user and
/// title, held out) and the test file is not read: the constants of `marquee_domain::taste` were chosen there.
///
/// # Errors
/// Unreadable input.
pub fn compatibility(dir: &Path, inner: bool) -> anyhow::Result<()> {
    use marquee_domain::taste::{TasteEntry, compatibility_with_profiles, kendall_tau_b, leaning, profile};
    const MIN_HELD_OUT: usize = 5;
    const CONSENSUS_PRIOR: f64 = 5.0;
    let train = read_ratings(&dir.join("split/train.csv"))?;
    let (train, test) = if inner {
        // Multiplicative hashing spreads consecutive ids; one in five ratings is held out.
        train.into_iter().partition(|r| (r.user.wrapping_mul(2_654_435_761) ^ r.item.wrapping_mul(40_503)) % 5 != 0)
    } else {
        (train, read_ratings(&dir.join("split/test.csv"))?)
    };
    let movies = read_movies(&dir.join("movies.csv"))?;
    let mut entries: HashMap<u32, Vec<TasteEntry<u32>>> = HashMap::new();
    for r in &train {
        let movie = movies.get(&r.item);
        entries.entry(r.user).or_default().push(TasteEntry {
            item: r.item,
            score: f64::from(r.value) * 2.0,
            genres: movie.map(|m| m.genres.clone()).unwrap_or_default(),
            year: movie.and_then(|m| m.year),
            kind: "movie".to_owned(),
        });
    }
    let mut all: HashMap<u32, HashMap<u32, f32>> = HashMap::new();
    let mut held: HashMap<u32, Vec<u32>> = HashMap::new();
    for r in &train {
        all.entry(r.user).or_default().insert(r.item, r.value);
    }
    for r in &test {
        all.entry(r.user).or_default().insert(r.item, r.value);
        held.entry(r.user).or_default().push(r.item);
    }
    let mut users: Vec<u32> = entries.keys().copied().collect();
    users.sort_unstable();
    let profiles: HashMap<u32, _> = users.iter().map(|u| (*u, profile(&entries[u]))).collect();
    let mut sums: HashMap<u32, (f64, f64)> = HashMap::new();
    for r in &train {
        let slot = sums.entry(r.item).or_default();
        slot.0 += f64::from(r.value) * 2.0;
        slot.1 += 1.0;
    }
    let global = train.iter().map(|r| f64::from(r.value) * 2.0).sum::<f64>() / train.len().max(1) as f64;
    let consensus: HashMap<u32, f64> = sums
        .iter()
        .map(|(item, (sum, count))| (*item, (sum + CONSENSUS_PRIOR * global) / (count + CONSENSUS_PRIOR)))
        .collect();
    let leanings: HashMap<u32, f64> = users.iter().map(|u| (*u, leaning(&entries[u], &consensus))).collect();
    let empty = Vec::new();
    let mut points: Vec<(f64, f64)> = Vec::new();
    for (k, &a) in users.iter().enumerate() {
        eprint!("\r  compatibility: user {}/{}   ", k + 1, users.len());
        for &b in &users[k + 1..] {
            let mut items: Vec<u32> =
                held.get(&a).unwrap_or(&empty).iter().chain(held.get(&b).unwrap_or(&empty)).copied().collect();
            items.sort_unstable();
            items.dedup();
            let pairs: Vec<(f64, f64)> =
                items.iter().filter_map(|i| Some((f64::from(*all[&a].get(i)?), f64::from(*all[&b].get(i)?)))).collect();
            if pairs.len() < MIN_HELD_OUT {
                continue;
            }
            let Some(agreement) = kendall_tau_b(&pairs) else { continue };
            let lean = (leanings[&a], leanings[&b]);
            let c = compatibility_with_profiles(&entries[&a], &entries[&b], &profiles[&a], &profiles[&b], lean);
            points.push((f64::from(c.score), agreement));
        }
    }
    eprintln!();
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "pairs with >= {MIN_HELD_OUT} held-out shared titles: {}", points.len())?;
    writeln!(stdout, "Pearson(compatibility on train, held-out tau-b): {:.4}", pearson(&points))?;
    points.sort_by(|a, b| a.0.total_cmp(&b.0));
    writeln!(stdout, "| compatibility quintile | range | mean held-out tau-b |")?;
    writeln!(stdout, "|---|---|---|")?;
    for q in 0..5 {
        let part = &points[q * points.len() / 5..(q + 1) * points.len() / 5];
        if let (Some(first), Some(last)) = (part.first(), part.last()) {
            let mean = part.iter().map(|p| p.1).sum::<f64>() / part.len() as f64;
            writeln!(stdout, "| {} | {:.0}–{:.0} | {mean:.4} |", q + 1, first.0, last.0)?;
        }
    }
    Ok(())
}

fn pearson(points: &[(f64, f64)]) -> f64 {
    let n = points.len() as f64;
    let (mx, my) = (points.iter().map(|p| p.0).sum::<f64>() / n, points.iter().map(|p| p.1).sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in points {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) * (x - mx);
        syy += (y - my) * (y - my);
    }
    sxy / (sxx * syy).sqrt()
}
