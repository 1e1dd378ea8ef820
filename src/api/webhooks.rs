//! `webhooks.*` (docs/oms-api.md §6.7).

use super::params::{finish, root, Obj};
use super::query::Page;
use super::{FromParams, Operation, RequestContext};
use crate::http::Method;
use crate::ids::WebhookEndpointId;
use crate::input::{Issue, Value};
use crate::model::{CreateWebhook, ListPage, UpdateWebhook, WebhookEndpoint, WebhookEventType};

fn events(o: &Obj<'_>, issues: &mut Vec<Issue>) -> Option<Vec<WebhookEventType>> {
    o.events("events", issues)
        .map(|list| list.into_iter().map(WebhookEventType::from).collect())
}

/// `POST /webhooks`: register an endpoint; the response carries the `secret` (only time it is
/// shown). Params: `{ url, events?, enabled? }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Create {
    /// The body.
    pub body: CreateWebhook,
}

impl Operation for Create {
    const NAME: &'static str = "webhooks.create";
    const METHOD: Method = Method::Post;
    const PATH: &'static str = "/webhooks";
    type Body = CreateWebhook;
    type Output = WebhookEndpoint;

    fn body(&self) -> Option<&CreateWebhook> {
        Some(&self.body)
    }
}

impl FromParams for Create {
    const PARAMS: &'static [&'static str] = &["url", "events", "enabled"];

    fn from_params(params: &Value, _ctx: &RequestContext) -> Result<Self, Vec<Issue>> {
        let mut issues = Vec::new();
        let (mut url, mut ev, mut enabled) = (None, None, None);
        if let Some(o) = root(
            params,
            Self::PARAMS,
            &[("endpoint", "url"), ("eventTypes", "events")],
            &mut issues,
        ) {
            url = o.webhook_url("url", true, &mut issues);
            ev = events(&o, &mut issues);
            enabled = o.bool("enabled", &mut issues);
        }
        finish(issues, || {
            Some(Create {
                body: CreateWebhook {
                    url: url?,
                    events: ev,
                    enabled,
                },
            })
        })
    }
}

by_id_op! {
    /// `GET /webhooks/{webhookId}` (never returns the secret). Params: `{ webhookId }`.
    pub struct Get { webhook_id: WebhookEndpointId = "webhookId" }
    "webhooks.get", Get "/webhooks/{webhookId}" => WebhookEndpoint
}

list_op! {
    /// `GET /webhooks` (implied by the docs, not documented). Params: [`Page::PARAMS`].
    pub struct List { page: Page }
    "webhooks.list", "/webhooks" => ListPage<WebhookEndpoint>
}

/// `PATCH /webhooks/{webhookId}`: change the URL, events, or pause/resume. Params: `{ webhookId,
/// url?, events?, enabled? }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Update {
    /// Path parameter `webhookId`.
    pub webhook_id: WebhookEndpointId,
    /// What changes.
    pub body: UpdateWebhook,
}

impl Operation for Update {
    const NAME: &'static str = "webhooks.update";
    const METHOD: Method = Method::Patch;
    const PATH: &'static str = "/webhooks/{webhookId}";
    type Body = UpdateWebhook;
    type Output = WebhookEndpoint;

    fn path_params(&self) -> Vec<&str> {
        vec![self.webhook_id.as_str()]
    }

    fn body(&self) -> Option<&UpdateWebhook> {
        Some(&self.body)
    }
}

impl FromParams for Update {
    const PARAMS: &'static [&'static str] = &["webhookId", "url", "events", "enabled"];

    fn from_params(params: &Value, _ctx: &RequestContext) -> Result<Self, Vec<Issue>> {
        let mut issues = Vec::new();
        let (mut id, mut body) = (None, UpdateWebhook::default());
        if let Some(o) = root(
            params,
            Self::PARAMS,
            &[("endpoint", "url"), ("eventTypes", "events")],
            &mut issues,
        ) {
            id = o.id("webhookId", true, &mut issues);
            body.url = o.webhook_url("url", false, &mut issues);
            body.events = events(&o, &mut issues);
            body.enabled = o.bool("enabled", &mut issues);
        }
        finish(issues, || {
            Some(Update {
                webhook_id: id?.into(),
                body,
            })
        })
    }
}

by_id_op! {
    /// `DELETE /webhooks/{webhookId}` (implied by "full CRUD", not documented). The output is the
    /// deleted endpoint when the server returns one, `None` for an empty body. Params: `{ webhookId }`.
    pub struct Delete { webhook_id: WebhookEndpointId = "webhookId" }
    "webhooks.delete", Delete "/webhooks/{webhookId}" => Option<WebhookEndpoint>
}
