// My top 4, and matchups: two people's top-4 sets side by side, vote for the better one; the sets' leaderboard.
import { useEffect, useState } from "preact/hooks";

import { ApiError, call, type Schemas } from "../api";
import { ErrorNote, Loading, MediaLine, Screen, useAction, UserLink, useLoad } from "../ui";

type Set4 = Schemas["Top4SetResponse"];

export function Top4Screen() {
  return (
    <Screen title="Top 4">
      <MyTop4 />
      <Matchup />
      <Leaderboard />
    </Screen>
  );
}

function MyTop4() {
  const current = useLoad(async () => {
    try {
      return await call((api) => api.GET("/api/v1/me/top4"));
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  }, []);
  const best = useLoad(
    () => call((api) => api.GET("/api/v1/me/rankings", { params: { query: { limit: 20 } } })),
    [],
  );
  const [chosen, setChosen] = useState<string[]>([]);
  useEffect(() => {
    if (current.value) setChosen(current.value.media.map((m) => m.id));
  }, [current.value]);
  const save = useAction();
  const toggle = (id: string) =>
    setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : c.length < 4 ? [...c, id] : c));

  return (
    <section aria-labelledby="mine">
      <h2 id="mine">My top 4</h2>
      <ErrorNote error={current.error ?? best.error} />
      {current.value && (
        <p>
          Rating {Math.round(current.value.rating)} · {current.value.wins} wins, {current.value.losses} losses
        </p>
      )}
      {!best.value ? (
        <Loading what="your best titles" />
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save.run(async () => {
              current.setValue(await call((api) => api.PUT("/api/v1/me/top4", { body: { media_ids: chosen } })));
            });
          }}
        >
          <fieldset>
            <legend>Pick four from your best-ranked ({chosen.length} of 4)</legend>
            <ul class="plain picks">
              {best.value.items.map((r) => (
                <li key={r.id}>
                  <label class="inline">
                    <input
                      type="checkbox"
                      checked={chosen.includes(r.media.id)}
                      disabled={!chosen.includes(r.media.id) && chosen.length >= 4}
                      onChange={() => toggle(r.media.id)}
                    />{" "}
                    {r.media.title} <span class="muted">({r.tier})</span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <button type="submit" class="primary" disabled={save.busy || chosen.length !== 4}>
            Save my top 4
          </button>
          <ErrorNote error={save.error} />
        </form>
      )}
    </section>
  );
}

function SetCard({ set, label }: { set: Set4; label: string }) {
  return (
    <div class="set">
      <p>
        <strong>{label}</strong>: <UserLink user={set.owner} /> <span class="muted">rating {Math.round(set.rating)}</span>
      </p>
      <ol>
        {set.media.map((m) => (
          <li key={m.id}>
            <MediaLine media={m} />
          </li>
        ))}
      </ol>
    </div>
  );
}

function Matchup() {
  const next = useLoad(async () => {
    try {
      return await call((api) => api.GET("/api/v1/matchups/next"));
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  }, []);
  const vote = useAction();
  const [result, setResult] = useState("");
  const choose = (winner: Schemas["SideName"]) =>
    void vote.run(async () => {
      const m = next.value;
      if (!m) return;
      const r = await call((api) =>
        api.POST("/api/v1/matchups/{id}/vote", { params: { path: { id: m.id } }, body: { winner } }),
      );
      setResult(
        `Voted ${winner.toUpperCase()}: its rating went from ${Math.round(r.winner_set.rating_before)} to ${Math.round(r.winner_set.rating_after)}.`,
      );
      next.reload();
    });
  return (
    <section aria-labelledby="matchup">
      <h2 id="matchup">Matchup</h2>
      <p role="status">{result}</p>
      <ErrorNote error={next.error ?? vote.error} />
      {next.value === null && <p class="muted">No matchup for you now: more people need a top 4.</p>}
      {next.value && (
        <>
          <div class="columns">
            <SetCard set={next.value.a} label="A" />
            <SetCard set={next.value.b} label="B" />
          </div>
          <p class="row">
            <button type="button" class="primary" onClick={() => choose("a")} disabled={vote.busy}>
              A is better
            </button>
            <button type="button" class="primary" onClick={() => choose("b")} disabled={vote.busy}>
              B is better
            </button>
          </p>
        </>
      )}
    </section>
  );
}

function Leaderboard() {
  const board = useLoad(
    () => call((api) => api.GET("/api/v1/matchups/leaderboard", { params: { query: { limit: 10 } } })),
    [],
  );
  return (
    <section aria-labelledby="sets">
      <h2 id="sets">Best top-4 sets</h2>
      <ErrorNote error={board.error} />
      <ol class="plain">
        {board.value?.items.map((s) => (
          <li key={s.id}>
            #{s.rank} <UserLink user={s.owner} /> <span class="muted">rating {Math.round(s.rating)}</span>:{" "}
            {s.media.map((m) => m.title).join(", ")}
          </li>
        ))}
      </ol>
    </section>
  );
}
