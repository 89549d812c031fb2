// A title's page: poster and overview, where it streams (my services first), similar titles, and adding it.
import { useEffect, useState } from "preact/hooks";

import { ApiError, call, send, TIERS, type Schemas, type Tier } from "../api";
import { startPlacement } from "../placing";
import { ErrorNote, Loading, MediaLine, Poster, Screen, useAction, useLoad } from "../ui";

type Offer = Schemas["OfferResponse"];

export function TitleScreen({ id }: { id: string }) {
  const media = useLoad(() => call((api) => api.GET("/api/v1/media/{id}", { params: { path: { id } } })), [id]);
  const services = useLoad(() => call((api) => api.GET("/api/v1/me/services")), []);
  const [tier, setTier] = useState<Tier>("B");
  const add = useAction();

  // A view feeds the recommender; failing to record one changes nothing for the person.
  useEffect(() => {
    void send((api) => api.POST("/api/v1/me/interactions", { body: { kind: "view", media_id: id } })).catch(() => {});
  }, [id]);

  if (media.error) {
    return (
      <Screen title="Title not found">
        <ErrorNote error={media.error} />
      </Screen>
    );
  }
  if (!media.value) return <Loading what="the title" />;
  const m = media.value;
  return (
    <Screen title={m.title}>
      <div class="title-head">
        <Poster media={m} size="large" />
        <div>
          <p class="muted">
            {m.year ?? ""} · {m.kind}
            {m.genres.length > 0 && ` · ${m.genres.join(", ")}`}
          </p>
          {m.original_title && m.original_title !== m.title && <p class="muted">Original title: {m.original_title}</p>}
          <p>{m.overview ?? "No overview yet."}</p>
          <div class="row">
            <label for="add-tier">Tier</label>
            <select id="add-tier" value={tier} onChange={(e) => setTier(e.currentTarget.value as Tier)}>
              {TIERS.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
            <button type="button" class="primary" disabled={add.busy} onClick={() => void add.run(() => startPlacement(m, tier))}>
              Add to my list
            </button>
          </div>
          <ErrorNote error={add.error} />
        </div>
      </div>
      <Availability id={id} region={services.value?.region ?? undefined} mine={services.value?.services ?? []} />
      <Similar id={id} />
    </Screen>
  );
}

function Availability({ id, region, mine }: { id: string; region: string | undefined; mine: string[] }) {
  const where = useLoad(
    () => call((api) => api.GET("/api/v1/media/{id}/availability", { params: { path: { id }, query: { region } } })),
    [id, region],
  );
  const offers = where.value?.offers ?? [];
  const onMine = offers.filter((o) => mine.includes(o.service));
  const others = offers.filter((o) => !mine.includes(o.service));
  const list = (items: Offer[]) => (
    <ul>
      {items.map((o) => (
        <li key={`${o.service}-${o.type}-${o.format ?? ""}`}>
          {o.web_url ? (
            <a href={o.web_url} rel="noreferrer noopener" target="_blank">
              {o.service}
            </a>
          ) : (
            o.service
          )}{" "}
          <span class="muted">
            {o.type}
            {o.price !== null && o.price !== undefined ? ` ${o.price}` : ""}
          </span>
        </li>
      ))}
    </ul>
  );
  return (
    <section aria-labelledby="where">
      <h2 id="where">Where to watch{where.value ? ` (${where.value.region})` : ""}</h2>
      <ErrorNote error={where.error} />
      {where.value && (
        <>
          <h3>On my services</h3>
          {mine.length === 0 ? (
            <p class="muted">Name your services on the Account page to see them here.</p>
          ) : onMine.length ? (
            list(onMine)
          ) : (
            <p class="muted">Not on your services.</p>
          )}
          {others.length > 0 && (
            <>
              <h3>Elsewhere</h3>
              {list(others)}
            </>
          )}
          {offers.length === 0 && <p class="muted">{where.value.note ?? "No streaming offers known."}</p>}
        </>
      )}
    </section>
  );
}

function Similar({ id }: { id: string }) {
  const similar = useLoad(
    () => call((api) => api.GET("/api/v1/media/{id}/similar", { params: { path: { id }, query: { limit: 8 } } })),
    [id],
  );
  const unavailable = similar.error instanceof ApiError && similar.error.status === 503;
  return (
    <section aria-labelledby="similar">
      <h2 id="similar">Similar</h2>
      {unavailable ? <p class="muted">Similar titles need the embedding model.</p> : <ErrorNote error={similar.error} />}
      <ul class="plain">
        {similar.value?.items.map((m) => (
          <li key={m.id}>
            <MediaLine media={m} />
          </li>
        ))}
      </ul>
    </section>
  );
}
