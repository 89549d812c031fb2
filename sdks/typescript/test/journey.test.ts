// A user's journey through Marquee written only with the TypeScript client (`@marquee/client`), against a live
// server (`just sdk-test` starts it and sets MARQUEE_URL). The tests run in order and share what they made; each area
// of the API has its own test. A middleware records every operation called, and the last test names any operation
// of docs/openapi.json that no test called.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { test } from "node:test";

import type { Middleware } from "openapi-fetch";
import {
  createMarqueeClient,
  multipart,
  problemCode,
  type MarqueeClient,
  type Problem,
  type components,
} from "@marquee/client";

type Schemas = components["schemas"];

const baseUrl = process.env.MARQUEE_URL ?? "";
const adminEmail = process.env.MARQUEE_ADMIN_EMAIL ?? "";
const adminPassword = process.env.MARQUEE_ADMIN_PASSWORD ?? "";
const run = randomUUID().slice(0, 8);

/** `METHOD /path/{template}` of every request sent. */
const called = new Set<string>();
const recorder: Middleware = {
  onRequest({ request, schemaPath }) {
    called.add(`${request.method} ${schemaPath}`);
  },
};

function client(token?: string): MarqueeClient {
  const api = createMarqueeClient(token ? { baseUrl, token } : { baseUrl });
  api.use(recorder);
  return api;
}

/** An answer's body, after checking its status. */
function ok<T>(result: { data?: T; error?: unknown; response: Response }, status = 200): T {
  assert.equal(result.response.status, status, `${result.response.url}: ${JSON.stringify(result.error)}`);
  assert.ok(result.data !== undefined, `${result.response.url}: no body`);
  return result.data;
}

/** Checks a body-less success. */
function done(result: { error?: unknown; response: Response }, status = 204): void {
  assert.equal(result.response.status, status, `${result.response.url}: ${JSON.stringify(result.error)}`);
}

/** An error answer's problem, after checking its status and its `type`. */
function problem(result: { error?: unknown; response: Response }, status: number, code: string): Problem {
  assert.equal(result.response.status, status, `${result.response.url}: ${JSON.stringify(result.error)}`);
  assert.equal(result.response.headers.get("content-type"), "application/problem+json");
  assert.equal(problemCode(result.error), code, JSON.stringify(result.error));
  return result.error as Problem;
}

const anonymous = client();
const state: {
  ada?: MarqueeClient;
  bob?: MarqueeClient;
  admin?: MarqueeClient;
  adaId?: string;
  bobId?: string;
  book?: string;
  movies: Record<string, string>;
} = { movies: {} };

function signedIn(name: "ada" | "bob" | "admin"): MarqueeClient {
  const api = state[name];
  assert.ok(api, `${name} is not signed in: the accounts test runs first`);
  return api;
}

/** The id of a demo catalog title, found with the title search (signed out). */
async function find(title: string, kind: Schemas["MediaKindName"]): Promise<string> {
  const page = ok(await anonymous.GET("/api/v1/media/search", { params: { query: { q: title, kind, limit: 5 } } }));
  const hit = page.items.find((item) => item.title === title);
  assert.ok(hit, `${title} is not in the demo catalog`);
  return hit.id;
}

const GOODREADS_CSV =
  "Book Id,Title,Author,Author l-f,Additional Authors,ISBN,ISBN13,My Rating,Average Rating,Publisher,Binding," +
  "Number of Pages,Year Published,Original Publication Year,Date Read,Date Added,Bookshelves," +
  "Bookshelves with positions,Exclusive Shelf,My Review,Spoiler,Private Notes,Read Count,Owned Copies\n" +
  '518848,"Sabriel (Abhorsen, #1)",Garth Nix,"Nix, Garth",,"=""0064471837""","=""9780064471831""",4,4.19,' +
  "Harper Trophy,Paperback,491,1996,1995,2023/02/11,2023/01/29,fantasy,fantasy (#3),read,,,,1,0\n" +
  '50202953,Piranesi,Susanna Clarke,"Clarke, Susanna",,"=""163557563X""","=""9781635575637""",0,4.22,' +
  "Bloomsbury Publishing,Hardcover,272,2020,2020,,2024/11/20,to-read,to-read (#1),to-read,,,,0,0\n";

