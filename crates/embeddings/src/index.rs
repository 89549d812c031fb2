//! [`FlatIndex`]: exact nearest neighbours by a full scan of contiguous unit vectors.
//!
//! Vectors live in one `Vec<f32>` (row `i` at `i * 384`), so a query streams memory front to back. The dot product
//! keeps 16 independent accumulators, which the compiler turns into SIMD lanes rather than one long addition chain.
//! On x86-64 machines with AVX-512, or AVX2 and FMA (checked once at run time), the same loop is compiled again with
//! those features, fusing each multiply-add: the portable build targets the x86-64 baseline (SSE2) and would leave
//! most of the machine's arithmetic unused. Top-k uses a bounded min-heap: a scan costs O(n log k) at worst and
//! keeps k entries. Indexes of [`PARALLEL_ROWS`] rows or more are scanned by every core, each over its own slice,
//! and the partial top-k lists merged. Removal swaps the last row into the hole, so storage stays dense.
//!
//! **Exact, at a quarter of the memory traffic.** A large scan is bound by memory bandwidth (100,000 rows are
//! 154 MB of floats), so each row also has an 8-bit copy: its components rounded to multiples of a per-row step
//! (`max |x| / 127`), with the length of the rounding error `‖v − v̂‖` kept beside it. For a query `q`,
//! `|q·v − q·v̂| = |q·(v − v̂)| ≤ ‖q‖ ‖v − v̂‖` (Cauchy–Schwarz), so `q·v̂ + ‖q‖ ‖v − v̂‖` bounds the true score from
//! above. The scan reads the 8-bit rows and computes a row's exact float score only when that bound (plus a margin
//! for float rounding) reaches the k-th best exact score found so far; every other row provably cannot enter the
//! top k. The answer is the same as the plain float scan's, score for score; most rows cost a quarter of the reads.
//!
//! **Repeated questions.** Popular searches repeat, and the query cache in front of the model hands the same query
//! the same vector bit for bit, so the index remembers its last [`ANSWERS`] answers, keyed by the query's bits, `k`
//! and the filter. Every write bumps the index's generation, and an answer is only served at the generation it was
//! computed at, so a remembered answer is always the one a scan would give now.

use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap};
use std::sync::{Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};

use marquee_domain::media::{MediaId, MediaKind};
use marquee_domain::semantic::{DIMENSIONS, IndexFilter, Neighbour, VectorIndex};

/// Lanes of the dot product: 16 floats are two AVX or four SSE registers.
const LANES: usize = 16;

/// From this many rows on, a query is scanned by all cores (below it, starting threads costs more than it saves).
pub const PARALLEL_ROWS: usize = 32_768;

/// Answers remembered (about 2 KiB each at k = 20); when full, they are all dropped and filling starts again.
pub const ANSWERS: usize = 1024;

/// The dot product of two equally long slices.
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    dot_lanes::<false>(a, b)
}

/// The dot product with `FUSED` multiply-adds: only fast where the caller is compiled with FMA (else `mul_add`
/// is a library call).
// Always inlined, so the copy inside `scan_rows_fma` is compiled with that function's AVX2 and FMA.
#[allow(clippy::inline_always)]
#[inline(always)]
fn dot_lanes<const FUSED: bool>(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0.0_f32; LANES];
    let (a_chunks, b_chunks) = (a.chunks_exact(LANES), b.chunks_exact(LANES));
    let tail: f32 = a_chunks.remainder().iter().zip(b_chunks.remainder()).map(|(x, y)| x * y).sum();
    for (x, y) in a_chunks.zip(b_chunks) {
        for i in 0..LANES {
            acc[i] = if FUSED { x[i].mul_add(y[i], acc[i]) } else { acc[i] + x[i] * y[i] };
        }
    }
    acc.iter().sum::<f32>() + tail
}

type Heap = BinaryHeap<Reverse<Scored>>;

/// The largest 8-bit code: components are rounded to multiples of `max |x| / CODE_MAX`.
const CODE_MAX: f32 = 127.0;

/// What float rounding may add to the gap between the 8-bit estimate and the exact score, on top of the
/// Cauchy–Schwarz bound: 384 products of unit-scale terms in f32 err by well under 1e-4 (about 384 × 6e-8).
const ROUNDING_MARGIN: f32 = 1e-4;

