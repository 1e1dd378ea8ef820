// `instanceof` of the error classes (pkg-template/errors.mjs): an error thrown by one entry is an
// instance of the same-named class of every other entry (registry-wide brand), of no other class,
// a user's subclass keeps ordinary semantics, and hostile values (revoked or throwing proxies) are
// simply not instances.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as main from 'oms-wasm';
import * as validate from 'oms-wasm/validate';
import * as webhooks from 'oms-wasm/webhooks';

const secret = `whsec_${'ab'.repeat(32)}`;
const payload = '{"type":"cashIn.completed","data":{"id":"ci_1"}}';

function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail('expected a throw');
}

test('an error of one entry is an instance of the same-named class of every entry, and of no other class', () => {
  const headers = webhooks.signWebhook({ payload, secret });
  for (const [from, verify] of [['oms-wasm', main.verifyWebhook], ['oms-wasm/webhooks', webhooks.verifyWebhook]]) {
    const e = thrown(() => verify(`${payload} `, headers, secret));
    assert.equal(e.code, 'no_matching_signature', from);
    for (const entry of [main, webhooks]) {
      assert.ok(e instanceof entry.WebhookVerificationError, `${from} error instanceof WebhookVerificationError`);
      assert.ok(e instanceof entry.OmsError, `${from} error instanceof OmsError`);
    }
    assert.ok(e instanceof validate.OmsError);
    assert.ok(!(e instanceof main.OmsApiError) && !(e instanceof main.OmsValidationError) && !(e instanceof main.OmsConnectionError), `${from}: no other class`);
    assert.ok(!(e instanceof validate.OmsValidationError));
  }
  const v = thrown(() => validate.customerSchema.parse({ type: 'business' }));
  assert.ok(v instanceof main.OmsValidationError && v instanceof main.OmsError);
  assert.ok(!(v instanceof main.WebhookVerificationError) && !(v instanceof main.OmsApiError));
  const api = thrown(() => main.parseResponse('customers.get', 404, '{}'));
  assert.ok(api instanceof main.OmsApiError && !(api instanceof main.OmsValidationError));
});

test('plain errors, hostile values and a forged name are not instances', () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  // a revoked proxy throws from instanceof as it does for any class (the prototype walk)
  assert.throws(() => proxy instanceof Error, TypeError);
  assert.throws(() => proxy instanceof main.OmsError, TypeError);
  // a proxy whose property lookups throw while its prototype chain is ordinary: simply not ours
  const trap = new Proxy({}, { getOwnPropertyDescriptor() { throw new Error('trap'); } });
  for (const [what, v] of [['throwing proxy', trap], ['Error', new Error('x')], ['null', null], ['string', 'OmsError'], ['named', Object.assign(new Error('x'), { name: 'OmsError', code: 'x' })]]) {
    for (const cls of [main.OmsError, main.OmsApiError, main.WebhookVerificationError]) {
      assert.equal(v instanceof cls, false, `${what} instanceof ${cls.name}`);
    }
  }
});

test("a user's subclass keeps ordinary instanceof", () => {
  class MyError extends main.OmsError {}
  const mine = new MyError('m', 'my_code');
  assert.ok(mine instanceof MyError && mine instanceof main.OmsError && mine instanceof validate.OmsError);
  assert.equal(new main.OmsError('m', 'c') instanceof MyError, false);
  assert.equal(new main.OmsApiError('m', 'c') instanceof MyError, false);
  assert.equal(mine instanceof main.OmsApiError, false);
});