const IMDB_CSV =
  "Const,Your Rating,Date Rated,Title,Original Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes," +
  "Release Date,Directors\n" +
  "tt0111161,10,2024-02-01,The Shawshank Redemption,The Shawshank Redemption,https://www.imdb.com/title/tt0111161/," +
  "Movie,9.3,142,1994,Drama,3000000,1994-09-23,Frank Darabont\n";
const LETTERBOXD_CSV = "Date,Name,Year,Letterboxd URI,Rating\n2023-03-04,Alien,1979,https://boxd.it/2a,4.5\n";

/** A one-file ZIP archive, stored (no compression), as Letterboxd's export is read. */
function zip(name: string, text: string): Uint8Array<ArrayBuffer> {
  const data = new TextEncoder().encode(text);
  const file = new TextEncoder().encode(name);
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  crc = (crc ^ 0xffffffff) >>> 0;
  const local = new DataView(new ArrayBuffer(30));
  local.setUint32(0, 0x04034b50, true);
  local.setUint16(4, 20, true);
  local.setUint32(14, crc, true);
  local.setUint32(18, data.length, true);
  local.setUint32(22, data.length, true);
  local.setUint16(26, file.length, true);
  const central = new DataView(new ArrayBuffer(46));
  central.setUint32(0, 0x02014b50, true);
  central.setUint16(4, 20, true);
  central.setUint16(6, 20, true);
  central.setUint32(16, crc, true);
  central.setUint32(20, data.length, true);
  central.setUint32(24, data.length, true);
  central.setUint16(28, file.length, true);
  const end = new DataView(new ArrayBuffer(22));
  const centralAt = 30 + file.length + data.length;
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, 1, true);
  end.setUint16(10, 1, true);
  end.setUint32(12, 46 + file.length, true);
  end.setUint32(16, centralAt, true);
  const parts = [new Uint8Array(local.buffer), file, data, new Uint8Array(central.buffer), file, new Uint8Array(end.buffer)];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

test("health", async () => {
  assert.equal(ok(await anonymous.GET("/health/live")).status, "ok");
  assert.equal(ok(await anonymous.GET("/health/ready")).status, "ok");
});

test("accounts", async () => {
  for (const name of ["ada", "bob"] as const) {
    const body = { email: `${name}-${run}@example.com`, password: "correct horse", display_name: name };
    const token = ok(await anonymous.POST("/api/v1/auth/register", { body }), 201);
    state[name] = client(token.access_token);
    state[name === "ada" ? "adaId" : "bobId"] = token.user.id;
  }
  const short = { email: `cy-${run}@example.com`, password: "short", display_name: "Cy" };
  const refused = problem(await anonymous.POST("/api/v1/auth/register", { body: short }), 422, "validation-failed");
  assert.equal(refused.errors?.[0]?.field, "password");
  const again = { email: `ada-${run}@example.com`, password: "correct horse", display_name: "Ada" };
  problem(await anonymous.POST("/api/v1/auth/register", { body: again }), 409, "conflict");

  const token = ok(await anonymous.POST("/api/v1/auth/login", { body: { email: adminEmail, password: adminPassword } }));
  state.admin = client(token.access_token);
  const wrong = { email: adminEmail, password: "not the password" };
  problem(await anonymous.POST("/api/v1/auth/login", { body: wrong }), 401, "unauthorized");

  const me = ok(await signedIn("ada").GET("/api/v1/auth/me"));
  assert.deepEqual([me.id, me.display_name, me.is_admin], [state.adaId, "ada", false]);
  problem(await client("not-a-token").GET("/api/v1/auth/me"), 401, "unauthorized");
});

