// workerd side of the redirect test: POST { omsBase, control } runs redirectScenarios with the
// package's OmsClient; `control` is a URL of the Node test that flips the hostile server's mode.
import { OmsClient } from 'oms-wasm';
import { redirectScenarios } from './redirect-scenarios.mjs';

export default {
  async fetch(request) {
    const { omsBase, control } = await request.json();
    const set = (on) => fetch(`${control}?redirectToken=${on ? 1 : 0}`, { method: 'POST' });
    return Response.json(await redirectScenarios(OmsClient, omsBase, set));
  },
};
