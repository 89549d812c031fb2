//! The CSV helpers every format's parser shares: decoding an upload, columns looked up by name, cells, dates,
//! years, and dropping repeated rows.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};

use crate::csv::{self, Record};
use crate::imports::types::{ImportEntry, ImportError, RowError, Skipped};
use crate::media::{MediaFields, MediaInput};

/// Reads an upload as text: UTF-8, or else Latin-1 (older IMDb exports).
pub fn decode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

/// A CSV file with a header, its columns looked up by name.
#[derive(Debug)]
pub(crate) struct Sheet {
    file: String,
    header: Vec<String>,
    rows: Vec<Record>,
}

impl Sheet {
    /// Parses `text`; the first record is the header.
    pub(crate) fn parse(file: &str, text: &str) -> Result<Self, ImportError> {
        let mut records = csv::parse(text).map_err(|source| ImportError::Csv { file: file.to_owned(), source })?;
        if records.is_empty() {
            return Err(ImportError::Columns { file: file.to_owned(), missing: Vec::new(), found: Vec::new() });
        }
        let header = records.remove(0).fields.into_iter().map(|h| h.trim().to_owned()).collect();
        Ok(Self { file: file.to_owned(), header, rows: records })
    }

    /// The positions of `names`, or the error naming every one that is missing.
    pub(crate) fn columns<const N: usize>(&self, names: [&str; N]) -> Result<[usize; N], ImportError> {
        let mut missing = Vec::new();
        let found = names.map(|name| {
            self.header.iter().position(|h| h == name).unwrap_or_else(|| {
                missing.push(name.to_owned());
                0
            })
        });
        if missing.is_empty() {
            Ok(found)
        } else {
            Err(ImportError::Columns { file: self.file.clone(), missing, found: self.header.clone() })
        }
    }

    pub(crate) fn optional(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    /// The rows with exactly as many fields as the header; the others become row errors.
    pub(crate) fn rows(&self, errors: &mut Vec<RowError>) -> Vec<&Record> {
        let width = self.header.len();
        let mut good = Vec::with_capacity(self.rows.len());
        for r in &self.rows {
            if r.fields.len() == width {
                good.push(r);
            } else {
                errors.push(self.error(r.line, format!("expected {width} fields, found {}", r.fields.len())));
            }
        }
        good
    }

    pub(crate) fn file(&self) -> &str {
        &self.file
    }

    pub(crate) fn error(&self, line: usize, message: impl Into<String>) -> RowError {
        RowError { file: self.file.clone(), line, message: message.into() }
    }
}

/// A non-empty trimmed field, if there is one.
pub(crate) fn cell(record: &Record, index: usize) -> Option<&str> {
    record.fields.get(index).map(|f| f.trim()).filter(|f| !f.is_empty())
}

/// The optional year in column `c`: `Ok(None)` when empty, `Err` (with the row error recorded) when it is no year.
pub(crate) fn year_cell(sheet: &Sheet, r: &Record, c: usize, errors: &mut Vec<RowError>) -> Result<Option<i16>, ()> {
    match cell(r, c) {
        None => Ok(None),
        Some(y) => {
            year(y).map(Some).ok_or_else(|| errors.push(sheet.error(r.line, format!("Year {y:?} is not a year"))))
        }
    }
}

/// Validates a row's catalog fields, recording every problem as one row error.
pub(crate) fn fields_cell(
    sheet: &Sheet,
    line: usize,
    input: MediaInput,
    errors: &mut Vec<RowError>,
) -> Option<MediaFields> {
    MediaFields::new(input)
        .map_err(|e| {
            let message = e.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ");
            errors.push(sheet.error(line, message));
        })
        .ok()
}

/// A `YYYY-MM-DD` date as midnight UTC.
pub(crate) fn date(text: &str) -> Option<DateTime<Utc>> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()?.and_hms_opt(0, 0, 0).map(|d| d.and_utc())
}

/// A year from 1800 to 2200.
pub(crate) fn year(text: &str) -> Option<i16> {
    text.trim().parse::<i16>().ok().filter(|y| (1800..=2200).contains(y))
}

/// Rows whose keys repeat an earlier row's (same source id), reported as skipped; returns the survivors.
pub(crate) fn dedupe_by<K: std::hash::Hash + Eq>(
    entries: Vec<ImportEntry>,
    file: &str,
    key: impl Fn(&ImportEntry) -> Option<K>,
    skipped: &mut Vec<Skipped>,
) -> Vec<ImportEntry> {
    let mut seen = HashSet::new();
    let mut kept = Vec::with_capacity(entries.len());
    for e in entries {
        if key(&e).is_some_and(|k| !seen.insert(k)) {
            skipped.push(Skipped {
                file: file.to_owned(),
                line: e.line,
                title: Some(e.keys.title.clone()),
                reason: "the same title appears on an earlier line".into(),
            });
        } else {
            kept.push(e);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_uploads_are_read() {
        assert_eq!(decode(b"Am\xe9lie"), "Amélie");
        assert_eq!(decode("Amélie".as_bytes()), "Amélie");
    }
}
