// The feed of the people I follow (paged by cursor), finding people by name, and the most active rankers.
import { useState } from "preact/hooks";

import { call, type Schemas } from "../api";
import { ErrorNote, Loading, MediaLine, Screen, useAction, UserLink, useLoad } from "../ui";

type Entry = Schemas["FeedEntryResponse"];

const VERBS: Record<Schemas["VerbName"], string> = {
  placed: "ranked",
  moved: "moved",
  removed: "removed",
  compared: "compared",
  voted: "voted on a matchup with",
  followed: "followed",
  top4_changed: "changed their top 4 to",
};

export function FeedScreen() {
  const [entries, setEntries] = useState<Entry[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const more = useAction();
  const first = useLoad(async () => {
    const page = await call((api) => api.GET("/api/v1/feed", { params: { query: { limit: 20 } } }));
    setEntries(page.entries);
    setCursor(page.next_cursor ?? null);
    return page;
  }, []);
  const rankers = useLoad(
    () => call((api) => api.GET("/api/v1/leaderboard", { params: { query: { scope: "global", limit: 10 } } })),
    [],
  );
  const loadMore = () =>
    void more.run(async () => {
      if (!cursor) return;
      const page = await call((api) => api.GET("/api/v1/feed", { params: { query: { limit: 20, cursor } } }));
      setEntries((e) => [...e, ...page.entries]);
      setCursor(page.next_cursor ?? null);
    });

  return (
    <Screen title="Feed">
      <div class="columns wide-first">
        <section aria-labelledby="activity">
          <h2 id="activity">From people you follow</h2>
          <ErrorNote error={first.error} />
          {!first.value && !first.error && <Loading what="the feed" />}
          {first.value && entries.length === 0 && <p class="muted">Nothing yet: follow someone to see what they rank.</p>}
          <ol class="feed">
            {entries.map((e) => (
              <li key={e.id}>
                <UserLink user={e.actor} /> {VERBS[e.verb]}{" "}
                {e.targets.map((t) => (
                  <UserLink key={t.id} user={t} />
                ))}
                {e.titles.map((t, i) => (
                  <span key={t.media.id}>
                    {i > 0 ? ", " : ""}
                    <MediaLine media={t.media} />
                    {t.tier ? ` in ${t.tier}` : ""}
                  </span>
                ))}
                {e.count > 1 && <span class="muted"> and {e.count - 1} more</span>}
                <time class="muted" dateTime={e.created_at}>
                  {" "}
                  {new Date(e.created_at).toLocaleString()}
                </time>
              </li>
            ))}
          </ol>
          {cursor && (
            <button type="button" onClick={loadMore} disabled={more.busy}>
              Load more
            </button>
          )}
          <ErrorNote error={more.error} />
        </section>
        <div>
          <FindPeople />
          <section aria-labelledby="people">
            <h2 id="people">Active rankers</h2>
            <ErrorNote error={rankers.error} />
            <ol class="plain">
              {rankers.value?.rankers.map((r) => (
                <li key={r.user_id}>
                  <UserLink user={{ id: r.user_id, display_name: r.display_name }} />{" "}
                  <span class="muted">{r.rankings} rankings</span>
                </li>
              ))}
            </ol>
          </section>
        </div>
      </div>
    </Screen>
  );
}

/** People found by display name: public and followers-only profiles, never a private one (the API's rule). */
function FindPeople() {
  const [q, setQ] = useState("");
  const [found, setFound] = useState<Schemas["PersonResponse"][] | null>(null);
  const search = useAction();
  const submit = (event: Event) => {
    event.preventDefault();
    void search.run(async () => {
      const page = await call((api) => api.GET("/api/v1/users", { params: { query: { q: q.trim(), limit: 20 } } }));
      setFound(page.items);
    });
  };
  return (
    <section aria-labelledby="find">
      <h2 id="find">Find people</h2>
      <form role="search" aria-labelledby="find" onSubmit={submit}>
        <label>
          Name to find
          <input type="search" value={q} minLength={3} maxLength={50} required onInput={(e) => setQ(e.currentTarget.value)} />
        </label>
        <button type="submit" disabled={search.busy}>
          Find
        </button>
      </form>
      <ErrorNote error={search.error} />
      {found && found.length === 0 && <p class="muted">Nobody by that name.</p>}
      {found && found.length > 0 && (
        <ul class="plain">
          {found.map((p) => (
            <li key={p.user_id}>
              <UserLink user={{ id: p.user_id, display_name: p.display_name }} />
              {p.visibility === "followers" && <span class="muted"> (approved followers only)</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
