// Imports (Letterboxd ZIP or CSV, IMDb CSV, Goodreads CSV, a Marquee export) with what each line became, and the export.
import { useState } from "preact/hooks";

import { multipart } from "@marquee/client";

import { call, type Schemas } from "../api";
import { download, ErrorNote, Screen, useAction } from "../ui";

type Source = "letterboxd" | "imdb" | "goodreads" | "marquee";
type Report = Schemas["ImportReportResponse"];

const SOURCES: [Source, string, string][] = [
  ["letterboxd", "Letterboxd", "the ZIP from Settings → Import & Export, or its ratings.csv"],
  ["imdb", "IMDb", "the ratings CSV from Your Ratings → Export"],
  ["goodreads", "Goodreads", "goodreads_library_export.csv from My Books → Import and export"],
  ["marquee", "Marquee", "a JSON or CSV export from this page"],
];

export function ImportsScreen() {
  const [source, setSource] = useState<Source>("letterboxd");
  const [file, setFile] = useState<File | null>(null);
  const [partial, setPartial] = useState(false);
  const [report, setReport] = useState<Report | null>(null);
  const upload = useAction();
  const exporting = useAction();

  const submit = (event: Event) => {
    event.preventDefault();
    if (!file) return;
    void upload.run(async () => {
      setReport(null);
      const options = { params: { query: { partial } }, body: { file }, bodySerializer: multipart };
      const result =
        source === "letterboxd"
          ? await call((api) => api.POST("/api/v1/me/imports/letterboxd", options))
          : source === "imdb"
            ? await call((api) => api.POST("/api/v1/me/imports/imdb", options))
            : source === "goodreads"
              ? await call((api) => api.POST("/api/v1/me/imports/goodreads", options))
              : await call((api) => api.POST("/api/v1/me/imports/marquee", options));
      setReport(result);
    });
  };
  const exportAs = (format: "json" | "csv") =>
    void exporting.run(async () => {
      if (format === "json") {
        const doc = await call((api) => api.GET("/api/v1/me/export"));
        download("marquee-export.json", JSON.stringify(doc, null, 2), "application/json");
      } else {
        const csv = await call((api) => api.GET("/api/v1/me/export/csv", { parseAs: "text" }));
        download("marquee-export.csv", csv, "text/csv");
      }
    });

  return (
    <Screen title="Import and export">
      <form class="card" onSubmit={submit}>
        <fieldset>
          <legend>From</legend>
          {SOURCES.map(([value, label, hint]) => (
            <label class="inline block" key={value}>
              <input type="radio" name="source" checked={source === value} onChange={() => setSource(value)} />{" "}
              {label} <span class="muted">({hint})</span>
            </label>
          ))}
        </fieldset>
        <label>
          File
          <input type="file" accept=".zip,.csv,.json" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} required />
        </label>
        <label class="inline">
          <input type="checkbox" checked={partial} onChange={(e) => setPartial(e.currentTarget.checked)} /> Import what
          fits now and stop (when the file is larger than one import may place)
        </label>
        <button type="submit" class="primary" disabled={upload.busy || !file}>
          Import
        </button>
        {upload.busy && (
          <p role="status">
            <progress aria-label="Importing" /> Importing…
          </p>
        )}
        <ErrorNote error={upload.error} />
      </form>
      {report && <ImportReport report={report} />}
      <section aria-labelledby="export" class="card">
        <h2 id="export">Export</h2>
        <p>Everything you ranked, compared and chose, to keep or to import elsewhere.</p>
        <p class="row">
          <button type="button" onClick={() => exportAs("json")} disabled={exporting.busy}>
            Download JSON
          </button>
          <button type="button" onClick={() => exportAs("csv")} disabled={exporting.busy}>
            Download CSV
          </button>
        </p>
        <ErrorNote error={exporting.error} />
      </section>
    </Screen>
  );
}

function ImportReport({ report }: { report: Report }) {
  return (
    <section aria-labelledby="report" class="card">
      <h2 id="report">Imported from {report.source}</h2>
      <p role="status">
        {report.placed} placed, {report.unchanged} unchanged, {report.created.length} added to the catalog,{" "}
        {report.skipped.length} skipped
        {report.comparisons_added ? `, ${report.comparisons_added} comparisons` : ""}
        {report.watchlist.length ? `, ${report.watchlist.length} added to the watchlist` : ""}
        {report.partial ? `; ${report.entries_left} entries left for another import` : ""}.
      </p>
      {report.skipped.length > 0 && (
        <table>
          <caption>Skipped lines</caption>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Line</th>
              <th scope="col">Title</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {report.skipped.map((s) => (
              <tr key={`${s.file}:${s.line}`}>
                <td>{s.file}</td>
                <td>{s.line}</td>
                <td>{s.title ?? ""}</td>
                <td>{s.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.matched.length > 0 && (
        <details>
          <summary>{report.matched.length} lines matched</summary>
          <ul class="plain">
            {report.matched.map((m) => (
              <li key={m.line}>
                line {m.line}: {m.title} → tier {m.tier} ({m.placement.replace("_", " ")})
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