/// The 8-bit copy of a row: its codes, the step they count in, and the length of the rounding error.
fn quantize(vector: &[f32]) -> (Vec<i8>, f32, f32) {
    let max = vector.iter().fold(0.0_f32, |m, x| m.max(x.abs()));
    let step = if max > 0.0 { max / CODE_MAX } else { 1.0 };
    let mut error = 0.0_f32;
    let codes = vector
        .iter()
        .map(|&x| {
            #[allow(clippy::cast_possible_truncation, reason = "rounded and clamped to the i8 range first")]
            let code = (x / step).round().clamp(-CODE_MAX, CODE_MAX) as i8;
            error += (x - f32::from(code) * step).powi(2);
            code
        })
        .collect();
    (codes, step, error.sqrt())
}

/// `Σ aᵢ · codesᵢ` in the same lanes as [`dot_lanes`].
#[allow(clippy::inline_always)] // see `dot_lanes`
#[inline(always)]
fn dot_codes<const FUSED: bool>(a: &[f32], codes: &[i8]) -> f32 {
    let mut acc = [0.0_f32; LANES];
    let (a_chunks, c_chunks) = (a.chunks_exact(LANES), codes.chunks_exact(LANES));
    let tail: f32 = a_chunks.remainder().iter().zip(c_chunks.remainder()).map(|(x, &c)| x * f32::from(c)).sum();
    for (x, c) in a_chunks.zip(c_chunks) {
        for i in 0..LANES {
            let c = f32::from(c[i]);
            acc[i] = if FUSED { x[i].mul_add(c, acc[i]) } else { acc[i] + x[i] * c };
        }
    }
    acc.iter().sum::<f32>() + tail
}

/// The best `k` rows of `first..first + data.len() / 384` that pass the filter, as a min-heap of exact scores.
#[allow(clippy::inline_always)] // see `dot_lanes`
#[inline(always)]
fn scan_rows<const FUSED: bool>(
    rows: &Rows,
    first: usize,
    count: usize,
    query: &[f32],
    k: usize,
    filter: IndexFilter,
) -> Heap {
    let query_norm = dot_lanes::<FUSED>(query, query).sqrt();
    let mut heap: Heap = BinaryHeap::with_capacity(k + 1);
    for i in first..first + count {
        if filter.kind.is_some_and(|kind| rows.kinds[i] != kind) || filter.exclude == Some(rows.ids[i]) {
            continue;
        }
        if heap.len() == k
            && let Some(worst) = heap.peek()
        {
            let codes = &rows.codes[i * DIMENSIONS..(i + 1) * DIMENSIONS];
            let bound = rows.steps[i] * dot_codes::<FUSED>(query, codes) + query_norm * rows.errors[i];
            if bound + ROUNDING_MARGIN < worst.0.0 {
                continue;
            }
        }
        let score = dot_lanes::<FUSED>(query, &rows.data[i * DIMENSIONS..(i + 1) * DIMENSIONS]);
        if heap.len() < k {
            heap.push(Reverse(Scored(score, i)));
        } else if heap.peek().is_some_and(|worst| score > worst.0.0) {
            heap.pop();
            heap.push(Reverse(Scored(score, i)));
        }
    }
    heap
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bw,avx2,fma")]
fn scan_rows_avx512(rows: &Rows, first: usize, count: usize, query: &[f32], k: usize, filter: IndexFilter) -> Heap {
    scan_rows::<true>(rows, first, count, query, k, filter)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn scan_rows_fma(rows: &Rows, first: usize, count: usize, query: &[f32], k: usize, filter: IndexFilter) -> Heap {
    scan_rows::<true>(rows, first, count, query, k, filter)
}

/// The cores a scan may use, read once: `available_parallelism` reads the cgroup limits from /proc on Linux, too
/// slow to repeat on every query.
fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get))
}

/// [`scan_rows`] with the fastest instructions this machine has.
#[allow(unsafe_code)]
fn scan(rows: &Rows, first: usize, count: usize, query: &[f32], k: usize, filter: IndexFilter) -> Heap {
    #[cfg(target_arch = "x86_64")]
    {
        if std::is_x86_feature_detected!("avx512f")
            && std::is_x86_feature_detected!("avx512bw")
            && std::is_x86_feature_detected!("avx2")
            && std::is_x86_feature_detected!("fma")
        {
            // SAFETY: `scan_rows_avx512` needs exactly these features, all just detected on this CPU.
            return unsafe { scan_rows_avx512(rows, first, count, query, k, filter) };
        }
        if std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma") {
            // SAFETY: `scan_rows_fma` only needs AVX2 and FMA, and both were just detected on this CPU.
            return unsafe { scan_rows_fma(rows, first, count, query, k, filter) };
        }
    }
    scan_rows::<false>(rows, first, count, query, k, filter)
}

