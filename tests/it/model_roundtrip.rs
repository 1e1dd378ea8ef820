//! Tolerant reading, strict writing (docs/ARCHITECTURE.md), checked on the typed model: unknown
//! fields survive a round trip at every level, open enums keep unknown values, the documented
//! aliases (docs/oms-api.md §14) read into the canonical form, request types accept the aliases
//! (for the emulator) but write canonical names, and `Debug` never prints credentials or the
//! listed personal data.

use oms_wasm::model::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value as Json};

/// Parses `input` as `T` and writes it back as JSON text.
fn round_trip<T: DeserializeOwned + Serialize>(input: &Json) -> String {
    let t: T = serde_json::from_value(input.clone())
        .unwrap_or_else(|e| panic!("{}: {e}", std::any::type_name::<T>()));
    serde_json::to_string(&t).expect("serialize")
}

/// A canonical input must come back byte for byte (same keys, same order).
fn assert_same<T: DeserializeOwned + Serialize>(input: Json) {
    assert_eq!(
        round_trip::<T>(&input),
        input.to_string(),
        "{}",
        std::any::type_name::<T>()
    );
}

fn x() -> Json {
    json!({"future": [1, {"deep": null}], "note": "kept"})
}

#[test]
fn unknown_fields_survive_at_every_level() {
    assert_same::<Customer>(json!({
        "id": "cst_1", "object": "customer", "type": "individual", "status": "active",
        "wallets": [{"id": "wlt_1", "type": "custodial", "balance": "1.00", "x": x()}],
        "endorsements": [{"type": "usd", "status": "ACTIVE",
            "requirements": {"complete": [], "pending": [], "missing": [], "issues": [], "y": 1},
            "rejectionReasons": [{"reason": "r", "developerReason": "d", "z": true}], "w": "v"}],
        "metadata": {"a": "b"}, "createdAt": "2026-01-15T10:00:00Z", "unknownTop": x()
    }));
    assert_same::<Wallet>(
        json!({"id": "wlt_1", "chain": "polygon", "type": "internal", "token": x()}),
    );
    assert_same::<WalletBalance>(json!({"balance": "5", "pending": "1"}));
    assert_same::<Quote>(json!({
        "id": "qt_1", "type": "cryptoToCrypto",
        "source": {"walletId": "wlt_1", "amountGross": "1", "feesDeducted": {"total": "0", "promo": "0"}, "s": 1},
        "destination": {"wallet": {"id": "wlt_2", "memo": "m"}, "cash": {"locationId": "loc_1", "c": 2}},
        "rates": {"exchangeRate": "1.0", "r": 3},
        "developerFees": [{"id": "df", "wallet": {"id": "wlt_3"}, "d": 4}],
        "extraTop": x()
    }));
    assert_same::<Transaction>(json!({
        "id": "t", "status": "cashPickupReady",
        "destination": {"bankDetails": {"accountNumber": "****1", "iban": "x"},
            "owner": {"dateOfBirth": "1990-01-01", "address": {"line1": "1", "unit": "2"}, "o": 1}},
        "error": {"code": "c", "retryable": false},
        "depositInstructions": {"address": "0x1", "memo": "m"},
        "cashPickup": {"cashCode": "1", "location": {"coordinates": {"latitude": 1.5, "longitude": -2.0, "alt": 3}, "hours": "9-5"}, "p": 1},
        "paymentRail": "ach"
    }));
    assert_same::<CashIn>(json!({
        "id": "ci_1", "location": {"name": "n", "address": {"line1": "1"}, "hours": "h"},
        "omsFeeSchedule": {"feeCurrency": "usd", "entries": [{"type": "fixed", "amount": "0.5", "cap": "2"}], "f": 1},
        "newField": x()
    }));
    assert_same::<CashLocation>(json!({"id": "loc_1", "distance": 0.5, "rating": 4}));
    assert_same::<WebhookEndpoint>(
        json!({"id": "whk_1", "events": ["cashIn.*"], "description": "d"}),
    );
    assert_same::<TokenResponse>(json!({"accessToken": "t", "expiresIn": 3600, "refreshIn": 3000}));
    assert_same::<ListPage<Customer>>(
        json!({"data": [{"id": "cst_1", "k": 1}], "hasMore": false, "total": 10}),
    );
    assert_same::<RetailSimulationResult>(json!({"confirmationId": "c", "x": 1}));
    assert_same::<DepositAddressSimulation>(
        json!({"amount": {"value": "1", "currency": "USDC", "d": 1}, "network": "SUI", "e": 2}),
    );
    assert_same::<VirtualAccountSimulation>(json!({"rail": "swift_in", "swiftRef": "r"}));
    assert_same::<WebhookEvent>(
        json!({"type": "wallet.depositDetected", "timestamp": "2026-01-15T10:00:00Z", "data": {"id": "wlt_1"}, "id": "msg_1"}),
    );
}

