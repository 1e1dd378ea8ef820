// Loads the shared known-answer vectors of tests/vectors/ (the same files the Rust native and wasm
// tests read) as uniform cases: { file, name, fn, input, options, expect }.
//   expect = { ok: true, value } (value may be partial: `partial: true`) | { ok: false, issues: [{code, path}] }
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSupportedCountry } from 'libphonenumber-js/max';

export const vectorsDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'tests', 'vectors');

export function loadJson(name) {
  return JSON.parse(readFileSync(join(vectorsDir, name), 'utf8'));
}

/** Cases of every `{ validator, cases }` file. */
export function validatorCases() {
  const out = [];
  for (const file of readdirSync(vectorsDir).sort()) {
    if (!file.endsWith('.json')) continue;
    const doc = loadJson(file);
    if (typeof doc.validator !== 'string' || !Array.isArray(doc.cases)) continue;
    for (const c of doc.cases) out.push({ file, fn: doc.validator, name: c.name, input: c.input, options: c.options, expect: c.expect });
  }
  return out;
}

/**
 * The phone vectors (libphonenumber-js/max known answers) turned into expectations of
 * `validatePhone(input, { defaultCountry })` — an independent statement of the issue-code mapping.
 */
export function phoneCases() {
  const doc = loadJson('phone.json');
  return doc.vectors
    // Deliberate difference: our defaultCountry is case-insensitive (libphonenumber-js rejects "us").
    .filter((v) => !v.defaultCountry || v.defaultCountry === v.defaultCountry.toUpperCase())
    .map((v, i) => {
      const options = v.defaultCountry ? { defaultCountry: v.defaultCountry } : undefined;
      const name = `phone #${i}: ${JSON.stringify(v.input)}${v.defaultCountry ? ` (${v.defaultCountry})` : ''}`;
      return { file: 'phone.json', fn: 'validatePhone', name, input: v.input, options, expect: phoneExpectation(v) };
    });
}

export function phoneExpectation(v) {
  // An unknown default country is a bad option for us (libphonenumber-js answers INVALID_COUNTRY).
  // The input is still checked, as if no default country had been given.
  if (v.defaultCountry && !isSupportedCountry(v.defaultCountry)) {
    const bad = { code: 'invalid_option', path: ['options', 'defaultCountry'] };
    const rest = /^\s*\+/.test(v.input) ? phoneExpectation({ ...v, defaultCountry: null }) : { ok: false, issues: [{ code: 'phone_country_required', path: [] }] };
    return { ok: false, issues: [bad, ...(rest.ok ? [] : rest.issues)] };
  }
  const code = phoneIssueCode(v);
  if (code) return { ok: false, issues: [{ code, path: [] }] };
  const value = { e164: v.e164, nationalNumber: v.nationalNumber, possible: true, valid: v.valid };
  if (v.country) value.country = v.country;
  if (v.type) value.type = v.type;
  return { ok: true, value, partial: true };
}

function phoneIssueCode(v) {
  if (typeof v.input === 'string' && v.input.trim() === '') return 'required';
  switch (v.error) {
    case null:
    case undefined:
      break;
    case 'NOT_A_NUMBER':
      return 'invalid_phone';
    case 'INVALID_COUNTRY':
      return !v.defaultCountry && !/^\s*\+/.test(v.input) ? 'phone_country_required' : 'invalid_country_calling_code';
    case 'TOO_SHORT':
      return 'phone_too_short';
    case 'TOO_LONG':
      return 'phone_too_long';
    default:
      throw new Error(`unknown error ${v.error}`);
  }
  switch (v.possibility) {
    case 'IS_POSSIBLE':
    case null:
    case undefined:
      return null;
    case 'TOO_SHORT':
      return 'phone_too_short';
    case 'TOO_LONG':
      return 'phone_too_long';
    case 'INVALID_LENGTH':
      return 'phone_invalid_length';
    case 'INVALID_COUNTRY':
      return 'invalid_country_calling_code';
    default:
      throw new Error(`unknown possibility ${v.possibility}`);
  }
}

/** Compares a validator result with an expectation; returns a mismatch description or null.
 *  Warnings are compared by code and path; a case without `warnings` expects none. */
export function mismatch(result, expect) {
  if (result === null || typeof result !== 'object') return `result is not an object: ${String(result)}`;
  if (result.ok !== expect.ok) {
    return `ok=${result.ok}, expected ${expect.ok}${result.ok ? '' : `: ${JSON.stringify(result.issues.map((i) => [i.code, i.path]))}`}`;
  }
  const gotW = JSON.stringify((result.warnings ?? []).map((i) => [i.code, i.path]));
  const wantW = JSON.stringify((expect.warnings ?? []).map((i) => [i.code, i.path]));
  if (gotW !== wantW) return `warnings ${gotW}, expected ${wantW}`;
  if (expect.ok) {
    const want = expect.value;
    const got = result.value;
    if (expect.partial) {
      for (const k of Object.keys(want)) {
        if (JSON.stringify(got?.[k]) !== JSON.stringify(want[k])) return `value.${k} = ${JSON.stringify(got?.[k])}, expected ${JSON.stringify(want[k])}`;
      }
      return null;
    }
    return canonical(got) === canonical(want) ? null : `value ${canonical(got)}, expected ${canonical(want)}`;
  }
  const got = result.issues.map((i) => ({ code: i.code, path: i.path }));
  const want = expect.issues.map((i) => ({ code: i.code, path: i.path }));
  return canonical(got) === canonical(want) ? null : `issues ${canonical(got)}, expected ${canonical(want)}`;
}

/** JSON with sorted keys. */
export function canonical(v) {
  return JSON.stringify(v, (_, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x));
}
