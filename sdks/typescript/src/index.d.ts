// Types of the Marquee client (index.js). The API's own types are generated into schema.d.ts by `just sdk`.
import type { Client, ClientOptions } from "openapi-fetch";
import type { components, operations, paths } from "./schema.js";

export type { components, operations, paths };

/** A Marquee client: `client.GET("/api/v1/me/rankings", { params: { query: { tier: "S" } } })`. */
export type MarqueeClient = Client<paths>;

/** An RFC 9457 problem, the body of every error answer. */
export type Problem = components["schemas"]["Problem"];

/** What `createMarqueeClient` takes: openapi-fetch's options and the access token, when signed in. */
export interface MarqueeClientOptions extends ClientOptions {
  /** An access token from `/api/v1/auth/register` or `/api/v1/auth/login`, sent as `Authorization: Bearer`. */
  token?: string;
}

/** The `type` of every Marquee problem starts with this. */
export declare const PROBLEM_PREFIX: "urn:marquee:problem:";

/** A client for the API at `options.baseUrl` (e.g. `http://localhost:8080`), signed in when `token` is given. */
export declare function createMarqueeClient(options?: MarqueeClientOptions): MarqueeClient;

/**
 * The body serializer of the upload operations (`/api/v1/me/imports/*`): each field of the body becomes a part of a
 * `multipart/form-data` form, a `Blob` as a file. Pass it as `bodySerializer`.
 */
export declare function multipart<T extends object>(body: T): FormData;

/** The code of a Marquee problem (`validation-failed` for `urn:marquee:problem:validation-failed`), if it is one. */
export declare function problemCode(problem: unknown): string | undefined;
