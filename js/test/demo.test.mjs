// The README's first command, `make demo`, end to end: js/examples/demo.mjs starts the emulator,
// runs the Get-started Worker in workerd, and must print every step and exit 0 — with no secret
// (API secret, bearer token, webhook secret, SSN, birth date) anywhere in its output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

test('the demo runs the whole Get-started flow offline and prints each step', () => {
  const demo = fileURLToPath(new URL('../examples/demo.mjs', import.meta.url));
  const env = { ...process.env };
  delete env.OMS_BASE_URL;
  const apiSecret = `demo-test-secret-${process.pid}-${Date.now()}`;
  env.OMS_EMULATOR_API_SECRET = apiSecret; // the emulator's demo secret, so the scan below can look for it
  const r = spawnSync(process.execPath, [demo], { encoding: 'utf8', env, timeout: 120_000 });
  const out = r.stdout + r.stderr;
  assert.equal(r.status, 0, out);
  for (const re of [
    /validate signup: \d+ issues/,
    /customer cst_\S+ active basic=PENDING cryptoCustody=PENDING usd=PENDING/,
    /customer endorsements after review: basic=ACTIVE cryptoCustody=ACTIVE usd=ACTIVE/,
    /webhook customer\.endorsement\.granted cst_\S+ \(verified/,
    /wallet wlt_\S+ usdc\/polygon 0x[0-9a-fA-F]{40}/,
    /cash location loc_\S+/,
    /cash-in ci_\S+ pending: deposit code [A-Z]{3} \d{5}/,
    /webhook cashIn\.completed ci_\S+ \(verified, key hex/,
    /webhook transaction\.fiatToCrypto\.completed \S+ \(verified/,
    /cash-in completed/,
    /wallet balance: \d+\.\d+ usdc/,
    /Done: the whole Get-started flow ran offline\./,
  ]) {
    assert.match(out, re);
  }
  assert.doesNotMatch(out, /whsec_[0-9a-f]{8}/, 'webhook secret printed');
  assert.doesNotMatch(out, /eyJ[A-Za-z0-9_-]{10,}/, 'a bearer token printed');
  assert.doesNotMatch(out, /212-55-1234|1990-04-12/, 'SSN or birth date printed');
  assert.ok(!out.includes(apiSecret), 'the API secret was printed');
});
