// validatePhone (the built package) side by side with libphonenumber-js/max on a generated corpus
// covering every country: example numbers, random members of each number-type pattern, national
// formats with the country as default, and mutations, plus national input rewritten by each country's
// national-prefix transform rule and national input that begins with the international call prefix.
// Agreement must be total on each of isPossiblePhoneNumber, isValidPhoneNumber and the parsed E.164 +
// country (and so on `national`: every input parsed with `defaultCountry` and written without a
// leading `+`), except the inputs listed in EXCEPTIONS, each with the reason. Every country with an
// example number must contribute at least MIN_PER_COUNTRY valid and MIN_PER_COUNTRY invalid inputs,
// so one small country breaking cannot hide in a percentage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { parsePhoneNumber, isPossiblePhoneNumber, isValidPhoneNumber, getCountries, getExampleNumber } from 'libphonenumber-js/max';
import { validatePhone } from 'oms-wasm';
import { generatePhoneCorpus } from './support/phone-corpus.mjs';

/**
 * Known disagreements, each explained: `${input}|${defaultCountry ?? '-'}|${metric}` -> why. None
 * today: the Rust validator agrees with libphonenumber-js/max on every input of the corpus.
 */
const EXCEPTIONS = new Map([]);
/** Valid and invalid inputs required per country (a country's inputs: its default-country inputs
 *  and the international ones libphonenumber-js assigns to it). */
const MIN_PER_COUNTRY = 10;
const metadata = createRequire(import.meta.url)('libphonenumber-js/metadata.max.json');
const examples = createRequire(import.meta.url)('libphonenumber-js/examples.mobile.json');

test('agreement with libphonenumber-js/max on the generated corpus', () => {
  const corpus = generatePhoneCorpus({ seed: 20261123 });
  const countries = new Set(corpus.map((c) => c.defaultCountry).filter(Boolean));
  const missing = getCountries().filter((c) => !countries.has(c));
  assert.deepEqual(missing, [], 'every country of the metadata appears in the corpus');
  // Both national classes cover every country that has them.
  const covered = (kind) => new Set(corpus.filter((c) => c.kind === kind).map((c) => c.defaultCountry));
  const [withTransform, withIdd] = [covered('transform'), covered('idd')];
  const countries_ = Object.entries(metadata.countries);
  assert.deepEqual(countries_.filter(([, d]) => d[8]).map(([c]) => c).filter((c) => !withTransform.has(c)), [], 'a transform case for every country with a national-prefix transform rule');
  assert.deepEqual(countries_.filter(([, d]) => d[1]).map(([c]) => c).filter((c) => !withIdd.has(c)), [], 'an IDD-like national case for every country with an IDD prefix');

  const metrics = { possible: [0, []], valid: [0, []], parsed: [0, []], national: [0, [], 0] };
  const perCountry = new Map(); // country -> [valid, invalid] (libphonenumber-js's answer)
  const unexpected = [];
  const excused = new Set();
  for (const { input, defaultCountry, kind } of corpus) {
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
    const country = dc ?? theirs?.country;
    if (country) {
      const c = perCountry.get(country) ?? [0, 0];
      c[theirsValid ? 0 : 1]++;
      perCountry.set(country, c);
    }
    const record = (name, agree, detail) => {
      if (agree) return void metrics[name][0]++;
      metrics[name][1].push(detail);
      const key = `${input}|${dc ?? '-'}|${name}`;
      if (EXCEPTIONS.has(key)) excused.add(key);
      else unexpected.push(detail);
    };
    const tag = `${JSON.stringify(input)} dc=${dc ?? '-'}`;
    record('possible', oursPossible === theirsPossible, `${tag}: possible ours=${oursPossible} theirs=${theirsPossible}`);
    record('valid', oursValid === theirsValid, `${tag}: valid ours=${oursValid} theirs=${theirsValid}`);
    record('parsed', oursParsed === theirsParsed, `${tag}: parsed ours=${oursParsed} theirs=${theirsParsed}`);
    // `national`: input parsed with a default country and written without a leading `+` — every
    // one of the three answers must agree.
    if (dc && !/^\s*[+＋]/.test(input)) {
      metrics.national[2]++;
      const same = oursPossible === theirsPossible && oursValid === theirsValid && oursParsed === theirsParsed;
      record('national', same, `${tag} [${kind}]: possible ${oursPossible}/${theirsPossible} valid ${oursValid}/${theirsValid} parsed ${oursParsed}/${theirsParsed} (ours/theirs)`);
    }
  }
  const n = corpus.length;
  const total = (k) => (k === 'national' ? metrics.national[2] : n);
  const report = Object.entries(metrics).map(([k, [agree, bad]]) => `${k}: ${agree}/${total(k)} = ${((100 * agree) / total(k)).toFixed(3)}%${bad.length ? `\n    e.g. ${bad.slice(0, 5).join('\n    e.g. ')}` : ''}`);
  const kinds = {};
  for (const c of corpus) kinds[c.kind] = (kinds[c.kind] ?? 0) + 1;
  console.log(`phone agreement with libphonenumber-js/max over ${n} inputs, ${countries.size} countries (${JSON.stringify(kinds)}):\n  ${report.join('\n  ')}`);
  assert.ok(n >= 10000, `corpus too small: ${n}`);
  assert.ok(metrics.national[2] >= 10000, `too few national inputs: ${metrics.national[2]}`);
  assert.deepEqual(unexpected, [], `disagreements with libphonenumber-js/max (not in EXCEPTIONS):\n${unexpected.slice(0, 50).join('\n')}`);
  assert.deepEqual([...EXCEPTIONS.keys()].filter((k) => !excused.has(k)), [], 'listed exceptions that no longer disagree: remove them');
  const thin = getCountries()
    .filter((c) => getExampleNumber(c, examples))
    .map((c) => [c, perCountry.get(c) ?? [0, 0]])
    .filter(([, [v, i]]) => v < MIN_PER_COUNTRY || i < MIN_PER_COUNTRY)
    .map(([c, [v, i]]) => `${c}: ${v} valid, ${i} invalid`);
  assert.deepEqual(thin, [], `countries with fewer than ${MIN_PER_COUNTRY} valid or invalid inputs`);
});
