-- Progress of long provider syncs (`marquee sync tmdb`), so an interrupted run resumes where it stopped.
-- One row per job: `params` fingerprints the options (a run with other options starts over), `next_step` counts
-- the steps already written, `completed_at` is when the job last ran to its end (the changes mode starts there).
CREATE TABLE sync_state (
    job text PRIMARY KEY CHECK (job <> ''),
    params text NOT NULL,
    next_step integer NOT NULL DEFAULT 0 CHECK (next_step >= 0),
    completed_at timestamptz,
    updated_at timestamptz NOT NULL DEFAULT now()
);
