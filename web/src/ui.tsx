// Pieces every screen uses: loading a value, showing an error, a title's line and poster.
import type { ComponentChildren } from "preact";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";

import { ApiError, posterUrl, type Schemas } from "./api";
import { Link } from "./router";

export type Media = Schemas["RankedMediaResponse"];

/** Loads a value when `deps` change; `reload` fetches it again. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [value, setValue] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [count, setCount] = useState(0);
  useEffect(() => {
    let live = true;
    setError(undefined);
    load().then(
      (v) => live && setValue(v),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [...deps, count]); // `load` changes identity each render: `deps` say when to load again.
  const reload = useCallback(() => setCount((c) => c + 1), []);
  return { value, error, reload, setValue };
}

/** Runs an action, keeping whether it is running and its error. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const run = useCallback(async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      return await action();
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run, setError };
}

/** An error as a person reads it: the problem's detail and the fields it names. */
export function ErrorNote({ error }: { error: unknown }) {
  if (error === undefined || error === null) return null;
  const message = error instanceof Error ? error.message : String(error);
  // A single bad field is usually the detail itself: listed only when it adds something.
  const fields = (error instanceof ApiError ? error.fields : []).filter((f) => f !== message);
  return (
    <div class="error" role="alert">
      <p>{message}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((f) => (
            <li key={f}>{f}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="muted" role="status">
      Loading {what}…
    </p>
  );
}

/** A poster, or a lettered tile when there is none (the demo catalog has none). */
export function Poster({ media, size = "small" }: { media: Pick<Media, "title" | "poster_path">; size?: "small" | "large" }) {
  const url = posterUrl(media.poster_path);
  if (url) return <img class={`poster ${size}`} src={url} alt="" loading="lazy" />;
  return (
    <span class={`poster ${size} blank`} aria-hidden="true">
      {media.title.slice(0, 1)}
    </span>
  );
}

/** "Title (1999) · movie", the title linking to its page. */
export function MediaLine({ media }: { media: Pick<Media, "id" | "title" | "year" | "kind"> }) {
  return (
    <span class="media-line">
      <Link href={`/title/${media.id}`}>{media.title}</Link>
      <span class="muted">
        {media.year !== null && media.year !== undefined ? ` (${media.year})` : ""} · {media.kind}
      </span>
    </span>
  );
}

/** A screen's frame: its heading gets the focus when the screen opens, so screen readers announce it. */
export function Screen({ title, children }: { title: string; children: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Marquee`;
    heading.current?.focus();
  }, [title]);
  return (
    <section class="screen">
      <h1 tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {children}
    </section>
  );
}

/** Saves `data` as a file through a temporary object URL. */
export function download(name: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A link to a user's page, carrying the name to show there. */
export function UserLink({ user }: { user: { id: string; display_name: string } }) {
  return <Link href={`/users/${user.id}?name=${encodeURIComponent(user.display_name)}`}>{user.display_name}</Link>;
}
