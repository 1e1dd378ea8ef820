// `make bench`: oms-wasm (the built package) side by side with the anchors, in one Node process.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { validatePhone } from 'oms-wasm';
import { compare } from './harness.mjs';
import { generatePhoneCorpus } from '../test/support/phone-corpus.mjs';

console.log(`oms-wasm benchmarks — Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${new Date().toISOString().slice(0, 10)}`);

// ---- phone: the same inputs (a sample of the agreement corpus: E.164, national, mutations)
const corpus = generatePhoneCorpus({ seed: 7 });
const sample = [];
for (let i = 0; i < corpus.length && sample.length < 2000; i += Math.max(1, Math.floor(corpus.length / 2000))) sample.push(corpus[i]);
const phone = compare(
  'validatePhone vs libphonenumber-js/max isValidPhoneNumber',
  [
    { name: 'oms-wasm validatePhone', fn: (c) => validatePhone(c.input, c.defaultCountry ? { defaultCountry: c.defaultCountry } : undefined).ok },
    { name: 'libphonenumber-js/max isValidPhoneNumber', fn: (c) => isValidPhoneNumber(c.input, c.defaultCountry) },
  ],
  sample,
);
const speedup = phone[1].usPerOp / phone[0].usPerOp;
console.log(`  → validatePhone is ${speedup.toFixed(2)}× the speed of libphonenumber-js/max (goal ≥ 2×): ${speedup >= 2 ? 'met' : 'NOT met'}`);

// ---- webhooks: verifyWebhook vs standardwebhooks, stripe (SubtleCrypto), node:crypto (js/bench/webhook.mjs)
await (await import('./webhook.mjs')).webhookBench();

// ---- size of what ships
try {
  const sizes = JSON.parse(readFileSync(new URL('../../build/sizes-pkg.json', import.meta.url), 'utf8'));
  const wasm = sizes.find((r) => r.file.endsWith('.wasm'));
  console.log(`\nShipped .wasm: ${(wasm.raw / 1024).toFixed(1)} KB raw, ${(wasm.gzip / 1024).toFixed(1)} KB gzip -9 (goal for validation ≤ 60 KB): ${wasm.gzip <= 60 * 1024 ? 'met' : 'NOT met'}`);
} catch {
  console.log('\n(size table missing: run `make build`)');
}