#[derive(Debug, Default)]
struct Rows {
    ids: Vec<MediaId>,
    kinds: Vec<MediaKind>,
    data: Vec<f32>,
    /// The 8-bit copy of `data` (see the module's documentation), row `i` at `i * 384`.
    codes: Vec<i8>,
    /// Per row: the step of its codes, and the length of its rounding error.
    steps: Vec<f32>,
    errors: Vec<f32>,
    at: HashMap<MediaId, usize>,
    /// Bumped by every write.
    generation: u64,
}

impl Rows {
    /// Makes room for one more row. The vectors are most of the index's memory, and `Vec`'s doubling would leave
    /// up to half of it unused (measured: 25 MiB held for 15 MiB of vectors after loading 9,742 rows). Growing by
    /// an eighth keeps the waste under 12.5% and pushes amortised O(1); large buffers are reallocated by `mremap`,
    /// without copying.
    fn grow(&mut self) {
        fn room<T>(buffer: &mut Vec<T>, per_row: usize) {
            if buffer.len() + per_row > buffer.capacity() {
                buffer.reserve_exact((buffer.len() / 8).max(64 * per_row));
            }
        }
        room(&mut self.ids, 1);
        room(&mut self.kinds, 1);
        room(&mut self.data, DIMENSIONS);
        room(&mut self.codes, DIMENSIONS);
        room(&mut self.steps, 1);
        room(&mut self.errors, 1);
    }
}

/// A scored candidate, ordered by score then id (so the heap's order is total).
#[derive(Debug, PartialEq)]
struct Scored(f32, usize);

impl Eq for Scored {}

impl PartialOrd for Scored {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Scored {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0).then_with(|| other.1.cmp(&self.1))
    }
}

/// What identifies a question to the index.
#[derive(Debug, PartialEq, Eq, Hash)]
struct Question {
    query: Box<[u32]>,
    k: usize,
    kind: Option<MediaKind>,
    exclude: Option<MediaId>,
}

/// Recent answers, all computed at `generation`.
#[derive(Debug, Default)]
struct Answers {
    generation: u64,
    by_question: HashMap<Question, Vec<Neighbour>>,
}

/// Exact cosine search over unit vectors, in memory. Readers share a lock; writers take it briefly.
#[derive(Debug)]
pub struct FlatIndex {
    rows: RwLock<Rows>,
    answers: Mutex<Answers>,
    /// How many answers to remember (see [`FlatIndex::remembering`]).
    memory: usize,
}

impl Default for FlatIndex {
    fn default() -> Self {
        Self::with_capacity(0)
    }
}

impl FlatIndex {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty index with room for `n` vectors.
    pub fn with_capacity(n: usize) -> Self {
        let rows = Rows {
            ids: Vec::with_capacity(n),
            kinds: Vec::with_capacity(n),
            data: Vec::with_capacity(n * DIMENSIONS),
            codes: Vec::with_capacity(n * DIMENSIONS),
            steps: Vec::with_capacity(n),
            errors: Vec::with_capacity(n),
            at: HashMap::with_capacity(n),
            generation: 0,
        };
        Self { rows: RwLock::new(rows), answers: Mutex::default(), memory: ANSWERS }
    }

    /// The same index remembering at most `answers` answers instead of [`ANSWERS`]; 0 scans for every question
    /// (what the benchmarks of the scan use).
    #[must_use]
    pub fn remembering(mut self, answers: usize) -> Self {
        self.memory = answers;
        self
    }

    /// How many answers are remembered now (for tests and diagnostics).
    pub fn remembered(&self) -> usize {
        self.answers().by_question.len()
    }

    fn answers(&self) -> MutexGuard<'_, Answers> {
        // The map is only ever replaced or extended whole: a poisoned lock holds consistent data.
        self.answers.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The remembered answer to `question`, if it was computed at `generation`.
    fn recall(&self, generation: u64, question: &Question) -> Option<Vec<Neighbour>> {
        let answers = self.answers();
        if answers.generation == generation { answers.by_question.get(question).cloned() } else { None }
    }

