//! Vocabulary and sub-objects shared by several resources (docs/oms-api.md §3.4, §7, §10): assets,
//! networks, transaction types, amount sides, fees, rates, wallet targets, cash references,
//! developer fees, deposit instructions, addresses, bank details.

use super::money::Decimal;
use crate::ids::{CashLocationId, ExternalAccountId, WalletId};
use crate::secret::Sensitive;
use serde::{Deserialize, Serialize, Serializer};

open_enum! {
    /// An asset (docs/oms-api.md §10). Lowercase on the wire; what is enabled depends on the partner.
    pub enum Asset {
        /// USD Coin, the primary settlement asset.
        Usdc = "usdc",
        /// Tether.
        Usdt = "usdt",
        /// US dollars (bank rails, cash).
        Usd = "usd",
        /// Bitcoin.
        Btc = "btc",
        /// Ether.
        Eth = "eth",
        /// Euro (SEPA).
        Eur = "eur",
        /// Brazilian real (Pix).
        Brl = "brl",
        /// Indian rupee (UPI).
        Inr = "inr",
        /// Mexican peso (SPEI).
        Mxn = "mxn",
        /// Pound sterling (FPS).
        Gbp = "gbp",
    }
}

open_enum! {
    /// A network: a blockchain or a fiat rail (docs/oms-api.md §10). Also the vocabulary of wallet `chain`.
    /// Deposit-address simulations answer with UPPERCASE chain names, which read as `Other`.
    pub enum Network {
        /// Polygon PoS.
        Polygon = "polygon",
        /// Ethereum.
        Ethereum = "ethereum",
        /// Solana.
        Solana = "solana",
        /// Bitcoin.
        Bitcoin = "bitcoin",
        /// ACH (US bank, early access).
        Ach = "ach",
        /// Wire (US bank, early access).
        Wire = "wire",
        /// Debit card (coming soon).
        Card = "card",
        /// Retail cash (GreenDot / AllPoint).
        Cash = "cash",
        /// US bank account (virtual-account source network).
        UsBank = "usBank",
        /// SEPA.
        Sepa = "sepa",
        /// Pix.
        Pix = "pix",
        /// UPI.
        Upi = "upi",
        /// SPEI.
        Spei = "spei",
        /// Faster Payments.
        Fps = "fps",
    }
}

open_enum! {
    /// The direction of a money movement, inferred by OMS from the asset pair.
    pub enum TransactionType {
        /// Fiat in (cash-ins, virtual accounts); never created by a quote.
        FiatToCrypto = "fiatToCrypto",
        /// Payout to a bank, card or cash pickup.
        CryptoToFiat = "cryptoToFiat",
        /// On-chain send.
        CryptoToCrypto = "cryptoToCrypto",
    }
}

open_enum! {
    /// The side whose amount the caller fixed.
    pub enum FixedAmountSide {
        /// The source amount was fixed.
        Source = "source",
        /// The destination amount was fixed.
        Destination = "destination",
    }
}

wire_struct! {
    /// Fees taken from one side (`feesDeducted`): `total = developer + oms + gas`.
    pub struct FeesDeducted {
        /// Sum of the other three.
        total: Decimal = "total",
        /// Your developer fee.
        developer: Decimal = "developer",
        /// OMS's fee.
        oms: Decimal = "oms",
        /// Network gas (absent from the breakdown when the developer sponsors gas).
        gas: Decimal = "gas",
    }
}

wire_struct! {
    /// Exchange rates of a quote, transaction or cash-in.
    pub struct Rates {
        /// Spot rate.
        exchange_rate: Decimal = "exchangeRate",
        /// Rate after fees.
        effective_rate: Decimal = "effectiveRate",
        /// The pair; format undocumented (e.g. `usdc/usdc`).
        pair: String = "pair",
    }
}

wire_struct! {
    /// Where funds go or come from (read form): exactly one of `id` (an OMS wallet),
    /// `blockchainAddress`, `externalAccount` is expected.
    ///
    /// Aliases read (docs/oms-api.md, C2, C3): `wallet` → `id`, `externalAccountId` → `externalAccount`.
    /// A bare string is read as `{ id }`.
    pub struct WalletTarget read {
        aliases: &[("wallet", "id"), ("externalAccountId", "externalAccount")],
        string_key: Some("id"),
    } {
        /// An OMS wallet (`wlt_…`).
        id: WalletId = "id",
        /// An external address on the same network.
        blockchain_address: String = "blockchainAddress",
        /// A saved external account (`cp…`/`pm…`, early access).
        external_account: ExternalAccountId = "externalAccount",
    }
}

