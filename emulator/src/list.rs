//! Query strings and cursor pagination (choices in `assumptions`).

use crate::assumptions::{DEFAULT_LIMIT, MAX_LIMIT};
use crate::clock::{parse_rfc3339, Millis};
use crate::errors::ApiErr;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{Map, Value};

/// A parsed query string (percent-decoded, `+` as space, order kept).
#[derive(Clone, Debug, Default)]
pub struct Query(pub Vec<(String, String)>);

fn pct_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                match u8::from_str_radix(std::str::from_utf8(&b[i + 1..i + 3]).unwrap_or("zz"), 16)
                {
                    Ok(v) => {
                        out.push(v);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl Query {
    /// Parses `a=1&b=x%20y`.
    pub fn parse(raw: Option<&str>) -> Query {
        let mut q = Vec::new();
        for part in raw.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            q.push((pct_decode(k), pct_decode(v)));
        }
        Query(q)
    }

    /// The last value of `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// A date-time parameter (RFC 3339 or `YYYY-MM-DD`).
    ///
    /// # Errors
    /// 400 `invalid_query` when it does not parse.
    pub fn time(&self, key: &str) -> Result<Option<Millis>, ApiErr> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => parse_rfc3339(v).map(Some).ok_or_else(|| {
                ApiErr::invalid_query(format!("{key} must be an RFC 3339 date-time"))
            }),
        }
    }

    /// Paging parameters.
    ///
    /// # Errors
    /// 400 for a bad `limit`, or both cursors at once.
    pub fn page(&self) -> Result<PageReq, ApiErr> {
        let limit = match self.get("limit") {
            None => DEFAULT_LIMIT,
            Some(v) => v
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=MAX_LIMIT).contains(n))
                .ok_or_else(|| {
                    ApiErr::invalid_query(format!(
                        "limit must be a whole number from 1 to {MAX_LIMIT}"
                    ))
                })?,
        };
        let after = self
            .get("startingAfter")
            .filter(|s| !s.is_empty())
            .map(str::to_owned);
        let before = self
            .get("endingBefore")
            .filter(|s| !s.is_empty())
            .map(str::to_owned);
        if after.is_some() && before.is_some() {
            return Err(ApiErr::invalid_query(
                "use startingAfter or endingBefore, not both",
            ));
        }
        Ok(PageReq {
            limit,
            starting_after: after,
            ending_before: before,
            created_after: self.time("createdAfter")?,
            created_before: self.time("createdBefore")?,
        })
    }
}

/// Paging and date range.
#[derive(Clone, Debug)]
pub struct PageReq {
    pub limit: usize,
    pub starting_after: Option<String>,
    pub ending_before: Option<String>,
    /// Inclusive lower bound.
    pub created_after: Option<Millis>,
    /// Inclusive upper bound.
    pub created_before: Option<Millis>,
}

/// A cursor for an item id.
pub fn cursor_of(id: &str) -> String {
    URL_SAFE_NO_PAD.encode(id.as_bytes())
}

fn id_of_cursor(c: &str, param: &str) -> Result<String, ApiErr> {
    URL_SAFE_NO_PAD
        .decode(c.trim_end_matches('='))
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .ok_or_else(|| ApiErr::invalid_cursor(param))
}

/// A page of items.
pub struct Page {
    pub data: Vec<Value>,
    pub has_more: bool,
    pub next_cursor: Option<String>,
    pub previous_cursor: Option<String>,
}

impl Page {
    /// `{data, hasMore, nextCursor, previousCursor}` (absent cursors omitted).
    pub fn envelope(self) -> Value {
        let mut m = Map::new();
        m.insert("object".into(), Value::from("list"));
        m.insert("data".into(), Value::Array(self.data));
        m.insert("hasMore".into(), Value::Bool(self.has_more));
        if let Some(c) = self.next_cursor {
            m.insert("nextCursor".into(), Value::String(c));
        }
        if let Some(c) = self.previous_cursor {
            m.insert("previousCursor".into(), Value::String(c));
        }
        Value::Object(m)
    }

    /// The customers list's `{data, hasMore, cursor}` (the customers reference page's envelope).
    pub fn customers_envelope(self) -> Value {
        let mut m = Map::new();
        m.insert("object".into(), Value::from("list"));
        m.insert("data".into(), Value::Array(self.data));
        m.insert("hasMore".into(), Value::Bool(self.has_more));
        if let Some(c) = self.next_cursor {
            m.insert("cursor".into(), Value::String(c));
        }
        Value::Object(m)
    }
}

/// Pages `items` (each `(id, createdAt, item)`, **newest first**), applying the date range first.
///
/// # Errors
/// 400 `invalid_cursor` for a cursor that is not one of this list's items.
pub fn paginate<T>(
    items: Vec<(String, Millis, T)>,
    req: &PageReq,
    render: impl Fn(&T) -> Value,
) -> Result<Page, ApiErr> {
    let items: Vec<(String, Millis, T)> = items
        .into_iter()
        .filter(|(_, t, _)| {
            // compare at the precision `createdAt` is written with (whole seconds)
            let t = t.div_euclid(1000) * 1000;
            req.created_after.is_none_or(|a| t >= a) && req.created_before.is_none_or(|b| t <= b)
        })
        .collect();
    let pos = |param: &str, c: &str| -> Result<usize, ApiErr> {
        let id = id_of_cursor(c, param)?;
        items
            .iter()
            .position(|(i, _, _)| *i == id)
            .ok_or_else(|| ApiErr::invalid_cursor(param))
    };
    let (start, end, has_more) = if let Some(c) = &req.ending_before {
        let p = pos("endingBefore", c)?;
        let start = p.saturating_sub(req.limit);
        (start, p, start > 0)
    } else {
        let start = match &req.starting_after {
            Some(c) => pos("startingAfter", c)? + 1,
            None => 0,
        };
        let end = (start + req.limit).min(items.len());
        (start, end, end < items.len())
    };
    let slice = &items[start..end];
    Ok(Page {
        data: slice.iter().map(|(_, _, t)| render(t)).collect(),
        has_more,
        next_cursor: if end < items.len() && !slice.is_empty() {
            slice.last().map(|(id, _, _)| cursor_of(id))
        } else {
            None
        },
        previous_cursor: if start > 0 && !slice.is_empty() {
            slice.first().map(|(id, _, _)| cursor_of(id))
        } else {
            None
        },
    })
}
