// Starts the local OMS emulator (`target/debug/oms-emulator --port 0`, built by
// `cargo build -p oms-emulator`) for a test, reads its base URL and demo credentials from the JSON
// line it prints at start-up, and wraps its test controls (emulator/README.md): request log, clock,
// reset, faults. `stop()` kills it. Mutating controls are sent as JSON (the emulator refuses
// anything else: a web page must not be able to drive them).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
export const EMULATOR_BIN = process.env.OMS_EMULATOR_BIN ?? `${root}target/debug/oms-emulator`;

/**
 * @param {string[]} args extra flags (`--token-ttl 60`, `--seed 7`, ...)
 * @returns {Promise<Emulator>}
 */
export async function startEmulator(args = []) {
  if (!existsSync(EMULATOR_BIN)) {
    throw new Error(`${EMULATOR_BIN} is missing: build it with \`cargo build -p oms-emulator\``);
  }
  const child = spawn(EMULATOR_BIN, ['--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const info = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`the emulator did not start within 15 s: ${out} ${stderr}`)), 15_000);
    const fail = (e) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(e);
    };
    child.once('exit', (code) => fail(new Error(`the emulator exited (${code}): ${stderr}`)));
    child.stdout.on('data', (d) => {
      out += d;
      for (const line of out.split('\n')) {
        if (!line.trim().startsWith('{')) continue;
        try {
          const j = JSON.parse(line);
          if (j.baseUrl && j.apiKey && j.apiSecret) {
            clearTimeout(timer);
            child.removeAllListeners('exit');
            return resolve(j);
          }
        } catch {
          // a partial line; wait for more
        }
      }
    });
  });
  child.stdout.resume();
  return new Emulator(child, info);
}

export class Emulator {
  constructor(child, info) {
    this.child = child;
    this.baseUrl = info.baseUrl;
    this.controlUrl = info.controlUrl ?? `${new URL(info.baseUrl).origin}/_emulator`;
    this.uiUrl = info.uiUrl ?? `${this.controlUrl}/ui`;
    this.apiKey = info.apiKey;
    this.apiSecret = info.apiSecret;
  }

  async control(method, path, body) {
    const mutating = method !== 'GET' && method !== 'HEAD';
    const res = await fetch(`${this.controlUrl}${path}`, {
      method,
      headers: mutating ? { 'content-type': 'application/json' } : {},
      body: mutating ? JSON.stringify(body ?? {}) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`emulator control ${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }

  /** The request log (newest last); `filter`: `{ method?, path? }` (path matches by suffix). */
  async requests(filter = {}) {
    const q = new URLSearchParams(filter).toString();
    return (await this.control('GET', `/requests${q ? `?${q}` : ''}`)).data;
  }

  clearRequests() {
    return this.control('DELETE', '/requests');
  }

  /** Moves the emulator clock forward: `{ ms?, seconds?, minutes?, hours? }`. */
  advance(by) {
    return this.control('POST', '/clock/advance', by);
  }

  reset() {
    return this.control('POST', '/reset', {});
  }

  /** `{ seed?, rules: [{ method?, path?, error500?, error503?, rateLimit429?, retryAfterSeconds?, drop?, dropAfterProcessing?, latencyMs?, times? }] }`. */
  faults(config) {
    return this.control('PUT', '/faults', config);
  }

  clearFaults() {
    return this.control('DELETE', '/faults');
  }

  /** The webhook delivery log (oldest first); `filter`: `{ eventType?, endpointId?, outcome?, msgId? }`. */
  async deliveries(filter = {}) {
    const q = new URLSearchParams(filter).toString();
    return (await this.control('GET', `/deliveries${q ? `?${q}` : ''}`)).data;
  }

  stop() {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.kill('SIGTERM');
      setTimeout(() => this.child.kill('SIGKILL'), 2000).unref();
    });
  }
}

export { fullCustomer } from './client-flow.mjs';
