//! Open Library behind the domain's ports: books as catalog fields, the remote catalog of the local-first search
//! for `kind=book`, and the title lookup of imports (by ISBN, then by title and author).

use std::time::Duration;

use async_trait::async_trait;
use marquee_domain::book::{BookFacts, OPENLIBRARY, isbn13, parse_work_key};
use marquee_domain::imports::{LookupError, MatchKeys, TitleLookup, title_key};
use marquee_domain::media::{MediaFields, MediaInput, MediaKind, image_ref};
use marquee_domain::remote::{RemoteCatalog, RemoteError};
use serde_json::json;

use crate::api::{Edition, SearchDoc, Text, Work, year_in};
use crate::client::{OpenLibraryClient, OpenLibraryError};

fn cut(text: &str, max: usize) -> String {
    text.chars().filter(|c| !c.is_control() || *c == '\n').take(max).collect::<String>().trim().to_owned()
}

/// A year the catalog accepts.
fn year(value: i64) -> Option<i16> {
    i16::try_from(value).ok().filter(|y| (-3000..=2200).contains(y))
}

/// Catalog fields of a book from its facts: the title, the first publication year as the year, the cover as the
/// poster (a URL, never fetched), the facts under `attributes.openlibrary`. `None` when the catalog refuses them.
fn book_fields(title: &str, overview: Option<&str>, facts: &BookFacts) -> Option<MediaFields> {
    let title = cut(title, 300);
    if title.is_empty() {
        return None;
    }
    let poster_path = facts.cover_url().and_then(|url| image_ref(&url).ok());
    let input = MediaInput {
        kind: MediaKind::Book.as_str().to_owned(),
        title,
        year: facts.first_publish_year.map(i64::from),
        overview: overview.map(|o| cut(o, 5_000)).filter(|o| !o.is_empty()),
        poster_path,
        attributes: Some(json!({ OPENLIBRARY: facts.to_attribute() })),
        ..MediaInput::default()
    };
    match MediaFields::new(input) {
        Ok(fields) => Some(fields),
        Err(errors) => {
            tracing::debug!(key = facts.key, ?errors, "skipping an Open Library book the catalog refuses");
            None
        }
    }
}

/// A search hit as catalog fields: a `kind=book` title keyed by its work, with its authors, first publication year,
/// subjects, median page count, ISBNs and cover. Hits without a work key or a title give `None`.
pub fn search_fields(doc: &SearchDoc) -> Option<MediaFields> {
    let key = parse_work_key(&doc.key)?;
    let facts = BookFacts {
        key,
        authors: doc.author_name.clone(),
        first_publish_year: doc.first_publish_year.and_then(year),
        subjects: doc.subject.clone(),
        page_count: doc.number_of_pages_median,
        isbns: doc.isbn.clone(),
        cover_id: doc.cover_i,
    };
    book_fields(doc.title.as_deref()?, None, &facts)
}

/// An edition (and its work, when it could be read) as catalog fields, keyed by the work (or by the edition when it
/// names no work): the work's title, subjects, first publication date and description win; the edition gives its
/// page count, ISBNs and cover.
pub fn edition_fields(edition: &Edition, work: Option<&Work>, authors: Vec<String>) -> Option<MediaFields> {
    let key = edition
        .works
        .iter()
        .find_map(|w| parse_work_key(&w.key))
        .or_else(|| Some(edition.key.rsplit('/').next()?.to_owned()).filter(|k| !k.is_empty()))?;
    let subjects =
        work.map(|w| w.subjects.clone()).filter(|s| !s.is_empty()).unwrap_or_else(|| edition.subjects.clone());
    let cover_id = edition.covers.iter().chain(work.map(|w| &w.covers).into_iter().flatten()).copied().find(|c| *c > 0);
    let facts = BookFacts {
        key,
        authors,
        first_publish_year: work.and_then(|w| w.first_publish_date.as_deref()).and_then(year_in),
        subjects,
        page_count: edition.number_of_pages,
        isbns: edition.isbn_13.iter().chain(&edition.isbn_10).cloned().collect(),
        cover_id,
    };
    let title = work.and_then(|w| w.title.as_deref()).or(edition.title.as_deref())?;
    let overview = work.and_then(|w| w.description.as_ref()).or(edition.description.as_ref()).map(Text::as_str);
    book_fields(title, overview, &facts)
}