// Refresh, sign-out, the password and the account's details, on an account of its own: the others stay as they are
// for the tests that follow (access tokens outlive their session, refresh tokens do not).
test("sessions and account", async () => {
  const email = `dee-${run}@example.com`;
  const password = "first password";
  const first = ok(await anonymous.POST("/api/v1/auth/register", { body: { email, password, display_name: "Dee" } }), 201);
  assert.equal(first.token_type, "Bearer");
  assert.ok(first.refresh_token.length > 0 && first.refresh_expires_in > 0);
  const refresh = (refresh_token: string) => anonymous.POST("/api/v1/auth/refresh", { body: { refresh_token } });
  const refused = async (token: string) => problem(await refresh(token), 401, "unauthorized");

  // A refresh rotates the pair; the spent token presented again ends the session, so its successor stops too.
  const second = ok(await refresh(first.refresh_token));
  assert.notEqual(second.refresh_token, first.refresh_token);
  assert.equal(second.user.id, first.user.id);
  assert.equal(ok(await client(second.access_token).GET("/api/v1/auth/me")).email, email);
  const third = ok(await refresh(second.refresh_token));
  await refused(first.refresh_token);
  await refused(third.refresh_token);
  await refused("not-a-refresh-token");

  // Logging out ends this session only (and may be repeated); logging out everywhere ends the others too.
  const logIn = async (pass: string) => ok(await anonymous.POST("/api/v1/auth/login", { body: { email, password: pass } }));
  const phone = await logIn(password);
  let laptop = await logIn(password);
  done(await client(phone.access_token).POST("/api/v1/auth/logout"));
  done(await client(phone.access_token).POST("/api/v1/auth/logout"));
  await refused(phone.refresh_token);
  laptop = ok(await refresh(laptop.refresh_token));
  const tablet = await logIn(password);
  done(await client(laptop.access_token).POST("/api/v1/auth/logout-all"));
  await refused(laptop.refresh_token);
  await refused(tablet.refresh_token);
  problem(await client("not-a-token").POST("/api/v1/auth/logout-all"), 401, "unauthorized");

  // A new password needs the current one; the other sessions end, this one goes on, and the new one signs in.
  const desk = await logIn(password);
  const other = await logIn(password);
  const atDesk = client(desk.access_token);
  const change = (current_password: string, new_password: string) =>
    atDesk.PUT("/api/v1/auth/password", { body: { current_password, new_password } });
  problem(await change("not the password", "second password"), 403, "forbidden");
  assert.equal(problem(await change(password, "short"), 422, "validation-failed").errors?.[0]?.field, "new_password");
  done(await change(password, "second password"));
  await refused(other.refresh_token);
  ok(await refresh(desk.refresh_token));
  problem(await anonymous.POST("/api/v1/auth/login", { body: { email, password } }), 401, "unauthorized");
  const dee = client((await logIn("second password")).access_token);

  // The display name and the address change; another account's address is taken, a blank name is invalid.
  const me = ok(await dee.PATCH("/api/v1/auth/me", { body: { display_name: "Dee D." } }));
  assert.deepEqual([me.display_name, me.email], ["Dee D.", email]);
  assert.equal(ok(await dee.GET("/api/v1/auth/me")).display_name, "Dee D.");
  problem(await dee.PATCH("/api/v1/auth/me", { body: { email: `ada-${run}@example.com` } }), 409, "conflict");
  const blank = problem(await dee.PATCH("/api/v1/auth/me", { body: { display_name: "   " } }), 422, "validation-failed");
  assert.equal(blank.errors?.[0]?.field, "display_name");
  const moved = ok(await dee.PATCH("/api/v1/auth/me", { body: { email: `Dee.New-${run}@Example.com` } }));
  assert.deepEqual([moved.email, moved.display_name], [`dee.new-${run}@example.com`, "Dee D."]);
  const again = ok(await anonymous.POST("/api/v1/auth/login", { body: { email: moved.email, password: "second password" } }));
  assert.equal(again.user.id, first.user.id);
});

