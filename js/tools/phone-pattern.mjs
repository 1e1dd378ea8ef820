// The regular-expression subset of libphonenumber-js's metadata patterns, parsed to an AST. Shared by
// tools/gen-phone-data.mjs (which compiles the AST to the bytecode of src/validate/phone/pattern.rs)
// and tools/phone-general-patterns.mjs.
// Regex subset parser: digits, `\d`, `[...]` of digits and digit ranges, `(?:...)`, `(...)`, `|`,
// `?`, `{n}`, `{n,m}`, and `$`. AST nodes:
//   { t: 'class', mask }            one digit whose value is in the 10-bit mask
//   { t: 'seq', items }             concatenation
//   { t: 'alt', branches }          alternation (ordered, first wins)
//   { t: 'group', capture, index, body }
//   { t: 'rep', min, max, body }    greedy repetition
//   { t: 'end' }                    `$`

export function parsePattern(src) {
  let i = 0
  let groups = 0
  const fail = (msg) => {
    throw new Error(`unsupported pattern ${JSON.stringify(src)} at ${i}: ${msg}`)
  }
  const isDigit = (c) => c >= '0' && c <= '9'
  function parseAlt() {
    const branches = [parseSeq()]
    while (src[i] === '|') {
      i++
      branches.push(parseSeq())
    }
    return branches.length === 1 ? branches[0] : { t: 'alt', branches }
  }
  function parseSeq() {
    const items = []
    while (i < src.length && src[i] !== '|' && src[i] !== ')') {
      let atom = parseAtom()
      for (;;) {
        if (src[i] === '?') {
          i++
          atom = { t: 'rep', min: 0, max: 1, body: atom }
        } else if (src[i] === '{') {
          const m = /^\{(\d+)(?:,(\d+))?\}/.exec(src.slice(i))
          if (!m) fail('bad or unbounded counted repetition')
          i += m[0].length
          const min = Number(m[1])
          const max = m[2] === undefined ? min : Number(m[2])
          if (max < min || max > 20) fail('repetition bounds')
          atom = { t: 'rep', min, max, body: atom }
        } else break
        if (src[i] === '?' || src[i] === '+') fail('lazy or possessive quantifier')
      }
      if (src[i] === '*' || src[i] === '+') fail('unbounded quantifier')
      items.push(atom)
    }
    return items.length === 1 ? items[0] : { t: 'seq', items }
  }
  function parseAtom() {
    const c = src[i]
    if (isDigit(c)) {
      i++
      return { t: 'class', mask: 1 << Number(c) }
    }
    if (c === '\\') {
      if (src[i + 1] !== 'd') fail('escape other than \\d')
      i += 2
      return { t: 'class', mask: 0x3ff }
    }
    if (c === '$') {
      i++
      return { t: 'end' }
    }
    if (c === '[') {
      i++
      if (src[i] === '^') fail('negated class')
      let mask = 0
      while (src[i] !== ']') {
        if (i >= src.length) fail('unterminated class')
        if (src[i] === '\\' && src[i + 1] === 'd') {
          mask |= 0x3ff
          i += 2
          continue
        }
        if (!isDigit(src[i])) fail('non-digit in class')
        const lo = Number(src[i])
        if (src[i + 1] === '-' && src[i + 2] !== ']') {
          if (!isDigit(src[i + 2])) fail('bad range')
          const hi = Number(src[i + 2])
          if (hi < lo) fail('reversed range')
          for (let d = lo; d <= hi; d++) mask |= 1 << d
          i += 3
        } else {
          mask |= 1 << lo
          i++
        }
      }
      i++
      if (mask === 0) fail('empty class')
      return { t: 'class', mask }
    }
    if (c === '(') {
      i++
      let capture = true
      if (src[i] === '?') {
        if (src[i + 1] !== ':') fail('group kind other than (?:')
        i += 2
        capture = false
      }
      const index = capture ? ++groups : 0
      const body = parseAlt()
      if (src[i] !== ')') fail('unterminated group')
      i++
      return { t: 'group', capture, index, body }
    }
    fail(`unexpected ${JSON.stringify(c)}`)
  }
  const ast = parseAlt()
  if (i !== src.length) fail('trailing input')
  return { ast, groups }
}
