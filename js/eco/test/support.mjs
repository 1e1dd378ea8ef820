// Helpers of the ecosystem matrix: paths, a child-process runner, a static file server and one
// headless Chromium (Debian's, through playwright-core) that opens a page and waits for the
// `window.__ECO_RESULT` (or `__ECO_ERROR`) the page's bundle sets.
import { execFile } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const eco = fileURLToPath(new URL('..', import.meta.url));
export const bin = (name) => join(eco, 'node_modules', '.bin', name);
export const pkgDir = join(eco, 'node_modules', 'oms-wasm');

/** Runs a command; resolves to { stdout, stderr } or rejects with them in the message. */
export async function run(cmd, args, opts = {}) {
  try {
    return await promisify(execFile)(cmd, args, { cwd: eco, maxBuffer: 32 << 20, timeout: 180_000, ...opts, env: { ...process.env, ...opts.env } });
  } catch (e) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${e.code ?? e.signal}):\n${e.stdout ?? ''}\n${e.stderr ?? ''}`.slice(0, 20_000));
  }
}

/** The last line of stdout as JSON (the runtime projects print their checks' result last). */
export const lastJson = (stdout) => JSON.parse(stdout.trim().split('\n').at(-1));

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.css': 'text/css' };

/** Serves `root` on 127.0.0.1 (a random port); resolves to { url, close }. */
export function serve(root) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    let file = join(root, path);
    if (!file.startsWith(root)) return res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

let browser;
/** One headless Chromium for the whole file (closed by `closeBrowser`). */
export async function openPage(url) {
  if (!browser) {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }
  const page = await browser.newPage();
  const logs = [];
  page.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => logs.push(`requestfailed: ${r.url()}`));
  await page.goto(url);
  try {
    await page.waitForFunction(() => window.__ECO_RESULT !== undefined || window.__ECO_ERROR !== undefined, null, { timeout: 15_000 });
  } catch {
    throw new Error(`${url}: no result within 15 s\n${logs.join('\n')}`);
  }
  const { result, error } = await page.evaluate(() => ({ result: window.__ECO_RESULT, error: window.__ECO_ERROR }));
  await page.close();
  if (error !== undefined) throw new Error(`${url}: ${error}\n${logs.join('\n')}`);
  return result;
}

export async function closeBrowser() {
  await browser?.close();
  browser = undefined;
}

/** Total and gzip -9 size of the files of a directory whose names match `re`, in KiB. */
export async function sizes(dir, re) {
  const { readdirSync, readFileSync } = await import('node:fs');
  const { gzipSync } = await import('node:zlib');
  let raw = 0;
  let gz = 0;
  for (const f of readdirSync(dir)) {
    if (!re.test(f)) continue;
    const b = readFileSync(join(dir, f));
    raw += b.length;
    gz += gzipSync(b, { level: 9 }).length;
  }
  return `${(raw / 1024).toFixed(1)} KiB (gzip -9 ${(gz / 1024).toFixed(1)} KiB)`;
}
