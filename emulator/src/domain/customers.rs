//! Customers: create/update validated by the core validator, endorsements requested as `PENDING`
//! and approved by the sandbox review (`customer.endorsement.granted`), PATCH semantics, list
//! filters, and the provisioning rule (the Get-started page's four identity fields by default).

use super::events::emit;
use super::wire::dec;
use crate::app::Inner;
use crate::clock::{date_of, rfc3339, Millis};
use crate::errors::ApiErr;
use crate::list::{paginate, PageReq};
use crate::state::{CustomerRec, EndorsementRec, State};
use oms_wasm::model::wire::Wire;
use oms_wasm::model::{
    Customer, CustomerEndorsement, CustomerInput, CustomerStatus, CustomerType,
    CustomerWalletSummary, Endorsement, EndorsementName, EndorsementRequirements,
    EndorsementStatus, RejectionReason, WalletType,
};
use oms_wasm::validate::customer::{validate_customer, CustomerOptions, Mode};
use oms_wasm::validate::date::Date;
use serde_json::Value;

/// Canonical endorsement order.
pub const ENDORSEMENT_NAMES: [&str; 3] = ["basic", "cryptoCustody", "usd"];

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

/// Requests endorsements (plus implied `basic`): new ones and re-evaluable ones (`INACTIVE`,
/// `ISSUES`, `REVOKED_ISSUES`, `REJECTED`) become `PENDING` with a review at `review`, or `ACTIVE`
/// at once when `review` is `None` (seed data). Returns true when a review was scheduled.
fn request_endorsements(
    rec: &mut CustomerRec,
    requested: &[Endorsement],
    now: Millis,
    review: Option<Millis>,
) -> bool {
    let mut want: Vec<&str> = requested.iter().map(|e| e.as_str()).collect();
    if crate::assumptions::ENDORSEMENTS_IMPLY_BASIC && !want.is_empty() {
        want.push("basic");
    }
    let status = if review.is_some() {
        "PENDING"
    } else {
        "ACTIVE"
    };
    let mut scheduled = false;
    for name in ENDORSEMENT_NAMES {
        if !want.contains(&name) {
            continue;
        }
        match rec.endorsements.iter_mut().find(|e| e.name == name) {
            Some(e) => {
                if matches!(
                    e.status.as_str(),
                    "INACTIVE" | "ISSUES" | "REVOKED_ISSUES" | "REJECTED"
                ) {
                    e.status = status.into();
                    e.review_at = review;
                    e.reason = None;
                    e.updated = now;
                    scheduled |= review.is_some();
                }
            }
            None => {
                rec.endorsements.push(EndorsementRec {
                    name: name.to_owned(),
                    status: status.into(),
                    review_at: review,
                    reason: None,
                    updated: now,
                });
                scheduled |= review.is_some();
            }
        }
    }
    rec.endorsements.sort_by_key(|e| {
        ENDORSEMENT_NAMES
            .iter()
            .position(|x| *x == e.name)
            .unwrap_or(9)
    });
    scheduled
}

fn apply_documents(rec: &mut CustomerRec, input: &CustomerInput) {
    for doc in input.identifying_information.iter().flatten() {
        match rec.documents.iter_mut().find(|d| d.kind == doc.kind) {
            Some(d) => *d = doc.clone(),
            None => rec.documents.push(doc.clone()),
        }
    }
}

