//! `marquee eval movielens DIR` and `marquee eval compatibility DIR`: the offline evaluation of the recommenders
//! and of taste compatibility on the fixed MovieLens split (`DIR/split/{train,test}.csv`, `DIR/movies.csv`),
//! following `SPLIT.md` of that folder exactly. Progress goes to stderr, results to stdout.
#![allow(clippy::cast_precision_loss, clippy::cast_possible_truncation, clippy::cast_sign_loss)]

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, bail};
use marquee_domain::recommend::als::{Als, AlsConfig};
use marquee_domain::recommend::content::Content;
use marquee_domain::recommend::hybrid::{Hybrid, Part};
use marquee_domain::recommend::item_cf::{ItemCf, ItemCfConfig};
use marquee_domain::recommend::popular::{Popular, PopularConfig};
use marquee_domain::recommend::user_cf::{UserCf, UserCfConfig};
use marquee_domain::recommend::{Interaction, Interactions, Recommender};

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

/// The chosen settings (from `--tune` on the inner split of train; see docs/recommendations.md).
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub popular: PopularConfig,
    pub user_cf: UserCfConfig,
    pub item_cf: ItemCfConfig,
    pub als: AlsConfig,
    /// Hybrid weights: (mf, item-kNN, popularity, content).
    pub hybrid: [f32; 4],
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            popular: PopularConfig { positive: POSITIVE, half_life_days: None },
            user_cf: UserCfConfig { neighbours: 50, shrink: 25.0, min_overlap: 2 },
            item_cf: ItemCfConfig { positive: POSITIVE, neighbours: 100 },
            als: AlsConfig {
                positive: POSITIVE,
                factors: 64,
                regularization: 0.1,
                alpha: 10.0,
                iterations: 15,
                cg_steps: 3,
                seed: 42,
            },
            hybrid: [0.6, 0.3, 0.1, 0.0],
        }
    }
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

/// Trains one strategy on the dataset's train part and returns the top-10 lists and the training time.
pub fn run(data: &Dataset, strategy: &str, settings: &Settings) -> anyhow::Result<(HashMap<usize, Vec<u32>>, f64)> {
    let matrix = &data.train.matrix;
    let started = Instant::now();
    let progress = |sweep: usize| eprint!("\r  {strategy}: ALS sweep {sweep}/{}   ", settings.als.iterations);
    let lists = match strategy {
        "popular" => {
            let model = Popular::fit(matrix, settings.popular);
            serve(data, &model, started)
        }
        "user_cf" => {
            let model = UserCf::fit(matrix, settings.user_cf);
            serve(data, &model, started)
        }
        "item_cf" => {
            let model = ItemCf::fit(matrix, settings.item_cf);
            serve(data, &model, started)
        }
        "mf" => {
            let model = Als::fit(matrix, settings.als, progress);
            serve(data, &model, started)
        }
        "content" => {
            let (dim, vectors) = data.content_vectors();
            let model = Content::fit(vectors.len(), dim, POSITIVE, |i| Some(vectors[i as usize].as_slice()));
            serve(data, &model, started)
        }
        "hybrid" => {
            let [w_mf, w_item, w_pop, w_content] = settings.hybrid;
            let als = Als::fit(matrix, settings.als, progress);
            let item_cf = ItemCf::fit(matrix, settings.item_cf);
            let popular = Popular::fit(matrix, settings.popular);
            let (dim, vectors) = data.content_vectors();
            let content = Content::fit(vectors.len(), dim, POSITIVE, |i| Some(vectors[i as usize].as_slice()));
            let main: [Part; 4] = [(w_mf, &als), (w_item, &item_cf), (w_pop, &popular), (w_content, &content)];
            let fallback: [Part; 2] = [(0.8, &popular), (0.2, &content)];
            let model = Hybrid { main: &main, fallback: &fallback, positive: POSITIVE, min_positives: 1 };
            serve(data, &model, started)
        }
        other => bail!("unknown strategy {other:?}; expected one of {}", STRATEGIES.join(", ")),
    };
    Ok(lists)
}

