// The fault soak (js/scripts/soak.mjs) with a small number of calls: 300 client calls with ~20%
// injected faults and a token expiry every 100 calls; nothing duplicated, nothing lost, no unhandled
// rejection. `make soak` runs the full 3,000. (No timing assertions: the machine is shared.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatReport, mustBeZero, runSoak } from '../scripts/soak.mjs';

test('fault soak: 300 calls under ~20% faults and token expiries — no duplicates, no lost writes, no unhandled rejections', async () => {
  const r = await runSoak({ calls: 300, concurrency: 8, expireEvery: 100, seed: 7 });
  const report = formatReport(r);
  assert.equal(r.calls, 300, report);
  assert.deepEqual(mustBeZero(r), { duplicates: 0, 'lost writes': 0, 'unhandled rejections': 0, 'calls not made (time budget)': 0 }, report);
  // the soak exercised what it claims to
  assert.ok(r.faultsInjected >= 20, `only ${r.faultsInjected} faults injected\n${report}`);
  assert.ok(r.retries > 0, report);
  assert.equal(r.clockAdvances, 2, report);
  assert.ok(r.tokenExchanges >= 2, `token exchanges: ${r.tokenExchanges}\n${report}`);
  assert.ok(r.created.customers > 50 && r.created.wallets > 5 && r.created.cashIns > 0, report);
  assert.deepEqual(r.stored, r.created, report);
});