#[test]
fn early_access_resources_read() {
    assert_same::<VirtualAccount>(json!({
        "id": "va_1", "object": "virtualAccount", "customerId": "cst_1", "status": "active",
        "source": {"asset": "usd", "network": "usBank"},
        "bankDetails": {"bankName": "Lead Bank", "accountNumber": "9876543210", "routingNumber": "101019644", "accountType": "checking", "ownerName": "Alice Smith", "reference": "OMS-1"},
        "destination": {"asset": "usdc", "network": "polygon", "wallet": {"id": "wlt_1"}},
        "accountholderName": "oms", "label": "Main", "bankMemo": "memo", "metadata": {"k": "v"},
        "developerFees": [{"percentage": "0.5"}], "createdAt": "2026-01-15T10:00:00Z"
    }));
    assert_same::<DepositAddress>(json!({
        "id": "da_1", "object": "depositAddress", "customerId": "cst_1", "status": "paused", "transactionType": "cryptoToCrypto",
        "source": {"asset": "usdc", "network": "ethereum", "depositInstructions": {"address": "0xabc", "asset": "usdc", "network": "ethereum"}},
        "destination": {"asset": "usdc", "network": "polygon", "wallet": {"id": "wlt_1"}}, "createdAt": "2026-01-15T10:00:00Z"
    }));
    assert_same::<ExternalAccount>(json!({
        "id": "cpUsBank_1", "object": "externalAccount", "customerId": "cst_1", "type": "usBank", "status": "verified",
        "network": "ach", "bankDetails": {"bankName": "Chase", "accountNumber": "****6789"}, "createdAt": "2026-01-15T10:00:00Z"
    }));
    // VA/DA pages use wallet.wallet (docs/oms-api.md, C2) and may give the wallet as a bare id
    let va: VirtualAccount =
        serde_json::from_value(json!({"destination": {"wallet": {"wallet": "wlt_9"}}}))
            .expect("va");
    let da: DepositAddress =
        serde_json::from_value(json!({"destination": {"wallet": "wlt_8"}})).expect("da");
    assert_eq!(
        serde_json::to_value(&va).ok(),
        Some(json!({"destination": {"wallet": {"id": "wlt_9"}}}))
    );
    assert_eq!(
        serde_json::to_value(&da).ok(),
        Some(json!({"destination": {"wallet": {"id": "wlt_8"}}}))
    );
}

macro_rules! check_open_enums {
    ($($t:ty),* $(,)?) => {$(
        for v in <$t>::KNOWN {
            let text = serde_json::to_string(v).expect("serialize");
            let back: $t = serde_json::from_str(&text).expect("deserialize");
            assert_eq!(&back, v, "{}", stringify!($t));
            assert!(back.is_known());
            assert_eq!(<$t>::from_wire(v.as_str()), v.clone());
        }
        let other: $t = serde_json::from_str("\"somethingNew_2027\"").expect("other");
        assert_eq!(other, <$t>::Other("somethingNew_2027".into()), "{}", stringify!($t));
        assert_eq!(serde_json::to_string(&other).ok().as_deref(), Some("\"somethingNew_2027\""));
        // case matters: an unknown spelling is kept verbatim, not folded into a known value
        let upper = <$t>::KNOWN[0].as_str().to_uppercase();
        let lower = <$t>::KNOWN[0].as_str().to_lowercase();
        let folded = if upper == <$t>::KNOWN[0].as_str() { lower } else { upper };
        assert_eq!(<$t>::from_wire(&folded).as_str(), folded);
    )*};
}

#[test]
fn open_enums_keep_unknown_values() {
    check_open_enums!(
        Asset,
        Network,
        TransactionType,
        FixedAmountSide,
        CustomerType,
        CustomerStatus,
        EndorsementName,
        EndorsementStatus,
        WalletType,
        WalletStatus,
        QuoteStatus,
        TransactionStatus,
        TransactionRole,
        CashInStatus,
        CashInSubStatus,
        FeeType,
        WebhookEventType,
        WebhookStatus,
        TokenType,
        ResourceStatus,
        AccountholderName,
        SimulatedChain,
        SimulationStatus,
        VirtualAccountRail,
    );
}

