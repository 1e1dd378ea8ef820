// Floors: for each speed goal of issue #19 that a run may miss, where the time of one oms-wasm call
// goes, measured part by part in ONE process next to the anchor (so every figure is comparable with
// the others of the same run). Each part is timed on its own with the same inputs; what no part
// covers is reported as the remainder (crossings, wasm-bindgen glue, the core's own work).
//
//   node bench/floors.mjs [--only client,customer,phone] [--json <file>]
//
// The parts:
//   client (in-process fetch, `customers.get`): the anchor (raw fetch + res.json()); the same
//     Response made and read through a reader (what the client's bounded body read does); the JS
//     work the client's transport guarantees need per call, in plain JS (an AbortController and its
//     signal, a deadline timer, the races against it, the header reads); the sans-IO core alone
//     (`buildRequest`, `parseResponse` on the same body); the whole call; and the breakdown that
//     sums to it: the glue alone (transport.mjs driven with a stand-in core that hands back the
//     real core's two answers), the core's `begin` and `received` timed inside real calls, the
//     remainder.
//   customer: the anchor (zod); the glue's check + `JSON.stringify`; `JSON.parse` of the result
//     (what building the result object costs the engine); the whole call; the remainder (wasm: the
//     JSON text parsed in, the rules, the result written); and the object walk for comparison.
//   phone: the anchor (isValidPhoneNumber); `JSON.parse` of the results; the whole call; the
//     remainder (the string in, parse + per-type patterns, the result written).
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { buildRequest, OmsClient, parseResponse, validateCustomer, validatePhone } from 'oms-wasm';
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { compare } from './harness.mjs';

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : ['client', 'customer', 'phone'];
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;
const ROUNDS = 15;
const out = {};

function table(title, anchor, total, parts) {
  console.log(`\n${title}`);
  const covered = parts.reduce((a, p) => a + p.us, 0);
  const rows = [...parts, { name: 'remainder (not covered by a part above)', us: total.us - covered }];
  const w = Math.max(...rows.map((r) => r.name.length), anchor.name.length, total.name.length);
  console.log(`  ${anchor.name.padEnd(w)}  ${anchor.us.toFixed(2).padStart(8)} µs  (anchor)`);
  console.log(`  ${total.name.padEnd(w)}  ${total.us.toFixed(2).padStart(8)} µs  (${(total.us / anchor.us).toFixed(2)}× the anchor's time)`);
  for (const r of rows) console.log(`    ${r.name.padEnd(w - 2)}  ${r.us.toFixed(2).padStart(8)} µs  ${((100 * r.us) / total.us).toFixed(0).padStart(3)} %`);
  return { anchor, total, parts: rows };
}

// ---------------------------------------------------------------------------------------------
// client

async function timeAsync(fn, n) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  return Number(process.hrtime.bigint() - t0) / n / 1000;
}
async function compareAsync(contenders, n = 2000) {
  for (const c of contenders) await timeAsync(c.fn, 300);
  const samples = contenders.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    const order = contenders.map((_, i) => i);
    if (r % 2) order.reverse();
    for (const i of order) samples[i].push(await timeAsync(contenders[i].fn, n));
  }
  return contenders.map((c, i) => ({ name: c.name, us: samples[i].sort((a, b) => a - b)[Math.floor(ROUNDS / 2)] }));
}

