// The checks every project of the ecosystem matrix runs in its own runtime, against the installed
// package (passed in as the three entries' module namespaces, so ESM, CJS and bundled code share
// them). The result is plain JSON; test/*.test.mjs compares it with EXPECTED. Each check stands for
// one point of the packaging issue:
// - the three entries load and work (init, validation, webhooks, requests);
// - one error class per name across entries: an error thrown by `oms-wasm` is an instance of the
//   same-named class of `oms-wasm/webhooks` and `oms-wasm/validate` (and vice versa);
// - parseResponse refuses a resource body without its id (`invalid_response`);
// - a baseUrl without a path gets the API version.

const SECRET = `whsec_${'ab'.repeat(32)}`;
const OTHER_SECRET = `whsec_${'cd'.repeat(32)}`;
const NOW = 1767225600;

function capture(fn) {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e;
  }
}

/**
 * @param {{ root: any, validate: any, webhooks: any }} entries the three entries' namespaces
 * @param {{ root?: unknown, validate?: unknown, webhooks?: unknown }} [wasm] init() inputs (the
 *   esbuild recipe passes the imported .wasm URLs); default: each entry's own default
 */
export async function runChecks({ root, validate, webhooks }, wasm = {}) {
  await root.init(wasm.root);
  await validate.init(wasm.validate);
  await webhooks.init(wasm.webhooks);
  const r = {};
  r.phone = validate.validatePhone('+1 (212) 555-1234').value?.e164;
  r.customerIssues = validate.validateCustomer({ firstName: 5 }).ok;

  const body = JSON.stringify({ type: 'cashIn.completed', data: { id: 'ci_1' } });
  const headers = webhooks.signWebhook({ payload: body, secret: SECRET, id: 'msg_1', timestamp: NOW });
  r.webhook = root.verifyWebhook(body, headers, SECRET, { now: NOW }).type;

  const fromRoot = capture(() => root.verifyWebhook(body, headers, OTHER_SECRET, { now: NOW }));
  const fromSubpath = capture(() => webhooks.verifyWebhook(body, headers, OTHER_SECRET, { now: NOW }));
  const fromValidate = capture(() => validate.customerSchema.parse({ type: 'business' }));
  r.errors = {
    code: fromRoot?.code,
    rootErrorIsSubpathClass: fromRoot instanceof webhooks.WebhookVerificationError,
    rootErrorIsValidateBase: fromRoot instanceof validate.OmsError,
    subpathErrorIsRootClass: fromSubpath instanceof root.WebhookVerificationError,
    validateErrorIsRootClass: fromValidate instanceof root.OmsValidationError && fromValidate instanceof webhooks.OmsError,
    notOtherClasses: !(fromRoot instanceof root.OmsApiError) && !(fromRoot instanceof validate.OmsValidationError),
    plainErrorIsNot: !(new Error('x') instanceof root.OmsError) && !(null instanceof webhooks.OmsError),
    name: fromRoot?.name,
  };

  const parsed = capture(() => root.parseResponse('customers.get', 200, '{}'));
  r.parseEmptyResource = parsed ? parsed.code : 'parsed';
  r.parseGetStarted = root.parseResponse('customers.create', 201, '{"id":"cst_1","object":"customer","endorsements":[],"createdAt":"2026-01-15T10:00:00Z"}').id;
  r.baseUrl = root.buildRequest('customers.get', { customerId: 'cst_1' }, { baseUrl: 'http://127.0.0.1:8787', accessToken: 'tok' }).url;
  return r;
}

export const EXPECTED = {
  phone: '+12125551234',
  customerIssues: false,
  webhook: 'cashIn.completed',
  errors: {
    code: 'no_matching_signature',
    rootErrorIsSubpathClass: true,
    rootErrorIsValidateBase: true,
    subpathErrorIsRootClass: true,
    validateErrorIsRootClass: true,
    notOtherClasses: true,
    plainErrorIsNot: true,
    name: 'WebhookVerificationError',
  },
  parseEmptyResource: 'invalid_response',
  parseGetStarted: 'cst_1',
  baseUrl: 'http://127.0.0.1:8787/v0.9/customers/cst_1',
};
