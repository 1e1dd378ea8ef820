//! The SDK's sans-IO builders and parsers against the emulator: the two agree on the wire model.

use crate::common::*;
use oms_wasm::api::{
    cash_ins, cash_locations, customers, quotes, sandbox, transactions, wallets, webhooks,
};
use oms_wasm::model::*;
use oms_wasm::secret::Sensitive;

#[tokio::test]
async fn full_flow_through_the_core_operations() {
    let h = H::start().await;
    let body: CustomerInput = serde_json::from_value(full_customer()).unwrap();
    let c = h.op(&customers::Create { body }).await.expect("customer");
    let cid = c.id.clone().unwrap();
    assert_eq!(c.endorsements.as_ref().unwrap().len(), 3);
    let w = h
        .op(&wallets::Create {
            customer_id: cid.clone(),
            body: CreateWallet {
                asset: Asset::Usdc,
                chain: Network::Polygon,
            },
        })
        .await
        .expect("wallet");
    let wid = w.id.clone().unwrap();
    let b = h
        .op(&wallets::Balance {
            wallet_id: wid.clone(),
            estimated_balance_currency_code: None,
        })
        .await
        .expect("balance");
    assert_eq!(b.balance.unwrap().as_str(), "0.00");
    let locs = h
        .op(&cash_locations::List {
            provider: "greendot".into(),
            latitude: 38.495133,
            longitude: -121.505336,
            flow: None,
        })
        .await
        .expect("locations");
    let loc = &locs.items()[0];
    let ci = h
        .op(&cash_ins::Create {
            body: CreateCashIn {
                customer_id: cid.clone(),
                source: CashInSourceInput {
                    asset: Asset::Usd,
                    network: Some(Network::Cash),
                    indicated_amount: Some(Decimal::parse("100.00").unwrap()),
                },
                destination: CashInDestinationInput {
                    wallet: WalletTargetInput::Id(wid.clone()),
                    asset: Asset::Usdc,
                    network: Network::Polygon,
                },
                cash: CashRefInput {
                    location_id: loc.id.clone().unwrap(),
                    location_reference: loc.location_reference.clone().unwrap(),
                    names: CashRefNames::CashLocation,
                },
                metadata: None,
            },
        })
        .await
        .expect("cash-in");
    assert_eq!(ci.status, Some(CashInStatus::Pending));
    let code = ci
        .deposit_instructions
        .as_ref()
        .unwrap()
        .code
        .clone()
        .unwrap();
    let reference = loc.location_reference.clone().unwrap();
    let auth = h
        .op(&sandbox::BarcodeAuth {
            body: SimulateBarcodeAuth {
                account_number: code.clone(),
                account_reference_number: reference.clone(),
                amount: Decimal::parse("200.00").unwrap(),
            },
        })
        .await
        .expect("barcode auth");
    h.op(&sandbox::AuthCommit {
        body: SimulateAuthCommit {
            account_number: code,
            account_reference_number: reference,
            amount: Decimal::parse("200.00").unwrap(),
            original_confirmation_id: auth.confirmation_id.unwrap(),
            customer_id: Some(cid.clone()),
            description: None,
        },
    })
    .await
    .expect("commit");
    let ci = h
        .op(&cash_ins::Get {
            cash_in_id: ci.id.unwrap(),
        })
        .await
        .expect("get cash-in");
    assert_eq!(ci.status, Some(CashInStatus::Completed));
    let txid = ci.transaction_id.clone().unwrap();
    let t = h
        .op(&transactions::Get {
            transaction_id: txid,
            sender_customer_id: None,
            recipient_customer_id: None,
        })
        .await
        .expect("txn");
    assert_eq!(t.kind, Some(TransactionType::FiatToCrypto));
    // 200 − (3.00 + 0.50) = 196.50
    let b = h
        .op(&wallets::Balance {
            wallet_id: wid.clone(),
            estimated_balance_currency_code: Some("USD".into()),
        })
        .await
        .unwrap();
    assert_eq!(b.balance.unwrap().as_str(), "196.50");
    let q = h
        .op(&quotes::Create {
            body: CreateQuote {
                customer_id: cid.clone(),
                source: QuoteSourceInput {
                    wallet_id: wid.clone(),
                    asset: Asset::Usdc,
                    network: Network::Polygon,
                    amount: Some(Decimal::parse("100.00").unwrap()),
                },
                destination: QuoteDestinationInput {
                    asset: Asset::Usdc,
                    network: Network::Polygon,
                    amount: None,
                    wallet: Some(WalletTargetInput::BlockchainAddress(
                        "0x000000000000000000000000000000000000dEaD".into(),
                    )),
                },
                metadata: None,
                promo_code: None,
                sponsor_gas: None,
            },
        })
        .await
        .expect("quote");
    assert_eq!(q.status, Some(QuoteStatus::Open));
    assert_eq!(
        q.source
            .as_ref()
            .unwrap()
            .fees_deducted
            .as_ref()
            .unwrap()
            .total
            .as_ref()
            .unwrap()
            .as_str(),
        "0.58"
    );
    let t = h
        .op(&transactions::Create {
            body: CreateTransaction {
                quote_id: q.id.unwrap(),
                device_fingerprint: None,
                web_session_id: None,
                payment_method_id: None,
                source_wallet_address: None,
                partner_transaction_id: Some(7),
                tags: None,
                metadata: None,
            },
        })
        .await
        .expect("transaction");
    assert_eq!(t.status, Some(TransactionStatus::Processing));
    let page = h.op(&customers::List::default()).await.expect("list");
    assert_eq!(page.items().len(), 1);
    let hook = h
        .op(&webhooks::Create {
            body: CreateWebhook {
                url: "http://127.0.0.1:9/x".into(),
                events: Some(vec![WebhookEventType::CashInCompleted]),
                enabled: None,
            },
        })
        .await
        .expect("webhook");
    assert!(hook
        .secret
        .as_ref()
        .map(Sensitive::expose)
        .unwrap()
        .starts_with("whsec_"));
    // errors parse into the SDK's ApiError with the server code
    let e = h
        .op(&customers::Get {
            customer_id: "cst_nope".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(
        (e.code(), e.server_code.as_deref()),
        ("not_found", Some("customer_not_found"))
    );
    // every request the SDK built was logged with its shape
    let log = h.requests().await;
    let post = log
        .iter()
        .find(|e| e["method"] == "POST" && e["path"].as_str().unwrap().ends_with("/cash-ins"))
        .unwrap();
    assert!(post["body"]["cash"]["cashLocationId"].is_string());
    assert_eq!(post["headers"]["accept"], "application/json");
    h.emu.shutdown().await;
}

#[tokio::test]
async fn a_virtual_account_is_read_with_the_sdk() {
    use oms_wasm::api::virtual_accounts;
    let h = H::start().await;
    let c = h.customer(serde_json::json!({"type": "individual"})).await;
    let (w, _) = h.wallet(&c).await;
    let va = h
        .control(
            "POST",
            &format!("/customers/{c}/virtual-accounts"),
            Some(serde_json::json!({"walletId": w})),
        )
        .await;
    let id = va["id"].as_str().expect("va id").to_owned();
    let got = h
        .op(&virtual_accounts::Get {
            virtual_account_id: id.clone().into(),
        })
        .await
        .expect("virtualAccounts.get");
    assert_eq!(got.id.as_ref().map(|i| i.as_str()), Some(id.as_str()));
    assert_eq!(
        got.customer_id.as_ref().map(|i| i.as_str()),
        Some(c.as_str())
    );
    let bank = got.bank_details.expect("bank details");
    assert!(bank.routing_number.is_some() && bank.account_number.is_some());
    // another API key's id space: 404
    let missing = h
        .op(&virtual_accounts::Get {
            virtual_account_id: "va_missing".into(),
        })
        .await
        .expect_err("unknown id");
    assert_eq!(missing.status, 404);
    h.emu.shutdown().await;
}
