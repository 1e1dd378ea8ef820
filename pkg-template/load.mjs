// Internal: loads the .wasm for the browser entry's init()/initSync() and checks that it is this
// entry's own module before anything is instantiated. Each entry (`oms-wasm`, `oms-wasm/validate`,
// `oms-wasm/webhooks`) has its own .wasm with a distinct file name; handing an entry another one's
// (or another version's) would otherwise fail with an obscure LinkError, or instantiate and break
// later. The check compares a fingerprint of the module's import and export names, computed at
// build time by js/scripts/build.mjs with the same function.
import { OmsError } from './errors.mjs';

/** FNV-1a (32 bit) over the sorted import/export names of a compiled module, as 8 hex digits. */
export function fingerprint(module) {
  const names = [
    ...WebAssembly.Module.imports(module).map((i) => `i ${i.module} ${i.name} ${i.kind}`),
    ...WebAssembly.Module.exports(module).map((e) => `e ${e.name} ${e.kind}`),
  ].sort();
  let h = 0x811c9dc5;
  for (const name of names) {
    for (let i = 0; i < name.length; i++) {
      h ^= name.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= 10;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

const isA = (value, name) => typeof globalThis[name] === 'function' && value instanceof globalThis[name];
const isBytes = (v) => v instanceof ArrayBuffer || ArrayBuffer.isView(v) || isA(v, 'SharedArrayBuffer');

function expectedText(expected) {
  return `${expected.file} (the WebAssembly module of ${expected.entry} ${expected.version}, exported as '${expected.subpath}')`;
}

function wrong(expected, what, detail) {
  return new OmsError(`init() expected ${expectedText(expected)}, but ${what} ${detail}.`, 'wrong_wasm');
}

function check(module, expected, what) {
  if (fingerprint(module) !== expected.fingerprint) {
    throw wrong(expected, what, 'is a different module (another entry\'s .wasm, or another version\'s): pass this entry\'s own file');
  }
  return module;
}

function compileSync(bytes, expected, what) {
  try {
    return new WebAssembly.Module(bytes);
  } catch (e) {
    throw Object.assign(wrong(expected, what, notWasm(bytes)), { cause: e });
  }
}

function notWasm(bytes) {
  const u8 = bytes instanceof ArrayBuffer || isA(bytes, 'SharedArrayBuffer') ? new Uint8Array(bytes) : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = u8.length >= 4 && u8[0] === 0 && u8[1] === 0x61 && u8[2] === 0x73 && u8[3] === 0x6d;
  return magic ? 'does not compile as WebAssembly' : `is not a WebAssembly file (${u8.length} bytes${u8[0] === 0x3c ? ' starting with "<": an HTML page?' : ''})`;
}

function describe(input) {
  if (typeof input === 'string' || isA(input, 'URL')) return `the URL ${String(input)}`;
  if (isA(input, 'Request')) return `the URL ${input.url}`;
  if (isA(input, 'Response')) return `the response from ${input.url || 'a fetch'}`;
  if (isBytes(input)) return 'the bytes given';
  return 'the module given';
}

/**
 * `input`: a URL (string or URL), a Request, a Response, bytes, or a compiled WebAssembly.Module.
 * Resolves to this entry's compiled module, or rejects with an OmsError: `wrong_wasm` (not this
 * entry's module, or not WebAssembly), `wasm_load_failed` (the fetch failed or answered an error
 * status), `invalid_argument` (none of the accepted kinds).
 */
export async function compileChecked(input, expected) {
  const what = describe(input);
  let source = input;
  let url = '';
  if (typeof source === 'string' || isA(source, 'URL') || isA(source, 'Request')) {
    url = isA(source, 'Request') ? source.url : String(source);
    try {
      source = await fetch(source);
    } catch (e) {
      throw Object.assign(new OmsError(`init() could not fetch ${expectedText(expected)} from ${url}: ${e?.message ?? e}.`, 'wasm_load_failed'), { cause: e });
    }
  }
  if (isA(source, 'Response')) {
    if (!source.ok) {
      throw new OmsError(
        `init() could not load ${expectedText(expected)}: ${source.url || url || 'the response'} answered ${source.status}. ` +
          `Serve that file and pass its URL to init() (bundlers without asset support for new URL(…, import.meta.url), such as esbuild, ` +
          `need it imported: \`import wasmUrl from '${expected.subpath}'\` with a file loader, then \`init(wasmUrl)\`).`,
        'wasm_load_failed',
      );
    }
    const type = (source.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (type === 'application/wasm' && typeof WebAssembly.compileStreaming === 'function') {
      try {
        return check(await WebAssembly.compileStreaming(source), expected, what);
      } catch (e) {
        if (e instanceof OmsError) throw e;
        throw Object.assign(wrong(expected, what, 'does not compile as WebAssembly'), { cause: e });
      }
    }
    source = await source.arrayBuffer();
  }
  if (source instanceof WebAssembly.Module) return check(source, expected, what);
  if (isBytes(source)) {
    let module;
    try {
      module = await WebAssembly.compile(source);
    } catch (e) {
      throw Object.assign(wrong(expected, what, notWasm(source)), { cause: e });
    }
    return check(module, expected, what);
  }
  throw new OmsError(
    `init() takes the URL of ${expectedText(expected)}, a Response, its bytes or a compiled WebAssembly.Module; got ${input === null ? 'null' : typeof input}.`,
    'invalid_argument',
  );
}

/** The synchronous form for initSync(): bytes or a compiled WebAssembly.Module. */
export function compileCheckedSync(input, expected) {
  const what = describe(input);
  if (input instanceof WebAssembly.Module) return check(input, expected, what);
  if (isBytes(input)) return check(compileSync(input, expected, what), expected, what);
  throw new OmsError(
    `initSync() takes the bytes of ${expectedText(expected)} or a compiled WebAssembly.Module; got ${input === null ? 'null' : typeof input}.`,
    'invalid_argument',
  );
}
