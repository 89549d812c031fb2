//! The real model against reference vectors made independently in Python (`tests/fixtures/make_reference.py`).
//! These tests need the model: `just test` fetches it first (`just models`); without it they fail, saying so.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::missing_panics_doc)]

use std::path::Path;

use marquee_domain::semantic::{DIMENSIONS, Embedder};
use marquee_embeddings::index::dot;
use marquee_embeddings::{EmbedderConfig, OrtEmbedder};

#[derive(serde::Deserialize)]
struct Reference {
    sentences: Vec<Sentence>,
}

#[derive(serde::Deserialize)]
struct Sentence {
    text: String,
    vector: Vec<f32>,
}

fn embedder() -> OrtEmbedder {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let (model_dir, runtime) = marquee_embeddings::default_paths(&root);
    OrtEmbedder::load(&EmbedderConfig::new(&model_dir, &runtime)).unwrap_or_else(|e| {
        panic!("these tests need the model and ONNX Runtime: run `just models` (or `just test`, which does): {e}")
    })
}

fn reference() -> Vec<Sentence> {
    let json = include_str!("fixtures/reference.json");
    serde_json::from_str::<Reference>(json).unwrap().sentences
}

#[test]
fn vectors_match_the_python_reference() {
    let embedder = embedder();
    let sentences = reference();
    let texts: Vec<String> = sentences.iter().map(|s| s.text.clone()).collect();
    // All at once (length-sorted, padded batches) and one by one must both match.
    let batched = embedder.embed_blocking(&texts).unwrap();
    for (s, v) in sentences.iter().zip(&batched) {
        assert_eq!(v.len(), DIMENSIONS);
        let norm = dot(v, v).sqrt();
        assert!((norm - 1.0).abs() < 1e-4, "unit length, got {norm}");
        let cosine = dot(v, &s.vector);
        assert!(cosine >= 0.999, "batched {:?}: cosine {cosine}", &s.text[..s.text.len().min(40)]);
        let single = embedder.embed_blocking(std::slice::from_ref(&s.text)).unwrap().remove(0);
        let cosine = dot(&single, &s.vector);
        assert!(cosine >= 0.999, "single {:?}: cosine {cosine}", &s.text[..s.text.len().min(40)]);
    }
}

#[test]
fn related_sentences_score_higher_than_unrelated_ones() {
    let embedder = embedder();
    let texts: Vec<String> = reference().into_iter().map(|s| s.text).collect();
    let v = embedder.embed_blocking(&texts).unwrap();
    // 0: astronaut on Mars, 1: engineer on the red planet, 2: space thriller query, 3: wardrobe, 4: romcom.
    let mars = dot(&v[0], &v[1]);
    assert!(mars > dot(&v[0], &v[3]) + 0.2 && mars > dot(&v[0], &v[4]) + 0.2, "{mars}");
    assert!(dot(&v[2], &v[0]) > dot(&v[2], &v[3]) && dot(&v[2], &v[0]) > dot(&v[2], &v[4]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_port_embeds_off_the_async_workers_in_order() {
    let embedder = embedder();
    let texts = vec!["dune".to_owned(), "A lonely astronaut stranded on Mars grows potatoes to survive.".to_owned()];
    let vectors = Embedder::embed(&embedder, &texts).await.unwrap();
    let reference = reference();
    assert!(dot(&vectors[0], &reference[7].vector) >= 0.999);
    assert!(dot(&vectors[1], &reference[0].vector) >= 0.999);
    assert!(Embedder::embed(&embedder, &[]).await.unwrap().is_empty());
}
