// The emulator's load figure: `oms-emulator-load` (emulator/src/bin/oms-emulator-load.rs), a
// release build kept in its own target directory (target/emu-release) so it never invalidates the
// wasm release build, run for a few seconds; token-authenticated GET /customers/{id} per second.
//
//   node bench/load.mjs     (or as part of `make bench`)
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const targetDir = resolve(root, 'target/emu-release');
export const LOAD_BIN = resolve(targetDir, 'release/oms-emulator-load');

/** Builds (incrementally: a no-op when fresh) and runs the load check; returns `{ rps, requests, errors, line }`. */
export async function emulatorLoad({ seconds = 3, connections = 4 } = {}) {
  const env = {
    ...process.env,
    CARGO_TARGET_DIR: targetDir,
    CARGO_PROFILE_RELEASE_LTO: 'false',
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS: '16',
    CARGO_PROFILE_RELEASE_OPT_LEVEL: '3',
    CARGO_PROFILE_RELEASE_PANIC: 'unwind',
  };
  const t0 = Date.now();
  await exec('cargo', ['build', '--release', '-q', '-p', 'oms-emulator', '--bin', 'oms-emulator-load'], { cwd: root, env, maxBuffer: 64 << 20, timeout: 600_000 });
  const buildS = (Date.now() - t0) / 1000;
  const { stdout } = await exec(LOAD_BIN, ['--seconds', String(seconds), '--connections', String(connections)], { cwd: root, timeout: (seconds + 30) * 1000 });
  const line = stdout.trim().split('\n').pop();
  const m = /in ([\d.]+) s over (\d+) connections: (\d+) requests\/s \((\d+) errors\)/.exec(line);
  if (!m) throw new Error(`unexpected output: ${line}`);
  const r = { rps: Number(m[3]), seconds: Number(m[1]), connections: Number(m[2]), errors: Number(m[4]), line, buildS };
  console.log(`\nemulator load check (release build, ${connections} keep-alive connections, ${seconds} s${buildS > 5 ? `; built in ${buildS.toFixed(0)} s` : ''})`);
  console.log(`  ${line}`);
  console.log(`  → ${r.rps.toLocaleString('en-US')} requests/s (issue-5 goal ≥ 2,000 req/s): ${r.rps >= 2000 && r.errors === 0 ? 'met' : 'NOT met'}`);
  return r;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await emulatorLoad();
