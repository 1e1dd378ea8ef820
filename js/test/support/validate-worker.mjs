// A Worker that imports oms-wasm by name and runs validator calls posted to it:
// POST [{ fn, input, options }] → [result]. Used by workerd.test.mjs.
import * as oms from 'oms-wasm';

export default {
  async fetch(request) {
    const calls = await request.json();
    const results = calls.map(({ fn, input, options }) => {
      try {
        return oms[fn](input, options);
      } catch (e) {
        return { threw: true, name: e?.name, code: e?.code, message: String(e?.message) };
      }
    });
    return Response.json({ version: oms.version(), results });
  },
};
