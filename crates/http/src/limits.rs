//! Abuse limits at the edge: sign-in and registration rate limits, the sign-in back-off per account, and how the
//! client's address is found.
//!
//! Rate limits are keyed GCRA limiters from `governor`: a quota of `n` per period lets a burst of `n` through and
//! then one more every period / `n`. Sign-in is limited per client address and per account (every attempt counts);
//! registration per client address. On top of that, wrong passwords back off per account: after a few free
//! failures each further one locks the account's sign-in for twice as long as the last (1 s, 2 s, 4 s, … up to a
//! cap), whatever the address. A lock answers 429 without checking the password, so it neither reveals whether the
//! password was right nor costs a hash; unknown addresses back off the same way, so a lock tells nothing about
//! whether an account exists.
//!
//! Everything here lives in the process: several instances each keep their own counts.

use std::collections::HashMap;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::num::{NonZeroU32, NonZeroUsize};
use std::str::FromStr;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use actix_web::HttpRequest;
use actix_web::http::header::HeaderMap;
use governor::clock::{Clock as _, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};
use marquee_domain::user::Email;

use crate::error::ApiError;

/// A quota: `count` requests per `per`, as a burst of `count` refilled evenly over `per`. Written `10/min`
/// (units: `s`, `min`, `h`, `day`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    /// Requests allowed in one period (the burst).
    pub count: NonZeroU32,
    /// The period.
    pub per: Duration,
}

impl Rate {
    /// `count` per `per`; `None` when either is zero.
    pub fn new(count: u32, per: Duration) -> Option<Self> {
        let count = NonZeroU32::new(count)?;
        (!per.is_zero()).then_some(Self { count, per })
    }

    fn quota(self) -> Quota {
        // A period shorter than a nanosecond per request cannot happen for the sane quotas FromStr accepts.
        let refill = (self.per / self.count.get()).max(Duration::from_nanos(1));
        Quota::with_period(refill).map_or_else(|| Quota::per_second(self.count), |q| q.allow_burst(self.count))
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.per.as_secs();
        let unit = match secs {
            86_400 => "day".to_owned(),
            3_600 => "h".to_owned(),
            60 => "min".to_owned(),
            1 => "s".to_owned(),
            n => format!("{n}s"),
        };
        write!(f, "{}/{unit}", self.count)
    }
}

impl FromStr for Rate {
    type Err = String;

    fn from_str(raw: &str) -> Result<Self, String> {
        let usage = || format!("{raw:?} is not a rate: write COUNT/UNIT, e.g. 10/min (units: s, min, h, day)");
        let (count, unit) = raw.trim().split_once('/').ok_or_else(usage)?;
        let count: u32 = count.trim().parse().map_err(|_| usage())?;
        let per = match unit.trim() {
            "s" | "sec" | "second" => Duration::from_secs(1),
            "m" | "min" | "minute" => Duration::from_mins(1),
            "h" | "hour" => Duration::from_hours(1),
            "d" | "day" => Duration::from_hours(24),
            _ => return Err(usage()),
        };
        Rate::new(count, per).ok_or_else(|| format!("{raw:?}: the count must be at least 1 (or turn the limit off)"))
    }
}

/// Which header, set by a trusted reverse proxy, names the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ForwardedHeader {
    /// `X-Forwarded-For: client, proxy1, proxy2`.
    XForwardedFor,
    /// RFC 7239 `Forwarded: for=client, for=proxy1`.
    Forwarded,
}

/// How the client's address is found, for the per-address limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClientIp {
    /// The TCP peer: right when clients connect directly (and the safe default: headers can be forged).
    #[default]
    Peer,
    /// The address `hops` entries from the right of a forwarding header: each trusted proxy appends the address it
    /// was connected from, so the entry the nearest `hops` proxies wrote is the first one a client cannot forge.
    /// A request whose header has fewer entries did not come through the proxies and counts under its peer.
    Header {
        /// The header to read.
        header: ForwardedHeader,
        /// Trusted proxies in front of the service (usually 1).
        hops: NonZeroUsize,
    },
}

