// A Worker importing the lean subpath entries by name, the way wrangler would bundle them:
// POST [{ entry: 'validate' | 'webhooks', fn, args }] → [{ value } | { threw, name, code, message }].
import * as validate from 'oms-wasm/validate';
import * as webhooks from 'oms-wasm/webhooks';

const entries = { validate, webhooks };

export default {
  async fetch(request) {
    const calls = await request.json();
    const results = calls.map(({ entry, fn, args }) => {
      try {
        return { value: entries[entry][fn](...args) };
      } catch (e) {
        return { threw: true, name: e?.name, code: e?.code, message: String(e?.message) };
      }
    });
    return Response.json({ exports: { validate: Object.keys(validate).sort(), webhooks: Object.keys(webhooks).sort() }, results });
  },
};
