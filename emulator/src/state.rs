//! The in-memory store: records in creation order (index by id), tokens, idempotency records,
//! logs, pending deliveries and the fault configuration.

use crate::clock::Millis;
use crate::faults::Faults;
use crate::ids::{self, Rng};
use crate::money::Micros;
use crate::Config;
use oms_wasm::model::{Address, IdentifyingInformation};
use serde_json::{Map, Value};
use std::collections::{HashMap, VecDeque};

/// A table of records in creation order with an id index.
#[derive(Debug)]
pub struct Table<T> {
    /// Records, oldest first.
    pub rows: Vec<T>,
    index: HashMap<String, usize>,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table {
            rows: Vec::new(),
            index: HashMap::new(),
        }
    }
}

impl<T> Table<T> {
    /// Adds a record.
    pub fn insert(&mut self, id: String, row: T) {
        self.index.insert(id, self.rows.len());
        self.rows.push(row);
    }
    /// A record by id.
    pub fn get(&self, id: &str) -> Option<&T> {
        self.index.get(id).map(|&i| &self.rows[i])
    }
    /// A record by id, mutable.
    pub fn get_mut(&mut self, id: &str) -> Option<&mut T> {
        match self.index.get(id) {
            Some(&i) => self.rows.get_mut(i),
            None => None,
        }
    }
    /// Removes a record (O(n); only webhooks are deleted).
    pub fn remove(&mut self, id: &str) -> Option<T> {
        let i = self.index.remove(id)?;
        let row = self.rows.remove(i);
        for v in self.index.values_mut() {
            if *v > i {
                *v -= 1;
            }
        }
        Some(row)
    }
}

/// A customer.
#[derive(Clone, Debug)]
pub struct CustomerRec {
    pub id: String,
    pub created: Millis,
    pub updated: Millis,
    pub first_name: Option<String>,
    pub middle_name: Option<String>,
    pub last_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub nationality: Option<String>,
    pub external_id: Option<String>,
    pub status: String,
    pub signed_agreement: bool,
    pub signed_agreement_at: Option<Millis>,
    pub metadata: Option<Map<String, Value>>,
    /// Endorsement names in the order requested, all ACTIVE in sandbox.
    pub endorsements: Vec<String>,
    pub birth_date: Option<String>,
    pub address: Option<Address>,
    pub ip_address: Option<String>,
    pub documents: Vec<IdentifyingInformation>,
}

impl CustomerRec {
    /// Identity-set fields still missing (assumptions::IDENTITY_SET).
    pub fn missing_identity(&self) -> Vec<&'static str> {
        crate::assumptions::IDENTITY_SET
            .iter()
            .copied()
            .filter(|f| match *f {
                "firstName" => self.first_name.is_none(),
                "lastName" => self.last_name.is_none(),
                "email" => self.email.is_none(),
                "phone" => self.phone.is_none(),
                "birthDate" => self.birth_date.is_none(),
                "nationality" => self.nationality.is_none(),
                "residentialAddress" => self.address.is_none(),
                "identifyingInformation" => self.documents.is_empty(),
                "signedAgreement" => !self.signed_agreement,
                _ => false,
            })
            .collect()
    }

    /// The provider account exists (the identity set is complete).
    pub fn provisioned(&self) -> bool {
        self.missing_identity().is_empty()
    }

    /// The endorsement is active.
    pub fn has(&self, endorsement: &str) -> bool {
        self.endorsements.iter().any(|e| e == endorsement)
    }
}

/// A custodial wallet.
#[derive(Clone, Debug)]
pub struct WalletRec {
    pub id: String,
    pub customer_id: String,
    pub asset: String,
    pub chain: String,
    pub address: String,
    pub balance: Micros,
    pub created: Millis,
    pub updated: Millis,
}

/// Where a quote's funds go.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// An OMS wallet.
    Wallet(String),
    /// An external address.
    Address(String),
}

/// A quote.
#[derive(Clone, Debug)]
pub struct QuoteRec {
    pub id: String,
    pub customer_id: String,
    pub wallet_id: String,
    pub src_asset: String,
    pub src_network: String,
    pub dst_asset: String,
    pub dst_network: String,
    pub target: Target,
    pub fixed_source: bool,
    pub src_gross: Micros,
    pub fee_developer: Micros,
    pub fee_oms: Micros,
    pub fee_gas: Option<Micros>,
    pub src_net: Micros,
    pub dst_gross: Micros,
    pub dst_net: Micros,
    pub rate: Micros,
    pub sponsor_gas: bool,
    pub metadata: Option<Map<String, Value>>,
    pub expires: Millis,
    pub created: Millis,
    pub accepted: bool,
}

/// A transaction.
#[derive(Clone, Debug)]
pub struct TxnRec {
    pub id: String,
    pub kind: String,
    pub status: String,
    pub sub_status: Option<String>,
    pub quote_id: Option<String>,
    pub cash_in_id: Option<String>,
    pub fixed_source: bool,
    /// The source side as written.
    pub source: oms_wasm::model::AmountSide,
    /// The destination side as written.
    pub destination: oms_wasm::model::AmountSide,
    pub rates: oms_wasm::model::Rates,
    pub sender: Option<String>,
    pub recipient: Option<String>,
    /// Source wallet debited (refunded on failure).
    pub debit: Option<(String, Micros)>,
    /// Destination wallet credited on completion.
    pub credit: Option<(String, Micros)>,
    pub sponsor_gas: bool,
    pub metadata: Option<Map<String, Value>>,
    /// Echoed request fields (`partnerTransactionId`, `tags`).
    pub extra: Map<String, Value>,
    pub error: Option<(String, String)>,
    pub created: Millis,
    pub updated: Millis,
    pub completed: Option<Millis>,
    /// When the scheduler settles it (emulator clock), and how.
    pub settle_at: Option<Millis>,
    pub outcome_failed: bool,
    pub tx_hash: Option<String>,
}

