// Node side of the webhook vectors: loads tests/vectors/webhook.json and checks outcomes produced
// by support/webhook-cases.mjs (in Node, workerd or a browser) against it. Expected signatures for
// the "never in a message" check are recomputed here with node:crypto, independently of oms-wasm.
import { createHmac } from 'node:crypto';
import { decodeBody } from './webhook-cases.mjs';
import { loadJson } from './vectors.mjs';

export function webhookCases() {
  return loadJson('webhook.json').cases;
}

export const CODES = ['missing_header', 'invalid_timestamp', 'timestamp_too_old', 'timestamp_too_new', 'invalid_signature_header', 'no_matching_signature', 'invalid_secret', 'invalid_payload'];

const header = (c, n) => c.headers.find(([k]) => k.toLowerCase() === n)?.[1]?.trim();

/** HMAC-SHA256 tag of a delivery (node:crypto). */
export function tag(key, id, ts, body) {
  return createHmac('sha256', key).update(`${id}.${ts}.`).update(body).digest();
}

/** Strings no message may contain: the secrets, their tails, and every candidate key's signature. */
export function forbidden(c) {
  const out = [];
  const id = header(c, 'webhook-id');
  const ts = header(c, 'webhook-timestamp');
  const body = decodeBody(c.body);
  for (const raw of c.secrets) {
    const s = raw.trim();
    if (s.length < 8) continue;
    const t = s.startsWith('whsec_') ? s.slice(6) : s;
    out.push(s);
    if (t.length >= 8) out.push(t);
    if (!id || !ts) continue;
    const keys = [Buffer.from(s)];
    if (/^[0-9a-fA-F]+$/.test(t) && t.length % 2 === 0) keys.push(Buffer.from(t, 'hex'));
    if (/^[A-Za-z0-9+/]+={0,2}$/.test(t)) keys.push(Buffer.from(t, 'base64'));
    for (const k of keys) {
      const d = tag(k, id, ts, body);
      out.push(d.toString('base64'), d.toString('hex'));
    }
  }
  return out;
}

function errorMismatch(c, what, got, want) {
  if (want.ok) return `${what} threw ${got.code}: ${got.message}`;
  const problems = [];
  if (got.code !== want.code) problems.push(`code ${got.code}, expected ${want.code} (${got.message})`);
  if (!got.isWebhookError || !got.isOmsError || !got.isError || got.name !== 'WebhookVerificationError') problems.push(`not a WebhookVerificationError (${got.name})`);
  if (what === 'verify') for (const inc of c.messageIncludes ?? []) if (!got.message.includes(inc)) problems.push(`message lacks ${JSON.stringify(inc)}`);
  for (const f of forbidden(c)) {
    if (got.message.includes(f) || got.json.includes(f)) problems.push('message or JSON.stringify(error) contains a secret or an expected signature');
  }
  return problems.length ? problems.join('; ') : null;
}

/** Compares one runCase() result with its case; returns a list of problems. */
export function webhookMismatches(c, r) {
  const problems = [];
  const add = (m) => m && problems.push(`${c.name} [${r.shapes}]: ${m}`);
  if (r.verify.ok) {
    if (!c.expect.ok) add(`verified, expected ${c.expect.code}`);
    else for (const k of ['id', 'timestamp', 'keyEncoding']) if (r.verify.value[k] !== c.expect[k]) add(`${k} = ${r.verify.value[k]}, expected ${c.expect[k]}`);
  } else add(errorMismatch(c, 'verify', r.verify, c.expect));
  const want = c.event ?? c.expect;
  if (r.event.ok) {
    if (!want.ok) add(`event parsed, expected ${want.code}`);
    else {
      const e = r.event.value;
      if (e.type !== want.type) add(`type ${e.type}, expected ${want.type}`);
      if (e.dataId !== want.dataId) add(`data.id ${e.dataId}, expected ${want.dataId}`);
      if (e.id !== c.expect.id || e.keyEncoding !== c.expect.keyEncoding || e.timestamp !== c.expect.timestamp) add('event id/timestamp/keyEncoding differ');
      if (!e.bodyIsObject) add('event body is not an object');
    }
  } else add(errorMismatch(c, 'event', r.event, want));
  if (c.sign) {
    if (!r.sign?.ok) add(`signWebhook threw ${r.sign?.code}: ${r.sign?.message}`);
    else if (r.sign.value['webhook-signature'] !== header(c, 'webhook-signature')) add(`signed ${r.sign.value['webhook-signature']}`);
  }
  return problems;
}
