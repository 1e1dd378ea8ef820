// A Worker that imports oms-wasm by name and runs webhook vectors posted to it:
// POST [{ case, variant }] → [runCase result]. Used by webhook-workerd.test.mjs.
import * as oms from 'oms-wasm';
import { runCase } from './webhook-cases.mjs';

export default {
  async fetch(request) {
    const calls = await request.json();
    return Response.json(calls.map(({ case: c, variant }) => runCase(oms, c, variant)));
  },
};