wire_struct! {
    /// A retail cash location reference (read form).
    ///
    /// Aliases read (docs/oms-api.md, C1): `cashLocationId` → `locationId`, `cashLocationReference` →
    /// `locationReference`.
    pub struct CashRef read {
        aliases: &[("cashLocationId", "locationId"), ("cashLocationReference", "locationReference")],
    } {
        /// The location (`loc_…`) from `GET /cash-locations`.
        location_id: CashLocationId = "locationId",
        /// The opaque location reference from `GET /cash-locations`.
        location_reference: String = "locationReference",
    }
}

wire_struct! {
    /// A developer fee entry (`developerFees[]`). Reserved on requests; read-only here.
    pub struct DeveloperFee {
        /// Fee id.
        id: String = "id",
        /// Fee amount.
        amount: Decimal = "amount",
        /// Flat part.
        flat_fee: Decimal = "flatFee",
        /// Percentage part.
        percentage: Decimal = "percentage",
        /// Receiving wallet; its JSON type is undocumented, so it is kept as raw JSON.
        wallet: serde_json::Value = "wallet",
    }
}

wire_struct! {
    /// Funding instructions. One type for both documented forms: on-chain funding (`address`, `asset`,
    /// `network`, `exactAmount`, `expiresAt`) and the retail cash-in code (`code`, `expiresAt`,
    /// `locationName`, `locationAddress`).
    pub struct DepositInstructions {
        /// Address to send funds to.
        address: String = "address",
        /// Asset to send.
        asset: Asset = "asset",
        /// Network to send on.
        network: Network = "network",
        /// Exact amount to send.
        exact_amount: Decimal = "exactAmount",
        /// Retail deposit code shown to the customer (e.g. `ABC 12345`).
        code: String = "code",
        /// When the instructions (or the code) expire.
        expires_at: String = "expiresAt",
        /// Retail location name.
        location_name: String = "locationName",
        /// Retail location address.
        location_address: String = "locationAddress",
    }
}

wire_struct! {
    /// A postal address as read from a response (every field optional; compare
    /// [`crate::model::Address`], the strict written form).
    pub struct PostalAddress {
        /// First line.
        line1: String = "line1",
        /// Second line.
        line2: String = "line2",
        /// City.
        city: String = "city",
        /// State / region.
        state: String = "state",
        /// Country (alpha-2 expected).
        country: String = "country",
        /// Postal code.
        zip_code: String = "zipCode",
    }
}

wire_struct! {
    /// Bank details of a payout destination, virtual account or external account.
    pub struct BankDetails {
        /// Bank name.
        bank_name: String = "bankName",
        /// Account number (masked on external accounts, full on virtual accounts); never printed by `Debug`.
        account_number: Sensitive<String> = "accountNumber",
        /// Routing number.
        routing_number: String = "routingNumber",
        /// Account type (e.g. checking).
        account_type: String = "accountType",
        /// Account owner name.
        owner_name: String = "ownerName",
        /// Payment reference to quote.
        reference: String = "reference",
    }
}

wire_struct! {
    /// The owner of a payout destination (`destination.owner`). Date of birth and tax id are never
    /// printed by `Debug`.
    pub struct Owner {
        /// Full name.
        name: String = "name",
        /// Email.
        email: String = "email",
        /// Phone.
        phone: String = "phone",
        /// Nationality.
        nationality: String = "nationality",
        /// Date of birth.
        date_of_birth: Sensitive<String> = "dateOfBirth",
        /// Tax id.
        tax_id: Sensitive<String> = "taxId",
        /// Address.
        address: PostalAddress = "address",
    }
}

wire_struct! {
    /// One side of a quote, transaction, cash-in, virtual account or deposit address (docs/oms-api.md §7
    /// AmountSide). One type for every side: each resource uses a subset of these fields.
    pub struct AmountSide {
        /// Source wallet (quote sources).
        wallet_id: WalletId = "walletId",
        /// Asset.
        asset: Asset = "asset",
        /// Network.
        network: Network = "network",
        /// Amount (cash-in sources).
        amount: Decimal = "amount",
        /// Amount used for up-front pricing (cash-in sources).
        indicated_amount: Decimal = "indicatedAmount",
        /// Amount before fees.
        amount_gross: Decimal = "amountGross",
        /// Amount after fees.
        amount_net: Decimal = "amountNet",
        /// Fees taken from this side.
        fees_deducted: FeesDeducted = "feesDeducted",
        /// Email (cash-in sources).
        email: String = "email",
        /// Destination wallet, address or external account.
        wallet: WalletTarget = "wallet",
        /// Saved external account (transaction destinations).
        external_account_id: ExternalAccountId = "externalAccountId",
        /// Bank details (bank payouts).
        bank_details: BankDetails = "bankDetails",
        /// Cash location (cash-in / cash pickup).
        cash: CashRef = "cash",
        /// Owner of the destination (payouts).
        owner: Owner = "owner",
        /// On-chain transaction hash.
        tx_hash: String = "txHash",
        /// Funding instructions (deposit-address sources).
        deposit_instructions: DepositInstructions = "depositInstructions",
    }
}

