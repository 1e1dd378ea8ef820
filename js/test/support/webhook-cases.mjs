// Runs the webhook known-answer vectors (tests/vectors/webhook.json) against an oms-wasm module
// object, in any runtime: Node (ESM and CJS), workerd and browsers import this file. No Node
// built-ins here; the expectations are checked in Node by support/webhook-vectors.mjs.
//
// A case's shapes vary with `variant`: payload as string / Uint8Array / ArrayBuffer / DataView,
// headers as a plain object (repeated names → array values, like Node's req.headers) or a WHATWG
// Headers instance.

export function decodeBody(spec) {
  if (typeof spec.utf8 === 'string') return new TextEncoder().encode(spec.utf8);
  if (typeof spec.hex === 'string') {
    const out = new Uint8Array(spec.hex.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(spec.hex.slice(2 * i, 2 * i + 2), 16);
    return out;
  }
  const g = spec.generate;
  if (g?.rule !== 'affine') throw new Error(`unknown body rule ${JSON.stringify(g)}`);
  const out = new Uint8Array(g.length);
  for (let i = 0; i < g.length; i++) out[i] = (i * g.mul + g.add) & 0xff;
  return out;
}

export const PAYLOAD_SHAPES = ['string', 'Uint8Array', 'ArrayBuffer', 'DataView'];
export const HEADER_SHAPES = ['object', 'Headers'];

export function payloadOf(c, bytes, shape) {
  switch (shape) {
    case 'string':
      if (typeof c.body.utf8 === 'string') return c.body.utf8;
      return bytes;
    case 'ArrayBuffer':
      return bytes.slice().buffer;
    case 'DataView': {
      const padded = new Uint8Array(bytes.length + 8);
      padded.set(bytes, 3);
      return new DataView(padded.buffer, 3, bytes.length);
    }
    default:
      return bytes;
  }
}

export function headersOf(c, shape) {
  if (shape === 'Headers' && typeof Headers === 'function') {
    const h = new Headers();
    for (const [k, v] of c.headers) h.append(k, v);
    return h;
  }
  const o = {};
  for (const [k, v] of c.headers) {
    if (!(k in o)) o[k] = v;
    else o[k] = [].concat(o[k], v);
  }
  return o;
}

export const secretOf = (c) => (c.secrets.length === 1 ? c.secrets[0] : c.secrets);

/** A thrown value or a result, as plain data (survives structured clone / JSON). */
export function outcome(oms, fn) {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    return {
      ok: false,
      name: e?.name,
      code: e?.code,
      message: String(e?.message),
      json: JSON.stringify(e),
      isWebhookError: e instanceof oms.WebhookVerificationError,
      isOmsError: e instanceof oms.OmsError,
      isError: e instanceof Error,
    };
  }
}

/** Runs verifyWebhookSignature, verifyWebhook and (for `sign` cases) signWebhook on one case. */
export function runCase(oms, c, variant = 0) {
  const bytes = decodeBody(c.body);
  const pShape = PAYLOAD_SHAPES[variant % PAYLOAD_SHAPES.length];
  const hShape = HEADER_SHAPES[Math.floor(variant / PAYLOAD_SHAPES.length) % HEADER_SHAPES.length];
  const args = () => [payloadOf(c, bytes, pShape), headersOf(c, hShape), secretOf(c), { ...c.options }];
  const r = {
    shapes: `${pShape}/${hShape}`,
    verify: outcome(oms, () => oms.verifyWebhookSignature(...args())),
    event: outcome(oms, () => {
      const e = oms.verifyWebhook(...args());
      return { id: e.id, timestamp: e.timestamp, keyEncoding: e.keyEncoding, type: e.type, dataId: e.data?.id ?? null, bodyIsObject: typeof e.body === 'object' && e.body !== null };
    }),
  };
  if (c.sign) {
    const get = (n) => c.headers.find(([k]) => k.toLowerCase() === n)?.[1];
    r.sign = outcome(oms, () =>
      oms.signWebhook({ payload: typeof c.body.utf8 === 'string' ? c.body.utf8 : bytes, secret: c.secrets[0], id: get('webhook-id'), timestamp: Number(get('webhook-timestamp')) }),
    );
  }
  return r;
}
