//! The request deadline: each request runs [`within`](marquee_domain::deadline::within) a deadline counted from its
//! arrival, so the store gives up on a database that does not answer in time however long the request queued
//! before its store call (for a connection, a writer's turn, a worker), and the 503 is out before the configured
//! time has passed ([`AppBuilder::request_deadline`](crate::AppBuilder::request_deadline)).
//!
//! The store gets the budget less a margin for answering ([`store_share`]): after the store gives up, the error is
//! logged, rendered as problem+json and written to the socket, which takes milliseconds on a quiet machine and more
//! on a loaded one.

use std::time::{Duration, Instant};

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::web;

use crate::AppState;

/// The least time kept for answering after the store has given up.
const MIN_MARGIN: Duration = Duration::from_millis(50);

/// How much of a request's `budget` its store calls may use, counted from its arrival: all but a tenth (at least
/// [`MIN_MARGIN`], at most half), which is kept for answering. 2 s leave the store 1.8 s.
pub fn store_share(budget: Duration) -> Duration {
    let margin = (budget / 10).max(MIN_MARGIN).min(budget / 2);
    budget.saturating_sub(margin)
}

/// The middleware: runs the rest of the request within its deadline, when the app has one.
pub(crate) async fn request_deadline(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let arrived = Instant::now();
    match req.app_data::<web::Data<AppState>>().and_then(|state| state.request_deadline) {
        Some(budget) => marquee_domain::deadline::within(arrived + store_share(budget), next.call(req)).await,
        None => next.call(req).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_store_gets_the_budget_less_a_margin_for_answering() {
        assert_eq!(store_share(Duration::from_secs(2)), Duration::from_millis(1_800));
        assert_eq!(store_share(Duration::from_millis(400)), Duration::from_millis(350), "at least 50 ms kept");
        assert_eq!(store_share(Duration::from_millis(60)), Duration::from_millis(30), "at most half kept");
        assert_eq!(store_share(Duration::ZERO), Duration::ZERO);
    }
}
