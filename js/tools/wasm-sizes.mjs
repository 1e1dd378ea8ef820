#!/usr/bin/env node
// Where the bytes of a .wasm go: sections, code grouped by crate/module, the largest functions, and
// the data section (raw and gzip -9), so size work can be aimed and measured.
//
//   node js/tools/wasm-sizes.mjs <file.wasm> [--top N] [--data] [--json]
//
// Function names come from the `name` custom section, so point it at the un-optimized wasm-bindgen
// output (wasm-opt --strip-debug removes names), e.g. after `node scripts/build.mjs --out build/pkg-validate
// --no-default-features --features validate`:
//
//   node js/tools/wasm-sizes.mjs build/wasm-bindgen/build_pkg-validate/web/oms_wasm_bg.wasm --top 40
//
// Output:
//   - every section: id/name, raw bytes, gzip -9 bytes of the section alone;
//   - code bytes grouped by `oms_wasm::<module>[::<submodule>]`, or by the crate a symbol belongs to
//     (core, alloc, std, serde_json, dlmalloc, ...; `other` when unknown);
//   - with --top N: the N largest function bodies;
//   - with --data: each data segment (offset, raw, gzip) and its longest printable runs, which shows
//     which tables and strings dominate;
//   - with --json: the same as one JSON object (for scripts).
// Gzip of a section alone overstates its share of the whole file's gzip a little (no shared window).

import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--top');
if (!file) {
  console.error('usage: wasm-sizes.mjs <file.wasm> [--top N] [--data] [--json]');
  process.exit(2);
}
const topIdx = args.indexOf('--top');
const top = topIdx >= 0 ? Number(args[topIdx + 1]) : 0;
const showData = args.includes('--data');
const asJson = args.includes('--json');

const buf = readFileSync(file);
if (buf.readUInt32LE(0) !== 0x6d736100) throw new Error(`${file}: not a wasm module`);
const gz = (b) => gzipSync(b, { level: 9 }).length;

let p = 8;
function leb() {
  let r = 0;
  let s = 0;
  let b;
  do {
    b = buf[p++];
    r += (b & 0x7f) * 2 ** s;
    s += 7;
  } while (b & 0x80);
  return r;
}
function sleb() {
  let r = 0;
  let s = 0;
  let b;
  do {
    b = buf[p++];
    r |= (b & 0x7f) << s;
    s += 7;
  } while (b & 0x80);
  if (s < 32 && b & 0x40) r |= -1 << s;
  return r;
}
const name = () => {
  const l = leb();
  const s = buf.subarray(p, p + l).toString('utf8');
  p += l;
  return s;
};

const SECTION = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount', 'tag'];
const sections = [];
const bodies = []; // [size, bytes]
const segments = []; // {offset, bytes}
const names = new Map();
let importedFuncs = 0;

while (p < buf.length) {
  const id = buf[p++];
  const len = leb();
  const start = p;
  const end = p + len;
  let label = SECTION[id] ?? `#${id}`;
  if (id === 0) {
    label = `custom:${name()}`;
    if (label === 'custom:name') {
      while (p < end) {
        const sub = buf[p++];
        const subEnd = leb() + p;
        if (sub === 1) {
          const n = leb();
          for (let i = 0; i < n; i++) {
            const idx = leb();
            names.set(idx, name());
          }
        }
        p = subEnd;
      }
    }
  } else if (id === 2) {
    const n = leb();
    for (let i = 0; i < n; i++) {
      name();
      name();
      const kind = buf[p++];
      if (kind === 0) {
        leb();
        importedFuncs++;
      } else if (kind === 1) {
        p++;
        const f = leb();
        leb();
        if (f & 1) leb();
      } else if (kind === 2) {
        const f = leb();
        leb();
        if (f & 1) leb();
      } else if (kind === 3) {
        p += 2;
      } else if (kind === 4) {
        p++;
        leb();
      }
    }
  } else if (id === 10) {
    const n = leb();
    for (let i = 0; i < n; i++) {
      const sz = leb();
      bodies.push(buf.subarray(p, p + sz));
      p += sz;
    }
  } else if (id === 11) {
    const n = leb();
    for (let i = 0; i < n; i++) {
      const flags = leb();
      if (flags === 2) leb();
      let offset = null;
      if (flags !== 1) {
        const op = buf[p++];
        if (op === 0x41) offset = sleb();
        while (buf[p++] !== 0x0b);
      }
      const l = leb();
      segments.push({ offset, bytes: buf.subarray(p, p + l) });
      p += l;
    }
  }
  sections.push({ section: label, raw: len, gzip: gz(buf.subarray(start, end)) });
  p = end;
}

