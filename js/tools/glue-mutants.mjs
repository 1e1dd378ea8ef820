#!/usr/bin/env node
// Hand-written mutation testing of the JS glue (pkg-template/, as installed in js/node_modules/oms-wasm):
// each mutant is a one-line change of a decision the glue still holds (list-iterator cursors and stop
// conditions, error-class brands and `instanceof`, Standard Schema results, option merging, the
// client transport's redirect refusal, body cap, timeout and abort handling, the browser entry's
// refusal of calls before init()); the
// relevant node tests run against the mutated package and must FAIL. The installed file is restored
// after each mutant (and on Ctrl-C).
//
//   node tools/glue-mutants.mjs            (from js/, after `./scripts/test.sh install-pkg`)
//   node tools/glue-mutants.mjs cursor     only the mutants whose name contains "cursor"
//
// Exit status 1 when a mutant survives. Results are reported in docs/MUTATION-TESTING.md.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const js = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(js, 'node_modules', 'oms-wasm');

const CLIENT = ['test/client-fetch.test.mjs'];
const SCHEMA = ['test/schema.test.mjs'];
const TRANSPORT = ['test/client-fetch.test.mjs', 'test/security.test.mjs', 'test/client.test.mjs'];
const BROWSER = ['test/browser.test.mjs'];
const ERRORS = ['test/errors-brand.test.mjs', 'test/subpaths.test.mjs', 'test/bad-input.test.mjs'];

/** [name, file of the installed package, text, replacement, test files, why it is equivalent (if it is)] */
const MUTANTS = [
  ['cursor: repeated cursor guard removed', 'client.mjs', ' || seen.has(cursor)', '', CLIENT],
  ['cursor: hasMore false ignored', 'client.mjs', "page?.hasMore === false || ", '', CLIENT],
  ['cursor: empty cursor followed', 'client.mjs', "cursor === '' || ", '', CLIENT],
  ['cursor: missing cursor followed', 'client.mjs', "typeof cursor !== 'string' || ", '', CLIENT],
  ['cursor: empty page followed', 'client.mjs', ' || !items?.length', '', CLIENT],
  ['cursor: single-page list paginated', 'client.mjs', '!paginates(this.#operation) || ', '', CLIENT],
  ['cursor: endingBefore kept on the next page', 'client.mjs', 'delete params.endingBefore;', '', CLIENT],
  ['cursor: `cursor` alias ignored', 'client.mjs', 'page?.nextCursor ?? page?.cursor', 'page?.nextCursor', CLIENT,
    'equivalent: the core (parseResponse of a list) already returns a `cursor` as `nextCursor`, so the glue never sees `cursor`'],
  ['cursor: first page requested again when iterated after await', 'client.mjs', 'this.#first ??= ', 'this.#first = ', CLIENT],
  ['client: id shorthand ignored', 'client.mjs', "idParam && typeof params === 'string' ? { [idParam]: params } : params", 'params', CLIENT],
  ['transport: redirects followed', 'transport.mjs', "redirect: 'manual',\n        get signal()", "redirect: 'follow',\n        get signal()", TRANSPORT],
  ['transport: redirects followed where there is no AbortController', 'transport.mjs', ": { method, headers, redirect: 'manual' }", ": { method, headers, redirect: 'follow' }", TRANSPORT,
    'equivalent here: every runtime the tests run in (Node, workerd, Chromium, Deno) has AbortController; the branch is for runtimes without it'],
  ['transport: the fetch signal not aborted on a timeout or an abort', 'transport.mjs', 'if (failure !== 1) controller?.abort();', '', TRANSPORT],
  ['transport: the fetch gets no signal', 'transport.mjs', 'return controller.signal;', 'return undefined;', TRANSPORT],
  ['transport: a 3xx read as an answer', 'transport.mjs', '(status >= 300 && status < 400) || ', '', TRANSPORT],
  ['transport: a response reached by a redirect accepted', 'transport.mjs', 'res?.redirected === true || ', '', TRANSPORT],
  ["transport: a browser's opaque redirect accepted", 'transport.mjs', " || res?.type === 'opaqueredirect'", '', TRANSPORT],
  ['transport: Content-Length over the cap read anyway', 'transport.mjs', 'if (length > MAX_BODY_BYTES) {', 'if (false) {', TRANSPORT],
  ['transport: streamed body not capped', 'transport.mjs', 'if (size > MAX_BODY_BYTES) {', 'if (false) {', TRANSPORT],
  ['transport: text() body not capped', 'transport.mjs', 'return text.length > MAX_BODY_BYTES ? undefined : text;', 'return text;', TRANSPORT],
  ['transport: body chunks not joined', 'transport.mjs', 'if (chunks.length === 1) return chunks[0];', 'return chunks[0] ?? new Uint8Array(0);', TRANSPORT],
  ['transport: a body the core declines (invalid UTF-8, BOM) dropped', 'transport.mjs', '?? core.received(id, status, 0, h, utf8.decode(body))', "?? core.received(id, status, 0, h, '')", TRANSPORT],
  ['transport: a timeout reported as a network failure', 'transport.mjs', 'e === TIMEOUT ? 0 : 1', '1', TRANSPORT],
  ['transport: an abort reported as a timeout', 'transport.mjs', 'e === ABORT || aborted(signal) ? 2 :', '', TRANSPORT],
  ['transport: caller signal ignored during an attempt', 'transport.mjs', "signal?.addEventListener('abort', onAbort, { once: true });", '', TRANSPORT],
  ['transport: signal aborted before an attempt not checked', 'transport.mjs', 'aborted(signal) ? core.aborted(id) : await attempt(', 'await attempt(', TRANSPORT],
  ['transport: retry sleep not cut short by an abort', 'transport.mjs', "signal?.addEventListener('abort', done, { once: true });", '', TRANSPORT],
  ['transport: attempt timeout never fires', 'transport.mjs', 'const timer = setTimeout(fail, timeoutMs, TIMEOUT);', 'const timer = 0;', TRANSPORT],
  ['transport: request body dropped', 'transport.mjs', "if (head[3] === '1') init.body", "if (head[3] === '2') init.body", TRANSPORT],
  ['transport: response headers not passed to the core', 'transport.mjs', "if (typeof v === 'string') h += `${name}\\n${v}\\n`;", '', TRANSPORT],
  ['transport: a Headers object\'s wanted headers not passed to the core', 'transport.mjs', 'if (transport.wanted.has(name)) h += `${name}\\n${v}\\n`;', '', TRANSPORT],
  ['init: a call before init() not refused (version)', 'core.mjs', '  if (!state.ready) notReady();\n  return raw.version();', '  return raw.version();', BROWSER],
  ['init: a client built before init() not refused', 'client.mjs', '    if (!state.ready) notReady();', '', BROWSER],
  ['errors: brand name not compared', 'errors.mjs', 'if (own && own.value === name) return true;', 'if (own) return true;', ERRORS],
  ['errors: no brand matching across entries', 'errors.mjs', 'return own !== undefined && branded(value, own.value);', 'return false;', ERRORS],
  ['errors: a throwing proxy counts as ours', 'errors.mjs', 'return false; // a revoked proxy', 'return true; // a revoked proxy', ERRORS],
  ['errors: ordinary instanceof skipped', 'errors.mjs', 'if (ordinary.call(this, value)) return true;', '', ERRORS],
  ['schema: parse returns the value of a failure', 'validate.mjs', 'if (r.ok) return r.value;', 'if (true) return r.value;', SCHEMA],
  ['schema: ~standard failure without issues', 'validate.mjs', 'return r.ok ? { value: r.value } : { issues: r.issues };', 'return { value: r.value };', SCHEMA],
  ['schema: with() lets old options win', 'validate.mjs', '{ ...options, ...more }', '{ ...more, ...options }', SCHEMA],
  ['schema: phone output not the E.164 string', 'validate.mjs', '(p) => p.e164', '(p) => p', SCHEMA],
  ['schema: output transform skipped', 'validate.mjs', 'return r.ok ? { ...r, value: output(r.value) } : r;', 'return r;', SCHEMA],
  ['schema: pick() ignores its fields', 'validate.mjs', '{ ...options, fields }', '{ ...options }', SCHEMA],
];

