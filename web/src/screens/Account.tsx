// My account: name, password, streaming services, who sees my list, follow requests, signing out everywhere.
import { useEffect, useState } from "preact/hooks";

import { call, currentUser, send, signOut, updateUser, type Schemas } from "../api";
import { ErrorNote, Screen, useAction, UserLink, useLoad } from "../ui";

type Visibility = Schemas["VisibilityName"];

export function AccountScreen() {
  return (
    <Screen title="Account">
      <Profile />
      <Services />
      <Privacy />
      <Password />
      <section class="card" aria-labelledby="sessions">
        <h2 id="sessions">Sessions</h2>
        <button type="button" class="danger" onClick={() => void signOut(true)}>
          Sign out everywhere
        </button>
      </section>
    </Screen>
  );
}

function Profile() {
  const [name, setName] = useState(currentUser()?.display_name ?? "");
  const save = useAction();
  const [saved, setSaved] = useState("");
  return (
    <form
      class="card"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run(async () => {
          updateUser(await call((api) => api.PATCH("/api/v1/auth/me", { body: { display_name: name } })));
          setSaved("Saved.");
        });
      }}
    >
      <h2>Profile</h2>
      <p class="muted">Signed in as {currentUser()?.email}</p>
      <label>
        Display name
        <input value={name} onInput={(e) => setName(e.currentTarget.value)} required />
      </label>
      <button type="submit" disabled={save.busy}>
        Save name
      </button>
      <span role="status"> {saved}</span>
      <ErrorNote error={save.error} />
    </form>
  );
}

function Services() {
  const current = useLoad(() => call((api) => api.GET("/api/v1/me/services")), []);
  const [region, setRegion] = useState("");
  const [services, setServices] = useState("");
  useEffect(() => {
    if (!current.value) return;
    setRegion(current.value.region ?? "US");
    setServices(current.value.services.join(", "));
  }, [current.value]);
  const save = useAction();
  return (
    <form
      class="card"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run(async () => {
          const list = services.split(",").map((s) => s.trim()).filter(Boolean);
          current.setValue(await call((api) => api.PUT("/api/v1/me/services", { body: { region, services: list } })));
        });
      }}
    >
      <h2>My streaming services</h2>
      <ErrorNote error={current.error} />
      <label>
        Region (two letters)
        <input value={region} onInput={(e) => setRegion(e.currentTarget.value.toUpperCase())} maxLength={2} required />
      </label>
      <label>
        Services, separated by commas
        <input value={services} onInput={(e) => setServices(e.currentTarget.value)} placeholder="netflix, mubi" />
      </label>
      <button type="submit" disabled={save.busy}>
        Save services
      </button>
      <ErrorNote error={save.error} />
    </form>
  );
}

function Privacy() {
  const me = currentUser();
  const visibility = useLoad(() => call((api) => api.GET("/api/v1/me/visibility")), []);
  const requests = useLoad(
    () =>
      me
        ? call((api) => api.GET("/api/v1/users/{id}/followers", { params: { path: { id: me.id }, query: { limit: 100 } } }))
        : Promise.resolve(null),
    [me?.id],
  );
  const act = useAction();
  const set = (v: Visibility) =>
    void act.run(async () =>
      visibility.setValue(await call((api) => api.PUT("/api/v1/me/visibility", { body: { visibility: v } }))),
    );
  const approve = (id: string) =>
    void act.run(async () => {
      await send((api) => api.POST("/api/v1/me/followers/{id}/approve", { params: { path: { id } } }));
      requests.reload();
    });
  const waiting = requests.value?.items.filter((f) => f.state === "requested") ?? [];
  return (
    <section class="card" aria-labelledby="privacy">
      <h2 id="privacy">Who sees my list</h2>
      <ErrorNote error={visibility.error ?? act.error} />
      <fieldset>
        <legend>Visibility</legend>
        {(["public", "followers", "private"] as Visibility[]).map((v) => (
          <label class="inline block" key={v}>
            <input
              type="radio"
              name="visibility"
              checked={visibility.value?.visibility === v}
              onChange={() => set(v)}
              disabled={act.busy}
            />{" "}
            {v === "public" ? "Everyone" : v === "followers" ? "Approved followers" : "Only me"}
          </label>
        ))}
      </fieldset>
      <h3>Follow requests</h3>
      {waiting.length === 0 ? (
        <p class="muted">None waiting.</p>
      ) : (
        <ul class="plain">
          {waiting.map((f) => (
            <li key={f.user_id}>
              <UserLink user={{ id: f.user_id, display_name: f.display_name }} />{" "}
              <button type="button" onClick={() => approve(f.user_id)} disabled={act.busy}>
                Approve
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Password() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const save = useAction();
  const [saved, setSaved] = useState("");
  return (
    <form
      class="card"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run(async () => {
          await send((api) =>
            api.PUT("/api/v1/auth/password", { body: { current_password: current, new_password: next } }),
          );
          setCurrent("");
          setNext("");
          setSaved("Password changed.");
        });
      }}
    >
      <h2>Password</h2>
      <label>
        Current password
        <input type="password" value={current} onInput={(e) => setCurrent(e.currentTarget.value)} required autocomplete="current-password" />
      </label>
      <label>
        New password
        <input type="password" value={next} onInput={(e) => setNext(e.currentTarget.value)} required minLength={8} autocomplete="new-password" />
      </label>
      <button type="submit" disabled={save.busy}>
        Change password
      </button>
      <span role="status"> {saved}</span>
      <ErrorNote error={save.error} />
    </form>
  );
}
