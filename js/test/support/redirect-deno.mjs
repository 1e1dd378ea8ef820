// Deno side of the redirect test (run by security.test.mjs with the npm `deno` binary): the same
// scenarios as in Node and workerd, printed as one JSON line.
import { OmsClient } from 'oms-wasm';
import { redirectScenarios } from './redirect-scenarios.mjs';

const omsBase = Deno.env.get('OMS_BASE');
const control = Deno.env.get('CONTROL');
const set = (on) => fetch(`${control}?redirectToken=${on ? 1 : 0}`, { method: 'POST' }).then((r) => r.text());
console.log(JSON.stringify(await redirectScenarios(OmsClient, omsBase, set)));