const only = process.argv[2];
const restore = new Map();
const restoreAll = () => {
  for (const [file, text] of restore) writeFileSync(file, text);
  restore.clear();
};
process.on('SIGINT', () => {
  restoreAll();
  process.exit(130);
});

const results = [];
for (const [name, file, from, to, tests, equivalent] of MUTANTS) {
  if (only && !name.includes(only)) continue;
  const path = join(pkg, file);
  const original = readFileSync(path, 'utf8');
  const at = original.indexOf(from);
  if (at < 0 || original.indexOf(from, at + 1) >= 0) {
    results.push([name, 'NOT APPLIED (text not found exactly once: pkg-template changed?)']);
    continue;
  }
  const files = tests.filter((t) => existsSync(join(js, t)));
  restore.set(path, original);
  writeFileSync(path, original.slice(0, at) + to + original.slice(at + from.length));
  const t0 = Date.now();
  const run = spawnSync(process.execPath, ['--test', '--test-timeout=60000', ...files], { cwd: js, encoding: 'utf8', timeout: 300_000 });
  restoreAll();
  const failed = run.status !== 0;
  const firstFailure = (/^not ok \d+ - (.*)$/m.exec(run.stdout ?? '')?.[1] ?? (run.error ? String(run.error) : '')).replaceAll(`${js}/`, 'js/');
  results.push([name, failed ? `caught (${firstFailure.slice(0, 90)})` : equivalent ? `survived, ${equivalent}` : 'SURVIVED', `${((Date.now() - t0) / 1000).toFixed(0)} s`]);
  console.log(`${failed ? 'caught  ' : equivalent ? 'equivalent' : 'SURVIVED'} ${name}`);
}
console.log('\n| mutant | outcome |\n|---|---|');
for (const [name, outcome] of results) console.log(`| ${name} | ${outcome.replaceAll('|', '\\|')} |`);
const survived = results.filter(([, o]) => !o.startsWith('caught') && !o.startsWith('survived, equivalent'));
console.log(`\n${results.filter(([, o]) => o.startsWith('caught')).length} of ${results.length} caught, ${survived.length} survived (not counting listed equivalent mutants)`);
process.exit(survived.length ? 1 : 0);