/// Top-10 for every evaluated user; the training time is the time until serving starts.
fn serve(data: &Dataset, model: &dyn Recommender, started: Instant) -> (HashMap<usize, Vec<u32>>, f64) {
    let trained = started.elapsed().as_secs_f64();
    let lists = data
        .relevant
        .iter()
        .map(|(user, _)| {
            let recs = model.recommend(&data.train.matrix, *user, 10);
            (*user, recs.iter().map(|r| data.train.item_id(r.item)).collect())
        })
        .collect();
    (lists, trained)
}

/// `marquee eval movielens`.
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
    Ok(())
}

/// Chooses settings on the inner split of train (SPLIT.md's rule applied to train), never on test.
fn tune(train: &[Rating], movies: &HashMap<u32, Movie>, base: Settings) -> anyhow::Result<Settings> {
    let (inner, validation) = split(train);
    let data = Dataset::new(&inner, &validation, movies.clone());
    let mut best = base;
    let mut out = std::io::stderr().lock();
    let mut best_ndcg = 0.0;
    for factors in [32, 64, 128] {
        for regularization in [0.01, 0.1, 1.0] {
            for alpha in [2.0, 5.0, 10.0, 20.0] {
                let als = AlsConfig { factors, regularization, alpha, ..base.als };
                let settings = Settings { als, ..best };
                let (lists, _) = run(&data, "mf", &settings)?;
                let ndcg = data.score(&lists).ndcg;
                writeln!(out, "\rtune mf factors={factors} reg={regularization} alpha={alpha}: NDCG@10 {ndcg:.4}")?;
                if ndcg > best_ndcg {
                    best_ndcg = ndcg;
                    best.als = als;
                }
            }
        }
    }
    let mut best_ndcg = 0.0;
    for neighbours in [20, 50, 100, 200] {
        let item_cf = ItemCfConfig { neighbours, ..base.item_cf };
        let (lists, _) = run(&data, "item_cf", &Settings { item_cf, ..best })?;
        let ndcg = data.score(&lists).ndcg;
        writeln!(out, "tune item_cf neighbours={neighbours}: NDCG@10 {ndcg:.4}")?;
        if ndcg > best_ndcg {
            best_ndcg = ndcg;
            best.item_cf = item_cf;
        }
    }
    let mut best_ndcg = 0.0;
    for weights in [
        [0.7, 0.3, 0.0, 0.0],
        [0.6, 0.3, 0.1, 0.0],
        [0.5, 0.5, 0.0, 0.0],
        [0.5, 0.4, 0.0, 0.1],
        [0.6, 0.2, 0.1, 0.1],
        [0.8, 0.2, 0.0, 0.0],
    ] {
        let (lists, _) = run(&data, "hybrid", &Settings { hybrid: weights, ..best })?;
        let m = data.score(&lists);
        writeln!(out, "tune hybrid weights={weights:?}: NDCG@10 {:.4} coverage {:.4}", m.ndcg, m.coverage)?;
        if m.ndcg > best_ndcg {
            best_ndcg = m.ndcg;
            best.hybrid = weights;
        }
    }
    writeln!(out, "chosen: {best:?}")?;
    Ok(best)
}

/// `marquee eval compatibility`: do users who are compatible on train agree more on their held-out ratings?
///
/// For every pair of users with at least `MIN_HELD_OUT` titles that both rated and at least one of them rated in
/// test, compatibility is computed from their train ratings (score = rating × 2) and agreement is Kendall's tau-b
/// of their ratings on those held-out titles. Prints the Pearson correlation over pairs and the mean agreement per
/// compatibility quintile.
///
/// # Errors
/// Unreadable input.
pub fn compatibility(dir: &Path) -> anyhow::Result<()> {
    use marquee_domain::taste::{TasteEntry, compatibility_with_profiles, kendall_tau_b, profile};
    const MIN_HELD_OUT: usize = 5;
    let train = read_ratings(&dir.join("split/train.csv"))?;
    let test = read_ratings(&dir.join("split/test.csv"))?;
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
            let c = compatibility_with_profiles(&entries[&a], &entries[&b], &profiles[&a], &profiles[&b]);
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
