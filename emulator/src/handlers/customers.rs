//! Customers (REFERENCE §6.1, §9, §13): create/update validated by the core validator, sandbox
//! auto-approval of endorsements, PATCH semantics, list filters.

use super::{created, object, ok, Res};
use crate::clock::{date_of, rfc3339, Millis};
use crate::errors::ApiErr;
use crate::list::{paginate, Query};
use crate::state::{CustomerRec, State};
use crate::webhooks::emit;
use crate::{App, Inner};
use axum::extract::{Path, RawQuery, State as S};
use bytes::Bytes;
use oms_wasm::model::wire::Wire;
use oms_wasm::model::{
    Customer, CustomerEndorsement, CustomerInput, CustomerStatus, CustomerType,
    CustomerWalletSummary, Endorsement, EndorsementName, EndorsementRequirements,
    EndorsementStatus, WalletType,
};
use oms_wasm::validate::customer::{validate_customer, CustomerOptions, Mode};
use oms_wasm::validate::date::Date;
use serde_json::Value;

/// Today's date on the emulator clock, for the birth-date rules.
pub fn today(now: Millis) -> Date {
    let (y, m, d) = date_of(now);
    Date::from_ymd(y as i32, m as u8, d as u8).unwrap_or(Date::EPOCH)
}

/// Validates a body with the core validator (create or update mode, fiat fields not required).
///
/// # Errors
/// 400 `validation_failed` with the issues.
pub fn validate(v: Value, mode: Mode, now: Millis) -> Result<CustomerInput, ApiErr> {
    let mut opts = CustomerOptions::new(today(now));
    opts.mode = mode;
    opts.require_fiat_fields = Some(crate::assumptions::CREATE_REQUIRES_FIAT_FIELDS);
    validate_customer(&oms_wasm::validate::Value::from(v), &opts)
        .map_err(|i| ApiErr::validation(&i))
}

/// Adds requested endorsements (plus implied `basic`) in canonical order; returns the new ones.
fn add_endorsements(rec: &mut CustomerRec, requested: &[Endorsement]) -> Vec<String> {
    let mut want: Vec<&str> = requested.iter().map(|e| e.as_str()).collect();
    if crate::assumptions::ENDORSEMENTS_IMPLY_BASIC && !want.is_empty() {
        want.push("basic");
    }
    let mut added = Vec::new();
    for name in ["basic", "cryptoCustody", "usd"] {
        if want.contains(&name) && !rec.has(name) {
            rec.endorsements.push(name.to_owned());
            added.push(name.to_owned());
        }
    }
    rec.endorsements.sort_by_key(|e| {
        ["basic", "cryptoCustody", "usd"]
            .iter()
            .position(|x| x == e)
    });
    added
}

fn apply_documents(rec: &mut CustomerRec, input: &CustomerInput) {
    for doc in input.identifying_information.iter().flatten() {
        match rec.documents.iter_mut().find(|d| d.kind == doc.kind) {
            Some(d) => *d = doc.clone(),
            None => rec.documents.push(doc.clone()),
        }
    }
}

/// Creates the record (no events); used by the handler and the seed loader.
pub fn insert(st: &mut State, input: CustomerInput, now: Millis) -> (String, Vec<String>) {
    let id = st.mint("cst_");
    let mut rec = CustomerRec {
        id: id.clone(),
        created: now,
        updated: now,
        first_name: input.first_name.clone(),
        middle_name: input.middle_name.clone(),
        last_name: input.last_name.clone(),
        email: input.email.clone(),
        phone: input.phone.clone(),
        nationality: input.nationality.clone(),
        external_id: input.external_id.clone(),
        status: "active".into(),
        signed_agreement: input.signed_agreement == Some(true),
        signed_agreement_at: (input.signed_agreement == Some(true)).then_some(now),
        metadata: input.metadata.clone(),
        endorsements: Vec::new(),
        birth_date: input.birth_date.as_ref().map(|b| b.expose().clone()),
        address: input.residential_address.clone(),
        ip_address: input.ip_address.clone(),
        documents: Vec::new(),
    };
    apply_documents(&mut rec, &input);
    let requested: Vec<Endorsement> = match &input.endorsements {
        Some(list) => list.clone(),
        None => crate::assumptions::DEFAULT_ENDORSEMENTS
            .iter()
            .filter_map(|e| Endorsement::from_wire(e))
            .collect(),
    };
    let added = add_endorsements(&mut rec, &requested);
    st.customers.insert(id.clone(), rec);
    (id, added)
}

