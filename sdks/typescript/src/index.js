// The Marquee client: openapi-fetch typed by the generated `paths`, with the bearer token attached to every request
// and a serializer for the upload forms. The types are in index.d.ts and schema.d.ts (generated).
import createFetchClient from "openapi-fetch";

/** The `type` of every Marquee problem starts with this. */
export const PROBLEM_PREFIX = "urn:marquee:problem:";

export function createMarqueeClient(options = {}) {
  const { token, ...rest } = options;
  const client = createFetchClient(rest);
  if (token) {
    client.use({
      onRequest({ request }) {
        request.headers.set("Authorization", `Bearer ${token}`);
        return request;
      },
    });
  }
  return client;
}

export function multipart(body) {
  const form = new FormData();
  for (const [name, value] of Object.entries(body ?? {})) {
    if (value === undefined || value === null) continue;
    if (value instanceof Blob) {
      // A File keeps its own name; a bare Blob is named after its field.
      const fileName = typeof File !== "undefined" && value instanceof File ? value.name : name;
      form.append(name, value, fileName);
    } else {
      form.append(name, String(value));
    }
  }
  return form;
}

export function problemCode(problem) {
  const type = problem && typeof problem === "object" ? problem.type : undefined;
  return typeof type === "string" && type.startsWith(PROBLEM_PREFIX) ? type.slice(PROBLEM_PREFIX.length) : undefined;
}