test("catalog", async () => {
  const ada = signedIn("ada");
  const admin = signedIn("admin");
  const dune = await find("Dune", "book");
  assert.equal(ok(await anonymous.GET("/api/v1/media/{id}", { params: { path: { id: dune } } })).title, "Dune");
  problem(await anonymous.GET("/api/v1/media/{id}", { params: { path: { id: randomUUID() } } }), 404, "not-found");
  problem(await anonymous.GET("/api/v1/media/{id}", { params: { path: { id: "not-a-uuid" } } }), 404, "not-found");
  const hybrid = await ada.GET("/api/v1/media/search", { params: { query: { q: "space", mode: "hybrid" } } });
  assert.ok([200, 503].includes(hybrid.response.status));
  const tooMany = await ada.GET("/api/v1/media/search", { params: { query: { q: "dune", limit: 1000 } } });
  problem(tooMany, 422, "validation-failed");

  // A book with its free-form attributes, set and read back.
  const attributes = { author: "Ursula K. Le Guin", pages: 387 };
  const body: Schemas["MediaRequest"] = { kind: "book", title: "The Dispossessed", year: 1974, attributes };
  const book = ok(await ada.POST("/api/v1/media", { body }), 201);
  assert.deepEqual(book.attributes, attributes);
  state.book = book.id;
  const farFuture = await ada.POST("/api/v1/media", { body: { kind: "book", title: "Far future", year: 9999 } });
  assert.equal(problem(farFuture, 422, "validation-failed").errors?.[0]?.field, "year");

  const edit: Schemas["MediaRequest"] = { ...body, genres: ["Science fiction"] };
  const path = { params: { path: { id: book.id } } };
  problem(await ada.PUT("/api/v1/media/{id}", { ...path, body: edit }), 403, "forbidden");
  assert.deepEqual(ok(await admin.PUT("/api/v1/media/{id}", { ...path, body: edit })).genres, ["Science fiction"]);
  const duplicate = ok(await admin.POST("/api/v1/media", { body: { kind: "book", title: "Dispossessed" } }), 201);
  const merged = ok(await admin.POST("/api/v1/media/{id}/merge", { ...path, body: { duplicate_id: duplicate.id } }));
  assert.equal(merged.kept.id, book.id);

  // Semantic search needs the embedding model and the catalog's vectors: 503 `feature-unavailable` without them.
  const semantic = await anonymous.GET("/api/v1/search/semantic", { params: { query: { q: "a lonely astronaut" } } });
  const similar = await anonymous.GET("/api/v1/media/{id}/similar", { params: { path: { id: dune }, query: { limit: 3 } } });
  for (const result of [semantic, similar]) {
    if (result.response.status !== 200) problem(result, 503, "feature-unavailable");
  }
  const availability = await anonymous.GET("/api/v1/media/{id}/availability", {
    params: { path: { id: dune }, query: { region: "GB" } },
  });
  assert.equal(ok(availability).region, "GB");
});

test("list", async () => {
  const ada = signedIn("ada");
  const titles = ["The Godfather", "Pulp Fiction", "Inception", "Parasite", "Arrival"];
  for (const title of titles) state.movies[title] = await find(title, "movie");
  const id = (title: string): string => state.movies[title] ?? assert.fail(title);
  const placed: Record<string, Schemas["RankingResponse"]> = {};
  for (const title of titles.slice(0, 4)) {
    placed[title] = ok(await ada.POST("/api/v1/me/rankings", { body: { media_id: id(title), tier: "A" } }), 201);
  }
  const twice = await ada.POST("/api/v1/me/rankings", { body: { media_id: id("Parasite"), tier: "B" } });
  problem(twice, 409, "conflict");
  const rankingId = (title: string): string => placed[title]?.id ?? assert.fail(title);

  const inception = { params: { path: { id: rankingId("Inception") } } };
  assert.equal(ok(await ada.PATCH("/api/v1/me/rankings/{id}", { ...inception, body: { tier: "S" } })).tier, "S");
  assert.equal(ok(await ada.GET("/api/v1/me/rankings/{id}", inception)).tier, "S");
  const arrival = { params: { path: { media_id: id("Arrival") } } };
  const rated = ok(await ada.PUT("/api/v1/me/ratings/{media_id}", { ...arrival, body: { stars: 5 } }), 201);
  assert.deepEqual([rated.tier, rated.stars], ["S", 5]);
  problem(await ada.PUT("/api/v1/me/ratings/{media_id}", { ...arrival, body: { stars: 9 } }), 422, "validation-failed");
  const parasite = { params: { path: { id: rankingId("Parasite") } } };
  done(await ada.DELETE("/api/v1/me/rankings/{id}", parasite));
  problem(await ada.GET("/api/v1/me/rankings/{id}", parasite), 404, "not-found");

  // Every page, by limit and offset, until `total` is reached.
  const seen: string[] = [];
  for (let offset = 0; ; ) {
    const page = ok(await ada.GET("/api/v1/me/rankings", { params: { query: { limit: 2, offset } } }));
    seen.push(...page.items.map((item) => item.media.title));
    offset += page.items.length;
    if (page.items.length === 0 || offset >= page.total) break;
  }
  assert.deepEqual(seen, ["Inception", "Arrival", "The Godfather", "Pulp Fiction"]);
  const onlyS = ok(await ada.GET("/api/v1/me/rankings", { params: { query: { tier: "S", kind: "movie" } } }));
  assert.deepEqual(onlyS.items.map((item) => item.media.title), ["Inception", "Arrival"]);
});