const CRATES = /(serde_json|serde_core|serde|core|alloc|std|hmac|sha2|digest|base64|js_sys|wasm_bindgen|dlmalloc|hashbrown|zmij|itoa|ryu|indexmap|talc|lol_alloc)\b/;
const funcs = bodies.map((b, i) => ({ name: names.get(i + importedFuncs) ?? `f${i + importedFuncs}`, size: b.length }));
const groups = new Map();
for (const f of funcs) {
  const m = /oms_wasm(?:\[[0-9a-f]+\])?::([a-z_0-9]+)(::([a-z_0-9]+))?/.exec(f.name);
  const key = m ? m[1] + (m[3] && !/^_+$/.test(m[3]) ? '::' + m[3] : '') : (CRATES.exec(f.name)?.[1] ?? 'other');
  groups.set(key, (groups.get(key) ?? 0) + f.size);
}
const codeTotal = funcs.reduce((a, f) => a + f.size, 0);

function printableRuns(bytes, min = 24) {
  const runs = [];
  let s = -1;
  for (let i = 0; i <= bytes.length; i++) {
    const c = bytes[i];
    const ok = i < bytes.length && c >= 0x20 && c < 0x7f;
    if (ok && s < 0) s = i;
    if (!ok && s >= 0) {
      if (i - s >= min) runs.push({ at: s, len: i - s, text: bytes.subarray(s, i).toString('latin1') });
      s = -1;
    }
  }
  return runs.sort((a, b) => b.len - a.len);
}

const report = {
  file,
  raw: buf.length,
  gzip: gz(buf),
  sections,
  code: { functions: funcs.length, bytes: codeTotal, groups: [...groups].sort((a, b) => b[1] - a[1]).map(([group, bytes]) => ({ group, bytes })) },
  largest: [...funcs].sort((a, b) => b.size - a.size).slice(0, top),
  data: segments.map((s) => ({ offset: s.offset, raw: s.bytes.length, gzip: gz(s.bytes) })),
};

if (asJson) {
  console.log(JSON.stringify(report, null, 2));
  process.exit(0);
}
const n = (x) => String(x).padStart(8);
console.log(`${file}: ${buf.length} bytes raw, ${report.gzip} gzip -9`);
console.log(`\nsection${' '.repeat(17)}     raw     gzip`);
for (const s of sections) console.log(`${s.section.padEnd(24)}${n(s.raw)} ${n(s.gzip)}`);
console.log(`\ncode: ${funcs.length} functions, ${codeTotal} bytes${names.size ? '' : ' (no name section: groups unavailable)'}`);
for (const g of report.code.groups.slice(0, 40)) console.log(`${n(g.bytes)}  ${g.group}`);
if (top) {
  console.log(`\nlargest ${top} functions`);
  for (const f of report.largest) console.log(`${n(f.size)}  ${f.name.slice(0, 150)}`);
}
if (showData) {
  console.log('\ndata segments (offset, raw, gzip)');
  for (const [i, s] of segments.entries()) {
    console.log(`${n(s.offset ?? '-')} ${n(s.bytes.length)} ${n(gz(s.bytes))}`);
    for (const r of printableRuns(s.bytes).slice(0, 25)) {
      console.log(`    @${r.at} ${r.len}: ${JSON.stringify(r.text.slice(0, 110))}`);
    }
    if (i > 20) break;
  }
}
