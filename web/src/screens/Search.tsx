// Search: by title (the local catalog first, TMDb when it has too few), or "describe it" (semantic search); add a
// hit to a tier, which starts its placement.
import { useState } from "preact/hooks";

import { call, KINDS, TIERS, type Kind, type Schemas, type Tier } from "../api";
import { startPlacement } from "../placing";
import { ErrorNote, MediaLine, Poster, Screen, useAction } from "../ui";

type Hit = Schemas["SearchHitResponse"];
type Mode = "title" | "describe";

export function SearchScreen({ initial }: { initial: string }) {
  const [q, setQ] = useState(initial);
  const [kind, setKind] = useState<Kind | "">("");
  const [mode, setMode] = useState<Mode>("title");
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [note, setNote] = useState("");
  const search = useAction();

  const submit = (event: Event) => {
    event.preventDefault();
    void search.run(async () => {
      const k = kind || undefined;
      if (mode === "describe") {
        const page = await call((api) =>
          api.GET("/api/v1/search/semantic", { params: { query: { q, kind: k, limit: 20 } } }),
        );
        setHits(page.items);
        setNote(`Closest in meaning (${page.model}).`);
      } else {
        const page = await call((api) =>
          api.GET("/api/v1/media/search", { params: { query: { q, kind: k, limit: 20 } } }),
        );
        setHits(page.items);
        const remote = page.remote.status;
        setNote(
          `${page.total} found` +
            (remote === "fetched" ? `; ${page.remote.titles ?? 0} more from TMDb` : "") +
            (page.remote_skipped ? "; TMDb could not be asked" : "") +
            ".",
        );
      }
    });
  };

  return (
    <Screen title="Search">
      <form class="card search" onSubmit={submit} role="search">
        <label class="grow">
          {mode === "describe" ? "Describe it" : "Title"}
          <input
            type="search"
            value={q}
            onInput={(e) => setQ(e.currentTarget.value)}
            required
            maxLength={200}
            placeholder={mode === "describe" ? "a heist that goes wrong in the desert" : "Alien"}
          />
        </label>
        <label>
          Kind
          <select value={kind} onChange={(e) => setKind(e.currentTarget.value as Kind | "")}>
            <option value="">Any</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <fieldset class="modes">
          <legend>Search by</legend>
          <label class="inline">
            <input type="radio" name="mode" checked={mode === "title"} onChange={() => setMode("title")} /> By title
          </label>
          <label class="inline">
            <input type="radio" name="mode" checked={mode === "describe"} onChange={() => setMode("describe")} />{" "}
            By description
          </label>
        </fieldset>
        <button type="submit" class="primary" disabled={search.busy}>
          Search
        </button>
      </form>
      <ErrorNote error={search.error} />
      {hits && (
        <>
          <p role="status">{note}</p>
          <ul class="hits">
            {hits.map((hit) => (
              <SearchHit key={hit.id} hit={hit} />
            ))}
          </ul>
        </>
      )}
    </Screen>
  );
}

function SearchHit({ hit }: { hit: Hit }) {
  const [tier, setTier] = useState<Tier>("B");
  const [stars, setStars] = useState("");
  const add = useAction();
  const id = `tier-${hit.id}`;
  return (
    <li class="hit">
      <Poster media={hit} />
      <div class="grow">
        <MediaLine media={hit} />
        {hit.overview && <p class="overview">{hit.overview}</p>}
        <div class="row">
          <label for={id}>Tier</label>
          <select id={id} value={tier} onChange={(e) => setTier(e.currentTarget.value as Tier)}>
            {TIERS.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
          <label for={`stars-${hit.id}`}>Stars</label>
          <select id={`stars-${hit.id}`} value={stars} onChange={(e) => setStars(e.currentTarget.value)}>
            <option value="">none</option>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={String(n)}>
                {n === 1 ? "1 star" : `${n} stars`}
              </option>
            ))}
          </select>
          <button
            type="button"
            disabled={add.busy}
            onClick={() => void add.run(() => startPlacement(hit, tier, stars ? Number(stars) : undefined))}
            aria-label={`Add ${hit.title} to tier ${tier}`}
          >
            Add
          </button>
        </div>
        <ErrorNote error={add.error} />
      </div>
    </li>
  );
}
