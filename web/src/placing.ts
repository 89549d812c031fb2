// Starting a placement, shared by the search and the title page: the session's first answer and the new title are
// handed to the placement screen here (the API has no "read a session" call; a reload drops the question, and the
// session expires on its own).
import { call, type Schemas, type Tier } from "./api";
import { navigate } from "./router";
import type { Media } from "./ui";

export interface Pending {
  media: Pick<Media, "id" | "title" | "year" | "kind" | "poster_path">;
  step: Schemas["PlacementResponse"];
}

let pending: Pending | null = null;

export function takePending(): Pending | null {
  return pending;
}

/** Starts placing `media` in `tier` and opens the placement screen (which shows "placed" at once for an empty tier). */
export async function startPlacement(media: Pending["media"], tier: Tier, stars?: number): Promise<void> {
  const step = await call((api) =>
    api.POST("/api/v1/me/placements", { body: { media_id: media.id, tier, stars: stars ?? null } }),
  );
  pending = { media, step };
  navigate("/place");
}