async function clientFloor() {
  const customer = { id: 'cus_01HF8ZJQ', type: 'individual', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', phone: '+12125551234', status: 'active', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', endorsements: [{ name: 'basic', status: 'approved' }], metadata: {} };
  const body = JSON.stringify(customer);
  const tokenBody = JSON.stringify({ accessToken: 'eyJ.local.sig', tokenType: 'bearer', expiresIn: 3600, expiresAt: new Date(Date.now() + 3.6e6).toISOString() });
  const respond = () => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
  const client = new OmsClient({ apiKey: 'sk_sdbx_floor_key', apiSecret: 'floor-secret-0123456789', baseUrl: 'https://api.example.test', fetch: async (u) => (u.endsWith('/auth/token') ? new Response(tokenBody, { status: 200 }) : respond()) });
  const got = await client.customers.get(customer.id);
  if (got.id !== customer.id) throw new Error('the client read another customer');
  const headerNames = ['content-type', 'content-length', 'retry-after', 'date', 'x-request-id', 'request-id', 'idempotency-key'];
  // What the transport does per call besides fetch itself, in plain JS (pkg-template/transport.mjs):
  // AbortController + its signal (passed to fetch), a deadline promise and timer, the fetch raced
  // against the deadline, status and header reads, the body read through a reader (bounded), each
  // read raced too, the timer cleared.
  const transportJs = async () => {
    const ac = new AbortController();
    let reject;
    const deadline = new Promise((_, r) => (reject = r));
    const timer = setTimeout(reject, 30000, {});
    const init = { method: 'GET', headers: { accept: 'application/json', authorization: 'Bearer x' }, redirect: 'manual', signal: ac.signal };
    const race = (p) => Promise.race([Promise.resolve(p), deadline]);
    const resp = await race((async () => respond(init))());
    void resp.status;
    for (const h of headerNames) resp.headers.get(h);
    void resp.redirected;
    void resp.type;
    const reader = resp.body.getReader();
    const chunks = [];
    for (;;) {
      const c = await race(reader.read());
      if (c.done) break;
      chunks.push(c.value);
    }
    clearTimeout(timer);
    return new TextDecoder().decode(chunks[0]);
  };
  // The core's two steps of a call whose token is cached, driven directly (the package's internal
  // transport module: `begin` builds the request and returns the send action; `received` parses
  // the response and returns the result as JSON text), each with its own boundary crossing.
  const { newCore, request: coreRequest } = await import(new URL('../node_modules/oms-wasm/transport.mjs', import.meta.url).href);
  const direct = newCore({ apiKey: 'sk_sdbx_floor_key', apiSecret: 'floor-secret-0123456789', baseUrl: 'https://api.example.test', fetch: async (u) => (u.endsWith('/auth/token') ? new Response(tokenBody, { status: 200 }) : respond()) });
  await coreRequest(direct, 'customers.get', { customerId: customer.id }, undefined);
  // The glue alone: the same drive loop and attempt (transport.mjs) with the same fetch, the core
  // replaced by a stand-in that hands back the real core's two answers for this call (captured
  // once), so the difference to the whole call is what the two wasm calls cost inside the flow.
  const realBegin = direct.core.begin('customers.get', { customerId: customer.id }, undefined);
  const realId = Number(realBegin.slice(1, realBegin.indexOf(' ')));
  const realDone = direct.core.received(realId, 200, 0, 'content-type\napplication/json\n', body);
  direct.core.release(realId);
  const standIn = { core: { begin: () => realBegin, received: () => realDone, release() {}, aborted() {}, failed() {}, woke() {} }, transport: direct.transport };
  const rows = await compareAsync([
    { name: 'raw fetch + res.json() (in-process Response)', fn: async () => (await (async () => respond())()).json() },
    { name: 'client.customers.get', fn: () => client.customers.get(customer.id) },
    { name: 'Response body read through a reader, as text', fn: async () => { const r = respond().body.getReader(); const c = []; for (;;) { const x = await r.read(); if (x.done) break; c.push(x.value); } return new TextDecoder().decode(c[0]); } },
    { name: 'transport steps in plain JS (controller, timer, races, headers, reader)', fn: transportJs },
    { name: 'an async function call + await (one hop)', fn: async () => {} },
    { name: 'the glue alone: transport.mjs with a stand-in core (the real answers, canned)', fn: () => coreRequest(standIn, 'customers.get', { customerId: customer.id }, undefined) },
  ]);
  const idOf = (a) => Number(a.slice(1, a.indexOf(' ')));
  const headerText = 'content-type\napplication/json\n';
  /** One whole call through the core's two steps on `text`, the result parsed as the glue does. */
  const callWith = (text) => {
    const id = idOf(direct.core.begin('customers.get', { customerId: customer.id }, undefined));
    const done = direct.core.received(id, 200, 0, headerText, text);
    direct.core.release(id);
    return JSON.parse(done.slice(done.indexOf('\n') + 1));
  };
  // the body `make bench`'s client row reads: the emulator's customer (three endorsements), 869 bytes
  const benchBody = JSON.stringify({"id":"cst_000001c07FcS81BD","object":"customer","type":"individual","firstName":"Alice","lastName":"Nguyen1","email":"alice.1@example.com","phone":"+12125551234","nationality":"US","externalId":"user-1","status":"active","signedAgreement":true,"signedAgreementAt":"2026-12-03T03:32:32Z","wallets":[],"endorsements":[{"type":"basic","status":"ACTIVE","requirements":{"complete":[],"pending":[],"missing":[],"issues":[]},"rejectionReasons":[]},{"type":"cryptoCustody","status":"ACTIVE","requirements":{"complete":[],"pending":[],"missing":[],"issues":[]},"rejectionReasons":[]},{"type":"usd","status":"ACTIVE","requirements":{"complete":["residentialAddress","phone","birthDate","identifyingInformation"],"pending":[],"missing":[],"issues":[]},"rejectionReasons":[]}],"metadata":{},"createdAt":"2026-12-03T03:32:32Z","updatedAt":"2026-12-03T03:32:32Z"});
  const sync = compare('client: the sans-IO exports and the core\'s own steps on the same operation and body', [
    { name: 'buildRequest("customers.get") → request object', fn: () => buildRequest('customers.get', { customerId: customer.id }, { accessToken: 'eyJ.local.sig' }) },
    { name: 'parseResponse("customers.get", 200, body) → typed value', fn: () => parseResponse('customers.get', 200, body, { 'content-type': 'application/json' }) },
    { name: 'JSON.parse(body)', fn: () => JSON.parse(body) },
    { name: 'core.begin (request built, send action) + release', fn: () => direct.core.release(idOf(direct.core.begin('customers.get', { customerId: customer.id }, undefined))) },
    { name: "core.begin + received + JSON.parse + release, make bench's body (869 bytes)", fn: () => callWith(benchBody) },
    { name: "JSON.parse of make bench's body", fn: () => JSON.parse(benchBody) },
    { name: 'core.begin + received (parse, result text) + JSON.parse + release', fn: () => callWith(body) },
  ], [0], { rounds: ROUNDS, ms: 120 });
  const [anchor, total, , transport] = rows;
  const begin = sync[3].usPerOp;
  const received = sync[6].usPerOp - begin;
  const benchReceived = sync[4].usPerOp - begin;
  console.log(`  (for scale: JSON.parse of the body ${sync[2].usPerOp.toFixed(2)} µs; the body read through a reader ${rows[2].us.toFixed(1)} µs; the exports buildRequest ${sync[0].usPerOp.toFixed(1)} µs and parseResponse ${sync[1].usPerOp.toFixed(1)} µs, each with its JS object crossing)`);
  // The client's call does the anchor's work too (the Response made and read, the JSON parsed),
  // in its own way: counted once, in the transport steps (which make and read the Response) and in
  // the core's `received` (which parses the body and writes the typed value the caller gets).
  // The two wasm calls timed inside real calls (the same client path, each call's begin and
  // received measured around the call): between the fetch's JS work they run slower than in the
  // tight loops above (caches and predictors warmed by other work).
  const inFlow = { begin: 0n, received: 0n };
  for (const k of ['begin', 'received']) {
    const f = direct.core[k].bind(direct.core);
    direct.core[k] = (...a) => { const t0 = process.hrtime.bigint(); const r = f(...a); inFlow[k] += process.hrtime.bigint() - t0; return r; };
  }
  const flowCalls = 20000;
  for (let i = 0; i < 2000; i++) await coreRequest(direct, 'customers.get', { customerId: customer.id }, undefined);
  inFlow.begin = 0n; inFlow.received = 0n;
  for (let i = 0; i < flowCalls; i++) await coreRequest(direct, 'customers.get', { customerId: customer.id }, undefined);
  const flowBegin = Number(inFlow.begin) / flowCalls / 1000;
  const flowReceived = Number(inFlow.received) / flowCalls / 1000;
  const glue = rows[5];
  console.log(`  (tight loops: core.begin ${begin.toFixed(1)} µs, core.received + JSON.parse ${received.toFixed(1)} µs; inside real calls: begin ${flowBegin.toFixed(1)} µs, received ${flowReceived.toFixed(1)} µs)`);
  const t = table('client overhead, in-process fetch (µs per call)', { name: anchor.name, us: anchor.us }, { name: total.name, us: total.us }, [
    { name: 'the glue alone (drive loop, attempt, fetch, Response read, JSON.parse; stand-in core)', us: glue.us },
    { name: 'core.begin inside the call: params read and checked, request built, call machine', us: flowBegin },
    { name: 'core.received inside the call: body read into the model, result text written', us: flowReceived },
  ]);
  console.log(`  (the glue alone over the anchor: +${(glue.us - anchor.us).toFixed(1)} µs; plain-JS transport steps ${transport.us.toFixed(1)} µs)`);
  t.glueUs = glue.us;
  t.flowBeginUs = flowBegin;
  t.flowReceivedUs = flowReceived;
  t.overheadUs = total.us - anchor.us;
  t.buildRequestExportUs = sync[0].usPerOp;
  t.coreBeginUs = begin;
  t.coreReceivedUs = received;
  t.benchBodyReceivedUs = benchReceived;
  console.log(`  (make bench's body, 869 bytes: core.received + JSON.parse ${benchReceived.toFixed(1)} µs, JSON.parse alone ${sync[5].usPerOp.toFixed(2)} µs)`);
  console.log(`  → overhead over the anchor: +${t.overheadUs.toFixed(1)} µs per call (goal ≤ +50 µs); the remainder is timing noise and what the parts cost together but not apart (GC)`);
  return t;
}

