// validatePhone (the built package) side by side with libphonenumber-js/max on a generated corpus
// covering every country: example numbers, random members of each number-type pattern, national
// formats with the country as default, and mutations. Agreement must be at least 99.9% on each of
// isPossiblePhoneNumber, isValidPhoneNumber and the parsed E.164 + country.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePhoneNumber, isPossiblePhoneNumber, isValidPhoneNumber, getCountries } from 'libphonenumber-js/max';
import { validatePhone } from 'oms-wasm';
import { generatePhoneCorpus } from './support/phone-corpus.mjs';

const THRESHOLD = 0.999;

test('agreement with libphonenumber-js/max on the generated corpus', () => {
  const corpus = generatePhoneCorpus({ seed: 20261123 });
  const countries = new Set(corpus.map((c) => c.defaultCountry).filter(Boolean));
  const missing = getCountries().filter((c) => !countries.has(c));
  assert.deepEqual(missing, [], 'every country of the metadata appears in the corpus');

  const metrics = { possible: [0, []], valid: [0, []], parsed: [0, []] };
  for (const { input, defaultCountry } of corpus) {
    const dc = defaultCountry ?? undefined;
    const ours = validatePhone(input, { defaultCountry: dc });
    const oursPossible = ours.ok === true; // default mode: ok ⇔ parsed and possible
    const theirsPossible = isPossiblePhoneNumber(input, dc);
    const oursValid = ours.ok === true && ours.value.valid;
    const theirsValid = isValidPhoneNumber(input, dc);
    let theirs;
    try {
      theirs = parsePhoneNumber(input, { defaultCountry: dc, extract: false });
    } catch {
      theirs = undefined;
    }
    const theirsParsed = theirs && theirs.isPossible() ? `${theirs.number}|${theirs.country ?? ''}` : null;
    const oursParsed = ours.ok ? `${ours.value.e164}|${ours.value.country ?? ''}` : null;
    const record = (name, agree, detail) => {
      if (agree) metrics[name][0]++;
      else metrics[name][1].push(detail);
    };
    const tag = `${JSON.stringify(input)} dc=${dc ?? '-'}`;
    record('possible', oursPossible === theirsPossible, `${tag}: possible ours=${oursPossible} theirs=${theirsPossible}`);
    record('valid', oursValid === theirsValid, `${tag}: valid ours=${oursValid} theirs=${theirsValid}`);
    record('parsed', oursParsed === theirsParsed, `${tag}: parsed ours=${oursParsed} theirs=${theirsParsed}`);
  }
  const n = corpus.length;
  const report = Object.entries(metrics).map(([k, [agree, bad]]) => `${k}: ${agree}/${n} = ${((100 * agree) / n).toFixed(3)}%${bad.length ? `\n    e.g. ${bad.slice(0, 5).join('\n    e.g. ')}` : ''}`);
  console.log(`phone agreement with libphonenumber-js/max over ${n} inputs, ${countries.size} countries:\n  ${report.join('\n  ')}`);
  assert.ok(n >= 10000, `corpus too small: ${n}`);
  for (const [k, [agree]] of Object.entries(metrics)) assert.ok(agree / n >= THRESHOLD, `${k} agreement ${(agree / n).toFixed(5)} < ${THRESHOLD}`);
});