test("placement", async () => {
  const ada = signedIn("ada");
  const parasite = state.movies["Parasite"] ?? assert.fail("the list test runs first");
  let step = ok(await ada.POST("/api/v1/me/placements", { body: { media_id: parasite, tier: "A" } }), 201);
  assert.equal(step.status, "comparing");
  const session = { params: { path: { id: step.session_id } } };
  step = ok(await ada.POST("/api/v1/me/placements/{id}/answers", { ...session, body: { prefer: "new" } }));
  if (step.status === "comparing") {
    assert.equal(ok(await ada.POST("/api/v1/me/placements/{id}/undo", session)).status, "comparing");
  } else {
    problem(await ada.POST("/api/v1/me/placements/{id}/undo", session), 409, "conflict");
  }
  while (step.status === "comparing") {
    step = ok(await ada.POST("/api/v1/me/placements/{id}/answers", { ...session, body: { prefer: "new" } }));
  }
  assert.equal(step.ranking?.tier, "A");
  problem(await ada.DELETE("/api/v1/me/placements/{id}", session), 409, "conflict");

  const alien = await find("Alien", "movie");
  const other = ok(await ada.POST("/api/v1/me/placements", { body: { media_id: alien, tier: "A" } }), 201);
  done(await ada.DELETE("/api/v1/me/placements/{id}", { params: { path: { id: other.session_id } } }));
  const comparisons = ok(await ada.GET("/api/v1/me/comparisons", { params: { query: { limit: 100 } } }));
  assert.ok(comparisons.total >= 1);
});

test("matchups and charts", async () => {
  const admin = signedIn("admin");
  const four = ["The Godfather", "Pulp Fiction", "Inception", "Arrival"].map((t) => state.movies[t] ?? assert.fail(t));
  const three = await signedIn("ada").PUT("/api/v1/me/top4", { body: { media_ids: four.slice(0, 3) } });
  problem(three, 422, "validation-failed");
  ok(await signedIn("ada").PUT("/api/v1/me/top4", { body: { media_ids: four } }));
  ok(await signedIn("bob").PUT("/api/v1/me/top4", { body: { media_ids: [...four].reverse() } }));
  assert.deepEqual(ok(await signedIn("ada").GET("/api/v1/me/top4")).media.map((m) => m.id), four);
  problem(await admin.GET("/api/v1/me/top4"), 404, "not-found");

  const matchup = await admin.GET("/api/v1/matchups/next");
  if (matchup.data) {
    const path = { params: { path: { id: matchup.data.id } } };
    const vote = ok(await admin.POST("/api/v1/matchups/{id}/vote", { ...path, body: { winner: "a" } }));
    assert.equal(vote.matchup_id, matchup.data.id);
    problem(await admin.POST("/api/v1/matchups/{id}/vote", { ...path, body: { winner: "b" } }), 409, "conflict");
  } else {
    problem(matchup, 404, "not-found");
    const path = { params: { path: { id: randomUUID() } } };
    problem(await admin.POST("/api/v1/matchups/{id}/vote", { ...path, body: { winner: "a" } }), 404, "not-found");
  }
  const board = ok(await anonymous.GET("/api/v1/matchups/leaderboard", { params: { query: { limit: 10 } } }));
  assert.ok(board.total >= 2);
  const chart = ok(await anonymous.GET("/api/v1/charts/consensus", { params: { query: { kind: "movie", limit: 10 } } }));
  assert.equal(chart.limit, 10);
});

