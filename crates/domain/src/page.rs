//! Offset pagination shared by every list.

use crate::error::FieldError;

/// The largest page a client may ask for.
pub const MAX_LIMIT: u32 = 100;
/// The default page size.
pub const DEFAULT_LIMIT: u32 = 20;
/// The deepest offset a client may ask for; deeper pages are a scraping pattern, not a browsing one.
pub const MAX_OFFSET: u32 = 100_000;

/// A validated page request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PageRequest {
    limit: u32,
    offset: u32,
}

impl Default for PageRequest {
    fn default() -> Self {
        Self { limit: DEFAULT_LIMIT, offset: 0 }
    }
}

impl PageRequest {
    /// Validates `limit` (1..=100, default 20) and `offset` (0..=100,000, default 0).
    pub fn new(limit: Option<i64>, offset: Option<i64>) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let limit = match limit {
            None => DEFAULT_LIMIT,
            Some(l) if (1..=i64::from(MAX_LIMIT)).contains(&l) => l as u32,
            Some(_) => {
                errors.push(FieldError::new("limit", format!("must be between 1 and {MAX_LIMIT}")));
                DEFAULT_LIMIT
            }
        };
        let offset = match offset {
            None => 0,
            Some(o) if (0..=i64::from(MAX_OFFSET)).contains(&o) => o as u32,
            Some(_) => {
                errors.push(FieldError::new("offset", format!("must be between 0 and {MAX_OFFSET}")));
                0
            }
        };
        if errors.is_empty() { Ok(Self { limit, offset }) } else { Err(errors) }
    }

    /// How many items at most.
    pub fn limit(self) -> u32 {
        self.limit
    }

    /// How many items to skip.
    pub fn offset(self) -> u32 {
        self.offset
    }
}

/// One page of a list, with the total the filter matches.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The items of this page, in list order.
    pub items: Vec<T>,
    /// How many items match the filter in all.
    pub total: u64,
    /// The request this page answers.
    pub request: PageRequest,
}

impl<T> Page<T> {
    /// Cuts one page out of a complete, ordered list.
    pub fn slice(all: Vec<T>, request: PageRequest) -> Self {
        let total = all.len() as u64;
        let items = all.into_iter().skip(request.offset as usize).take(request.limit as usize).collect();
        Self { items, total, request }
    }
}
