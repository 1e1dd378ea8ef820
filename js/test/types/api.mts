// Type-checked (tsc --noEmit) against the installed package's declarations: the request layer's
// types accept correct use and reject wrong use (each @ts-expect-error line must be an error).
import {
  buildRequest, parseResponse, operations, describeOperation, OmsApiError, OmsValidationError, OmsClient,
  type BuiltRequest, type Customer, type ListPage, type Transaction, type Operation, type OperationParams,
  type OperationResult, type CashIn, type Quote, type WebhookEndpoint, type Wallet,
} from 'oms-wasm';

const opts = { baseUrl: 'http://127.0.0.1:8080/v0.9', accessToken: 'tok' } as const;

const req: BuiltRequest = buildRequest('customers.create', {
  firstName: 'Alice', lastName: 'Doe', email: 'alice@example.com', phone: '+12125551234', birthDate: '1990-01-31',
  nationality: 'US', signedAgreement: true, endorsements: ['cryptoCustody', 'usd'],
  residentialAddress: { line1: '1 Main St', city: 'New York', state: 'NY', country: 'US', zipCode: '10001' },
  identifyingInformation: [{ type: 'ssn', number: '123-45-6789', issuingCountry: 'US' }],
}, { ...opts, idempotencyKey: 'cst-alice-001' });
const init: RequestInit = { method: req.method, headers: req.headers, body: req.body };
void init;

buildRequest('wallets.create', { customerId: 'cst_1', asset: 'usdc', chain: 'polygon' }, opts);
buildRequest('quotes.create', {
  customerId: 'cst_1',
  source: { walletId: 'wlt_1', asset: 'usdc', network: 'polygon', amount: '100.00' },
  destination: { asset: 'usdc', network: 'polygon', wallet: { blockchainAddress: '0xabc' } },
}, opts);
buildRequest('cashIns.create', {
  customerId: 'cst_1', source: { asset: 'usd', indicatedAmount: '50.00' },
  destination: { wallet: { id: 'wlt_1' }, asset: 'usdc', network: 'polygon' },
  cash: { locationId: 'loc_1', locationReference: 'R0RFTg==' },
}, opts);
// The Get-started page's bodies as written: wallet.wallet, cash.cashLocationId/-Reference, externalAccount.
buildRequest('cashIns.create', {
  customerId: 'cst_01H9Xa...',
  destination: { wallet: { wallet: 'wlt_01H9Xb...' }, asset: 'usdc', network: 'polygon' },
  cash: { cashLocationId: 'loc_01H9Xl...', cashLocationReference: 'R1JFRU5ET1QtMjQzNDpsYXQ9...' },
  source: { asset: 'usd', indicatedAmount: '100.00' },
}, opts);
buildRequest('quotes.create', {
  customerId: 'c', source: { walletId: 'w', asset: 'usdc', network: 'polygon', amount: '1' },
  destination: { asset: 'usd', network: 'ach', wallet: { externalAccountId: 'cpUsBank_1' } },
}, opts);
const bare = buildRequest('customers.create', { type: 'individual', phone: { country: 'US', number: '212 555 1234' } }, { ...opts, requireFiatFields: false });
const readiness: readonly { code: string; path: (string | number)[]; params?: Record<string, string> }[] = bare.warnings;
void readiness;
// @ts-expect-error requireFiatFields is a boolean
buildRequest('customers.create', { type: 'individual' }, { ...opts, requireFiatFields: 'yes' });
const client = new OmsClient({
  apiKey: 'sk_sdbx_x', apiSecret: 's', requireFiatFields: true,
  onWarning: ({ operation, warnings }) => console.log(operation, warnings.map((w) => w.params?.field)),
});
void client.customers.create({ type: 'individual', firstName: 'Alice' });
// @ts-expect-error onWarning is a function
new OmsClient({ apiKey: 'k', apiSecret: 's', onWarning: true });
// @ts-expect-error warnings are read-only
bare.warnings = [];
buildRequest('transactions.list', { limit: 10, startingAfter: 'cur' }, { environment: 'production', accessToken: 't' });
buildRequest('sandbox.virtualAccounts.simulate', { virtualAccountId: 'va_1', rail: 'ach_in', amount: '10.00' }, opts);

// @ts-expect-error unknown operation
buildRequest('customers.delete', { customerId: 'cst_1' }, opts);
// @ts-expect-error a path parameter is required
buildRequest('customers.get', {}, opts);
// @ts-expect-error amounts are decimal strings, not numbers
buildRequest('quotes.create', { customerId: 'c', source: { walletId: 'w', asset: 'usdc', network: 'polygon', amount: 100 }, destination: { asset: 'usd', network: 'ach' } }, opts);
// @ts-expect-error wallets take `chain`, not `network`
buildRequest('wallets.create', { customerId: 'cst_1', asset: 'usdc', network: 'polygon' }, opts);
// @ts-expect-error environment is 'sandbox' | 'production'
buildRequest('customers.get', { customerId: 'cst_1' }, { environment: 'staging' });
// @ts-expect-error unknown option
buildRequest('customers.get', { customerId: 'cst_1' }, { token: 't' });
// @ts-expect-error limit is a number
buildRequest('transactions.list', { limit: '10' }, opts);

const customer: Customer = parseResponse('customers.get', 200, '{}');
const id: string = customer.id;
const page: ListPage<Transaction> = parseResponse('transactions.list', 200, '{}', new Headers());
const status: string | undefined = page.data?.[0]?.status;
const cashIn: CashIn = parseResponse('cashIns.create', 201, '{}', { 'x-request-id': 'r' });
const code: string | undefined = cashIn.depositInstructions?.code;
const quote: Quote = parseResponse('quotes.get', 200, '{}', [['retry-after', '1']]);
const hook: WebhookEndpoint | null = parseResponse('webhooks.delete', 200, '');
const w: Wallet = parseResponse('wallets.create', 201, '{}');
void id, status, code, quote, hook, w;
// @ts-expect-error the result of customers.get is a Customer, not a Wallet list
const wrong: ListPage<Wallet> = parseResponse('customers.get', 200, '{}');
// @ts-expect-error the status is a number
parseResponse('customers.get', '200', '{}');
void wrong;

type P = OperationParams<'wallets.balance'>;
const p: P = { walletId: 'wlt_1', estimatedBalanceCurrencyCode: 'USD' };
type R = OperationResult<'auth.token'>;
const r: R = { accessToken: 'x', expiresIn: 3600 };
void p, r;
const all: Operation[] = operations();
const info = describeOperation('customers.get');
const m: string | undefined = info?.method;
void all, m;

try {
  parseResponse('customers.get', 404, '{}');
} catch (e) {
  if (e instanceof OmsApiError) {
    const s: number = e.status;
    const b: unknown = e.body;
    const rid: string | undefined = e.requestId;
    void s, b, rid;
  } else if (e instanceof OmsValidationError) {
    void e.issues[0].path;
  }
}