impl ClientIp {
    /// The address a request is counted under. IPv6 addresses are cut to their /64 (one host usually holds a whole
    /// /64); a request without a peer (in-process tests) counts as `0.0.0.0`.
    pub fn of(self, req: &HttpRequest) -> IpAddr {
        let peer = req.peer_addr().map(|a| a.ip());
        let ip = match self {
            ClientIp::Peer => peer,
            ClientIp::Header { header, hops } => forwarded_client(req.headers(), header, hops.get()).or(peer),
        };
        bucket(ip.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED)))
    }
}

fn bucket(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(Ipv6Addr::from(v6.to_bits() & !u128::from(u64::MAX))),
        },
        v4 @ IpAddr::V4(_) => v4,
    }
}

/// The client named `hops` entries from the right of the forwarding chain, if the chain is that long and the entry
/// is an address.
fn forwarded_client(headers: &HeaderMap, header: ForwardedHeader, hops: usize) -> Option<IpAddr> {
    let name = match header {
        ForwardedHeader::XForwardedFor => "x-forwarded-for",
        ForwardedHeader::Forwarded => "forwarded",
    };
    // Several header lines form one list, in order.
    let mut chain = Vec::new();
    for line in headers.get_all(name) {
        let line = line.to_str().ok()?;
        for element in line.split(',') {
            let node = match header {
                ForwardedHeader::XForwardedFor => Some(element),
                ForwardedHeader::Forwarded => element.split(';').find_map(|pair| {
                    let (key, value) = pair.split_once('=')?;
                    key.trim().eq_ignore_ascii_case("for").then_some(value)
                }),
            };
            chain.push(node.map(str::trim));
        }
    }
    let at = chain.len().checked_sub(hops)?;
    parse_node(chain[at]?)
}

/// An address as forwarding headers write it: `192.0.2.1`, `192.0.2.1:4711`, `"[2001:db8::1]:4711"`, `2001:db8::1`.
fn parse_node(node: &str) -> Option<IpAddr> {
    let node = node.trim_matches('"');
    if let Some(rest) = node.strip_prefix('[') {
        return rest.split_once(']').and_then(|(ip, _)| ip.parse().ok());
    }
    node.parse().ok().or_else(|| node.parse::<std::net::SocketAddr>().ok().map(|a| a.ip()))
}

/// When wrong passwords start to lock an account's sign-in, and the longest lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackoffSettings {
    /// Wrong passwords in a row that cost nothing.
    pub free_failures: u32,
    /// The longest lock; an account's failures are forgotten once it has been quiet this long after its last lock
    /// ended (so waiting out each lock never starts the count again).
    pub max_lock: Duration,
}

impl Default for BackoffSettings {
    fn default() -> Self {
        Self { free_failures: 5, max_lock: Duration::from_mins(15) }
    }
}

/// Every limit, as configured; `None` turns one off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LimitSettings {
    /// Sign-in attempts per client address.
    pub login_per_ip: Option<Rate>,
    /// Sign-in attempts per account (e-mail address).
    pub login_per_account: Option<Rate>,
    /// Registrations per client address.
    pub register_per_ip: Option<Rate>,
    /// Back-off after wrong passwords.
    pub backoff: Option<BackoffSettings>,
    /// How the client's address is found.
    pub client_ip: ClientIp,
}

impl LimitSettings {
    /// No limit at all: what [`AppState::builder`](crate::AppState::builder) starts with (the binary sets the configured
    /// ones; tests that register many accounts from one in-process address keep this).
    pub const fn unlimited() -> Self {
        Self {
            login_per_ip: None,
            login_per_account: None,
            register_per_ip: None,
            backoff: None,
            client_ip: ClientIp::Peer,
        }
    }
}

impl Default for LimitSettings {
    /// The production defaults: 30 sign-ins a minute per address, 10 a minute per account, 10 registrations an
    /// hour per address, back-off after 5 wrong passwords up to 15 minutes, the peer address.
    fn default() -> Self {
        Self {
            login_per_ip: Rate::new(30, Duration::from_mins(1)),
            login_per_account: Rate::new(10, Duration::from_mins(1)),
            register_per_ip: Rate::new(10, Duration::from_hours(1)),
            backoff: Some(BackoffSettings::default()),
            client_ip: ClientIp::Peer,
        }
    }
}