// ---------------------------------------------------------------------------------------------
// customer

// The glue's check (a copy of pkg-template/validate.mjs `exact`), to time it alone.
function exact(v, depth, budget) {
  if (--budget.n < 0) return false;
  switch (typeof v) {
    case 'string':
      return v.length <= 65536;
    case 'boolean':
      return true;
    case 'number':
      return Number.isInteger(v) && Math.abs(v) < 1e15 && !Object.is(v, -0);
    case 'object':
      break;
    default:
      return false;
  }
  if (v === null) return true;
  if (depth >= 12) return false;
  const proto = Object.getPrototypeOf(v);
  if (proto === Array.prototype) {
    if (!Array.isArray(v) || v.length > 1000 || 'toJSON' in v) return false;
    for (let i = 0; i < v.length; i++) if (v[i] === undefined || !exact(v[i], depth + 1, budget)) return false;
    return true;
  }
  if ((proto !== Object.prototype && proto !== null) || 'toJSON' in v) return false;
  const keys = Object.keys(v);
  if (keys.length > 1000) return false;
  for (let i = 0; i < keys.length; i++) if (v[keys[i]] === undefined || !exact(v[keys[i]], depth + 1, budget)) return false;
  return true;
}

async function customerFloor() {
  const { zodCustomer, customerInputs } = await import('./zod-customer.mjs');
  const raw = await import('../node_modules/oms-wasm/wasm/oms_wasm.mjs');
  const FIAT = { requireFiatFields: true };
  const fiatText = JSON.stringify(FIAT);
  const result = {};
  for (const [label, want] of [['valid', true], ['invalid', false]]) {
    const inputs = customerInputs().filter((c) => c.ok === want).map((c) => c.input);
    const results = new Map(inputs.map((x) => [x, JSON.stringify(validateCustomer(x, FIAT))]));
    const texts = new Map(inputs.map((x) => [x, JSON.stringify(x)]));
    const rows = compare(`customer (${label} payloads): the parts`, [
      { name: 'zod 4 schema safeParse', fn: (x) => zodCustomer.safeParse(x).success || 1 },
      { name: 'validateCustomer (text path)', fn: (x) => validateCustomer(x, FIAT).ok || 1 },
      { name: 'glue check + JSON.stringify (input, options)', fn: (x) => exact(x, 0, { n: 20000 }) && exact(FIAT, 0, { n: 20000 }) && JSON.stringify(x).length + JSON.stringify(FIAT).length },
      { name: 'validateCustomerText on ready text (wasm + result object)', fn: (x) => raw.validateCustomerText(texts.get(x), fiatText).ok || 1 },
      { name: 'JSON.parse of the result text', fn: (x) => JSON.parse(results.get(x)).ok || 1 },
      { name: 'object walk (validateCustomer binding)', fn: (x) => raw.validateCustomer(x, FIAT).ok || 1 },
    ], inputs, { rounds: ROUNDS, ms: 120 });
    const [zod, total, glue, wasmCall, parse, walk] = rows.map((r) => ({ name: r.name, us: r.usPerOp }));
    result[label] = table(`validateCustomer floor, ${label} payloads (µs per call; goal ≤ 2× zod)`, zod, total, [
      glue,
      { name: 'JSON.parse of the result (the engine builds the result object)', us: parse.us },
      { name: 'wasm: text parsed in, the rules, the result written (validateCustomerText − JSON.parse)', us: wasmCall.us - parse.us },
    ]);
    result[label].walk = walk;
    console.log(`  (the object walk, for comparison: ${walk.us.toFixed(2)} µs, ${(walk.us / total.us).toFixed(2)}× the text path)`);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// phone

async function phoneFloor() {
  const { generatePhoneCorpus } = await import('../test/support/phone-corpus.mjs');
  const raw = await import('../node_modules/oms-wasm/wasm/oms_wasm.mjs');
  const corpus = generatePhoneCorpus({ seed: 7 });
  const sample = [];
  for (let i = 0; i < corpus.length && sample.length < 2000; i += Math.max(1, Math.floor(corpus.length / 2000))) {
    const c = corpus[i];
    const dc = c.defaultCountry ?? undefined;
    const options = dc ? { defaultCountry: dc, strict: true } : { strict: true };
    sample.push({ input: c.input, dc, options, result: JSON.stringify(validatePhone(c.input, options)) });
  }
  const rows = compare('phone strict validity: the parts', [
    { name: 'libphonenumber-js/max isValidPhoneNumber', fn: (c) => isValidPhoneNumber(c.input, c.dc) || 1 },
    { name: 'validatePhone(x, { strict: true }) (primitives path)', fn: (c) => validatePhone(c.input, c.options).ok || 1 },
    { name: 'glue: options checked (Object.keys, types, isWellFormed)', fn: (c) => { const k = Object.keys(c.options); let n = 0; for (const x of k) n += typeof c.options[x] === 'string' && c.input.isWellFormed() ? 1 : 0; return n + k.length; } },
    { name: 'JSON.parse of the result text', fn: (c) => JSON.parse(c.result).ok || 1 },
    { name: 'object walk (validatePhone binding)', fn: (c) => raw.validatePhone(c.input, c.options).ok || 1 },
  ], sample, { rounds: ROUNDS, ms: 120 });
  const [lpn, total, glue, parse, walk] = rows.map((r) => ({ name: r.name, us: r.usPerOp }));
  const r = table('validatePhone strict floor (µs per call; goal ≥ 2× isValidPhoneNumber)', lpn, total, [
    glue,
    { name: 'JSON.parse of the result (the engine builds the result object)', us: parse.us },
  ]);
  r.walk = walk;
  console.log(`  (the object walk, for comparison: ${walk.us.toFixed(2)} µs; the remainder is the string crossing in, the parse, the per-type patterns and the result text)`);
  return r;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`floors — Node ${process.version}, ${os.cpus()[0]?.model?.trim()} × ${os.cpus().length}, ${new Date().toISOString()}`);
  if (only.includes('client')) out.client = await clientFloor();
  if (only.includes('customer')) out.customer = await customerFloor();
  if (only.includes('phone')) out.phone = await phoneFloor();
  if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify(out, null, 1)}\n`);
}
