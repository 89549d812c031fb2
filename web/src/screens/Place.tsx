// Placing a title: "which did you like more?", one pair at a time, until the API says where it goes. Keys: ← the
// new title, → the one already ranked, = too close to call, U (or Backspace) undoes the last answer.
import { useEffect, useState } from "preact/hooks";

import { call, send, type Schemas } from "../api";
import { takePending } from "../placing";
import { Link, navigate } from "../router";
import { ErrorNote, MediaLine, Poster, Screen, useAction } from "../ui";

type Prefer = Schemas["PreferName"];

export function PlaceScreen() {
  const [pending] = useState(takePending);
  const [step, setStep] = useState(pending?.step);
  const act = useAction();

  const answer = (prefer: Prefer) => {
    if (!step || step.status !== "comparing" || act.busy) return;
    void act.run(async () =>
      setStep(
        await call((api) =>
          api.POST("/api/v1/me/placements/{id}/answers", {
            params: { path: { id: step.session_id } },
            body: { prefer },
          }),
        ),
      ),
    );
  };
  const undo = () => {
    if (!step || step.status !== "comparing" || !step.answered || act.busy) return;
    void act.run(async () =>
      setStep(
        await call((api) =>
          api.POST("/api/v1/me/placements/{id}/undo", { params: { path: { id: step.session_id } } }),
        ),
      ),
    );
  };
  const cancel = () => {
    if (!step) return;
    void act.run(async () => {
      await send((api) => api.DELETE("/api/v1/me/placements/{id}", { params: { path: { id: step.session_id } } }));
      navigate("/search");
    });
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || event.altKey || event.ctrlKey || event.metaKey) return;
      const keys: Record<string, () => void> = {
        ArrowLeft: () => answer("new"),
        ArrowRight: () => answer("existing"),
        "=": () => answer("too_close"),
        u: undo,
        Backspace: undo,
      };
      const handler = keys[event.key];
      if (handler) {
        event.preventDefault();
        handler();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  if (!pending || !step) {
    return (
      <Screen title="Place a title">
        <p>
          No placement is open. <Link href="/search">Find a title</Link> and add it to a tier.
        </p>
      </Screen>
    );
  }
  if (step.status === "placed" && step.ranking) {
    const r = step.ranking;
    return (
      <Screen title="Placed">
        <p class="card" role="status">
          <strong>{r.media.title}</strong> is #{r.position} of {r.tier_size} in tier {r.tier}, score {r.score.toFixed(1)}.
        </p>
        <p class="row">
          <Link href="/" class="button primary">
            See my list
          </Link>
          <Link href="/search" class="button">
            Add another
          </Link>
        </p>
      </Screen>
    );
  }
  const other = step.compare_with?.media;
  return (
    <Screen title="Which did you like more?">
      <p class="muted" role="status">
        Question {(step.answered ?? 0) + 1}
        {step.questions_left ? `, at most ${step.questions_left} to go` : ""}.
      </p>
      <div class="duel">
        <button type="button" class="choice" onClick={() => answer("new")} disabled={act.busy}>
          <Poster media={pending.media} size="large" />
          <span class="choice-title">{pending.media.title}</span>
          <span class="muted">new · key ←</span>
        </button>
        <button type="button" class="choice tie" onClick={() => answer("too_close")} disabled={act.busy}>
          Too close to call
          <span class="muted">key =</span>
        </button>
        {other && (
          <button type="button" class="choice" onClick={() => answer("existing")} disabled={act.busy}>
            <Poster media={other} size="large" />
            <span class="choice-title">{other.title}</span>
            <span class="muted">already ranked · key →</span>
          </button>
        )}
      </div>
      <p class="row">
        <button type="button" onClick={undo} disabled={act.busy || !step.answered}>
          Undo last answer (U)
        </button>
        <button type="button" class="danger" onClick={cancel} disabled={act.busy}>
          Stop placing
        </button>
      </p>
      <p class="muted">
        Placing <MediaLine media={pending.media} />
      </p>
      <ErrorNote error={act.error} />
    </Screen>
  );
}