/// The customer as the API returns it (write-only fields never included).
pub fn render(st: &State, c: &CustomerRec) -> Value {
    let missing = c.missing_identity();
    let complete: Vec<String> = crate::assumptions::IDENTITY_SET
        .iter()
        .filter(|f| !missing.contains(f))
        .map(|f| (*f).to_owned())
        .collect();
    let wallets: Vec<CustomerWalletSummary> = st
        .wallets
        .rows
        .iter()
        .filter(|w| w.customer_id == c.id)
        .map(|w| CustomerWalletSummary {
            id: Some(w.id.clone().into()),
            kind: Some(WalletType::Custodial),
            address: Some(w.address.clone()),
            network: Some(w.chain.as_str().into()),
            asset: Some(w.asset.as_str().into()),
            balance: Some(super::dec(w.balance)),
            estimated_value_usd: Some(super::dec(w.balance)),
            created_at: Some(rfc3339(w.created)),
            extra: Default::default(),
        })
        .collect();
    let endorsements = c
        .endorsements
        .iter()
        .map(|e| CustomerEndorsement {
            kind: Some(EndorsementName::from(e.as_str())),
            status: Some(EndorsementStatus::Active),
            requirements: Some(EndorsementRequirements {
                complete: Some(complete.clone()),
                pending: Some(Vec::new()),
                missing: Some(missing.iter().map(|m| (*m).to_owned()).collect()),
                issues: Some(Vec::new()),
                extra: Default::default(),
            }),
            rejection_reasons: Some(Vec::new()),
            extra: Default::default(),
        })
        .collect();
    let mut out = Customer {
        id: Some(c.id.clone().into()),
        object: Some("customer".into()),
        kind: Some(CustomerType::Individual),
        first_name: c.first_name.clone(),
        middle_name: c.middle_name.clone(),
        last_name: c.last_name.clone(),
        email: c.email.clone(),
        phone: c.phone.clone(),
        nationality: c.nationality.clone(),
        external_id: c.external_id.clone(),
        status: Some(CustomerStatus::from(c.status.as_str())),
        signed_agreement: Some(c.signed_agreement),
        signed_agreement_at: c.signed_agreement_at.map(rfc3339),
        wallets: Some(wallets),
        endorsements: Some(endorsements),
        metadata: Some(c.metadata.clone().unwrap_or_default()),
        created_at: Some(rfc3339(c.created)),
        updated_at: Some(rfc3339(c.updated)),
        extra: Default::default(),
    };
    if out.middle_name.is_none() {
        out.extra.insert("middleName".into(), Value::Null);
    }
    if out.signed_agreement_at.is_none() {
        out.extra.insert("signedAgreementAt".into(), Value::Null);
    }
    out.write()
}

/// The customer or 404.
///
/// # Errors
/// 404 `customer_not_found`.
pub fn find<'s>(st: &'s State, id: &str) -> Result<&'s CustomerRec, ApiErr> {
    st.customers
        .get(id)
        .ok_or_else(|| ApiErr::not_found("customer_not_found", "customer"))
}

/// The customer, provisioned (identity set complete), or the provisioning error.
///
/// # Errors
/// 404 / 422 `provider_account_not_provisioned`.
pub fn provisioned<'s>(st: &'s State, id: &str) -> Result<&'s CustomerRec, ApiErr> {
    let c = find(st, id)?;
    if c.provisioned() {
        Ok(c)
    } else {
        Err(ApiErr::not_provisioned())
    }
}

