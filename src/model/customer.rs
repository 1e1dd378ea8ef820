//! Customer request bodies (`POST /customers`, `PATCH /customers/{id}`) and their sub-objects.
//!
//! These are the *written* forms: canonical, every optional field skipped when absent. Birth dates and
//! identity-document numbers are [`Sensitive`], so `Debug` never prints them.

use crate::secret::Sensitive;
use serde::{Deserialize, Serialize};

/// A structured postal address (`residentialAddress`). Field names are OMS's: `zipCode`, not `postalCode`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    /// Street address, first line.
    pub line1: String,
    /// Street address, second line (apartment, suite...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line2: Option<String>,
    /// City or locality.
    pub city: String,
    /// State, province or region code (for the US: the two-letter USPS code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// ISO 3166-1 alpha-2 country code, uppercase.
    pub country: String,
    /// Postal code, normalized to the country's usual form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zip_code: Option<String>,
}

/// The kind of an identity document in `identifyingInformation`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum IdentityDocumentType {
    /// US Social Security number.
    Ssn,
    /// US Individual Taxpayer Identification Number.
    Itin,
    /// Driver's licence.
    DriversLicense,
    /// Passport.
    Passport,
}

impl IdentityDocumentType {
    /// Every type, in the reference's order.
    pub const ALL: [IdentityDocumentType; 4] = [
        IdentityDocumentType::Ssn,
        IdentityDocumentType::Itin,
        IdentityDocumentType::DriversLicense,
        IdentityDocumentType::Passport,
    ];

    /// The wire string (`"ssn"`, `"itin"`, `"driversLicense"`, `"passport"`).
    pub fn as_str(self) -> &'static str {
        match self {
            IdentityDocumentType::Ssn => "ssn",
            IdentityDocumentType::Itin => "itin",
            IdentityDocumentType::DriversLicense => "driversLicense",
            IdentityDocumentType::Passport => "passport",
        }
    }

    /// Parses the wire string exactly (`None` for anything else).
    pub fn from_wire(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// One identity document (`identifyingInformation[]`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdentifyingInformation {
    /// Document kind.
    #[serde(rename = "type")]
    pub kind: IdentityDocumentType,
    /// ISO 3166-1 alpha-2 code of the issuing country, uppercase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuing_country: Option<String>,
    /// The document number, normalized (SSN/ITIN as `###-##-####`); never printed by `Debug`.
    pub number: Sensitive<String>,
}

/// An endorsement a customer can request (`endorsements[]` on create/update).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Endorsement {
    /// Standard operations; required for every transaction.
    Basic,
    /// Crypto custody; required to provision wallets.
    CryptoCustody,
    /// USD / stablecoin operations (fiat provisioning).
    Usd,
}

impl Endorsement {
    /// Every endorsement.
    pub const ALL: [Endorsement; 3] = [
        Endorsement::Basic,
        Endorsement::CryptoCustody,
        Endorsement::Usd,
    ];

    /// The wire string.
    pub fn as_str(self) -> &'static str {
        match self {
            Endorsement::Basic => "basic",
            Endorsement::CryptoCustody => "cryptoCustody",
            Endorsement::Usd => "usd",
        }
    }

    /// Parses the wire string exactly.
    pub fn from_wire(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.as_str() == s)
    }
}

/// The body of `POST /customers` (and, with every field optional, `PATCH /customers/{id}`).
///
/// Only `type` is required by the API; [`crate::validate::customer`] enforces what fiat provisioning
/// needs on top of that.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct CustomerInput {
    /// Always `"individual"` on create (v0.9 has no business customers); absent on update.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Legal first name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Middle name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    /// Legal last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone number in E.164 form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Birth date `YYYY-MM-DD` (write-only at the API; never printed by `Debug`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<Sensitive<String>>,
    /// Nationality, ISO 3166-1 alpha-2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nationality: Option<String>,
    /// The end user's IP address (geo checks for `basic`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_address: Option<String>,
    /// Your own identifier for this customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// Acceptance of the OMS terms (can only move false → true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_agreement: Option<bool>,
    /// Residential address (write-only at the API).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residential_address: Option<Address>,
    /// Identity documents (write-only at the API).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifying_information: Option<Vec<IdentifyingInformation>>,
    /// Endorsements to request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endorsements: Option<Vec<Endorsement>>,
    /// Free-form metadata (at most 20 keys).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<serde_json::Map<String, serde_json::Value>>,
}

// ---------------------------------------------------------------------------------------------
// Read forms (responses)

use super::common::{Asset, Network};
use super::money::Decimal;
use super::wallet::WalletType;
use crate::ids::{CustomerId, WalletId};

open_enum! {
    /// Customer kind; v0.9 only has individuals.
    pub enum CustomerType {
        /// A natural person.
        Individual = "individual",
    }
}

open_enum! {
    /// Customer status. An inactive customer cannot start new transactions.
    pub enum CustomerStatus {
        /// Active.
        Active = "active",
        /// Inactive.
        Inactive = "inactive",
    }
}

