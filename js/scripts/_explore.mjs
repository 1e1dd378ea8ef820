import { createRequire } from 'node:module'
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import parsePhoneNumberFromString, { parsePhoneNumber } from 'libphonenumber-js/max'
import { randomFromPattern } from '../test/support/phone-corpus.mjs'
import { rng } from '../test/support/rng.mjs'
const require = createRequire(import.meta.url)
const metadata = require('libphonenumber-js/metadata.max.json')
const r = rng(7)
const cases = []
const count = {}
for (const [c, d] of Object.entries(metadata.countries)) {
  const types = (d[11] || []).filter(t => t && t[0]).map(t => t[0])
  const nns = []
  for (const t of types) for (let k = 0; k < 60; k++) nns.push(randomFromPattern(t, r))
  for (let k = 0; k < 60; k++) nns.push(randomFromPattern(d[2], r))
  if (d[8]) {
    const npfp = d[7]
    const re = new RegExp('^(?:' + npfp + ')')
    const seen = new Set()
    for (let k = 0; k < 5000 && seen.size < 40; k++) {
      const P = randomFromPattern(npfp, r)
      const m = re.exec(P)
      if (!m || m[0] !== P) continue
      const groups = m.length - 1
      if (!(groups > 0 && m[groups])) continue
      const X = d[8].replace(/\$(\d)/g, (_, g) => m[+g] || '')
      const add = (input) => { if (!seen.has(input)) { seen.add(input); cases.push({ input, defaultCountry: c, cls: 'transform' }); count['T'+c]=(count['T'+c]||0)+1 } }
      if (/\$$/.test(npfp.split('|')[0]) ) add(P)
      for (const N of nns) if (N.startsWith(X) && N.length > X.length) { add(P + N.slice(X.length)); break }
    }
  }
  if (d[1]) {
    const idd = new RegExp('^(?:' + d[1] + ')')
    const seen = new Set()
    for (const nn of nns) {
      const inputs = [nn]
      try { const pn = parsePhoneNumber('+' + d[0] + nn); inputs.push(pn.formatNational().replace(/\D/g, '')) } catch {}
      if (d[5]) inputs.push(d[5] + nn)
      for (const s of inputs) if (idd.test(s) && !seen.has(s)) { seen.add(s); cases.push({ input: s, defaultCountry: c, cls: 'idd' }); count['I'+c]=(count['I'+c]||0)+1 }
    }
  }
}
console.log(JSON.stringify(count))
const run = spawnSync('../target/release/examples/phone_oracle', [], { input: cases.map(c => JSON.stringify(c)).join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 30 })
const ours = run.stdout.trim().split('\n').map(l => JSON.parse(l))
const bad = {}
let n = { transform: [0, 0], idd: [0, 0] }
cases.forEach((c, k) => {
  const pn = parsePhoneNumberFromString(c.input, { defaultCountry: c.defaultCountry, extract: false })
  const theirs = pn ? `${pn.number}|${pn.country ?? ''}|${pn.isPossible()}|${pn.isValid()}` : 'ERR'
  const o = ours[k]
  const mine = o.error ? 'ERR' : `${o.e164}|${o.country ?? ''}|${o.possible}|${o.valid}`
  n[c.cls][0]++
  if (theirs !== mine) { n[c.cls][1]++; (bad[c.cls + ' ' + c.defaultCountry] ??= []).push(`${c.input}: lpn=${theirs} ours=${mine}`) }
})
console.log(n)
for (const [k, v] of Object.entries(bad)) console.log(k, v.length, v.slice(0, 3).join(' ;; '))
const { validatePhone } = await import('oms-wasm')
let w = { transform: [0, 0], idd: [0, 0] }
const wb = {}
cases.forEach((c) => {
  const pn = parsePhoneNumberFromString(c.input, { defaultCountry: c.defaultCountry, extract: false })
  const theirs = pn && pn.isPossible() ? `${pn.number}|${pn.country ?? ''}|${pn.isValid()}` : 'ERR'
  const o = validatePhone(c.input, { defaultCountry: c.defaultCountry })
  const mine = o.ok ? `${o.value.e164}|${o.value.country ?? ''}|${o.value.valid}` : 'ERR'
  w[c.cls][0]++
  if (theirs !== mine) { w[c.cls][1]++; (wb[c.cls + ' ' + c.defaultCountry] ??= []).push(`${c.input}: lpn=${theirs} ours=${mine}`) }
})
console.log('wasm', w)
for (const [k, v] of Object.entries(wb)) console.log(k, v.length, v.slice(0, 3).join(' ;; '))
