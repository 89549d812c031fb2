// A user's page: their list (as their visibility allows), their taste, how compatible we are and why; follow.
import { ApiError, call, currentUser, send, TIERS } from "../api";
import { ErrorNote, Loading, MediaLine, Screen, useAction, useLoad } from "../ui";

/** `name` comes from the link that led here: the API has no "read a user's profile" call. */
export function UserScreen({ id, name }: { id: string; name: string }) {
  const me = currentUser();
  const self = me?.id === id;
  const list = useLoad(
    () => call((api) => api.GET("/api/v1/users/{id}/rankings", { params: { path: { id }, query: { limit: 100 } } })),
    [id],
  );
  const taste = useLoad(() => call((api) => api.GET("/api/v1/users/{id}/taste", { params: { path: { id } } })), [id]);
  const followers = useLoad(
    () => call((api) => api.GET("/api/v1/users/{id}/followers", { params: { path: { id }, query: { limit: 100 } } })),
    [id],
  );
  const following = useLoad(
    () => call((api) => api.GET("/api/v1/users/{id}/following", { params: { path: { id }, query: { limit: 100 } } })),
    [id],
  );
  const act = useAction();
  const mine = followers.value?.items.find((f) => f.user_id === me?.id);

  const follow = () =>
    void act.run(async () => {
      if (mine) await send((api) => api.DELETE("/api/v1/users/{id}/follow", { params: { path: { id } } }));
      else await call((api) => api.POST("/api/v1/users/{id}/follow", { params: { path: { id } } }));
      followers.reload();
    });
  const hidden = list.error instanceof ApiError && (list.error.status === 403 || list.error.status === 404);

  return (
    <Screen title={self ? `${me?.display_name ?? ""} (you)` : name || "A Marquee user"}>
      {!self && (
        <p class="row">
          <button type="button" class={mine ? "" : "primary"} onClick={follow} disabled={act.busy || !followers.value}>
            {mine ? (mine.state === "requested" ? "Cancel follow request" : "Unfollow") : "Follow"}
          </button>
          {mine?.state === "requested" && <span class="muted">Waiting for their approval.</span>}
        </p>
      )}
      <ErrorNote error={act.error} />
      <p class="muted">
        {followers.value?.total === 1 ? "1 follower" : `${followers.value?.total ?? "…"} followers`} · following{" "}
        {following.value?.total ?? "…"}
      </p>
      {!self && <Compatibility id={id} />}
      <section aria-labelledby="taste">
        <h2 id="taste">Taste</h2>
        {taste.error ? (
          <ErrorNote error={taste.error} />
        ) : !taste.value ? (
          <Loading what="taste" />
        ) : (
          <>
            <p>
              {taste.value.count} titles ranked, mean score {taste.value.mean_score.toFixed(1)}.
            </p>
            <div class="columns">
              <Affinities title="Genres" items={taste.value.genres} />
              <Affinities title="Decades" items={taste.value.decades} />
            </div>
            {taste.value.defining.length > 0 && (
              <>
                <h3>Defining titles</h3>
                <ul class="plain">
                  {taste.value.defining.map((m) => (
                    <li key={m.id}>
                      <MediaLine media={m} />
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </section>
      <section aria-labelledby="their-list">
        <h2 id="their-list">List</h2>
        {hidden ? <p class="muted">This list is not visible to you.</p> : <ErrorNote error={list.error} />}
        {list.value &&
          TIERS.map((tier) => {
            const items = list.value?.items.filter((r) => r.tier === tier) ?? [];
            return items.length === 0 ? null : (
              <div key={tier}>
                <h3>Tier {tier}</h3>
                <ol>
                  {items.map((r) => (
                    <li key={r.id}>
                      <MediaLine media={r.media} /> <span class="score">{r.score.toFixed(1)}</span>
                    </li>
                  ))}
                </ol>
              </div>
            );
          })}
      </section>
    </Screen>
  );
}

function Affinities({ title, items }: { title: string; items: { key: string; affinity: number; count: number }[] }) {
  return (
    <div>
      <h3>{title}</h3>
      <ul class="plain">
        {items.slice(0, 6).map((a) => (
          <li key={a.key}>
            {a.key} <span class="muted">({a.count})</span>
            <span class="bar" aria-hidden="true">
              <span style={{ width: `${Math.round(Math.max(0, Math.min(1, (a.affinity + 1) / 2)) * 100)}%` }} />
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Compatibility({ id }: { id: string }) {
  const compat = useLoad(
    () => call((api) => api.GET("/api/v1/users/{id}/compatibility", { params: { path: { id } } })),
    [id],
  );
  if (compat.error) return <ErrorNote error={compat.error} />;
  const c = compat.value;
  if (!c) return <Loading what="compatibility" />;
  return (
    <section aria-labelledby="compat" class="card">
      <h2 id="compat">Compatibility: {c.score}%</h2>
      <p>
        {c.shared} titles in common
        {c.tau_b !== null && c.tau_b !== undefined ? `, rank agreement ${c.tau_b.toFixed(2)}` : ""}, taste profiles{" "}
        {Math.round(c.profile_similarity * 100)}% alike.
      </p>
      <div class="columns">
        <div>
          <h3>We agree on</h3>
          <ul class="plain">
            {c.agree_most.map((s) => (
              <li key={s.media.id}>
                <MediaLine media={s.media} /> <span class="muted">
                  you {s.mine.toFixed(1)}, them {s.theirs.toFixed(1)}
                </span>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3>We differ on</h3>
          <ul class="plain">
            {c.disagree_most.map((s) => (
              <li key={s.media.id}>
                <MediaLine media={s.media} /> <span class="muted">
                  you {s.mine.toFixed(1)}, them {s.theirs.toFixed(1)}
                </span>
              </li>
            ))}
          </ul>
        </div>
      </div>
      {c.genres_apart.length > 0 && (
        <p class="muted">
          Furthest apart on: {c.genres_apart.map((g) => `${g.genre} (you ${g.mine.toFixed(1)}, them ${g.theirs.toFixed(1)})`).join(", ")}
        </p>
      )}
    </section>
  );
}