#[test]
fn aliases_read_as_canonical() {
    let cases: Vec<(Json, Json)> = vec![
        // docs/oms-api.md, C2, C3
        (
            json!({"wallet": {"wallet": "wlt_1"}}),
            json!({"wallet": {"id": "wlt_1"}}),
        ),
        (
            json!({"wallet": {"externalAccountId": "cpUsBank_1"}}),
            json!({"wallet": {"externalAccount": "cpUsBank_1"}}),
        ),
        // docs/oms-api.md, C1
        (
            json!({"cash": {"cashLocationId": "loc_1", "cashLocationReference": "R"}}),
            json!({"cash": {"locationId": "loc_1", "locationReference": "R"}}),
        ),
    ];
    for (input, want) in cases {
        let side: AmountSide = serde_json::from_value(input).expect("side");
        assert_eq!(serde_json::to_value(&side).ok(), Some(want));
    }
    // docs/oms-api.md, C4: string or object
    for t in [
        json!("txn_1"),
        json!({"id": "txn_1", "status": "completed"}),
    ] {
        let ci: CashIn =
            serde_json::from_value(json!({"id": "ci_1", "transaction": t})).expect("cash-in");
        assert_eq!(
            ci.transaction_id.as_ref().map(|i| i.as_str()),
            Some("txn_1")
        );
        assert_eq!(
            serde_json::to_value(&ci).ok(),
            Some(json!({"id": "ci_1", "transactionId": "txn_1"}))
        );
    }
    // docs/oms-api.md, C5, C19: strings, `type` objects (Get-started) and `name` objects (alias) mixed
    let c: Customer = serde_json::from_value(json!({"endorsements": [
        "usd",
        {"name": "basic", "status": "ACTIVE"},
        {"type": "cryptoCustody", "status": "PENDING"}
    ]}))
    .expect("customer");
    let names: Vec<&str> = c
        .endorsements
        .iter()
        .flatten()
        .filter_map(|e| e.kind.as_ref())
        .map(|n| n.as_str())
        .collect();
    assert_eq!(names, ["usd", "basic", "cryptoCustody"]);
    assert!(c.endorsements.iter().flatten().all(|e| e.extra.is_empty()));
    // docs/oms-api.md, C8
    let page: ListPage<Customer> =
        serde_json::from_value(json!({"data": [], "cursor": "c1"})).expect("page");
    assert_eq!(page.next_cursor.as_deref(), Some("c1"));
    assert!(page.extra.is_empty());
}

#[test]
fn nulls_and_numbers() {
    let q: Quote = serde_json::from_value(json!({
        "id": "qt_1", "promoCode": null, "sponsorGasCost": 0, "rates": {"exchangeRate": 1.25, "effectiveRate": null},
        "source": {"amountGross": 100, "amountNet": -0.5}
    }))
    .expect("quote");
    assert_eq!(
        serde_json::to_value(&q).ok(),
        Some(
            json!({"id": "qt_1", "source": {"amountGross": "100", "amountNet": "-0.5"}, "rates": {"exchangeRate": "1.25"}, "sponsorGasCost": "0", "promoCode": null})
        )
    );
    let money = q.source.and_then(|s| s.amount_gross).expect("amount");
    assert!(money.is_well_formed() && money.is_positive());
    // the server's text is kept even when it is not a decimal
    let odd: Rates = serde_json::from_value(json!({"exchangeRate": "1,5"})).expect("rates");
    assert!(!odd.exchange_rate.expect("rate").is_well_formed());
}