/// Creates the record (no events). `review`: when the sandbox approves the requested
/// endorsements (`None` = already `ACTIVE`, for seed data). Returns the id and whether a review
/// was scheduled.
pub fn insert(
    st: &mut State,
    owner: &str,
    input: CustomerInput,
    now: Millis,
    review: Option<Millis>,
) -> (String, bool) {
    let id = st.mint("cst_");
    let mut rec = CustomerRec {
        id: id.clone(),
        owner: owner.to_owned(),
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
    let scheduled = request_endorsements(&mut rec, &requested, now, review);
    st.customers.insert(id.clone(), rec);
    (id, scheduled)
}

fn requirements(c: &CustomerRec, e: &EndorsementRec, strict: bool) -> EndorsementRequirements {
    let (complete, missing) = if e.name == crate::assumptions::REQUIREMENTS_ON {
        let missing = c.missing_identity(strict);
        let complete: Vec<String> = crate::assumptions::identity_set(strict)
            .iter()
            .filter(|f| !missing.contains(f))
            .map(|f| (*f).to_owned())
            .collect();
        (
            complete,
            missing.iter().map(|m| (*m).to_owned()).collect::<Vec<_>>(),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let issues = match (e.status.as_str(), &e.reason) {
        ("ISSUES" | "REVOKED_ISSUES", r) => {
            vec![Value::from(r.clone().unwrap_or_else(|| {
                "additional information is required".into()
            }))]
        }
        _ => Vec::new(),
    };
    EndorsementRequirements {
        complete: Some(complete),
        pending: Some(Vec::new()),
        missing: Some(missing),
        issues: Some(issues),
        extra: Default::default(),
    }
}

/// The customer as the API returns it (write-only fields never included).
pub fn render(st: &State, c: &CustomerRec, strict: bool) -> Value {
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
            balance: Some(dec(w.balance)),
            estimated_value_usd: Some(dec(w.balance)),
            created_at: Some(rfc3339(w.created)),
            extra: Default::default(),
        })
        .collect();
    let endorsements = c
        .endorsements
        .iter()
        .map(|e| CustomerEndorsement {
            kind: Some(EndorsementName::from(e.name.as_str())),
            status: Some(EndorsementStatus::from(e.status.as_str())),
            requirements: Some(requirements(c, e, strict)),
            rejection_reasons: Some(if e.status == "REJECTED" {
                let reason = e
                    .reason
                    .clone()
                    .unwrap_or_else(|| "the review did not pass".into());
                vec![RejectionReason {
                    reason: Some(reason.clone()),
                    developer_reason: Some(reason),
                    extra: Default::default(),
                }]
            } else {
                Vec::new()
            }),
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

/// The caller's customer or 404.
///
/// # Errors
/// 404 `customer_not_found` (also for another API key's customer).
pub fn find<'s>(st: &'s State, id: &str, owner: &str) -> Result<&'s CustomerRec, ApiErr> {
    st.customers
        .get_for(id, owner)
        .ok_or_else(|| ApiErr::not_found("customer_not_found", "customer"))
}

/// The caller's customer, provisioned (identity set complete), or the provisioning error.
///
/// # Errors
/// 404 / 422 `provider_account_not_provisioned`.
pub fn provisioned<'s>(
    st: &'s State,
    id: &str,
    owner: &str,
    strict: bool,
) -> Result<&'s CustomerRec, ApiErr> {
    let c = find(st, id, owner)?;
    if c.provisioned(strict) {
        Ok(c)
    } else {
        Err(ApiErr::not_provisioned())
    }
}

/// The customer may start money movement (`status: active`).
///
/// # Errors
/// 422 `customer_inactive`.
pub fn check_active(c: &CustomerRec) -> Result<(), ApiErr> {
    if c.status == "active" {
        Ok(())
    } else {
        Err(ApiErr::customer_inactive())
    }
}

/// The review time for endorsements requested now.
fn review_time(app: &Inner, now: Millis) -> Millis {
    now.saturating_add(app.config.endorsement_review_ms.max(0))
}

/// Applies every due sandbox review: `PENDING` endorsements whose review time has come become
/// `ACTIVE`; one `customer.endorsement.granted` per customer. Cheap when nothing is due.
pub fn approve_due(app: &Inner, now: Millis) {
    if !app.review_due(now) {
        return;
    }
    let mut st = app.lock();
    // take the pass: later reviews are re-registered below
    app.next_review
        .store(i64::MAX, std::sync::atomic::Ordering::SeqCst);
    let mut granted: Vec<String> = Vec::new();
    let mut next = i64::MAX;
    for c in st.customers.rows.iter_mut() {
        let mut any = false;
        for e in c.endorsements.iter_mut() {
            match e.review_at {
                Some(t) if e.status == "PENDING" && t <= now => {
                    e.status = "ACTIVE".into();
                    e.review_at = None;
                    e.updated = now;
                    any = true;
                }
                Some(t) if e.status == "PENDING" => next = next.min(t),
                _ => {}
            }
        }
        if any {
            c.updated = now;
            granted.push(c.id.clone());
        }
    }
    if next != i64::MAX {
        app.review_at(next);
    }
    let strict = app.config.strict_provisioning;
    for id in granted {
        if let Some(c) = st.customers.get(&id).cloned() {
            let v = render(&st, &c, strict);
            emit(app, &mut st, &c.owner, "customer.endorsement.granted", v);
        }
    }
}

