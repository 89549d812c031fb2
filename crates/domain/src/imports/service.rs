//! The import and export use cases of a signed-in user.

use std::fmt;
use std::sync::Arc;

use crate::catalog::CatalogQuota;
use crate::error::StoreError;
use crate::imports::export::UserExport;
use crate::imports::matching::{MatchKeys, MatchedBy};
use crate::imports::plan::{ImportReport, Placement};
use crate::imports::ports::{ImportRepository, TitleLookup};
use crate::imports::types::{ImportEntry, ImportError, ImportSource, Parsed, Skipped, WatchlistEntry};
use crate::media::MediaFields;
use crate::user::UserId;

/// The import and export use cases of a signed-in user.
#[derive(Clone)]
pub struct ImportService {
    store: Arc<dyn ImportRepository>,
    lookups: Vec<Arc<dyn TitleLookup>>,
    quota: CatalogQuota,
}

impl fmt::Debug for ImportService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImportService").field("lookups", &self.lookups.len()).finish_non_exhaustive()
    }
}

/// The most rows one import asks the remote lookup about; the rest become manual entries.
pub const MAX_LOOKUPS: usize = 200;

impl ImportService {
    /// A service over a store, matching locally only.
    pub fn new(store: Arc<dyn ImportRepository>) -> Self {
        Self { store, lookups: Vec::new(), quota: CatalogQuota::default() }
    }

    /// Limits the manual entries imports create per user and day (the quota `POST /media` shares).
    #[must_use]
    pub fn with_quota(mut self, quota: CatalogQuota) -> Self {
        self.quota = quota;
        self
    }

    /// Also asks `lookup` about rows the local catalog lacks (TMDb for films and shows, Open Library for books);
    /// several lookups are asked in the order added, until one knows the title.
    #[must_use]
    pub fn with_lookup(mut self, lookup: Arc<dyn TitleLookup>) -> Self {
        self.lookups.push(lookup);
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
        if !self.lookups.is_empty() {
            self.look_up(&mut entries, &mut extras.watchlist).await?;
        }
        // A file's ids are the user's claim, not the provider's: they match existing titles but never label a new one.
        for e in entries.iter_mut().filter(|e| !e.looked_up) {
            e.fields.strip_provider_ids();
        }
        for e in extras.watchlist.iter_mut().filter(|e| !e.looked_up) {
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
        for e in outcome.watchlist_over_quota.iter().filter_map(|&i| extras.watchlist.get(i)) {
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
            watchlist: outcome.watchlist,
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

    /// Asks the remotes about rows (list and watchlist) the catalog lacks, at most [`MAX_LOOKUPS`]; a failed
    /// lookup leaves the row to become a manual entry.
    async fn look_up(&self, entries: &mut [ImportEntry], watchlist: &mut [WatchlistEntry]) -> Result<(), StoreError> {
        let keys: Vec<MatchKeys> =
            entries.iter().map(|e| e.keys.clone()).chain(watchlist.iter().map(|w| w.keys.clone())).collect();
        let missing = self.store.unmatched(&keys).await?;
        for index in missing.into_iter().take(MAX_LOOKUPS) {
            let row = if index < entries.len() {
                entries.get_mut(index).map(|e| (&mut e.keys, &mut e.fields, &mut e.looked_up))
            } else {
                watchlist.get_mut(index - entries.len()).map(|w| (&mut w.keys, &mut w.fields, &mut w.looked_up))
            };
            let Some((keys, fields, looked_up)) = row else { continue };
            if let Some(found) = self.ask(keys).await {
                keys.tmdb_id = found.tmdb_id;
                keys.imdb_id = found.imdb_id.clone().or(keys.imdb_id.take());
                keys.openlibrary = found.openlibrary_key().map(str::to_owned);
                *fields = found;
                *looked_up = true;
            }
        }
        Ok(())
    }

    /// The first lookup's answer of the row's kind carrying a provider key (a TMDb id, an Open Library work key).
    /// Nothing found, or a remote that failed (its adapter logs why), gives `None`.
    async fn ask(&self, keys: &MatchKeys) -> Option<MediaFields> {
        for lookup in &self.lookups {
            if let Ok(Some(fields)) = lookup.lookup(keys).await
                && fields.kind == keys.kind
                && (fields.tmdb_id.is_some() || fields.openlibrary_key().is_some())
            {
                return Some(fields);
            }
        }
        None
    }

    /// Everything the user owns.
    pub async fn export(&self, user: UserId) -> Result<UserExport, ImportError> {
        Ok(self.store.export(user).await?)
    }
}
