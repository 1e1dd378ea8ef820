//! `virtualAccounts.*` (docs/oms-api.md §6.9): early-access virtual accounts (`va_…`), US bank
//! accounts whose deposits become `fiatToCrypto` transactions. Only the read is modelled; the
//! create/update calls are not callable yet per the docs.

use crate::ids::VirtualAccountId;
use crate::model::VirtualAccount;

by_id_op! {
    /// `GET /virtual-accounts/{virtualAccountId}`: one virtual account with its bank details.
    /// Params: `{ virtualAccountId }`.
    pub struct Get { virtual_account_id: VirtualAccountId = "virtualAccountId" }
    "virtualAccounts.get", Get "/virtual-accounts/{virtualAccountId}" => VirtualAccount
}
