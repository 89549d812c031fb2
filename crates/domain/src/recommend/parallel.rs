//! Independent per-user work spread over the machine's cores with `std::thread::scope` (no runtime, no crate).

/// `(0..n).map(f)` computed on up to one thread per available core, each taking one contiguous run; the result is
/// in index order and does not depend on the thread count. A panic in `f` is re-raised on the calling thread.
pub fn map_indices<T: Send>(n: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).clamp(1, n.max(1));
    let run = n.div_ceil(threads).max(1);
    let f = &f;
    std::thread::scope(|scope| {
        let runs: Vec<_> = (0..n)
            .step_by(run)
            .map(|start| scope.spawn(move || (start..(start + run).min(n)).map(f).collect::<Vec<T>>()))
            .collect();
        let mut out = Vec::with_capacity(n);
        for handle in runs {
            match handle.join() {
                Ok(part) => out.extend(part),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_every_index_in_order() {
        assert_eq!(map_indices(7, |i| i * i), [0, 1, 4, 9, 16, 25, 36]);
        assert!(map_indices(0, |i| i).is_empty());
    }
}