fn remote_error(err: OpenLibraryError) -> RemoteError {
    match err {
        OpenLibraryError::NotFound => RemoteError::NotFound,
        OpenLibraryError::RateLimited { retry_after_secs } => RemoteError::RateLimited { retry_after_secs },
        OpenLibraryError::Timeout => RemoteError::Timeout,
        other => RemoteError::Unavailable(other.to_string()),
    }
}

/// Open Library as the remote catalog of book searches and the title lookup of imports. A search is bounded by
/// `wait` as a whole; a lookup (up to four requests: an ISBN-13, an ISBN-10, the work, a title search) by three
/// times `wait`.
#[derive(Debug, Clone)]
pub struct OpenLibraryCatalog {
    client: OpenLibraryClient,
    wait: Duration,
}

impl OpenLibraryCatalog {
    /// Over `client`, waiting at most `wait` per search.
    pub fn new(client: OpenLibraryClient, wait: Duration) -> Self {
        Self { client, wait }
    }

    async fn search_now(&self, text: &str, limit: u32) -> Result<Vec<MediaFields>, OpenLibraryError> {
        let page = self.client.search(text, limit).await?;
        Ok(page.docs.iter().filter_map(search_fields).take(limit as usize).collect())
    }

    /// The book these keys name: the edition of the first ISBN Open Library knows (with its work), else the first
    /// search hit of the same normalised title by the row's author.
    async fn look_up_now(&self, keys: &MatchKeys) -> Result<Option<MediaFields>, OpenLibraryError> {
        for isbn in &keys.isbns {
            let edition = match self.client.edition_by_isbn(isbn).await {
                Ok(edition) => edition,
                Err(OpenLibraryError::NotFound) => continue,
                Err(other) => return Err(other),
            };
            let work = match edition.works.first() {
                Some(w) => match self.client.work(&w.key).await {
                    Ok(work) => Some(work),
                    // The edition alone still names the book; a missing work only costs its subjects and year.
                    Err(OpenLibraryError::NotFound) => None,
                    Err(other) => return Err(other),
                },
                None => None,
            };
            let authors = keys.author.iter().cloned().collect();
            if let Some(mut fields) = edition_fields(&edition, work.as_ref(), authors) {
                if fields.year.is_none() {
                    fields.year = keys.year;
                }
                return Ok(Some(fields));
            }
        }
        let wanted = title_key(&keys.title);
        if wanted.is_empty() {
            return Ok(None);
        }
        let page = self.client.search_title(&keys.title, keys.author.as_deref(), 5).await?;
        Ok(page.docs.iter().filter_map(search_fields).find(|f| title_key(&f.title) == wanted))
    }
}

#[async_trait]
impl RemoteCatalog for OpenLibraryCatalog {
    async fn search(&self, text: &str, kind: Option<MediaKind>, limit: u32) -> Result<Vec<MediaFields>, RemoteError> {
        if kind != Some(MediaKind::Book) {
            return Ok(Vec::new());
        }
        let Ok(result) = tokio::time::timeout(self.wait, self.search_now(text, limit)).await else {
            tracing::warn!(
                wait_ms = self.wait.as_millis() as u64,
                "Open Library search timed out; answering local hits"
            );
            return Err(RemoteError::Timeout);
        };
        result.map_err(|e| {
            tracing::warn!(error = %e, "Open Library search failed; answering local hits only");
            remote_error(e)
        })
    }
}

#[async_trait]
impl TitleLookup for OpenLibraryCatalog {
    async fn lookup(&self, keys: &MatchKeys) -> Result<Option<MediaFields>, LookupError> {
        if keys.kind != MediaKind::Book {
            return Ok(None);
        }
        let keys = MatchKeys { isbns: keys.isbns.iter().filter_map(|i| isbn13(i)).collect(), ..keys.clone() };
        let Ok(result) = tokio::time::timeout(self.wait * 3, self.look_up_now(&keys)).await else {
            tracing::warn!(
                wait_ms = self.wait.as_millis() as u64 * 3,
                "Open Library lookup timed out; the row stays manual"
            );
            return Err(LookupError("Open Library did not answer in time".into()));
        };
        result.map_err(|e| {
            tracing::warn!(error = %e, "Open Library lookup failed; the row stays manual");
            LookupError(e.to_string())
        })
    }
}
