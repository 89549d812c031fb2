//! The real models against reference vectors made independently in Python (`tests/fixtures/make_reference.py`): the
//! int8 model the service runs by default, and the weight-only one as published, which `EMBEDDING_MODEL_DIR` can
//! still name. These tests need them: `just test` installs them first (`just models`); without them they fail, saying
//! so.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::missing_panics_doc)]

use std::path::Path;

use marquee_domain::semantic::{DIMENSIONS, Embedder};
use marquee_embeddings::index::dot;
use marquee_embeddings::{EmbedderConfig, OrtEmbedder};

#[derive(serde::Deserialize)]
struct Reference {
    model: String,
    sentences: Vec<Sentence>,
}

#[derive(serde::Deserialize)]
struct Sentence {
    text: String,
    vector: Vec<f32>,
}

/// The served model (`all-minilm-l6-v2-int8`) and its reference.
const SERVED: (&str, &str) =
    (marquee_embeddings::DEFAULT_MODEL_FOLDER, include_str!("fixtures/reference-int8-dynamic.json"));
/// The published weight-only model and its reference.
const WEIGHT_ONLY: (&str, &str) =
    (marquee_embeddings::WEIGHT_ONLY_MODEL_FOLDER, include_str!("fixtures/reference-weight-only.json"));

/// The model of a folder under `.local/models` (with the runtime `just models` installs, or `ORT_DYLIB_PATH`).
fn embedder(folder: &str) -> OrtEmbedder {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let (_, runtime) = marquee_embeddings::default_paths(&root);
    let model_dir = root.join(".local/models").join(folder);
    OrtEmbedder::load(&EmbedderConfig::new(&model_dir, &runtime)).unwrap_or_else(|e| {
        panic!("these tests need the models and ONNX Runtime: run `just models` (or `just test`, which does): {e}")
    })
}

fn reference(json: &str) -> Reference {
    serde_json::from_str::<Reference>(json).unwrap()
}

#[test]
fn the_served_model_matches_its_python_reference() {
    vectors_match_the_python_reference(SERVED);
}

#[test]
fn the_weight_only_model_matches_its_python_reference() {
    vectors_match_the_python_reference(WEIGHT_ONLY);
}

#[test]
fn each_model_names_its_own_id_so_their_vectors_are_kept_apart() {
    let served = embedder(SERVED.0);
    let weight_only = embedder(WEIGHT_ONLY.0);
    assert_eq!(served.model_id(), "all-MiniLM-L6-v2/int8-dynamic");
    assert_eq!(weight_only.model_id(), marquee_embeddings::MODEL_ID, "a model without the metadata key");
    assert_eq!(served.model_id(), reference(SERVED.1).model);
    assert_eq!(weight_only.model_id(), reference(WEIGHT_ONLY.1).model);
}

fn vectors_match_the_python_reference((folder, json): (&str, &str)) {
    let embedder = embedder(folder);
    let sentences = reference(json).sentences;
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
    let embedder = embedder(SERVED.0);
    let texts: Vec<String> = reference(SERVED.1).sentences.into_iter().map(|s| s.text).collect();
    let v = embedder.embed_blocking(&texts).unwrap();
    // 0: astronaut on Mars, 1: engineer on the red planet, 2: space thriller query, 3: wardrobe, 4: romcom.
    let mars = dot(&v[0], &v[1]);
    assert!(mars > dot(&v[0], &v[3]) + 0.2 && mars > dot(&v[0], &v[4]) + 0.2, "{mars}");
    assert!(dot(&v[2], &v[0]) > dot(&v[2], &v[3]) && dot(&v[2], &v[0]) > dot(&v[2], &v[4]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_port_embeds_off_the_async_workers_in_order() {
    let embedder = embedder(SERVED.0);
    let texts = vec!["dune".to_owned(), "A lonely astronaut stranded on Mars grows potatoes to survive.".to_owned()];
    let vectors = Embedder::embed(&embedder, &texts).await.unwrap();
    let reference = reference(SERVED.1).sentences;
    assert!(dot(&vectors[0], &reference[7].vector) >= 0.999);
    assert!(dot(&vectors[1], &reference[0].vector) >= 0.999);
    assert!(Embedder::embed(&embedder, &[]).await.unwrap().is_empty());
}

#[test]
fn a_text_gets_the_same_vector_whatever_it_is_embedded_with() {
    // The int8 model quantises activations with one scale per run: batched with other texts, a text's vector would
    // move (cosine 0.995 measured). One text per run, on either session, keeps it the model's answer for that text.
    let embedder = embedder(SERVED.0);
    let texts: Vec<String> = reference(SERVED.1).sentences.into_iter().map(|s| s.text).collect();
    let together = embedder.embed_blocking(&texts).unwrap();
    let reversed: Vec<String> = texts.iter().rev().cloned().collect();
    let backwards = embedder.embed_blocking(&reversed).unwrap();
    for (i, text) in texts.iter().enumerate() {
        let alone = embedder.embed_blocking(std::slice::from_ref(text)).unwrap().remove(0);
        for other in [&together[i], &backwards[texts.len() - 1 - i]] {
            let cosine = dot(&alone, other);
            assert!(&alone == other, "{:?}: cosine {cosine} to the vector embedded alone", &text[..text.len().min(40)]);
        }
    }
}
