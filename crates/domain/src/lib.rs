//! Marquee's pure core.
//!
//! Everything here is synchronous math, validated value types, entities, the use-case services and the ports
//! (async traits) those services need. No I/O crate may enter this crate: `.ci/run` fails when
//! `cargo tree -p marquee-domain` shows tokio, actix-web, diesel, diesel-async, reqwest, ort or tokenizers.

#![cfg_attr(test, allow(clippy::float_cmp))]

pub mod account;
pub mod activity;
pub mod availability;
pub mod book;
pub mod catalog;
pub mod csv;
pub mod deadline;
pub mod error;
pub mod hashing;
pub mod health;
pub mod identity;
pub mod imports;
pub mod media;
pub mod outline;
pub mod page;
pub mod people;
pub mod placement;
pub mod rank;
pub mod ranking;
pub mod recommend;
pub mod remote;
pub mod score;
pub mod semantic;
pub mod session;
pub mod slot;
pub mod taste;
pub mod text;
pub mod tier;
pub mod trigram;
pub mod user;

pub use error::{FieldError, StoreError, StoreErrorKind};
pub use page::{Page, PageRequest};

pub mod bradley_terry;
pub mod consensus;
pub mod elo;
pub mod feed;
pub mod leaderboard;
pub mod matchup;
pub mod privacy;
pub mod social;
pub mod sync;
