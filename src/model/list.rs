//! [`ListPage`]: the envelope of every list endpoint (docs/oms-api.md §3.7).

use super::wire::read_fields_text;
use super::wire::{self, Shape, Wire, WireError};
use super::wire_text::{Decline, TextReader};
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

/// The wire names of a page's known members, in the order they are written.
const PAGE_FIELDS: &[&str] = &["data", "hasMore", "nextCursor", "previousCursor"];

/// Reads every member of a page but the items (`data` stays JSON): the part of [`Wire::read`] that
/// does not depend on the item type, so one copy serves every list.
#[inline(never)]
fn read_page(v: Value) -> Result<(Option<Vec<Value>>, ListPage<()>), WireError> {
    let m = wire::object(ListPage::<()>::SHAPE.apply(v))?;
    let mut data = None;
    let mut out = ListPage::<()>::default();
    for (k, v) in m {
        match wire::field_index(PAGE_FIELDS, &k) {
            0 => data = wire::field(v, "data")?,
            1 => out.has_more = wire::field(v, "hasMore")?,
            2 => out.next_cursor = wire::field(v, "nextCursor")?,
            3 => out.previous_cursor = wire::field(v, "previousCursor")?,
            _ => {
                out.extra.insert(k, v);
            }
        }
    }
    Ok((data, out))
}

/// Writes every member of a page after `data` (not generic, as [`read_page`]).
#[inline(never)]
fn write_rest(
    out: &mut String,
    mut first: bool,
    has_more: Option<bool>,
    cursors: [&Option<String>; 2],
    extra: &Extra,
    data_written: bool,
) {
    let mut written = u64::from(data_written);
    if let Some(h) = has_more {
        wire::json_key(out, &mut first, "hasMore");
        h.write_json(out);
        written |= 2;
    }
    for (i, (c, key)) in cursors
        .iter()
        .zip(["nextCursor", "previousCursor"])
        .enumerate()
    {
        if let Some(c) = c {
            wire::json_key(out, &mut first, key);
            c.write_json(out);
            written |= 4 << i;
        }
    }
    wire::json_extra(out, &mut first, extra, PAGE_FIELDS, written);
}

impl<T: Wire> Wire for ListPage<T> {
    fn read(v: Value) -> Result<Self, WireError> {
        let (items, page) = read_page(v)?;
        let data = match items {
            None => None,
            Some(items) => {
                let mut data = Vec::with_capacity(items.len());
                for (i, item) in items.into_iter().enumerate() {
                    data.push(T::read(item).map_err(|e| e.at_index(i).at_key("data"))?);
                }
                Some(data)
            }
        };
        Ok(ListPage {
            data,
            has_more: page.has_more,
            next_cursor: page.next_cursor,
            previous_cursor: page.previous_cursor,
            extra: page.extra,
        })
    }

    fn read_text(r: &mut TextReader<'_>) -> Result<Self, Decline> {
        let mut out = ListPage::default();
        let ListPage {
            data,
            has_more,
            next_cursor,
            previous_cursor,
            extra,
        } = &mut out;
        read_fields_text(
            r,
            &Self::SHAPE,
            PAGE_FIELDS,
            &mut [data, has_more, next_cursor, previous_cursor],
            extra,
        )?;
        Ok(out)
    }

    fn write_json(&self, out: &mut String) {
        out.push('{');
        if let Some(d) = &self.data {
            wire::json_str(out, "data");
            out.push(':');
            d.write_json(out);
        }
        write_rest(
            out,
            self.data.is_none(),
            self.has_more,
            [&self.next_cursor, &self.previous_cursor],
            &self.extra,
            self.data.is_some(),
        );
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