test("imports and export", async () => {
  const bob = signedIn("bob");
  const imdb = { file: new Blob([IMDB_CSV], { type: "text/csv" }) };
  const report = ok(await bob.POST("/api/v1/me/imports/imdb", { body: imdb, bodySerializer: multipart }));
  assert.equal(report.source, "imdb");
  const archive = { file: new Blob([zip("ratings.csv", LETTERBOXD_CSV)], { type: "application/zip" }) };
  const letterboxd = await bob.POST("/api/v1/me/imports/letterboxd", { body: archive, bodySerializer: multipart });
  assert.deepEqual(ok(letterboxd).matched.map((row) => row.title), ["Alien"]);
  const broken = { file: new Blob(["PK\u0003\u0004 not a zip"]) };
  const refused = await bob.POST("/api/v1/me/imports/letterboxd", { body: broken, bodySerializer: multipart });
  problem(refused, 400, "malformed-request");
  const library = { file: new Blob([GOODREADS_CSV], { type: "text/csv" }) };
  const books = ok(await bob.POST("/api/v1/me/imports/goodreads", { body: library, bodySerializer: multipart }));
  assert.equal(books.source, "goodreads");
  assert.deepEqual(
    books.watchlist.map((row) => row.title),
    ["Piranesi"],
  );
  const noColumns = { file: new Blob(["Title,Stars\nHeat,4\n"], { type: "text/csv" }) };
  const refusedBooks = await bob.POST("/api/v1/me/imports/goodreads", { body: noColumns, bodySerializer: multipart });
  problem(refusedBooks, 422, "validation-failed");

  const exported = ok(await bob.GET("/api/v1/me/export"));
  assert.equal(exported.format, "marquee-export");
  const csv = ok(await bob.GET("/api/v1/me/export/csv", { parseAs: "text" }));
  assert.ok(csv.startsWith("tier,position,stars,kind,title"), csv);

  // Both back into another account: the JSON document as the body, the CSV as a form's file.
  const ada = signedIn("ada");
  assert.equal(ok(await ada.POST("/api/v1/me/imports/marquee", { body: exported })).source, "marquee");
  const form = { file: new Blob([csv], { type: "text/csv" }) };
  const again = await ada.POST("/api/v1/me/imports/marquee", {
    body: form,
    bodySerializer: multipart,
    params: { query: { partial: true } },
  });
  assert.equal(ok(again).placed, 0);
});