/// Moves one endorsement to `status` (any of the seven), as the `/_emulator` control does: a
/// pending review is cancelled; the status's event (`assumptions::ENDORSEMENT_EVENTS`) is
/// emitted when the status changed. Returns the customer.
///
/// # Errors
/// 400 for an unknown endorsement or status, 404 for an unknown customer.
pub fn set_endorsement(
    app: &Inner,
    customer_id: &str,
    name: &str,
    status: &str,
    reason: Option<String>,
) -> Result<Value, ApiErr> {
    let now = app.now();
    let mut st = app.lock();
    let st = &mut *st;
    let Some(name) = ENDORSEMENT_NAMES.iter().find(|n| **n == name) else {
        return Err(ApiErr::invalid_request(
            "the endorsement type must be basic, cryptoCustody or usd",
        ));
    };
    if !crate::assumptions::ENDORSEMENT_STATUSES.contains(&status) {
        return Err(ApiErr::invalid_request(format!(
            "status must be one of {}",
            crate::assumptions::ENDORSEMENT_STATUSES.join(", ")
        )));
    }
    let c = st
        .customers
        .get_mut(customer_id)
        .ok_or_else(|| ApiErr::not_found("customer_not_found", "customer"))?;
    let changed;
    match c.endorsements.iter_mut().find(|e| e.name == *name) {
        Some(e) => {
            changed = e.status != status;
            e.status = status.to_owned();
            e.review_at = None;
            e.reason = reason;
            e.updated = now;
        }
        None => {
            changed = true;
            c.endorsements.push(EndorsementRec {
                name: (*name).to_owned(),
                status: status.to_owned(),
                review_at: None,
                reason,
                updated: now,
            });
            c.endorsements.sort_by_key(|e| {
                ENDORSEMENT_NAMES
                    .iter()
                    .position(|x| *x == e.name)
                    .unwrap_or(9)
            });
        }
    }
    c.updated = now;
    let c = c.clone();
    let v = render(st, &c, app.config.strict_provisioning);
    if changed {
        if let Some((_, event)) = crate::assumptions::ENDORSEMENT_EVENTS
            .iter()
            .find(|(s, _)| *s == status)
        {
            emit(app, st, &c.owner, event, v.clone());
        }
    }
    Ok(v)
}

/// Sets a customer's `status` (`active` | `inactive`), as the `/_emulator` control does (an
/// inactive customer cannot start quotes, transactions or cash-ins). Returns the customer.
///
/// # Errors
/// 400 for another status, 404 for an unknown customer.
pub fn set_status(app: &Inner, id: &str, status: Option<&str>) -> Result<Value, ApiErr> {
    let status = match status {
        Some(s @ ("active" | "inactive")) => s.to_owned(),
        _ => return Err(ApiErr::invalid_request("status must be active or inactive")),
    };
    let now = app.now();
    let mut st = app.lock();
    let c = st
        .customers
        .get_mut(id)
        .ok_or_else(|| ApiErr::not_found("customer_not_found", "customer"))?;
    c.status = status;
    c.updated = now;
    let c = c.clone();
    Ok(render(&st, &c, app.config.strict_provisioning))
}

/// `POST /customers`: validates the body, creates the customer with its endorsements `PENDING`
/// and schedules their review. Returns the customer.
///
/// # Errors
/// 400 `validation_failed`.
pub fn create(app: &Inner, owner: &str, body: Value) -> Result<Value, ApiErr> {
    let now = app.now();
    let input = validate(body, Mode::Create, now)?;
    let review = review_time(app, now);
    let mut st = app.lock();
    let (id, scheduled) = insert(&mut st, owner, input, now, Some(review));
    if scheduled {
        app.review_at(review);
        app.wake.notify_one();
    }
    let c = find(&st, &id, owner)?.clone();
    Ok(render(&st, &c, app.config.strict_provisioning))
}

/// `GET /customers/{id}`.
///
/// # Errors
/// 404 `customer_not_found`.
pub fn get(app: &Inner, owner: &str, id: &str) -> Result<Value, ApiErr> {
    let st = app.lock();
    let c = find(&st, id, owner)?;
    Ok(render(&st, c, app.config.strict_provisioning))
}

/// `PATCH /customers/{id}`: fields replace; `signedAgreement` only false → true; documents append
/// or replace by type; named endorsements are requested again (re-evaluated), never removed.
///
/// # Errors
/// 400 `validation_failed`, 404 `customer_not_found`.
pub fn update(app: &Inner, owner: &str, id: &str, body: Value) -> Result<Value, ApiErr> {
    let now = app.now();
    let input = validate(body, Mode::Update, now)?;
    let review = review_time(app, now);
    let mut st = app.lock();
    let rec = st
        .customers
        .get_mut_for(id, owner)
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
    let scheduled = request_endorsements(
        rec,
        input.endorsements.as_deref().unwrap_or(&[]),
        now,
        Some(review),
    );
    rec.updated = now;
    let c = rec.clone();
    if scheduled {
        app.review_at(review);
        app.wake.notify_one();
    }
    Ok(render(&st, &c, app.config.strict_provisioning))
}

/// `GET /customers`: filtered by `status`, `email` (case-insensitive), `externalId`, newest
/// first, paged; envelope `{data, hasMore, cursor}`.
///
/// # Errors
/// 400 `invalid_query` for another status, `invalid_cursor`.
pub fn list(
    app: &Inner,
    owner: &str,
    page: &PageReq,
    status: Option<&str>,
    email: Option<&str>,
    external: Option<&str>,
) -> Result<Value, ApiErr> {
    if status.is_some_and(|s| s != "active" && s != "inactive") {
        return Err(ApiErr::invalid_query("status must be active or inactive"));
    }
    let st = app.lock();
    let items: Vec<(String, Millis, &CustomerRec)> = st
        .customers
        .of(owner)
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
    let strict = app.config.strict_provisioning;
    let p = paginate(items, page, |c| render(&st, c, strict))?;
    Ok(p.customers_envelope())
}