#[test]
fn request_types_accept_aliases_and_write_canonical_names() {
    // what the emulator reads: both documented spellings
    let ci: CreateCashIn = serde_json::from_value(json!({
        "customerId": "cst_1", "source": {"asset": "usd"},
        "destination": {"wallet": {"wallet": "wlt_1"}, "asset": "usdc", "network": "polygon"},
        "cash": {"cashLocationId": "loc_1", "cashLocationReference": "R"}
    }))
    .expect("cash-in body");
    assert_eq!(
        serde_json::to_string(&ci).ok().as_deref(),
        Some(
            r#"{"customerId":"cst_1","source":{"asset":"usd"},"destination":{"wallet":{"id":"wlt_1"},"asset":"usdc","network":"polygon"},"cash":{"locationId":"loc_1","locationReference":"R"}}"#
        )
    );
    let q: CreateQuote = serde_json::from_value(json!({
        "customerId": "cst_1", "source": {"walletId": "wlt_1", "asset": "usdc", "network": "polygon", "amount": "1"},
        "destination": {"asset": "usd", "network": "ach", "wallet": {"externalAccountId": "cpUsBank_1"}}
    }))
    .expect("quote body");
    assert_eq!(
        q.destination.wallet,
        Some(WalletTargetInput::ExternalAccount("cpUsBank_1".into()))
    );
    // written bodies have no nulls
    let t = CreateTransaction {
        quote_id: "qt_1".into(),
        device_fingerprint: None,
        web_session_id: None,
        payment_method_id: None,
        source_wallet_address: None,
        partner_transaction_id: Some(42),
        tags: None,
        metadata: None,
    };
    assert_eq!(
        serde_json::to_string(&t).ok().as_deref(),
        Some(r#"{"quoteId":"qt_1","partnerTransactionId":42}"#)
    );
    let sim = SimulateVirtualAccountDeposit {
        rail: VirtualAccountRail::WireIn,
        fields: serde_json::from_value(json!({"amount": "5.00", "imad": "X"})).expect("map"),
    };
    assert_eq!(
        serde_json::to_string(&sim).ok().as_deref(),
        Some(r#"{"rail":"wire_in","amount":"5.00","imad":"X"}"#)
    );
}

#[test]
fn debug_never_prints_secrets() {
    let secrets = [
        "1990-04-12",
        "123-45-6789",
        "8841-2290",
        "eyJsecret",
        "whsec_abc",
        "9876543210",
        "s3cr3t",
        "hidden-extra",
    ];
    let t: Transaction = serde_json::from_value(json!({
        "destination": {"owner": {"dateOfBirth": "1990-04-12", "taxId": "123-45-6789"},
            "bankDetails": {"accountNumber": "9876543210"}},
        "cashPickup": {"cashCode": "8841-2290"},
        "unknownPii": "hidden-extra"
    }))
    .expect("transaction");
    let tok: TokenResponse =
        serde_json::from_value(json!({"accessToken": "eyJsecret"})).expect("token");
    let hook: WebhookEndpoint =
        serde_json::from_value(json!({"secret": "whsec_abc"})).expect("hook");
    let req = TokenRequest {
        api_key: "sk_sdbx_1".into(),
        api_secret: "s3cr3t".to_owned().into(),
    };
    let printed = format!("{t:?} {tok:?} {hook:?} {req:?}");
    for s in secrets {
        assert!(!printed.contains(s), "{s} printed");
    }
    assert!(printed.contains("unknownPii"), "extra keys are listed");
    // ...but the wire keeps them
    assert!(serde_json::to_string(&t)
        .expect("json")
        .contains("123-45-6789"));
}

#[test]
fn webhook_event_data_as_model() {
    let e: WebhookEvent = serde_json::from_value(json!({
        "type": "transaction.cryptoToCrypto.completed", "timestamp": "2026-01-15T10:05:00Z",
        "data": {"id": "txn_1", "object": "transaction", "status": "completed", "destination": {"txHash": "0xab"}}
    }))
    .expect("event");
    assert_eq!(
        e.kind,
        Some(WebhookEventType::TransactionCryptoToCryptoCompleted)
    );
    let tx: Transaction = e.data_as().expect("transaction");
    assert_eq!(tx.status, Some(TransactionStatus::Completed));
    assert_eq!(
        tx.destination.and_then(|d| d.tx_hash).as_deref(),
        Some("0xab")
    );
    assert!(e.data_as::<Vec<u8>>().is_none());
}

#[test]
fn ids_round_trip_as_strings() {
    let w: Wallet =
        serde_json::from_value(json!({"id": "wlt_1", "customerId": "cst_1"})).expect("wallet");
    assert!(w.id.as_ref().is_some_and(|i| i.has_expected_prefix()));
    assert!(w
        .customer_id
        .as_ref()
        .is_some_and(|i| i.has_expected_prefix()));
    // a wrong prefix is read as is: prefixes are never enforced
    let odd: Wallet = serde_json::from_value(json!({"id": "acct_1"})).expect("wallet");
    assert!(odd.id.as_ref().is_some_and(|i| !i.has_expected_prefix()));
}
