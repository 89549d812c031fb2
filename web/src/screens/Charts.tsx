// The consensus chart (every pairwise answer, fitted into one order) as bars, and the best-rated titles.
import { useState } from "preact/hooks";

import { call, KINDS, type Kind, type Schemas } from "../api";
import { ErrorNote, Loading, MediaLine, Screen, useLoad } from "../ui";

type Period = Schemas["BoardPeriod"];

export function ChartsScreen() {
  const [kind, setKind] = useState<Kind | "">("");
  const [period, setPeriod] = useState<Period>("all");
  const k = kind || undefined;
  const chart = useLoad(
    () => call((api) => api.GET("/api/v1/charts/consensus", { params: { query: { kind: k, limit: 20 } } })),
    [kind],
  );
  const board = useLoad(
    () => call((api) => api.GET("/api/v1/leaderboard", { params: { query: { kind: k, period, limit: 10 } } })),
    [kind, period],
  );
  // Strengths are on a log scale and may be negative: bars span the shown range.
  const strengths = chart.value?.items.map((e) => e.strength) ?? [];
  const low = Math.min(0, ...strengths);
  const span = Math.max(1e-9, Math.max(0, ...strengths) - low);
  return (
    <Screen title="Charts">
      <div class="card row">
        <label>
          Kind
          <select value={kind} onChange={(e) => setKind(e.currentTarget.value as Kind | "")}>
            <option value="">Any</option>
            {KINDS.map((x) => (
              <option key={x}>{x}</option>
            ))}
          </select>
        </label>
      </div>
      <section aria-labelledby="consensus">
        <h2 id="consensus">Consensus chart</h2>
        <p class="muted">Every "which did you like more?" answer of every user, fitted into one order.</p>
        <ErrorNote error={chart.error} />
        {!chart.value && !chart.error && <Loading what="the chart" />}
        {chart.value?.items.length === 0 && <p class="muted">No answers yet.</p>}
        <ol class="chart">
          {chart.value?.items.map((e) => (
            <li key={e.media.id}>
              <span class="pos">{e.rank}</span>
              <span class="grow">
                <MediaLine media={e.media} />
                <span class="bar" aria-hidden="true">
                  <span style={{ width: `${Math.max(2, Math.round(((e.strength - low) / span) * 100))}%` }} />
                </span>
              </span>
              <span class="muted">
                {e.comparisons} answers, ±{e.uncertainty.toFixed(2)}
              </span>
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="best">
        <h2 id="best">Best rated</h2>
        <label>
          Period
          <select value={period} onChange={(e) => setPeriod(e.currentTarget.value as Period)}>
            {(["week", "month", "year", "all"] as Period[]).map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
        <ErrorNote error={board.error} />
        <ol>
          {board.value?.titles.map((t) => (
            <li key={t.media.id}>
              <MediaLine media={t.media} /> <span class="score">{t.score.toFixed(1)}</span>{" "}
              <span class="muted">({t.count} lists)</span>
            </li>
          ))}
        </ol>
      </section>
    </Screen>
  );
}
