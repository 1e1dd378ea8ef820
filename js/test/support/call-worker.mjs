// A Worker that imports oms-wasm by name and runs the calls posted to it:
// POST [{ fn, args }] → [{ value, warnings? } | { threw, name, code, message, issues?, status?, ... }].
// A built request's non-enumerable `warnings` would be lost by JSON: it is sent beside the value as
// `warnings: { value, enumerable }`, and the test puts it back (`restoreWarnings`).
// Used by the workerd tests of the request layer (api-workerd.test.mjs).
import * as oms from 'oms-wasm';

function errorData(e) {
  const out = { threw: true, name: e?.name, code: e?.code, message: String(e?.message), instanceOfOmsError: e instanceof oms.OmsError };
  for (const k of ['issues', 'status', 'serverCode', 'requestId', 'retryAfterSeconds', 'body']) if (e && k in e) out[k] = e[k];
  return out;
}

export default {
  async fetch(request) {
    const calls = await request.json();
    const results = calls.map(({ fn, args }) => {
      try {
        const value = oms[fn](...args);
        const w = value && typeof value === 'object' ? Object.getOwnPropertyDescriptor(value, 'warnings') : undefined;
        return w ? { value, warnings: { value: w.value, enumerable: w.enumerable } } : { value };
      } catch (e) {
        return errorData(e);
      }
    });
    return Response.json(results);
  },
};
