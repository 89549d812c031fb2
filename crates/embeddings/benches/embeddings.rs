//! The speed targets of semantic search (docs/benchmarks.md): exact search over 10,000 and 100,000 vectors, one
//! short query embedded, and 77-token title + overview texts embedded. Needs `just models`. The embedder runs with
//! its defaults (the served model, two sessions of one thread, one text per run); `EMBEDDING_SESSIONS`,
//! `EMBEDDING_THREADS` and `EMBEDDING_BATCH_SIZE` override them, as in the service.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::hint::black_box;
use std::path::Path;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use marquee_domain::media::{MediaId, MediaKind};
use marquee_domain::semantic::{DIMENSIONS, IndexFilter, VectorIndex};
use marquee_embeddings::{EmbedderConfig, FlatIndex, OrtEmbedder};
use rand::{Rng, SeedableRng};

fn unit(rng: &mut impl Rng) -> Vec<f32> {
    let v: Vec<f32> = (0..DIMENSIONS).map(|_| rng.random_range(-1.0..1.0)).collect();
    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    v.into_iter().map(|x| x / n).collect()
}

fn search(c: &mut Criterion) {
    let mut group = c.benchmark_group("exact_search_top20");
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    for n in [10_000_usize, 100_000] {
        // Every iteration asks the same question: without `remembering(0)` the index would answer from memory.
        let index = FlatIndex::with_capacity(n).remembering(0);
        for i in 0..n {
            let kind = if i % 4 == 0 { MediaKind::Book } else { MediaKind::Movie };
            index.upsert(MediaId(uuid::Uuid::from_u128(i as u128)), kind, &unit(&mut rng));
        }
        let query = unit(&mut rng);
        group.bench_with_input(BenchmarkId::new("all", n), &n, |b, _| {
            b.iter(|| black_box(index.nearest(black_box(&query), 20, IndexFilter::default())));
        });
        let movies = IndexFilter { kind: Some(MediaKind::Movie), exclude: None };
        group.bench_with_input(BenchmarkId::new("movies", n), &n, |b, _| {
            b.iter(|| black_box(index.nearest(black_box(&query), 20, movies)));
        });
    }
    group.finish();
}

fn config() -> EmbedderConfig {
    let (model_dir, runtime) = marquee_embeddings::default_paths(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."));
    let defaults = EmbedderConfig::new(model_dir, runtime);
    let env = |name: &str, default: usize| std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    EmbedderConfig {
        sessions: env("EMBEDDING_SESSIONS", defaults.sessions),
        threads: env("EMBEDDING_THREADS", defaults.threads),
        batch_size: env("EMBEDDING_BATCH_SIZE", defaults.batch_size),
        ..defaults
    }
}

/// A title + overview text of 77 word pieces (counted with the model's tokenizer, special tokens included).
const TEXT_77: &str = "Arrival (2016). Genres: Drama, Mystery, Sci-Fi. When twelve mysterious spacecraft appear around \
                       the world, linguistics professor Louise Banks is asked to lead an elite team of investigators \
                       to find out whether they come in peace, racing against time for answers as nations edge toward \
                       a global war, while she learns to read the visitors' language and then sees her own future.";

fn embed(c: &mut Criterion) {
    let config = config();
    let embedder = OrtEmbedder::load(&config).unwrap_or_else(|e| panic!("run `just models` first: {e}"));
    let name = format!("embed_{}x{}_threads_batch_{}", config.sessions, config.threads, config.batch_size);
    let mut group = c.benchmark_group(name);
    let query = vec!["slow-burn space thriller with a lonely astronaut".to_owned()];
    group.bench_function("one_short_query", |b| {
        b.iter(|| black_box(embedder.embed_blocking(black_box(&query)).unwrap()));
    });
    let texts: Vec<String> = vec![TEXT_77.to_owned(); 64];
    group.throughput(Throughput::Elements(texts.len() as u64));
    group.sample_size(10);
    group.bench_function("64_texts_of_77_tokens", |b| {
        b.iter(|| black_box(embedder.embed_blocking(black_box(&texts)).unwrap()));
    });
    group.finish();
}

criterion_group!(benches, search, embed);
criterion_main!(benches);