test("social", async () => {
  const ada = signedIn("ada");
  const bob = signedIn("bob");
  const adaId = state.adaId ?? assert.fail();
  const bobId = state.bobId ?? assert.fail();
  const onBob = { params: { path: { id: bobId } } };
  assert.equal(ok(await bob.GET("/api/v1/me/visibility")).visibility, "public");
  ok(await bob.PUT("/api/v1/me/visibility", { body: { visibility: "followers" } }));
  problem(await ada.GET("/api/v1/users/{id}/compatibility", onBob), 403, "forbidden");

  assert.equal(ok(await ada.POST("/api/v1/users/{id}/follow", onBob)).state, "requested");
  done(await bob.POST("/api/v1/me/followers/{id}/approve", { params: { path: { id: adaId } } }));
  const followers = ok(await ada.GET("/api/v1/users/{id}/followers", onBob));
  assert.deepEqual(followers.items.map((f) => f.user_id), [adaId]);
  const following = ok(await ada.GET("/api/v1/users/{id}/following", { params: { path: { id: adaId } } }));
  assert.deepEqual(following.items.map((f) => f.user_id), [bobId]);
  problem(await anonymous.GET("/api/v1/users/{id}/followers", onBob), 403, "forbidden");

  const theirs = await ada.GET("/api/v1/users/{id}/rankings", { params: { path: { id: bobId }, query: { tier: "S" } } });
  assert.ok(ok(theirs).items.every((item) => item.tier === "S"));
  assert.equal(ok(await ada.GET("/api/v1/users/{id}/taste", onBob)).user_id, bobId);
  const score = ok(await ada.GET("/api/v1/users/{id}/compatibility", onBob)).score;
  assert.ok(score >= 0 && score <= 100);

  // The feed, page by page: each answer's `next_cursor` asks for the next, until it is null.
  const entries: Schemas["FeedEntryResponse"][] = [];
  let cursor: string | undefined;
  do {
    const page = ok(await ada.GET("/api/v1/feed", { params: { query: { limit: 2, cursor } } }));
    entries.push(...page.entries);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  assert.ok(entries.length > 0 && entries.every((entry) => entry.actor.id === bobId));
  const badCursor = await ada.GET("/api/v1/feed", { params: { query: { cursor: "not a cursor" } } });
  assert.equal(problem(badCursor, 422, "validation-failed").errors?.[0]?.field, "cursor");

  const query = { scope: "following", period: "all", kind: "movie" } as const;
  assert.ok(ok(await ada.GET("/api/v1/leaderboard", { params: { query } })).prior_weight > 0);
  done(await ada.DELETE("/api/v1/users/{id}/follow", onBob));
});

test("recommendations and services", async () => {
  const ada = signedIn("ada");
  const services = ok(await ada.PUT("/api/v1/me/services", { body: { region: "US", services: ["Netflix"] } }));
  assert.deepEqual(services.services, ["Netflix"]);
  assert.equal(ok(await ada.GET("/api/v1/me/services")).region, "US");
  const popular = await ada.GET("/api/v1/recommendations", { params: { query: { strategy: "popular", limit: 5 } } });
  assert.equal(ok(popular).strategy, "popular");
  const book = state.book ?? assert.fail("the catalog test runs first");
  done(await ada.POST("/api/v1/me/interactions", { body: { kind: "view", media_id: book } }));
  const missing = await ada.POST("/api/v1/me/interactions", { body: { kind: "click", media_id: randomUUID() } });
  assert.equal(problem(missing, 422, "validation-failed").errors?.[0]?.field, "media_id");
});

// Finding people, an admin disabling and enabling an account, and the account deleting itself, on an account of its
// own (Zed), last: the others stay as they are.
test("people, admins and deleting the account", async () => {
  const name = `Zed ${run}`;
  const password = "zed's password";
  const body = { email: `zed-${run}@example.com`, password, display_name: name };
  const zedToken = ok(await anonymous.POST("/api/v1/auth/register", { body }), 201);
  const zed = client(zedToken.access_token);
  const ada = signedIn("ada");
  const found = ok(await ada.GET("/api/v1/users", { params: { query: { q: run, limit: 5 } } }));
  assert.deepEqual(
    found.items.map((person) => [person.user_id, person.display_name, person.visibility]),
    [[zedToken.user.id, name, "public"]],
  );
  const short = await ada.GET("/api/v1/users", { params: { query: { q: "ab" } } });
  assert.equal(problem(short, 422, "validation-failed").errors?.[0]?.field, "q");

  const onZed = { params: { path: { id: zedToken.user.id } } };
  problem(await ada.POST("/api/v1/admin/users/{id}/disable", onZed), 403, "forbidden");
  const disabled = ok(await signedIn("admin").POST("/api/v1/admin/users/{id}/disable", onZed));
  assert.equal(disabled.disabled, true);
  problem(await zed.GET("/api/v1/auth/me"), 403, "account-disabled");
  const login = { email: body.email, password };
  problem(await anonymous.POST("/api/v1/auth/login", { body: login }), 403, "account-disabled");
  assert.equal(ok(await signedIn("admin").POST("/api/v1/admin/users/{id}/enable", onZed)).disabled, false);
  const again = client(ok(await anonymous.POST("/api/v1/auth/login", { body: login })).access_token);

  const wrong = await again.DELETE("/api/v1/me", { body: { current_password: "not the password" } });
  problem(wrong, 403, "forbidden");
  done(await again.DELETE("/api/v1/me", { body: { current_password: password } }));
  problem(await again.GET("/api/v1/auth/me"), 401, "unauthorized");
  problem(await anonymous.POST("/api/v1/auth/login", { body: login }), 401, "unauthorized");
});

test("every operation of the document was called", () => {
  const doc = JSON.parse(readFileSync(new URL("../../../../docs/openapi.json", import.meta.url), "utf8")) as {
    paths: Record<string, Record<string, { operationId?: string }>>;
  };
  const missing: string[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!called.has(`${method.toUpperCase()} ${path}`)) missing.push(operation.operationId ?? `${method} ${path}`);
    }
  }
  assert.deepEqual(missing, [], `operations no journey step calls: ${missing.join(", ")}`);
});
