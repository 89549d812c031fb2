//! Load on the placement answer endpoint (`just bench-placement-http`, run by `bench/placement-load.sh`): one
//! session loop per connection, each on its own seeded user. A loop starts a session placing the user's next
//! unranked title into a random tier, answers `new` or `existing` at random until the title is placed, then
//! starts the next one, for the whole run. Only `POST /api/v1/me/placements/{id}/answers` is timed for the
//! answer figures (starts are reported apart), twice: as seen by this client (queueing in the client and the
//! kernel included) and as the server reports it in `Server-Timing: app;dur=` (routing to response).
//!
//! With `THINK_MS` set, each loop waits a random 0.5–1.5 × `THINK_MS` before each start and each answer, as a
//! person choosing a title or reading a question does; unset (0), the loops answer back to back, which measures throughput rather than latency.
//!
//!     placement_load URL DATA_DIR [CONNECTIONS] [SECONDS]
//!
//! `DATA_DIR` is what `bench/seed_load.py` writes (`users.txt`, `titles.txt`). Prints one JSON line.

#![allow(clippy::print_stdout, clippy::cast_precision_loss, reason = "a benchmark client printing its figures")]

use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use serde_json::{Value, json};

const TIERS: [&str; 5] = ["S", "A", "B", "C", "D"];

struct Seeded {
    token: String,
    next_title: usize,
}

#[derive(Default)]
struct Timings {
    answers: Vec<Duration>,
    /// The server's own time for each answer, from `Server-Timing`.
    server: Vec<Duration>,
    /// The same for the answers that placed the title (the rest asked another question).
    server_placing: Vec<Duration>,
    starts: Vec<Duration>,
    placed: u64,
    errors: u64,
}

fn read_seed(dir: &str) -> anyhow::Result<(Vec<Seeded>, Vec<String>)> {
    let users = std::fs::read_to_string(format!("{dir}/users.txt")).context("users.txt")?;
    let users = users
        .lines()
        .filter_map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            Some(Seeded { token: (*fields.get(1)?).to_owned(), next_title: fields.last()?.parse().ok()? })
        })
        .collect();
    let titles = std::fs::read_to_string(format!("{dir}/titles.txt")).context("titles.txt")?;
    Ok((users, titles.lines().map(str::to_owned).collect()))
}

/// One connection's loop until `until`.
async fn session_loop(
    client: reqwest::Client,
    base: String,
    user: Seeded,
    titles: std::sync::Arc<Vec<String>>,
    until: Instant,
    seed: u64,
    think: Duration,
) -> Timings {
    let mut timings = Timings::default();
    let mut next = user.next_title;
    // A small xorshift: reproducible per connection, and no lock shared between the loops.
    let mut rng = seed | 1;
    let mut roll = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let auth = format!("Bearer {}", user.token);
    while Instant::now() < until {
        let media = &titles[next % titles.len()];
        next += 1;
        let tier = TIERS[(roll() % 5) as usize];
        // Choosing the next title to place takes a person about as long as answering a question.
        pause(think, roll()).await;
        let started = Instant::now();
        let response = client
            .post(format!("{base}/api/v1/me/placements"))
            .header("authorization", &auth)
            .json(&json!({"media_id": media, "tier": tier}))
            .send()
            .await;
        let Ok(response) = response else {
            timings.errors += 1;
            continue;
        };
        let status = response.status();
        let mut body: Value = response.json().await.unwrap_or(Value::Null);
        timings.starts.push(started.elapsed());
        if status.as_u16() == 409 {
            continue; // Ranked already (the seed ranked it): the next title.
        }
        if !status.is_success() {
            timings.errors += 1;
            continue;
        }
        while body["status"] == "comparing" {
            let Some(id) = body["session_id"].as_str().map(str::to_owned) else { break };
            let prefer = if roll() % 2 == 0 { "new" } else { "existing" };
            pause(think, roll()).await;
            let started = Instant::now();
            let response = client
                .post(format!("{base}/api/v1/me/placements/{id}/answers"))
                .header("authorization", &auth)
                .json(&json!({"prefer": prefer}))
                .send()
                .await;
            let Ok(response) = response else {
                timings.errors += 1;
                break;
            };
            let ok = response.status().is_success();
            let server = response.headers().get("server-timing").and_then(|v| server_ms(v.to_str().ok()?));
            body = response.json().await.unwrap_or(Value::Null);
            timings.answers.push(started.elapsed());
            if let Some(ms) = server {
                let time = Duration::from_secs_f64(ms / 1000.0);
                timings.server.push(time);
                if body["status"] == "placed" {
                    timings.server_placing.push(time);
                }
            }
            if !ok {
                timings.errors += 1;
                break;
            }
        }
        if body["status"] == "placed" {
            timings.placed += 1;
        }
    }
    timings
}

