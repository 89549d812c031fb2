//! The import and export use cases of a signed-in user.

use std::fmt;
use std::sync::Arc;

use crate::catalog::CatalogQuota;
use crate::error::StoreError;
use crate::imports::export::UserExport;
use crate::imports::matching::{MatchKeys, MatchedBy};
use crate::imports::plan::{ImportReport, Placement};
use crate::imports::ports::{ImportRepository, TitleLookup};
use crate::imports::types::{ImportEntry, ImportError, ImportSource, Parsed, Skipped};
use crate::user::UserId;

/// The import and export use cases of a signed-in user.
#[derive(Clone)]
pub struct ImportService {
    store: Arc<dyn ImportRepository>,
    lookup: Option<Arc<dyn TitleLookup>>,
    quota: CatalogQuota,
}

impl fmt::Debug for ImportService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImportService").field("lookup", &self.lookup.is_some()).finish_non_exhaustive()
    }
}

/// The most rows one import asks the remote lookup about; the rest become manual entries.
pub const MAX_LOOKUPS: usize = 200;

impl ImportService {
    /// A service over a store, matching locally only.
    pub fn new(store: Arc<dyn ImportRepository>) -> Self {
        Self { store, lookup: None, quota: CatalogQuota::default() }
    }

    /// Limits the manual entries imports create per user and day (the quota `POST /media` shares).
    #[must_use]
    pub fn with_quota(mut self, quota: CatalogQuota) -> Self {
        self.quota = quota;
        self
    }

    /// Also asks `lookup` about rows the local catalog lacks (the TMDb seam).
    #[must_use]
    pub fn with_lookup(mut self, lookup: Arc<dyn TitleLookup>) -> Self {
        self.lookup = Some(lookup);
        self
    }

    /// Imports parsed rows into the user's list. Bad rows refuse the whole import unless `partial`, in which case
    /// they are reported as skipped. A row that matches nothing becomes the user's manual entry without the
    /// provider ids the file gives (they still serve to match), within the daily quota; rows past it are reported
    /// as skipped.
    pub async fn import(
        &self,
        user: UserId,
        source: ImportSource,
        parsed: Parsed,
        partial: bool,
    ) -> Result<ImportReport, ImportError> {
        let Parsed { mut entries, mut skipped, errors, comparisons, mut extras } = parsed;
        if !errors.is_empty() {
            if !partial {
                return Err(ImportError::Rows(errors));
            }
            skipped.extend(errors.into_iter().map(|e| Skipped {
                file: e.file,
                line: e.line,
                title: None,
                reason: e.message,
            }));
        }
        entries.sort_by(|a, b| a.tier.cmp(&b.tier).then_with(|| a.order.cmp(&b.order)));
        if let Some(lookup) = &self.lookup {
            self.look_up(lookup.as_ref(), &mut entries).await?;
        }
        // A file's ids are the user's claim, not the provider's: they match existing titles but never label a new one.
        for e in entries.iter_mut().filter(|e| !e.looked_up) {
            e.fields.strip_provider_ids();
        }
        for (_, fields) in extras.top4.iter_mut().flatten() {
            fields.strip_provider_ids();
        }
        let outcome = self.store.import_list(user, source, &entries, &comparisons, &extras, self.quota).await?;
        let over_quota = |file: &str, line: usize, title: Option<String>| Skipped {
            file: file.to_owned(),
            line,
            title,
            reason: format!(
                "matches no catalog title, and the quota of {} new catalog entries per day is used up: not created",
                self.quota.limit()
            ),
        };
        for e in outcome.over_quota.iter().filter_map(|&i| entries.get(i)) {
            skipped.push(over_quota(&e.file, e.line, Some(e.fields.title.clone())));
        }
        for position in &outcome.top4_over_quota {
            let title = extras.top4.as_ref().and_then(|t| t.get(position - 1)).map(|(_, f)| f.title.clone());
            skipped.push(over_quota("top4", *position, title));
        }
        let mut report = ImportReport {
            source,
            partial,
            matched: Vec::new(),
            created: Vec::new(),
            skipped,
            placed: 0,
            unchanged: 0,
            comparisons_added: outcome.comparisons_added,
            top4_set: outcome.top4_set,
            services_set: outcome.services_set,
            entries_left: outcome.entries_left,
        };
        for e in outcome.entries {
            match e.placement {
                Placement::Placed => report.placed += 1,
                Placement::AlreadyRanked | Placement::Duplicate { .. } => report.unchanged += 1,
            }
            if e.matched_by == MatchedBy::Created { report.created.push(e) } else { report.matched.push(e) }
        }
        report.matched.sort_by_key(|e| e.line);
        report.created.sort_by_key(|e| e.line);
        report.skipped.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        Ok(report)
    }

    /// Asks the remote about rows the catalog lacks; a failed lookup leaves the row to become a manual entry.
    async fn look_up(&self, lookup: &dyn TitleLookup, entries: &mut [ImportEntry]) -> Result<(), StoreError> {
        let keys: Vec<MatchKeys> = entries.iter().map(|e| e.keys.clone()).collect();
        let missing = self.store.unmatched(&keys).await?;
        for index in missing.into_iter().take(MAX_LOOKUPS) {
            let Some(entry) = entries.get_mut(index) else { continue };
            match lookup.lookup(&entry.keys).await {
                Ok(Some(fields)) if fields.kind == entry.keys.kind && fields.tmdb_id.is_some() => {
                    entry.keys.tmdb_id = fields.tmdb_id;
                    entry.keys.imdb_id = fields.imdb_id.clone().or(entry.keys.imdb_id.take());
                    entry.fields = fields;
                    entry.looked_up = true;
                }
                // Nothing found, or the remote failed (its adapter logs why): the row becomes a manual entry.
                Ok(_) | Err(_) => {}
            }
        }
        Ok(())
    }

    /// Everything the user owns.
    pub async fn export(&self, user: UserId) -> Result<UserExport, ImportError> {
        Ok(self.store.export(user).await?)
    }
}