/// How many checks pass between sweeps of idle keys out of the limiters.
const SWEEP_EVERY: u64 = 4096;

/// Records kept by the back-off before it sweeps forgotten ones (and, if all are recent, stops adding new ones).
const BACKOFF_CAPACITY: usize = 200_000;

/// The limiters of a running app; shared by every worker.
pub struct Limits {
    settings: LimitSettings,
    login_ip: Option<DefaultKeyedRateLimiter<IpAddr>>,
    login_account: Option<DefaultKeyedRateLimiter<String>>,
    register_ip: Option<DefaultKeyedRateLimiter<IpAddr>>,
    backoff: Option<Backoff>,
    checks: AtomicU64,
}

impl fmt::Debug for Limits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Limits").field("settings", &self.settings).finish_non_exhaustive()
    }
}

impl Limits {
    /// Limiters for these settings.
    pub fn new(settings: LimitSettings) -> Self {
        Self {
            login_ip: keyed(settings.login_per_ip),
            login_account: keyed(settings.login_per_account),
            register_ip: keyed(settings.register_per_ip),
            backoff: settings.backoff.map(Backoff::new),
            checks: AtomicU64::new(0),
            settings,
        }
    }

    /// The settings these limiters follow.
    pub fn settings(&self) -> &LimitSettings {
        &self.settings
    }

    /// The address `req` is counted under.
    pub fn client_ip(&self, req: &HttpRequest) -> IpAddr {
        self.settings.client_ip.of(req)
    }

    /// Counts a sign-in attempt for `email` from `ip`; 429 when the address or the account is over its rate, or the
    /// account is locked after wrong passwords.
    pub fn check_login(&self, ip: IpAddr, email: &str) -> Result<(), ApiError> {
        self.sweep();
        check(self.login_ip.as_ref(), &ip)?;
        let account = account_key(email);
        if let Some(backoff) = &self.backoff
            && let Some(wait) = backoff.locked(&account, Instant::now())
        {
            return Err(too_many(wait));
        }
        check(self.login_account.as_ref(), &account)
    }

    /// Records a wrong password (or unknown address) for `email`.
    pub fn login_failed(&self, email: &str) {
        if let Some(backoff) = &self.backoff {
            backoff.fail(account_key(email), Instant::now());
        }
    }

    /// Clears `email`'s back-off after a successful sign-in.
    pub fn login_succeeded(&self, email: &str) {
        if let Some(backoff) = &self.backoff {
            backoff.clear(&account_key(email));
        }
    }

    /// Counts a registration from `ip`; 429 when the address is over its rate.
    pub fn check_register(&self, ip: IpAddr) -> Result<(), ApiError> {
        self.sweep();
        check(self.register_ip.as_ref(), &ip)
    }

    /// Now and then, drops the keys whose limit has fully refilled, so memory follows the active clients only.
    fn sweep(&self) {
        if !self.checks.fetch_add(1, Ordering::Relaxed).is_multiple_of(SWEEP_EVERY) {
            return;
        }
        for limiter in [&self.login_ip, &self.register_ip].into_iter().flatten() {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
        if let Some(limiter) = &self.login_account {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }
}

/// The key an e-mail address is counted under: its normalised form, or one shared key for every malformed address
/// (they cannot sign in anyway), so junk cannot grow the tables.
fn account_key(email: &str) -> String {
    Email::parse(email).map(|e| e.as_str().to_owned()).unwrap_or_default()
}

fn keyed<K: std::hash::Hash + Eq + Clone>(rate: Option<Rate>) -> Option<DefaultKeyedRateLimiter<K>> {
    rate.map(|r| governor::RateLimiter::keyed(r.quota()))
}

fn check<K: std::hash::Hash + Eq + Clone>(
    limiter: Option<&DefaultKeyedRateLimiter<K>>,
    key: &K,
) -> Result<(), ApiError> {
    match limiter.map(|l| l.check_key(key)) {
        None | Some(Ok(())) => Ok(()),
        Some(Err(not_until)) => Err(too_many(not_until.wait_time_from(DefaultClock::default().now()))),
    }
}

/// 429 with the wait rounded up to whole seconds, at least one.
pub(crate) fn too_many(wait: Duration) -> ApiError {
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    ApiError::TooManyRequests { retry_after_secs: secs.max(1) }
}

/// Wrong passwords in a row per account, and until when each account is locked.
struct Backoff {
    settings: BackoffSettings,
    records: Mutex<HashMap<String, Failures>>,
}

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    last: Instant,
    locked_until: Instant,
}

impl Backoff {
    fn new(settings: BackoffSettings) -> Self {
        Self { settings, records: Mutex::new(HashMap::new()) }
    }

