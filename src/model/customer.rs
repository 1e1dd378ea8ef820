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
