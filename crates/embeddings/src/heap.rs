//! Giving freed heap memory back to the operating system.
//!
//! ONNX Runtime allocates each batch's activations with the C allocator. glibc keeps large freed blocks in its
//! arenas (its mmap threshold rises after the first big free), so without help a process that once embedded a
//! batch of long texts keeps that memory resident for good: measured on the published model, 188 MiB over the runtime's
//! baseline after sixteen 120-token texts, 99 MiB after a trim. [`release_free_memory`] asks glibc to return what
//! is free; the embedder calls it after loading the model and then at most every [`TRIM_EVERY`] after inference
//! (a trim walks the heap, stalling threads that allocate meanwhile, and the next run faults its pages back in; with
//! one text per run little is stranded, so once a minute is enough).

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The shortest time between two trims after inference.
pub const TRIM_EVERY: Duration = Duration::from_mins(1);

static LAST_TRIM_MS: AtomicU64 = AtomicU64::new(0);

/// [`release_free_memory`], unless a trim ran less than [`TRIM_EVERY`] ago (whichever thread ran it).
pub fn release_free_memory_now_and_then() {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64);
    let last = LAST_TRIM_MS.load(Ordering::Relaxed);
    if now.saturating_sub(last) >= TRIM_EVERY.as_millis() as u64
        && LAST_TRIM_MS.compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed).is_ok()
    {
        release_free_memory();
    }
}

/// Returns the C heap's free pages to the system (glibc's `malloc_trim`); a no-op on other C libraries.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
pub fn release_free_memory() {
    unsafe extern "C" {
        fn malloc_trim(pad: usize) -> std::ffi::c_int;
    }
    // SAFETY: `malloc_trim` takes no pointers, only releases pages glibc holds as free, and locks each arena it
    // trims, so it is safe to call from any thread at any time.
    unsafe {
        malloc_trim(0);
    }
}

/// Returns the C heap's free pages to the system (glibc's `malloc_trim`); a no-op on other C libraries.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn release_free_memory() {}