/// A person's pause: 0.5–1.5 × `think`, drawn from `roll`.
async fn pause(think: Duration, roll: u64) {
    if !think.is_zero() {
        tokio::time::sleep(think.mul_f64(0.5 + (roll % 1_000) as f64 / 1_000.0)).await;
    }
}

/// The `dur` of `app;dur=<ms>`.
fn server_ms(header: &str) -> Option<f64> {
    header.split(',').find_map(|metric| metric.trim().strip_prefix("app;dur="))?.parse().ok()
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "an index into a non-empty slice")]
    let i = ((sorted.len() as f64 * p / 100.0).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i].as_secs_f64() * 1000.0
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, base, dir, rest @ ..] = args.as_slice() else {
        bail!("usage: placement_load URL DATA_DIR [CONNECTIONS] [SECONDS]");
    };
    let connections: usize = rest.first().map_or(Ok(64), |c| c.parse())?;
    let seconds: u64 = rest.get(1).map_or(Ok(20), |s| s.parse())?;
    let think_ms: u64 = std::env::var("THINK_MS").ok().map_or(Ok(0), |t| t.parse()).context("THINK_MS")?;
    let think = Duration::from_millis(think_ms);
    let (users, titles) = read_seed(dir)?;
    if users.len() < connections {
        bail!("{connections} connections need as many seeded users; {} found", users.len());
    }
    let titles = std::sync::Arc::new(titles);
    // One client thread: the server gets the rest of the machine, as with wrk.
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let client = reqwest::Client::builder().pool_max_idle_per_host(connections).build()?;
    let base = base.trim_end_matches('/').to_owned();
    let started = Instant::now();
    let until = started + Duration::from_secs(seconds);
    let results = runtime.block_on(async {
        let loops = users.into_iter().take(connections).enumerate().map(|(i, user)| {
            tokio::spawn(session_loop(
                client.clone(),
                base.clone(),
                user,
                titles.clone(),
                until,
                0x9E37_79B9 + i as u64,
                think,
            ))
        });
        futures_join(loops.collect()).await
    })?;
    let elapsed = started.elapsed().as_secs_f64();
    let mut all = Timings::default();
    for t in results {
        all.answers.extend(t.answers);
        all.server.extend(t.server);
        all.server_placing.extend(t.server_placing);
        all.starts.extend(t.starts);
        all.placed += t.placed;
        all.errors += t.errors;
    }
    all.answers.sort_unstable();
    all.server.sort_unstable();
    all.server_placing.sort_unstable();
    all.starts.sort_unstable();
    println!(
        "{}",
        json!({
            "run": "placement_answers",
            "connections": connections,
            "seconds": (elapsed * 10.0).round() / 10.0,
            "answers": all.answers.len(),
            "answers_per_s": (all.answers.len() as f64 / elapsed).round(),
            "p50_ms": (percentile(&all.answers, 50.0) * 100.0).round() / 100.0,
            "p90_ms": (percentile(&all.answers, 90.0) * 100.0).round() / 100.0,
            "p99_ms": (percentile(&all.answers, 99.0) * 100.0).round() / 100.0,
            "max_ms": (percentile(&all.answers, 100.0) * 100.0).round() / 100.0,
            "server_p50_ms": (percentile(&all.server, 50.0) * 100.0).round() / 100.0,
            "server_p99_ms": (percentile(&all.server, 99.0) * 100.0).round() / 100.0,
            "server_max_ms": (percentile(&all.server, 100.0) * 100.0).round() / 100.0,
            "server_over_5ms": all.server.iter().filter(|t| t.as_secs_f64() > 0.005).count(),
            "placing_server_p50_ms": (percentile(&all.server_placing, 50.0) * 100.0).round() / 100.0,
            "placing_server_p99_ms": (percentile(&all.server_placing, 99.0) * 100.0).round() / 100.0,
            "think_ms": think_ms,
            "starts": all.starts.len(),
            "start_p99_ms": (percentile(&all.starts, 99.0) * 100.0).round() / 100.0,
            "placed": all.placed,
            "errors": all.errors,
        })
    );
    Ok(())
}

/// Waits for every loop; a panicked loop is an error.
async fn futures_join(handles: Vec<tokio::task::JoinHandle<Timings>>) -> anyhow::Result<Vec<Timings>> {
    let mut out = Vec::with_capacity(handles.len());
    for handle in handles {
        out.push(handle.await?);
    }
    Ok(out)
}
