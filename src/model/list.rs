//! [`ListPage`]: the envelope of every list endpoint (docs/oms-api.md §3.7).

use super::wire::{self, Shape, Wire, WireError};
use super::Extra;
use serde::{Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// One page of a list: `{ data, hasMore, nextCursor, previousCursor }`.
///
/// Read tolerantly: `cursor` (the customers list, docs/oms-api.md, C8) is read as `nextCursor`, and a
/// bare JSON array is read as `{ data: [...] }`. Written canonically.
#[derive(Clone, Debug, PartialEq)]
pub struct ListPage<T> {
    /// The items, newest first.
    pub data: Option<Vec<T>>,
    /// More items exist in the direction of travel.
    pub has_more: Option<bool>,
    /// Pass as `startingAfter` to get the next (older) page.
    pub next_cursor: Option<String>,
    /// Pass as `endingBefore` to get the previous (newer) page.
    pub previous_cursor: Option<String>,
    /// Fields this version of the SDK does not know, kept verbatim and written back.
    pub extra: Extra,
}

impl<T> Default for ListPage<T> {
    fn default() -> Self {
        ListPage {
            data: None,
            has_more: None,
            next_cursor: None,
            previous_cursor: None,
            extra: Extra::default(),
        }
    }
}

impl<T> ListPage<T> {
    /// How a page is pre-read (`cursor` → `nextCursor`, bare array → `data`).
    pub const SHAPE: Shape = Shape {
        aliases: &[("cursor", "nextCursor")],
        string_key: None,
        array_key: Some("data"),
    };

    /// The items (empty when `data` was absent).
    pub fn items(&self) -> &[T] {
        self.data.as_deref().unwrap_or(&[])
    }
}

impl<T: Wire> Wire for ListPage<T> {
    fn read(v: Value) -> Result<Self, WireError> {
        let m = wire::object(Self::SHAPE.apply(v))?;
        let mut out = ListPage {
            data: None,
            has_more: None,
            next_cursor: None,
            previous_cursor: None,
            extra: Extra::default(),
        };
        for (k, v) in m {
            match k.as_str() {
                "data" => out.data = wire::field(v, "data")?,
                "hasMore" => out.has_more = wire::field(v, "hasMore")?,
                "nextCursor" => out.next_cursor = wire::field(v, "nextCursor")?,
                "previousCursor" => out.previous_cursor = wire::field(v, "previousCursor")?,
                _ => {
                    out.extra.insert(k, v);
                }
            }
        }
        Ok(out)
    }

    fn write_json(&self, out: &mut String) {
        out.push('{');
        let mut first = true;
        if let Some(d) = &self.data {
            wire::json_key(out, &mut first, "data");
            d.write_json(out);
        }
        if let Some(h) = &self.has_more {
            wire::json_key(out, &mut first, "hasMore");
            h.write_json(out);
        }
        if let Some(c) = &self.next_cursor {
            wire::json_key(out, &mut first, "nextCursor");
            c.write_json(out);
        }
        if let Some(c) = &self.previous_cursor {
            wire::json_key(out, &mut first, "previousCursor");
            c.write_json(out);
        }
        wire::json_extra(out, &mut first, &self.extra, |k| match k {
            "data" => self.data.is_some(),
            "hasMore" => self.has_more.is_some(),
            "nextCursor" => self.next_cursor.is_some(),
            "previousCursor" => self.previous_cursor.is_some(),
            _ => false,
        });
    }

    fn write(&self) -> Value {
        let mut m = Map::new();
        wire::put(&mut m, "data", &self.data);
        wire::put(&mut m, "hasMore", &self.has_more);
        wire::put(&mut m, "nextCursor", &self.next_cursor);
        wire::put(&mut m, "previousCursor", &self.previous_cursor);
        wire::finish(m, &self.extra)
    }
}

impl<T: Wire> Serialize for ListPage<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        wire::serialize_wire(self, s)
    }
}

impl<'de, T: Wire> serde::Deserialize<'de> for ListPage<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        wire::deserialize_wire(d)
    }
}
