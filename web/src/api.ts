// The one way the web client talks to Marquee: the generated TypeScript SDK (`@marquee/client`), with the signed-in
// session kept in localStorage and refreshed once when an access token expires. Screens call `call`/`send`, which
// turn a problem answer into an `ApiError` they can show.
import { createMarqueeClient, problemCode, type MarqueeClient, type Problem, type components } from "@marquee/client";

export type Schemas = components["schemas"];
export type User = Schemas["UserResponse"];
export type Tier = Schemas["TierName"];
export type Kind = Schemas["MediaKindName"];
export const TIERS: readonly Tier[] = ["S", "A", "B", "C", "D"];
export const KINDS: readonly Kind[] = ["movie", "show", "book", "play"];

interface Session {
  access: string;
  refresh: string;
  user: User;
}

const STORAGE_KEY = "marquee.session";

function readStored(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

let session: Session | null = readStored();
let client: MarqueeClient = build();
const listeners = new Set<() => void>();

function build(): MarqueeClient {
  const baseUrl = window.location.origin;
  return createMarqueeClient(session ? { baseUrl, token: session.access } : { baseUrl });
}

function store(next: Session | null): void {
  session = next;
  if (next) localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  else localStorage.removeItem(STORAGE_KEY);
  client = build();
  for (const listener of listeners) listener();
}

/** The signed-in user, or null. */
export function currentUser(): User | null {
  return session?.user ?? null;
}

/** Calls `listener` whenever the user signs in or out. */
export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A failed call: the problem Marquee answered (RFC 9457), or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
  ) {
    super(problem?.detail ?? problem?.title ?? (status === 0 ? "The server could not be reached." : `Error ${status}`));
  }
  /** The problem's code (`validation-failed`), if any. */
  get code(): string | undefined {
    return problemCode(this.problem);
  }
  /** The invalid fields a 422 names, as "field: message". */
  get fields(): string[] {
    const errors = (this.problem?.errors ?? []) as { field?: string; message?: string }[];
    return errors.map((e) => `${e.field ?? "?"}: ${e.message ?? ""}`);
  }
}

type Result<T> = { data?: T; error?: unknown; response: Response };

async function attempt<T>(fn: (api: MarqueeClient) => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await fn(client);
  } catch {
    throw new ApiError(0, undefined);
  }
}

async function refreshed(): Promise<boolean> {
  const refresh = session?.refresh;
  if (!refresh) return false;
  const result = await attempt((api) => api.POST("/api/v1/auth/refresh", { body: { refresh_token: refresh } }));
  if (!result.data) {
    store(null);
    return false;
  }
  signedIn(result.data);
  return true;
}

async function run<T>(fn: (api: MarqueeClient) => Promise<Result<T>>): Promise<Result<T>> {
  let result = await attempt(fn);
  if (result.response.status === 401 && session && (await refreshed())) result = await attempt(fn);
  if (!result.response.ok) throw new ApiError(result.response.status, result.error as Problem | undefined);
  return result;
}

/** Runs an SDK call and answers its body, or throws an `ApiError`. */
export async function call<T>(fn: (api: MarqueeClient) => Promise<Result<T>>): Promise<T> {
  const result = await run(fn);
  if (result.data === undefined) throw new ApiError(result.response.status, undefined);
  return result.data;
}

/** Runs an SDK call that answers no body (204), or throws an `ApiError`. */
export async function send(fn: (api: MarqueeClient) => Promise<Result<unknown>>): Promise<void> {
  await run(fn);
}

/** Keeps the tokens of a sign-in, registration or refresh. */
export function signedIn(tokens: Schemas["TokenResponse"]): void {
  store({ access: tokens.access_token, refresh: tokens.refresh_token, user: tokens.user });
}

/** Replaces the stored user (after an account change). */
export function updateUser(user: User): void {
  if (session) store({ ...session, user });
}

/** Signs out here (`everywhere`: every session of the account); forgets the tokens even when the call fails. */
export async function signOut(everywhere = false): Promise<void> {
  try {
    await send((api) => api.POST(everywhere ? "/api/v1/auth/logout-all" : "/api/v1/auth/logout"));
  } finally {
    store(null);
  }
}

/** A poster URL for a `poster_path` (TMDb paths are relative), or null. */
export function posterUrl(path: string | null | undefined): string | null {
  if (!path) return null;
  if (path.startsWith("https://")) return path;
  return path.startsWith("/") ? `https://image.tmdb.org/t/p/w342${path}` : null;
}
