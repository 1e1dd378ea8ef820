//! The in-memory store: records in creation order (index by id), tokens, idempotency records,
//! logs, pending deliveries and the fault configuration.

use crate::clock::Millis;
use crate::config::Config;
use crate::faults::Faults;
use crate::ids::{self, Rng};
use crate::money::Micros;
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
    /// A record by id, only when `owner` (an API key) owns it: another key's ids read as absent.
    pub fn get_for(&self, id: &str, owner: &str) -> Option<&T>
    where
        T: Owned,
    {
        self.get(id).filter(|r| r.owner() == owner)
    }
    /// A record by id, mutable, only when `owner` owns it.
    pub fn get_mut_for(&mut self, id: &str, owner: &str) -> Option<&mut T>
    where
        T: Owned,
    {
        self.get_mut(id).filter(|r| r.owner() == owner)
    }
    /// Records of `owner`, oldest first.
    pub fn of<'a>(&'a self, owner: &'a str) -> impl DoubleEndedIterator<Item = &'a T> + 'a
    where
        T: Owned,
    {
        self.rows.iter().filter(move |r| r.owner() == owner)
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

/// A record that belongs to one API key (the data of several keys never mixes).
pub trait Owned {
    /// The API key that created it.
    fn owner(&self) -> &str;
}

macro_rules! owned {
    ($($t:ty),*) => {$( impl Owned for $t { fn owner(&self) -> &str { &self.owner } } )*};
}
owned!(
    CustomerRec,
    WalletRec,
    QuoteRec,
    TxnRec,
    CashInRec,
    WebhookRec,
    ExternalAccountRec,
    VirtualAccountRec,
    DepositAddressRec
);

/// One endorsement of a customer.
#[derive(Clone, Debug)]
pub struct EndorsementRec {
    /// `basic` | `cryptoCustody` | `usd`.
    pub name: String,
    /// `INACTIVE` | `PENDING` | `ISSUES` | `ACTIVE` | `REJECTED` | `REVOKED_ISSUES` | `OFFBOARDED`.
    pub status: String,
    /// When the sandbox review approves it (emulator clock); only while `PENDING`.
    pub review_at: Option<Millis>,
    /// Reason given for `ISSUES`, `REVOKED_ISSUES` or `REJECTED` (by the control).
    pub reason: Option<String>,
    pub updated: Millis,
}

/// A customer.
#[derive(Clone, Debug)]
pub struct CustomerRec {
    pub id: String,
    /// The API key that created it.
    pub owner: String,
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
    /// Endorsements in canonical order (`basic`, `cryptoCustody`, `usd`).
    pub endorsements: Vec<EndorsementRec>,
    pub birth_date: Option<String>,
    pub address: Option<Address>,
    pub ip_address: Option<String>,
    pub documents: Vec<IdentifyingInformation>,
}

impl CustomerRec {
    /// Identity fields fiat provisioning still needs: the Get-started page's four, or the fuller
    /// set with `strict` (`assumptions::GET_STARTED_IDENTITY` / `STRICT_IDENTITY`).
    pub fn missing_identity(&self, strict: bool) -> Vec<&'static str> {
        crate::assumptions::identity_set(strict)
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
    pub fn provisioned(&self, strict: bool) -> bool {
        self.missing_identity(strict).is_empty()
    }

    /// The endorsement is `ACTIVE`.
    pub fn has(&self, endorsement: &str) -> bool {
        self.endorsement(endorsement)
            .is_some_and(|e| e.status == "ACTIVE")
    }

    /// The endorsement's record, when it was ever requested.
    pub fn endorsement(&self, name: &str) -> Option<&EndorsementRec> {
        self.endorsements.iter().find(|e| e.name == name)
    }
}

/// A custodial wallet.
#[derive(Clone, Debug)]
pub struct WalletRec {
    pub id: String,
    pub owner: String,
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
    /// A saved external account (bank payout, early access).
    External(String),
    /// A cash pickup at a retail location (early access).
    Cash {
        location_id: String,
        reference: String,
        name: String,
        address: String,
    },
}

impl Target {
    /// Fiat destinations make `cryptoToFiat` quotes.
    pub fn is_fiat(&self) -> bool {
        matches!(self, Target::External(_) | Target::Cash { .. })
    }
}

/// A quote.
#[derive(Clone, Debug)]
pub struct QuoteRec {
    pub id: String,
    pub owner: String,
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

/// A cash pickup code (cash-out, early access).
#[derive(Clone, Debug)]
pub struct PickupRec {
    pub code: String,
    pub amount: Micros,
    pub expires: Millis,
    pub location_id: String,
    pub name: String,
    pub address: String,
}

/// A transaction.
#[derive(Clone, Debug)]
pub struct TxnRec {
    pub id: String,
    pub owner: String,
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
    /// When the scheduler settles it (emulator clock), and how; `None` while `processing` = held
    /// until a control settles it.
    pub settle_at: Option<Millis>,
    pub outcome_failed: bool,
    pub tx_hash: Option<String>,
    /// A cash pickup (cash-out): `processing` → `cashPickupReady` → `completed` | `failed`.
    pub pickup: bool,
    /// The pickup code, once `cashPickupReady`.
    pub pickup_code: Option<PickupRec>,
    pub deposit_address_id: Option<String>,
    /// Set when created by a virtual-account deposit (written in `extra`).
    pub virtual_account_id: Option<String>,
}

/// A cash-in.
#[derive(Clone, Debug)]
pub struct CashInRec {
    pub id: String,
    pub owner: String,
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
    /// `pending` | `processing` | `completed` | `failed` (`expired` is computed from the clock).
    pub status: String,
    /// The failure's `subStatus` (`cash_deposit_failed`, `provider_order_failed`, ...).
    pub failure: Option<String>,
    pub transaction_id: Option<String>,
    pub metadata: Option<Map<String, Value>>,
    pub created: Millis,
    pub updated: Millis,
    pub completed: Option<Millis>,
}

/// A simulated retail authorization (barcode-auth).
#[derive(Clone, Debug)]
pub struct RetailAuth {
    pub owner: String,
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
    pub owner: String,
    pub url: String,
    pub events: Vec<String>,
    pub enabled: bool,
    pub secret: String,
    pub created: Millis,
    pub updated: Millis,
}

/// A saved external account (early access; created by a control).
#[derive(Clone, Debug)]
pub struct ExternalAccountRec {
    pub id: String,
    pub owner: String,
    pub customer_id: String,
    /// `usBank`.
    pub kind: String,
    /// `ach` | `wire`.
    pub network: String,
    pub bank_name: String,
    pub last4: String,
    pub created: Millis,
}

/// A virtual account (early access; created by a control).
#[derive(Clone, Debug)]
pub struct VirtualAccountRec {
    pub id: String,
    pub owner: String,
    pub customer_id: String,
    pub wallet_id: String,
    pub account_number: String,
    pub routing_number: String,
    pub created: Millis,
}

/// A deposit address (early access; created by a control).
#[derive(Clone, Debug)]
pub struct DepositAddressRec {
    pub id: String,
    pub owner: String,
    pub customer_id: String,
    pub wallet_id: String,
    /// Source asset and network of deposits (e.g. `usdc` on `base`).
    pub asset: String,
    pub network: String,
    pub address: String,
    pub created: Millis,
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
    /// SHA-256 of the request's canonical JSON (or raw body): the body itself, which may hold
    /// identity numbers, is not kept.
    pub fingerprint: [u8; 32],
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
    pub external_accounts: Table<ExternalAccountRec>,
    pub virtual_accounts: Table<VirtualAccountRec>,
    pub deposit_addresses: Table<DepositAddressRec>,
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
    /// Bumped on every change the inspector shows (requests, events, deliveries, controls).
    pub rev: u64,
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
            external_accounts: Table::default(),
            virtual_accounts: Table::default(),
            deposit_addresses: Table::default(),
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
            rev: 0,
        }
    }

    /// A new id with the given prefix (sorts in creation order).
    pub fn mint(&mut self, prefix: &str) -> String {
        self.seq += 1;
        ids::mint(prefix, self.seq, &mut self.rng)
    }

    /// Appends to the request log (bounded).
    pub fn log_request(&mut self, mut entry: Value) {
        self.rev += 1;
        self.request_seq += 1;
        entry["seq"] = Value::from(self.request_seq);
        if self.requests.len() >= self.log_capacity {
            self.requests.pop_front();
        }
        self.requests.push_back(entry);
    }

    /// Appends to the delivery log (bounded).
    pub fn log_delivery(&mut self, mut entry: Value) {
        self.rev += 1;
        self.delivery_seq += 1;
        entry["seq"] = Value::from(self.delivery_seq);
        if self.deliveries_log.len() >= self.log_capacity {
            self.deliveries_log.pop_front();
        }
        self.deliveries_log.push_back(entry);
    }
}