/// A cash-in.
#[derive(Clone, Debug)]
pub struct CashInRec {
    pub id: String,
    pub customer_id: String,
    pub wallet_id: String,
    pub dst_asset: String,
    pub dst_network: String,
    pub location_id: String,
    pub location_reference: String,
    pub location_name: String,
    pub location_address: String,
    pub walmart: bool,
    pub indicated: Micros,
    /// Set at deposit (commit).
    pub amount: Option<Micros>,
    pub code: String,
    pub code_expires: Millis,
    /// `pending` | `completed` | `failed` (`expired` is computed from the clock).
    pub status: String,
    pub transaction_id: Option<String>,
    pub metadata: Option<Map<String, Value>>,
    pub created: Millis,
    pub updated: Millis,
    pub completed: Option<Millis>,
}

/// A simulated retail authorization (barcode-auth).
#[derive(Clone, Debug)]
pub struct RetailAuth {
    pub cash_in_id: String,
    pub amount: Micros,
    pub account_number: String,
    pub reference: String,
    pub committed: bool,
}

/// A webhook endpoint.
#[derive(Clone, Debug)]
pub struct WebhookRec {
    pub id: String,
    pub url: String,
    pub events: Vec<String>,
    pub enabled: bool,
    pub secret: String,
    pub created: Millis,
    pub updated: Millis,
}

/// A bearer token.
#[derive(Clone, Debug)]
pub struct TokenRec {
    pub api_key: String,
    pub expires: Millis,
}

/// Idempotency scope: (API key, method, path, key).
pub type IdemScope = (String, String, String, String);

/// A stored idempotent request.
#[derive(Clone, Debug)]
pub struct IdemRec {
    /// The request's fingerprint (canonical JSON or raw body).
    pub fingerprint: String,
    /// `None` while the first request is in flight: (status, headers, body).
    #[allow(clippy::type_complexity)]
    pub response: Option<(u16, Vec<(String, String)>, bytes::Bytes)>,
    pub created: Millis,
}

/// A queued webhook delivery (one event to one endpoint).
#[derive(Clone, Debug)]
pub struct Delivery {
    pub msg_id: String,
    pub endpoint_id: String,
    pub event_type: String,
    pub payload: bytes::Bytes,
    /// Attempts made so far.
    pub attempts: u32,
    pub next_at: Millis,
    /// An attempt is running.
    pub in_flight: bool,
}

/// Everything in memory.
#[derive(Debug)]
pub struct State {
    pub seq: u64,
    pub rng: Rng,
    pub customers: Table<CustomerRec>,
    pub wallets: Table<WalletRec>,
    pub quotes: Table<QuoteRec>,
    pub transactions: Table<TxnRec>,
    pub cash_ins: Table<CashInRec>,
    pub webhooks: Table<WebhookRec>,
    pub retail_auths: HashMap<String, RetailAuth>,
    pub tokens: HashMap<String, TokenRec>,
    pub idem: HashMap<IdemScope, IdemRec>,
    pub requests: VecDeque<Value>,
    pub request_seq: u64,
    pub deliveries_log: VecDeque<Value>,
    pub delivery_seq: u64,
    pub queue: Vec<Delivery>,
    pub events_emitted: u64,
    pub faults: Faults,
    pub log_capacity: usize,
}

impl State {
    /// An empty store.
    pub fn new(config: &Config) -> State {
        State {
            seq: 0,
            rng: Rng::new(config.seed),
            customers: Table::default(),
            wallets: Table::default(),
            quotes: Table::default(),
            transactions: Table::default(),
            cash_ins: Table::default(),
            webhooks: Table::default(),
            retail_auths: HashMap::new(),
            tokens: HashMap::new(),
            idem: HashMap::new(),
            requests: VecDeque::new(),
            request_seq: 0,
            deliveries_log: VecDeque::new(),
            delivery_seq: 0,
            queue: Vec::new(),
            events_emitted: 0,
            faults: Faults::default(),
            log_capacity: config.log_capacity.max(1),
        }
    }

    /// A new id with the given prefix (sorts in creation order).
    pub fn mint(&mut self, prefix: &str) -> String {
        self.seq += 1;
        ids::mint(prefix, self.seq, &mut self.rng)
    }

    /// Appends to the request log (bounded).
    pub fn log_request(&mut self, mut entry: Value) {
        self.request_seq += 1;
        entry["seq"] = Value::from(self.request_seq);
        if self.requests.len() >= self.log_capacity {
            self.requests.pop_front();
        }
        self.requests.push_back(entry);
    }

    /// Appends to the delivery log (bounded).
    pub fn log_delivery(&mut self, mut entry: Value) {
        self.delivery_seq += 1;
        entry["seq"] = Value::from(self.delivery_seq);
        if self.deliveries_log.len() >= self.log_capacity {
            self.deliveries_log.pop_front();
        }
        self.deliveries_log.push_back(entry);
    }
}