fn granted(app: &Inner, st: &mut State, id: &str) -> Value {
    let c = st.customers.get(id).cloned();
    let v = c.map(|c| render(st, &c)).unwrap_or(Value::Null);
    emit(app, st, "customer.endorsement.granted", v.clone());
    v
}

/// `POST /customers`.
pub async fn create(S(app): S<App>, body: Bytes) -> Res {
    let now = app.now();
    let input = validate(object(&body, false)?, Mode::Create, now)?;
    let mut st = app.lock();
    let (id, added) = insert(&mut st, input, now);
    let c = st.customers.get(&id).cloned();
    let v = if added.is_empty() {
        c.map(|c| render(&st, &c)).unwrap_or(Value::Null)
    } else {
        granted(&app, &mut st, &id)
    };
    created(v)
}

/// `GET /customers/{id}`.
pub async fn get(S(app): S<App>, Path(id): Path<String>) -> Res {
    let st = app.lock();
    let c = find(&st, &id)?;
    ok(render(&st, c))
}

/// `PATCH /customers/{id}`: fields replace; `signedAgreement` only false → true; documents append
/// or replace by type; endorsements only added.
pub async fn update(S(app): S<App>, Path(id): Path<String>, body: Bytes) -> Res {
    let now = app.now();
    let input = validate(object(&body, false)?, Mode::Update, now)?;
    let mut st = app.lock();
    let rec = st
        .customers
        .get_mut(&id)
        .ok_or_else(|| ApiErr::not_found("customer_not_found", "customer"))?;
    macro_rules! set {
        ($($f:ident <- $g:ident),*) => {$( if let Some(v) = &input.$g { rec.$f = Some(v.clone()); } )*};
    }
    set!(first_name <- first_name, middle_name <- middle_name, last_name <- last_name, email <- email,
         phone <- phone, nationality <- nationality, external_id <- external_id, ip_address <- ip_address,
         address <- residential_address, metadata <- metadata);
    if let Some(b) = &input.birth_date {
        rec.birth_date = Some(b.expose().clone());
    }
    if input.signed_agreement == Some(true) && !rec.signed_agreement {
        rec.signed_agreement = true;
        rec.signed_agreement_at = Some(now);
    }
    apply_documents(rec, &input);
    let added = add_endorsements(rec, input.endorsements.as_deref().unwrap_or(&[]));
    rec.updated = now;
    let v = if added.is_empty() {
        let c = rec.clone();
        render(&st, &c)
    } else {
        granted(&app, &mut st, &id)
    };
    ok(v)
}

/// `GET /customers`: `status`, `email`, `externalId`, `createdAfter`, `createdBefore`, paging;
/// envelope `{data, hasMore, cursor}`.
pub async fn list(S(app): S<App>, RawQuery(q): RawQuery) -> Res {
    let q = Query::parse(q.as_deref());
    let page = q.page()?;
    let status = q.get("status");
    if status.is_some_and(|s| s != "active" && s != "inactive") {
        return Err(ApiErr::invalid_query("status must be active or inactive"));
    }
    let email = q.get("email");
    let external = q.get("externalId");
    let st = app.lock();
    let items: Vec<(String, Millis, &CustomerRec)> = st
        .customers
        .rows
        .iter()
        .rev()
        .filter(|c| status.is_none_or(|s| c.status == s))
        .filter(|c| {
            email.is_none_or(|e| {
                c.email
                    .as_deref()
                    .is_some_and(|x| x.eq_ignore_ascii_case(e.trim()))
            })
        })
        .filter(|c| external.is_none_or(|e| c.external_id.as_deref() == Some(e)))
        .map(|c| (c.id.clone(), c.created, c))
        .collect();
    let p = paginate(items, &page, |c| render(&st, c))?;
    ok(p.customers_envelope())
}
