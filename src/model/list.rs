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
        let mut m = wire::object(Self::SHAPE.apply(v))?;
        Ok(ListPage {
            data: wire::take(&mut m, "data")?,
            has_more: wire::take(&mut m, "hasMore")?,
            next_cursor: wire::take(&mut m, "nextCursor")?,
            previous_cursor: wire::take(&mut m, "previousCursor")?,
            extra: Extra(m),
        })
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