open_enum! {
    /// An endorsement name as read (open: new endorsements may appear).
    pub enum EndorsementName {
        /// Standard operations.
        Basic = "basic",
        /// Crypto custody.
        CryptoCustody = "cryptoCustody",
        /// USD / stablecoin operations.
        Usd = "usd",
    }
}

open_enum! {
    /// An endorsement status (SCREAMING_CASE on the wire).
    pub enum EndorsementStatus {
        /// Not requested.
        Inactive = "INACTIVE",
        /// Under review.
        Pending = "PENDING",
        /// Needs more data (see `requirements`).
        Issues = "ISSUES",
        /// Granted.
        Active = "ACTIVE",
        /// Rejected (see `rejectionReasons`).
        Rejected = "REJECTED",
        /// Revoked pending more data.
        RevokedIssues = "REVOKED_ISSUES",
        /// Terminal.
        Offboarded = "OFFBOARDED",
    }
}

wire_struct! {
    /// What an endorsement still needs. Requirement identifiers are undocumented strings.
    pub struct EndorsementRequirements {
        /// Satisfied requirements.
        complete: Vec<String> = "complete",
        /// Requirements under review.
        pending: Vec<String> = "pending",
        /// Missing requirements.
        missing: Vec<String> = "missing",
        /// Problems found; strings per the reference, kept as raw JSON in case they are objects.
        issues: Vec<serde_json::Value> = "issues",
    }
}

wire_struct! {
    /// Why an endorsement was rejected.
    pub struct RejectionReason {
        /// Reason for the end user.
        reason: String = "reason",
        /// Reason for the developer.
        developer_reason: String = "developerReason",
    }
}

wire_struct! {
    /// One endorsement of a customer (read form).
    ///
    /// The OMS Get-started page shows `{ "type": "basic", "status": "PENDING" }`: `type` is the
    /// canonical key. `name` (an earlier guess, used by some integrations) is read as an alias of
    /// `type`, and a plain string `"usd"` (the customers concept page shows endorsements as a string
    /// array) is read as `{ "type": "usd" }`; both are written back in the canonical object form.
    /// See docs/oms-api.md, C5 and C19.
    pub struct CustomerEndorsement read {
        aliases: &[("name", "type")],
        string_key: Some("type"),
    } {
        /// Endorsement name (`basic`, `cryptoCustody`, `usd`), under the wire key `type`.
        kind: EndorsementName = "type",
        /// Status.
        status: EndorsementStatus = "status",
        /// Outstanding requirements.
        requirements: EndorsementRequirements = "requirements",
        /// Rejection reasons.
        rejection_reasons: Vec<RejectionReason> = "rejectionReasons",
    }
}

wire_struct! {
    /// The simplified wallet view embedded in a customer (`customer.wallets[]`): `network`,
    /// `type: custodial` and a `balance` (docs/oms-api.md, C6; compare [`crate::model::Wallet`]).
    pub struct CustomerWalletSummary {
        /// Wallet id.
        id: WalletId = "id",
        /// Wallet type (`custodial`).
        kind: WalletType = "type",
        /// On-chain address.
        address: String = "address",
        /// Network.
        network: Network = "network",
        /// Asset.
        asset: Asset = "asset",
        /// Balance.
        balance: Decimal = "balance",
        /// Estimated USD value.
        estimated_value_usd: Decimal = "estimatedValueUsd",
        /// Creation time.
        created_at: String = "createdAt",
    }
}

wire_struct! {
    /// A customer (`object: "customer"`), as returned by create, get, list and update.
    /// `birthDate`, `residentialAddress`, `ipAddress` and `identifyingInformation` are write-only and
    /// never returned (if a server returned them, they would land in `extra`).
    pub struct Customer {
        /// `cst_…`.
        id: CustomerId = "id",
        /// `"customer"`.
        object: String = "object",
        /// `individual`.
        kind: CustomerType = "type",
        /// First name.
        first_name: String = "firstName",
        /// Middle name (nullable).
        middle_name: String = "middleName",
        /// Last name.
        last_name: String = "lastName",
        /// Email.
        email: String = "email",
        /// Phone (E.164).
        phone: String = "phone",
        /// Nationality (alpha-2).
        nationality: String = "nationality",
        /// Your id for the customer.
        external_id: String = "externalId",
        /// `active` / `inactive`.
        status: CustomerStatus = "status",
        /// Terms accepted.
        signed_agreement: bool = "signedAgreement",
        /// When the terms were accepted.
        signed_agreement_at: String = "signedAgreementAt",
        /// Wallet summaries.
        wallets: Vec<CustomerWalletSummary> = "wallets",
        /// Endorsements (objects, or plain strings read as objects).
        endorsements: Vec<CustomerEndorsement> = "endorsements",
        /// Metadata.
        metadata: serde_json::Map<String, serde_json::Value> = "metadata",
        /// Creation time.
        created_at: String = "createdAt",
        /// Last update time.
        updated_at: String = "updatedAt",
    }
}
