// Runs a Worker in workerd through Miniflare, importing packages by name the way wrangler would:
// the worker is bundled with esbuild (conditions workerd/worker), `.wasm` imports stay external
// modules of type CompiledWasm (Workers forbid compiling wasm from bytes at run time).
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import * as esbuild from 'esbuild';
import { Miniflare } from 'miniflare';

export const COMPATIBILITY_DATE = '2025-09-01';

/**
 * Bundles `entry` (a worker module file) and starts it. Returns the Miniflare instance; call
 * `mf.dispose()` when done. Extra Miniflare options (kvNamespaces, bindings...) are passed through.
 */
export async function startWorker(entry, options = {}) {
  const outdir = mkdtempSync(join(tmpdir(), 'oms-worker-'));
  await esbuild.build({
    entryPoints: [entry],
    outfile: join(outdir, 'worker.mjs'),
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    external: ['cloudflare:*'], // the runtime's own modules (cloudflare:workers for Durable Objects)
    logLevel: 'warning',
    plugins: [
      {
        name: 'wasm-module',
        setup(b) {
          b.onResolve({ filter: /\.wasm$/ }, async (args) => {
            if (args.pluginData?.inner) return undefined; // let esbuild resolve the path itself
            const resolved = await b.resolve(args.path, { kind: 'import-statement', resolveDir: args.resolveDir, pluginData: { inner: true } });
            if (resolved.errors.length) return { errors: resolved.errors };
            // Unique per source path (each entry's .wasm has its own name; the hash keeps two
            // copies of one name, e.g. from two package versions, apart).
            const name = `${createHash('sha256').update(resolved.path).digest('hex').slice(0, 8)}-${basename(resolved.path)}`;
            mkdirSync(outdir, { recursive: true });
            copyFileSync(resolved.path, join(outdir, name));
            return { path: `./${name}`, external: true };
          });
        },
      },
    ],
  });
  const mf = new Miniflare({
    modules: true,
    scriptPath: join(outdir, 'worker.mjs'),
    modulesRoot: outdir,
    modulesRules: [
      { type: 'ESModule', include: ['**/*.mjs', '**/*.js'] },
      { type: 'CompiledWasm', include: ['**/*.wasm'] },
    ],
    compatibilityDate: COMPATIBILITY_DATE,
    cf: false, // no request to workers.cloudflare.com for Request.cf (offline)
    ...options,
  });
  await mf.ready;
  return mf;
}
