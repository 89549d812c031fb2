// The tier board: my list by tier (S best), each title with its score. Reorder by dragging a title onto another
// (it takes that place) or onto a tier (it goes to the bottom), or with the move buttons, which do the same from the
// keyboard; both send the move API's `before`/`after`/`tier`.
import { useState } from "preact/hooks";

import { call, send, TIERS, type Schemas, type Tier } from "../api";
import { Link } from "../router";
import { ErrorNote, Loading, MediaLine, Screen, useAction, useLoad } from "../ui";

type Ranking = Schemas["RankingResponse"];
type Move = Schemas["MoveRankingRequest"];

/** Every ranking of the list, a page of 100 at a time. */
async function wholeList(): Promise<Ranking[]> {
  const all: Ranking[] = [];
  for (;;) {
    const page = await call((api) =>
      api.GET("/api/v1/me/rankings", { params: { query: { limit: 100, offset: all.length } } }),
    );
    all.push(...page.items);
    if (page.items.length === 0 || all.length >= page.total) return all;
  }
}

export function BoardScreen() {
  const list = useLoad(wholeList, []);
  const act = useAction();
  const [dragging, setDragging] = useState<string | null>(null);
  const [said, setSaid] = useState("");

  const byTier = new Map<Tier, Ranking[]>(TIERS.map((t) => [t, []]));
  for (const r of list.value ?? []) byTier.get(r.tier)?.push(r);

  const move = (r: Ranking, to: Move, what: string) =>
    void act.run(async () => {
      const moved = await call((api) =>
        api.PATCH("/api/v1/me/rankings/{id}", { params: { path: { id: r.id } }, body: to }),
      );
      setSaid(`${r.media.title} ${what}: now #${moved.position} in tier ${moved.tier}.`);
      list.reload();
    });
  const remove = (r: Ranking) =>
    void act.run(async () => {
      await send((api) => api.DELETE("/api/v1/me/rankings/{id}", { params: { path: { id: r.id } } }));
      setSaid(`${r.media.title} removed.`);
      list.reload();
    });

  /** Up one place: above the previous title, or to the bottom of the tier above. */
  const up = (r: Ranking, tier: Ranking[], index: number) => {
    const above = tier[index - 1];
    const higher = TIERS[TIERS.indexOf(r.tier) - 1];
    if (above) move(r, { before: above.id }, "moved up");
    else if (higher) move(r, { tier: higher }, `moved up to tier ${higher}`);
  };
  /** Down one place: below the next title, or to the top of the tier below. */
  const down = (r: Ranking, tier: Ranking[], index: number) => {
    const below = tier[index + 1];
    const lower = TIERS[TIERS.indexOf(r.tier) + 1];
    if (below) move(r, { after: below.id }, "moved down");
    else if (lower) {
      const first = byTier.get(lower)?.[0];
      move(r, first ? { before: first.id } : { tier: lower }, `moved down to tier ${lower}`);
    }
  };
  const dropOn = (event: DragEvent, target: { tier: Tier; before?: Ranking }) => {
    event.preventDefault();
    event.stopPropagation();
    const id = event.dataTransfer?.getData("text/plain") || dragging;
    setDragging(null);
    const r = list.value?.find((x) => x.id === id);
    if (!r || r.id === target.before?.id) return;
    move(r, target.before ? { before: target.before.id } : { tier: target.tier }, "moved");
  };

  return (
    <Screen title="My list">
      <p class="muted">
        Drag a title onto another to take its place, or onto a tier to go to its bottom; the arrow buttons do the same
        from the keyboard. <Link href="/search">Add a title</Link>.
      </p>
      <p class="visually-hidden" role="status" aria-live="polite">
        {said}
      </p>
      <ErrorNote error={list.error ?? act.error} />
      {!list.value && !list.error && <Loading what="your list" />}
      {list.value && (
        <div class="board">
          {TIERS.map((tier) => {
            const items = byTier.get(tier) ?? [];
            return (
              <section
                key={tier}
                class={`tier tier-${tier}`}
                aria-labelledby={`tier-${tier}`}
                data-tier={tier}
                onDragOver={(e) => e.preventDefault()}
                onDrop={(e) => dropOn(e, { tier })}
              >
                <h2 id={`tier-${tier}`}>
                  <span class="tier-name">{tier}</span>
                  <span class="muted"> {items.length === 1 ? "1 title" : `${items.length} titles`}</span>
                </h2>
                {items.length === 0 && <p class="muted empty">Nothing here yet.</p>}
                <ol>
                  {items.map((r, index) => (
                    <li
                      key={r.id}
                      class={`ranked${dragging === r.id ? " dragging" : ""}`}
                      draggable
                      data-ranking={r.id}
                      onDragStart={(e) => {
                        e.dataTransfer?.setData("text/plain", r.id);
                        setDragging(r.id);
                      }}
                      onDragEnd={() => setDragging(null)}
                      onDragOver={(e) => e.preventDefault()}
                      onDrop={(e) => dropOn(e, { tier, before: r })}
                    >
                      <span class="pos">{r.position}</span>
                      <span class="grow">
                        <MediaLine media={r.media} />
                      </span>
                      <span class="score" aria-label={`score ${r.score.toFixed(1)}`}>
                        {r.score.toFixed(1)}
                      </span>
                      <span class="actions">
                        <button
                          type="button"
                          class="icon"
                          onClick={() => up(r, items, index)}
                          disabled={act.busy || (index === 0 && tier === "S")}
                          aria-label={`Move ${r.media.title} up`}
                        >
                          ↑
                        </button>
                        <button
                          type="button"
                          class="icon"
                          onClick={() => down(r, items, index)}
                          disabled={act.busy || (index === items.length - 1 && tier === "D")}
                          aria-label={`Move ${r.media.title} down`}
                        >
                          ↓
                        </button>
                        <button
                          type="button"
                          class="icon danger"
                          onClick={() => remove(r)}
                          disabled={act.busy}
                          aria-label={`Remove ${r.media.title}`}
                        >
                          ×
                        </button>
                      </span>
                    </li>
                  ))}
                </ol>
              </section>
            );
          })}
        </div>
      )}
    </Screen>
  );
}
