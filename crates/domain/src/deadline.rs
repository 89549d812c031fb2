//! The time by which the caller needs its answer, carried through a request without threading it through every
//! port.
//!
//! The edge that receives a request (the HTTP layer) runs its handling [`within`] a deadline counted from the
//! request's arrival; adapters that wait on the outside world (the PostgreSQL store) read [`current`] and give up by
//! then, whatever else their own limits allow. So a request that queued for a connection, a writer's turn or a
//! worker is still answered by its deadline, not by its deadline counted from whenever its last wait began.
//!
//! The deadline lives in a thread-local that [`Within`] sets around each poll of the work it wraps and restores
//! after, so it follows the work across the threads an executor moves it between and never leaks into other tasks
//! polled on the same thread. Work spawned onto another task does not inherit it. Only the standard library is used:
//! the domain stays free of any runtime.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Instant;

thread_local! {
    static CURRENT: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// The deadline of the work being polled on this thread, if it runs [`within`] one (the soonest, when nested).
pub fn current() -> Option<Instant> {
    CURRENT.with(Cell::get)
}

/// Runs `work` with [`current`] answering `deadline`, or the deadline around it if that is sooner. It is not
/// enforced here: the adapters that wait read it and give up.
pub fn within<F: Future>(deadline: Instant, work: F) -> Within<F> {
    Within { deadline, work: Some(Box::pin(work)) }
}

/// Work running under a deadline ([`within`]). Dropping it unfinished drops the work under the deadline too, so an
/// adapter cleaning up after abandoned work still sees it.
#[must_use = "futures do nothing unless polled"]
pub struct Within<F: Future> {
    deadline: Instant,
    /// `None` once finished.
    work: Option<Pin<Box<F>>>,
}

impl<F: Future> std::fmt::Debug for Within<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Within").field("deadline", &self.deadline).finish_non_exhaustive()
    }
}

/// Sets the deadline for the length of `run`, then puts back whatever was there (even if `run` panics).
fn scoped<T>(deadline: Instant, run: impl FnOnce() -> T) -> T {
    struct Restore(Option<Instant>);
    impl Drop for Restore {
        fn drop(&mut self) {
            CURRENT.with(|c| c.set(self.0));
        }
    }
    let outer = current();
    let _restore = Restore(outer);
    CURRENT.with(|c| c.set(Some(outer.map_or(deadline, |o| o.min(deadline)))));
    run()
}

impl<F: Future> Future for Within<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        // `Within` is `Unpin`: the work it pins is boxed.
        let this = &mut *self;
        let Some(work) = this.work.as_mut() else { panic!("`Within` polled after it finished") };
        let polled = scoped(this.deadline, || work.as_mut().poll(cx));
        if polled.is_ready() {
            this.work = None;
        }
        polled
    }
}

impl<F: Future> Drop for Within<F> {
    fn drop(&mut self) {
        if let Some(work) = self.work.take() {
            scoped(self.deadline, move || drop(work));
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::task::{Wake, Waker};
    use std::time::Duration;

    use super::*;

    struct Noop;
    impl Wake for Noop {
        fn wake(self: Arc<Self>) {}
    }

    /// Polls `future` once on this thread.
    fn poll_once<F: Future + Unpin>(future: &mut F) -> Poll<F::Output> {
        let waker = Waker::from(Arc::new(Noop));
        Pin::new(future).poll(&mut Context::from_waker(&waker))
    }

    /// Pending on its first poll, ready on the second; records the deadline it saw each time.
    struct Probe {
        seen: Vec<Option<Instant>>,
    }
    impl Future for Probe {
        type Output = Vec<Option<Instant>>;
        fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Self::Output> {
            self.seen.push(current());
            if self.seen.len() < 2 { Poll::Pending } else { Poll::Ready(std::mem::take(&mut self.seen)) }
        }
    }

    #[test]
    fn the_work_sees_its_deadline_while_polled_and_nothing_leaks_out() {
        let at = Instant::now() + Duration::from_secs(2);
        let mut work = within(at, Probe { seen: Vec::new() });
        assert_eq!(poll_once(&mut work), Poll::Pending);
        assert_eq!(current(), None, "other work on this thread sees no deadline between polls");
        assert_eq!(poll_once(&mut work), Poll::Ready(vec![Some(at), Some(at)]));
        assert_eq!(current(), None);
    }

    #[test]
    fn nested_deadlines_keep_the_soonest() {
        let soon = Instant::now() + Duration::from_millis(100);
        let late = soon + Duration::from_secs(1);
        let mut inner_late = within(soon, within(late, Probe { seen: Vec::new() }));
        let _ = poll_once(&mut inner_late);
        assert_eq!(poll_once(&mut inner_late), Poll::Ready(vec![Some(soon), Some(soon)]));
        let mut inner_soon = within(late, within(soon, Probe { seen: Vec::new() }));
        let _ = poll_once(&mut inner_soon);
        assert_eq!(poll_once(&mut inner_soon), Poll::Ready(vec![Some(soon), Some(soon)]));
    }

    /// Records the deadline in force when it is dropped.
    struct DropProbe(Arc<std::sync::Mutex<Vec<Option<Instant>>>>);
    impl Future for DropProbe {
        type Output = ();
        fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
            Poll::Pending
        }
    }
    impl Drop for DropProbe {
        fn drop(&mut self) {
            self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(current());
        }
    }

    #[test]
    fn abandoned_work_is_dropped_under_its_deadline() {
        let at = Instant::now() + Duration::from_secs(1);
        let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
        let mut work = within(at, DropProbe(Arc::clone(&seen)));
        assert_eq!(poll_once(&mut work), Poll::Pending);
        drop(work);
        assert_eq!(*seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner), [Some(at)]);
        assert_eq!(current(), None);
    }
}