// ---------------------------------------------------------------------------------------------
// Written forms

/// Where funds go (written form): exactly one of the three, so it is an enum.
/// Serialized as `{"id": …}`, `{"blockchainAddress": …}` or `{"externalAccount": …}`; the documented
/// aliases (`wallet`, `externalAccountId`) are accepted when deserializing (the emulator reads these).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum WalletTargetInput {
    /// An OMS wallet.
    #[serde(alias = "wallet")]
    Id(WalletId),
    /// An external address on the destination network.
    BlockchainAddress(String),
    /// A saved external account (early access).
    #[serde(alias = "externalAccountId")]
    ExternalAccount(ExternalAccountId),
}

/// Which property names a written [`CashRefInput`] uses (docs/oms-api.md, C1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum CashRefNames {
    /// `locationId` / `locationReference` (the API reference's names). Default.
    #[default]
    Location,
    /// `cashLocationId` / `cashLocationReference` (the cash-ins concept page and guide).
    CashLocation,
}

/// A retail cash location reference (written form). Both documented spellings are accepted when
/// deserializing; [`CashRefInput::names`] picks the spelling written.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CashRefInput {
    /// The location (`loc_…`).
    #[serde(alias = "cashLocationId")]
    pub location_id: CashLocationId,
    /// The location reference from `GET /cash-locations`.
    #[serde(alias = "cashLocationReference")]
    pub location_reference: String,
    /// The property names to write. Default [`CashRefNames::Location`].
    #[serde(skip)]
    pub names: CashRefNames,
}

impl Serialize for CashRefInput {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (id, reference) = match self.names {
            CashRefNames::Location => ("locationId", "locationReference"),
            CashRefNames::CashLocation => ("cashLocationId", "cashLocationReference"),
        };
        let mut st = s.serialize_struct("CashRefInput", 2)?;
        st.serialize_field(id, &self.location_id)?;
        st.serialize_field(reference, &self.location_reference)?;
        st.end()
    }
}

/// Free-form metadata written on requests (string values, at most 20 keys).
pub type Metadata = serde_json::Map<String, serde_json::Value>;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn wallet_target_aliases_and_shapes() {
        let w: WalletTarget =
            serde_json::from_value(json!({"wallet": "wlt_1", "x": 1})).unwrap_or_default();
        assert_eq!(w.id.as_ref().map(WalletId::as_str), Some("wlt_1"));
        assert_eq!(
            serde_json::to_value(&w).ok(),
            Some(json!({"id": "wlt_1", "x": 1}))
        );
        // both spellings: canonical wins, the alias is kept as an unknown field
        let both: WalletTarget =
            serde_json::from_value(json!({"wallet": "a", "id": "b"})).unwrap_or_default();
        assert_eq!(
            serde_json::to_value(&both).ok(),
            Some(json!({"id": "b", "wallet": "a"}))
        );
        let bare: WalletTarget = serde_json::from_value(json!("wlt_9")).unwrap_or_default();
        assert_eq!(bare.id, Some(WalletId::new("wlt_9")));
        let input: WalletTargetInput = serde_json::from_value(json!({"wallet": "wlt_2"}))
            .unwrap_or(WalletTargetInput::BlockchainAddress(String::new()));
        assert_eq!(
            serde_json::to_value(&input).ok(),
            Some(json!({"id": "wlt_2"}))
        );
    }

    #[test]
    fn open_enums_round_trip() {
        let n: Network = serde_json::from_value(json!("BASE")).unwrap_or(Network::Ach);
        assert_eq!(n, Network::Other("BASE".into()));
        assert_eq!(serde_json::to_value(&n).ok(), Some(json!("BASE")));
        assert_eq!(Network::from("usBank"), Network::UsBank);
        assert!(!Network::from("x").is_known());
    }

    #[test]
    fn cash_ref_names() {
        let mut c = CashRefInput {
            location_id: "loc_1".into(),
            location_reference: "R".into(),
            names: CashRefNames::Location,
        };
        assert_eq!(
            serde_json::to_value(&c).ok(),
            Some(json!({"locationId": "loc_1", "locationReference": "R"}))
        );
        c.names = CashRefNames::CashLocation;
        assert_eq!(
            serde_json::to_value(&c).ok(),
            Some(json!({"cashLocationId": "loc_1", "cashLocationReference": "R"}))
        );
    }
}
