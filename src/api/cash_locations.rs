//! `cashLocations.list`: `GET /cash-locations` (docs/oms-api.md §6.5).

use super::params::{finish, root};
use super::{FromParams, Operation, RequestContext};
use crate::http::Method;
use crate::input::{Issue, Value};
use crate::model::wire::fmt_f64;
use crate::model::{CashLocation, ListPage};

/// Retail locations around a point. Params: `{ provider, latitude, longitude, flow? }` (latitude and
/// longitude as numbers or decimal strings); the query is written in that order. The response
/// envelope is undocumented: a list page or a bare array both read as a [`ListPage`].
#[derive(Clone, Debug, PartialEq)]
pub struct List {
    /// Provider, e.g. `greendot`.
    pub provider: String,
    /// Latitude, −90 to 90.
    pub latitude: f64,
    /// Longitude, −180 to 180.
    pub longitude: f64,
    /// Cash-in vs cash-out configuration (values undocumented).
    pub flow: Option<String>,
}

impl Operation for List {
    const NAME: &'static str = "cashLocations.list";
    const METHOD: Method = Method::Get;
    const PATH: &'static str = "/cash-locations";
    type Body = ();
    type Output = ListPage<CashLocation>;

    fn query(&self) -> Vec<(&'static str, String)> {
        let mut q = vec![
            ("provider", self.provider.clone()),
            ("latitude", fmt_f64(self.latitude)),
            ("longitude", fmt_f64(self.longitude)),
        ];
        if let Some(f) = &self.flow {
            q.push(("flow", f.clone()));
        }
        q
    }
}

impl FromParams for List {
    const PARAMS: &'static [&'static str] = &["provider", "latitude", "longitude", "flow"];

    fn from_params(params: &Value, _ctx: &RequestContext) -> Result<Self, Vec<Issue>> {
        let mut issues = Vec::new();
        let i = &mut issues;
        let hints = [
            ("lat", "latitude"),
            ("lng", "longitude"),
            ("lon", "longitude"),
            ("long", "longitude"),
        ];
        let Some(o) = root(params, Self::PARAMS, &hints, i) else {
            return finish(issues, || None);
        };
        let provider = o.str("provider", 64, true, i);
        let latitude = o.coordinate("latitude", 90, i);
        let longitude = o.coordinate("longitude", 180, i);
        let flow = o.str("flow", 64, false, i);
        finish(issues, || {
            Some(List {
                provider: provider?,
                latitude: latitude?,
                longitude: longitude?,
                flow,
            })
        })
    }
}