    fn records(&self) -> std::sync::MutexGuard<'_, HashMap<String, Failures>> {
        // A panic while holding the lock cannot leave a record half-written: every update is one assignment.
        self.records.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// How long `key` is still locked, if it is.
    fn locked(&self, key: &str, now: Instant) -> Option<Duration> {
        let records = self.records();
        let record = records.get(key)?;
        (record.locked_until > now).then(|| record.locked_until - now)
    }

    /// The lock after the `count`-th failure in a row: none for the free ones, then 1 s doubling up to the cap.
    fn lock_after(&self, count: u32) -> Duration {
        let Some(over) = count.checked_sub(self.settings.free_failures + 1) else { return Duration::ZERO };
        Duration::from_secs(1u64 << over.min(40)).min(self.settings.max_lock)
    }

    fn fail(&self, key: String, now: Instant) {
        let forget = self.settings.max_lock;
        let mut records = self.records();
        if records.len() >= BACKOFF_CAPACITY && !records.contains_key(&key) {
            records.retain(|_, r| now < r.locked_until.max(r.last) + forget);
            if records.len() >= BACKOFF_CAPACITY {
                tracing::warn!(records = records.len(), "sign-in back-off table full; not tracking a new account");
                return;
            }
        }
        let record = records.entry(key).or_insert(Failures { count: 0, last: now, locked_until: now });
        if now >= record.locked_until.max(record.last) + forget {
            record.count = 0;
        }
        record.count = record.count.saturating_add(1);
        record.last = now;
        let lock = self.lock_after(record.count);
        record.locked_until = record.locked_until.max(now + lock);
    }

    fn clear(&self, key: &str) {
        self.records().remove(key);
    }
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    #[test]
    fn rates_parse_and_print() {
        assert_eq!("10/min".parse(), Ok(Rate::new(10, Duration::from_mins(1)).unwrap()));
        assert_eq!(" 3 / h ".parse::<Rate>().unwrap().to_string(), "3/h");
        assert_eq!("100/day".parse::<Rate>().unwrap().per, Duration::from_hours(24));
        assert_eq!("5/s".parse::<Rate>().unwrap().to_string(), "5/s");
        for bad in ["10", "ten/min", "10/fortnight", "-1/min", "0/min", ""] {
            assert!(bad.parse::<Rate>().is_err(), "{bad}");
        }
    }

    #[test]
    fn a_keyed_limit_refuses_the_burst_plus_one_and_says_when() {
        let limits = Limits::new(LimitSettings {
            register_per_ip: Rate::new(2, Duration::from_hours(1)),
            ..LimitSettings::unlimited()
        });
        let ip: IpAddr = "192.0.2.7".parse().unwrap();
        assert!(limits.check_register(ip).is_ok());
        assert!(limits.check_register(ip).is_ok());
        match limits.check_register(ip) {
            Err(ApiError::TooManyRequests { retry_after_secs }) => {
                assert!((1_790..=1_800).contains(&retry_after_secs), "{retry_after_secs}");
            }
            other => panic!("expected 429, got {other:?}"),
        }
        assert!(limits.check_register("192.0.2.8".parse().unwrap()).is_ok(), "another address has its own quota");
    }