    /// Remembers an answer computed at `generation`, unless a newer generation's answers are already kept.
    fn remember(&self, generation: u64, question: Question, answer: &[Neighbour]) {
        let mut answers = self.answers();
        if answers.generation != generation {
            if answers.generation > generation {
                return;
            }
            answers.generation = generation;
            answers.by_question.clear();
        }
        if answers.by_question.len() >= self.memory {
            answers.by_question.clear();
        }
        answers.by_question.insert(question, answer.to_vec());
    }

    // A panic under the lock cannot leave a half-written row visible in a harmful way (rows are written whole
    // before they are published in `at`), so a poisoned lock is used as is.
    fn read(&self) -> RwLockReadGuard<'_, Rows> {
        self.rows.read().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn write(&self) -> RwLockWriteGuard<'_, Rows> {
        self.rows.write().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl VectorIndex for FlatIndex {
    fn upsert(&self, id: MediaId, kind: MediaKind, vector: &[f32]) {
        if vector.len() != DIMENSIONS {
            tracing::error!(%id, len = vector.len(), "refusing a vector of the wrong length");
            return;
        }
        let (codes, step, error) = quantize(vector);
        let mut rows = self.write();
        rows.generation += 1;
        if let Some(&i) = rows.at.get(&id) {
            rows.kinds[i] = kind;
            rows.data[i * DIMENSIONS..(i + 1) * DIMENSIONS].copy_from_slice(vector);
            rows.codes[i * DIMENSIONS..(i + 1) * DIMENSIONS].copy_from_slice(&codes);
            rows.steps[i] = step;
            rows.errors[i] = error;
        } else {
            let i = rows.ids.len();
            rows.grow();
            rows.ids.push(id);
            rows.kinds.push(kind);
            rows.data.extend_from_slice(vector);
            rows.codes.extend_from_slice(&codes);
            rows.steps.push(step);
            rows.errors.push(error);
            rows.at.insert(id, i);
        }
    }

    fn remove(&self, id: MediaId) -> bool {
        let mut rows = self.write();
        let Some(i) = rows.at.remove(&id) else { return false };
        rows.generation += 1;
        let last = rows.ids.len() - 1;
        if i != last {
            let moved = rows.ids[last];
            rows.ids[i] = moved;
            rows.kinds[i] = rows.kinds[last];
            rows.data.copy_within(last * DIMENSIONS..(last + 1) * DIMENSIONS, i * DIMENSIONS);
            rows.codes.copy_within(last * DIMENSIONS..(last + 1) * DIMENSIONS, i * DIMENSIONS);
            rows.steps[i] = rows.steps[last];
            rows.errors[i] = rows.errors[last];
            rows.at.insert(moved, i);
        }
        rows.ids.pop();
        rows.kinds.pop();
        rows.steps.pop();
        rows.errors.pop();
        rows.data.truncate(last * DIMENSIONS);
        rows.codes.truncate(last * DIMENSIONS);
        true
    }

    fn vector(&self, id: MediaId) -> Option<Vec<f32>> {
        let rows = self.read();
        rows.at.get(&id).map(|&i| rows.data[i * DIMENSIONS..(i + 1) * DIMENSIONS].to_vec())
    }

    fn nearest(&self, query: &[f32], k: usize, filter: IndexFilter) -> Vec<Neighbour> {
        if k == 0 || query.len() != DIMENSIONS {
            return Vec::new();
        }
        let rows = self.read();
        // The key copies the query (1.5 KiB): only when answers are remembered at all.
        let question = (self.memory > 0).then(|| Question {
            query: query.iter().map(|x| x.to_bits()).collect(),
            k,
            kind: filter.kind,
            exclude: filter.exclude,
        });
        if let Some(answer) = question.as_ref().and_then(|q| self.recall(rows.generation, q)) {
            return answer;
        }
        let n = rows.ids.len();
        let heap = if n < PARALLEL_ROWS || cores() < 2 {
            scan(&rows, 0, n, query, k, filter)
        } else {
            let per = n.div_ceil(cores());
            let rows = &*rows;
            std::thread::scope(|threads| {
                let parts: Vec<_> = (0..n)
                    .step_by(per)
                    .map(|first| threads.spawn(move || scan(rows, first, per.min(n - first), query, k, filter)))
                    .collect();
                let mut heap: Heap = BinaryHeap::with_capacity(k * parts.len());
                for part in parts {
                    // A scan does not panic (it only indexes rows it was given); if it did, re-raise it here.
                    heap.extend(part.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
                }
                while heap.len() > k {
                    heap.pop();
                }
                heap
            })
        };
        // `into_sorted_vec` of `Reverse` is best first.
        let answer: Vec<Neighbour> = heap
            .into_sorted_vec()
            .into_iter()
            .map(|Reverse(Scored(score, i))| Neighbour { id: rows.ids[i], score })
            .collect();
        if let Some(question) = question {
            self.remember(rows.generation, question, &answer);
        }
        answer
    }

    fn len(&self) -> usize {
        self.read().ids.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> MediaId {
        MediaId(uuid::Uuid::from_u128(n))
    }

    /// A unit vector pointing mostly along `axis`, tilted by `tilt` towards axis 0.
    fn unit(axis: usize, tilt: f32) -> Vec<f32> {
        let mut v = vec![0.0; DIMENSIONS];
        v[axis] = 1.0;
        v[0] += tilt;
        let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        v.iter().map(|x| x / n).collect()
    }

    #[test]
    fn loading_rows_one_by_one_leaves_little_room_unused() {
        let index = FlatIndex::new();
        for i in 0..5_000_u32 {
            let mut v = vec![0.0_f32; DIMENSIONS];
            v[i as usize % DIMENSIONS] = 1.0;
            index.upsert(id(u128::from(i)), MediaKind::Movie, &v);
        }
        let rows = index.read();
        let used = rows.data.len();
        assert_eq!(used, 5_000 * DIMENSIONS);
        assert!(rows.data.capacity() <= used + used / 8 + 64 * DIMENSIONS, "{} for {used}", rows.data.capacity());
        assert!(rows.codes.capacity() <= used + used / 8 + 64 * DIMENSIONS, "{}", rows.codes.capacity());
    }

    #[test]
    fn dot_matches_the_plain_sum_including_a_tail() {
        let a: Vec<f32> = (0..37).map(|i| i as f32 * 0.5).collect();
        let b: Vec<f32> = (0..37).map(|i| 1.0 - i as f32 * 0.25).collect();
        let plain: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
        assert!((dot(&a, &b) - plain).abs() < 1e-3, "{} vs {plain}", dot(&a, &b));
    }

    #[test]
    fn a_large_index_scanned_in_parallel_finds_the_same_neighbours_as_a_plain_scan() {
        // A deterministic spread of unit vectors, more rows than the parallel threshold.
        let mut next = lcg(0x2545_f491);
        let mut random_unit = || normalised((0..DIMENSIONS).map(|_| next()).collect());
        let n = PARALLEL_ROWS + 1_001;
        let index = FlatIndex::with_capacity(n);
        let mut vectors = Vec::with_capacity(n);
        for i in 0..n {
            let v = random_unit();
            let kind = if i % 3 == 0 { MediaKind::Book } else { MediaKind::Movie };
            index.upsert(id(i as u128), kind, &v);
            vectors.push((id(i as u128), kind, v));
        }
        let query = random_unit();
        for filter in [IndexFilter::default(), IndexFilter { kind: Some(MediaKind::Book), exclude: Some(id(3)) }] {
            let mut expected: Vec<(f32, MediaId)> = vectors
                .iter()
                .filter(|(i, kind, _)| filter.kind.is_none_or(|k| k == *kind) && filter.exclude != Some(*i))
                .map(|(i, _, v)| (dot(&query, v), *i))
                .collect();
            expected.sort_by(|a, b| b.0.total_cmp(&a.0));
            let found = index.nearest(&query, 25, filter);
            assert_eq!(found.len(), 25);
            for (got, want) in found.iter().zip(&expected) {
                assert_eq!(got.id, want.1, "{filter:?}");
                assert!((got.score - want.0).abs() < 1e-5, "fused and plain sums agree: {} vs {}", got.score, want.0);
            }
        }
    }

    /// A deterministic source of floats in [-0.5, 0.5) (an LCG).
    fn lcg(seed: u64) -> impl FnMut() -> f32 {
        let mut state = seed;
        move || {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            ((state >> 40) as f32 / (1_u64 << 24) as f32) - 0.5
        }
    }

    fn normalised(v: Vec<f32>) -> Vec<f32> {
        let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        v.into_iter().map(|x| x / n).collect()
    }

    #[test]
    fn the_8_bit_estimate_never_exceeds_its_bound() {
        let mut next = lcg(7);
        for spike in [0.0, 3.0, 40.0] {
            // Some rows with one large component: a coarse step, so a large rounding error.
            let mut v: Vec<f32> = (0..DIMENSIONS).map(|_| next()).collect();
            v[5] += spike;
            let v = normalised(v);
            let (codes, step, error) = quantize(&v);
            let rebuilt: Vec<f32> = codes.iter().map(|&c| f32::from(c) * step).collect();
            let diff: f32 = v.iter().zip(&rebuilt).map(|(a, b)| (a - b).powi(2)).sum::<f32>().sqrt();
            assert!((diff - error).abs() < 1e-6, "the stored error is the rounding error's length");
            assert!(error <= step * (DIMENSIONS as f32).sqrt() / 2.0 + 1e-6, "at most half a step per component");
            for _ in 0..50 {
                let q = normalised((0..DIMENSIONS).map(|_| next()).collect());
                let estimate = step * dot_codes::<false>(&q, &codes);
                assert!((dot(&q, &v) - estimate).abs() <= error + ROUNDING_MARGIN);
            }
        }
    }

    #[test]
    fn pruning_by_the_8_bit_bound_finds_exactly_the_plain_scans_neighbours() {
        // Tight clusters of near-duplicates: many rows score within the bound's width of the k-th best, the case
        // where a wrong bound would drop a true neighbour.
        let mut next = lcg(0x5eed);
        let centres: Vec<Vec<f32>> = (0..8).map(|_| normalised((0..DIMENSIONS).map(|_| next()).collect())).collect();
        let index = FlatIndex::with_capacity(8_000);
        let mut vectors = Vec::new();
        for i in 0..8_000_u128 {
            let centre = &centres[(i % 8) as usize];
            let v = normalised(centre.iter().map(|c| c + 0.05 * next()).collect());
            index.upsert(id(i), MediaKind::Movie, &v);
            vectors.push((id(i), v));
        }
        let mixed = normalised(centres[1].iter().zip(&centres[2]).map(|(a, b)| a + b).collect());
        for query in [centres[0].clone(), mixed] {
            let mut expected: Vec<(f32, MediaId)> = vectors.iter().map(|(i, v)| (dot(&query, v), *i)).collect();
            expected.sort_by(|a, b| b.0.total_cmp(&a.0));
            for k in [1, 20, 100, 500, 1_500] {
                let found = index.nearest(&query, k, IndexFilter::default());
                assert_eq!(found.len(), k);
                assert!(found.windows(2).all(|w| w[0].score >= w[1].score), "best first");
                // Exact up to float noise (the scan may fuse multiply-adds, the reference does not): every row
                // clearly above the k-th best score is found, and nothing found is clearly below it.
                let kth = expected[k - 1].0;
                for (score, want) in expected.iter().take_while(|e| e.0 > kth + 1e-5) {
                    assert!(found.iter().any(|n| n.id == *want), "k {k}: missed a row scoring {score} > {kth}");
                }
                for n in &found {
                    let exact = vectors.iter().find(|(i, _)| *i == n.id).map(|(_, v)| dot(&query, v)).unwrap();
                    assert!((n.score - exact).abs() < 1e-5 && exact > kth - 1e-5, "k {k}: {} vs {kth}", n.score);
                }
            }
        }
    }

    #[test]
    fn nearest_is_exact_best_first_and_filtered() {
        let index = FlatIndex::new();
        index.upsert(id(1), MediaKind::Movie, &unit(1, 0.0));
        index.upsert(id(2), MediaKind::Movie, &unit(2, 0.5));
        index.upsert(id(3), MediaKind::Book, &unit(3, 1.0));
        index.upsert(id(4), MediaKind::Movie, &unit(4, 2.0));
        let query = unit(0, 0.0);
        let all: Vec<MediaId> = index.nearest(&query, 10, IndexFilter::default()).iter().map(|n| n.id).collect();
        assert_eq!(all, vec![id(4), id(3), id(2), id(1)]);
        let top2 = index.nearest(&query, 2, IndexFilter::default());
        assert_eq!(top2.iter().map(|n| n.id).collect::<Vec<_>>(), vec![id(4), id(3)]);
        assert!((top2[0].score - dot(&query, &unit(4, 2.0))).abs() < 1e-6);
        let movies = index.nearest(&query, 2, IndexFilter { kind: Some(MediaKind::Movie), exclude: Some(id(4)) });
        assert_eq!(movies.iter().map(|n| n.id).collect::<Vec<_>>(), vec![id(2), id(1)]);
        assert!(index.nearest(&query, 0, IndexFilter::default()).is_empty());
    }

    #[test]
    fn a_repeated_question_is_answered_from_memory_only_while_the_index_is_unchanged() {
        let index = FlatIndex::new();
        for n in 1..=4 {
            index.upsert(id(n), MediaKind::Movie, &unit(n as usize, 0.3 * n as f32));
        }
        let query = unit(7, 0.2);
        let all = IndexFilter::default();
        let first = index.nearest(&query, 2, all);
        assert_eq!(index.remembered(), 1);
        assert_eq!(index.nearest(&query, 2, all), first, "the same answer, from memory");
        assert_eq!(index.remembered(), 1);
        // Another k, filter or query is another question.
        index.nearest(&query, 3, all);
        index.nearest(&query, 2, IndexFilter { kind: Some(MediaKind::Book), exclude: None });
        index.nearest(&unit(8, 0.2), 2, all);
        assert_eq!(index.remembered(), 4);

        // A new row that is the query itself must come first at once.
        index.upsert(id(9), MediaKind::Movie, &query);
        assert_eq!(index.nearest(&query, 2, all)[0].id, id(9));
        assert_eq!(index.remembered(), 1, "answers of the old generation are dropped");
        // Replacing a row's vector and removing a row are writes too.
        index.upsert(id(9), MediaKind::Movie, &unit(20, 0.0));
        assert_ne!(index.nearest(&query, 2, all)[0].id, id(9));
        index.upsert(id(9), MediaKind::Movie, &query);
        assert_eq!(index.nearest(&query, 2, all)[0].id, id(9));
        assert!(index.remove(id(9)));
        assert_eq!(index.nearest(&query, 2, all), first, "back to the first answer");
    }

    #[test]
    fn an_answer_computed_before_a_write_is_never_kept_for_after_it() {
        let index = FlatIndex::new();
        index.upsert(id(1), MediaKind::Movie, &unit(1, 0.0));
        let question = || Question { query: Box::new([]), k: 1, kind: None, exclude: None };
        let old = index.read().generation;
        index.upsert(id(2), MediaKind::Movie, &unit(2, 0.0));
        let new = index.read().generation;
        index.remember(new, question(), &[Neighbour { id: id(2), score: 1.0 }]);
        // A scan that read the index before the write finishes late: its answer is not kept, nor served.
        index.remember(old, question(), &[Neighbour { id: id(1), score: 1.0 }]);
        assert_eq!(index.recall(new, &question()), Some(vec![Neighbour { id: id(2), score: 1.0 }]));
        assert_eq!(index.recall(old, &question()), None);
    }

    #[test]
    fn upsert_replaces_and_remove_keeps_the_rest_reachable() {
        let index = FlatIndex::with_capacity(4);
        for n in 1..=4 {
            index.upsert(id(n), MediaKind::Movie, &unit(n as usize, 0.0));
        }
        index.upsert(id(2), MediaKind::Show, &unit(9, 0.0));
        assert_eq!(index.len(), 4);
        assert_eq!(index.vector(id(2)), Some(unit(9, 0.0)));
        assert!(index.remove(id(1)));
        assert!(!index.remove(id(1)));
        assert_eq!(index.len(), 3);
        for n in 2..=4 {
            let v = index.vector(id(n)).unwrap();
            let hit = index.nearest(&v, 1, IndexFilter::default());
            assert_eq!(hit[0].id, id(n), "row {n} still found after a swap-remove");
        }
        assert_eq!(index.vector(id(1)), None);
        index.upsert(id(5), MediaKind::Movie, &[1.0; 3]);
        assert_eq!(index.len(), 3, "a wrong-length vector is refused");
    }
}
