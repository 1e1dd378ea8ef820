// validatePhone has two ways into wasm (pkg-template/validate.mjs): primitives
// (`validatePhoneText`: a well-formed string, `defaultCountry`, `strict`) and the walk of the JS
// values (`validatePhone` of the bindings). They must answer the same for every input and every
// options shape the fast path takes; every other shape must still be answered by the walk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validatePhone } from 'oms-wasm';
// the module instance the package initialised (same URL): the two bindings, side by side
import * as raw from '../node_modules/oms-wasm/wasm/oms_wasm.mjs';
import { phoneCases, validatorCases } from './support/vectors.mjs';
import { generatePhoneCorpus } from './support/phone-corpus.mjs';

/** What the glue passes for options it takes (mirrors pkg-template/validate.mjs). */
function primitives(options) {
  if (options == null) return [false, undefined, undefined];
  return [true, options.defaultCountry ?? undefined, options.strict ?? undefined];
}

const OPTION_SETS = (dc) => [undefined, null, {}, { strict: true }, { strict: false }, { defaultCountry: dc }, { defaultCountry: dc, strict: true }, { strict: true, defaultCountry: dc }, { defaultCountry: null, strict: undefined }, { defaultCountry: 'xx' }, { defaultCountry: ' gb ' }, { defaultCountry: 'ZZ', strict: true }];

test('primitives and the walk agree on the phone vectors and a corpus sample, under every option shape', () => {
  const corpus = generatePhoneCorpus({ seed: 3 });
  const inputs = [];
  for (let i = 0; i < corpus.length; i += 10) inputs.push([corpus[i].input, corpus[i].defaultCountry ?? 'US']);
  for (const c of [...phoneCases(), ...validatorCases().filter((x) => x.fn === 'validatePhone')]) {
    if (typeof c.input === 'string') inputs.push([c.input, c.options?.defaultCountry ?? 'US']);
  }
  assert.ok(inputs.length > 2500, `only ${inputs.length} inputs`);
  let n = 0;
  for (const [input, dc] of inputs) {
    for (const o of OPTION_SETS(dc)) {
      const walk = raw.validatePhone(input, o);
      assert.deepEqual(raw.validatePhoneText(input, ...primitives(o)), walk, `${JSON.stringify(input)} ${JSON.stringify(o)}`);
      assert.deepEqual(validatePhone(input, o), walk, `${JSON.stringify(input)} ${JSON.stringify(o)} (public function)`);
      n++;
    }
  }
  assert.ok(n > 30000);
});

test('shapes the fast path must not take are answered by the walk', () => {
  const inputs = ['+12125551234', 'x\ud800', 'a'.repeat(65537), 12125551234, null, undefined, { country: 'US', number: '2125551234' }, ['+1']];
  const options = [{ strict: 'yes' }, { defaultCountry: 1 }, { defaultCountry: 'U\udc00' }, { extra: true }, { messages: { phone_invalid: 'bad' } }, Object.create({ strict: true }), 'US', new Map(), { defaultCountry: 'a'.repeat(65537) }];
  for (const input of inputs) {
    for (const o of [undefined, { strict: true }, ...options]) {
      assert.deepEqual(validatePhone(input, o), raw.validatePhone(input, o), `${String(input).slice(0, 20)} ${String(o)}`);
    }
  }
  // a Proxy whose traps throw: the walk's answer, not an exception
  const hostile = new Proxy({}, { getPrototypeOf() { throw new Error('trap'); }, ownKeys() { throw new Error('trap'); } });
  const r = validatePhone('+12125551234', hostile);
  assert.equal(typeof r.ok, 'boolean');
  assert.equal(validatePhone('+12125551234', { strict: true }).ok, true);
});