    #[test]
    fn failures_lock_for_longer_each_time_and_success_clears() {
        let backoff = Backoff::new(BackoffSettings { free_failures: 2, max_lock: Duration::from_secs(10) });
        let t0 = Instant::now();
        backoff.fail("a@example.com".into(), t0);
        backoff.fail("a@example.com".into(), t0);
        assert_eq!(backoff.locked("a@example.com", t0), None, "two free failures");
        // Each failure comes as soon as the previous lock has passed.
        let mut t = t0;
        let secs: Vec<u64> = (0..6)
            .map(|_| {
                backoff.fail("a@example.com".into(), t);
                let lock = backoff.locked("a@example.com", t).unwrap_or_default();
                t += lock;
                lock.as_secs()
            })
            .collect();
        assert_eq!(secs, [1, 2, 4, 8, 10, 10], "doubling up to the cap");
        assert_eq!(backoff.locked("b@example.com", t0), None, "other accounts are not touched");
        backoff.clear("a@example.com");
        assert_eq!(backoff.locked("a@example.com", t0 + Duration::from_secs(500)), None);
    }

    #[test]
    fn a_quiet_account_is_forgotten() {
        let backoff = Backoff::new(BackoffSettings { free_failures: 1, max_lock: Duration::from_mins(1) });
        let t0 = Instant::now();
        for _ in 0..3 {
            backoff.fail("a@example.com".into(), t0);
        }
        assert!(backoff.locked("a@example.com", t0).is_some());
        let later = t0 + Duration::from_mins(10);
        backoff.fail("a@example.com".into(), later);
        assert_eq!(backoff.locked("a@example.com", later), None, "the count started again");
    }

    #[test]
    fn the_account_key_is_normalised_and_junk_shares_one() {
        assert_eq!(account_key(" Ada@Example.COM "), "ada@example.com");
        assert_eq!(account_key("not an address"), account_key("another junk"));
    }

    #[test]
    fn the_client_is_the_peer_unless_a_proxy_is_trusted() {
        let req = TestRequest::default()
            .peer_addr("10.0.0.2:5000".parse().unwrap())
            .insert_header(("x-forwarded-for", "203.0.113.9, 198.51.100.4"))
            .to_http_request();
        assert_eq!(ClientIp::Peer.of(&req), "10.0.0.2".parse::<IpAddr>().unwrap());
        let one = NonZeroUsize::new(1).unwrap();
        let xff = ClientIp::Header { header: ForwardedHeader::XForwardedFor, hops: one };
        assert_eq!(xff.of(&req), "198.51.100.4".parse::<IpAddr>().unwrap(), "the entry the proxy appended");
        let two = ClientIp::Header { header: ForwardedHeader::XForwardedFor, hops: NonZeroUsize::new(2).unwrap() };
        assert_eq!(two.of(&req), "203.0.113.9".parse::<IpAddr>().unwrap());
        let three = ClientIp::Header { header: ForwardedHeader::XForwardedFor, hops: NonZeroUsize::new(3).unwrap() };
        assert_eq!(three.of(&req), "10.0.0.2".parse::<IpAddr>().unwrap(), "a chain too short counts as the peer");
        let no_header = TestRequest::default().peer_addr("10.0.0.3:1".parse().unwrap()).to_http_request();
        assert_eq!(xff.of(&no_header), "10.0.0.3".parse::<IpAddr>().unwrap());
        assert_eq!(ClientIp::Peer.of(&TestRequest::default().to_http_request()), IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    }

    #[test]
    fn forwarded_elements_are_parsed() {
        let req = TestRequest::default()
            .insert_header(("forwarded", r#"for=192.0.2.60;proto=http, For="[2001:db8:cafe::17]:4711""#))
            .to_http_request();
        let one = ClientIp::Header { header: ForwardedHeader::Forwarded, hops: NonZeroUsize::new(1).unwrap() };
        assert_eq!(one.of(&req), "2001:db8:cafe::".parse::<IpAddr>().unwrap(), "IPv6 counts per /64");
        let two = ClientIp::Header { header: ForwardedHeader::Forwarded, hops: NonZeroUsize::new(2).unwrap() };
        assert_eq!(two.of(&req), "192.0.2.60".parse::<IpAddr>().unwrap());
        assert_eq!(parse_node("192.0.2.1:80"), Some("192.0.2.1".parse().unwrap()));
        assert_eq!(parse_node("unknown"), None);
        assert_eq!(parse_node("_hidden"), None);
    }
}
