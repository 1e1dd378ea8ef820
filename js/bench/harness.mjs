// A tiny side-by-side benchmark harness: every contender runs the same inputs in the same process,
// interleaved over several rounds (alternating their order); we report the median µs/op and ratios (absolute times on a shared
// machine are noise; ratios within one run are the signal).

/** Runs `fn(input)` over `inputs` repeatedly for ~`ms` milliseconds; returns ns per call. */
function measure(fn, inputs, ms) {
  let calls = 0;
  let sink = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(ms) * 1_000_000n;
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < inputs.length; i++) {
      const r = fn(inputs[i]);
      if (r) sink++;
    }
    calls += inputs.length;
    now = process.hrtime.bigint();
  }
  if (sink < 0) console.log(sink);
  return Number(now - start) / calls;
}

/**
 * contenders: [{ name, fn }]; returns rows { name, usPerOp } (median of `rounds` interleaved rounds).
 */
export function compare(title, contenders, inputs, { rounds = 7, ms = 300 } = {}) {
  for (const c of contenders) measure(c.fn, inputs, 100); // warm-up (JIT, wasm tier-up)
  const samples = contenders.map(() => []);
  // the order alternates round by round (whoever runs second may find the CPU in another state)
  for (let r = 0; r < rounds; r++) {
    const order = contenders.map((_, i) => i);
    if (r % 2) order.reverse();
    for (const i of order) samples[i].push(measure(contenders[i].fn, inputs, ms));
  }
  const rows = contenders.map((c, i) => {
    const s = samples[i].sort((a, b) => a - b);
    return { name: c.name, usPerOp: s[Math.floor(s.length / 2)] / 1000 };
  });
  const base = rows[0].usPerOp;
  console.log(`\n${title}  (${inputs.length} inputs, median of ${rounds} rounds)`);
  const w = Math.max(...rows.map((r) => r.name.length));
  for (const r of rows) {
    const ratio = r.usPerOp / base;
    console.log(`  ${r.name.padEnd(w)}  ${r.usPerOp.toFixed(3).padStart(9)} µs/op   ${i18nRatio(ratio, rows[0].name)}`);
  }
  return rows;
}

function i18nRatio(ratio, baseName) {
  if (Math.abs(ratio - 1) < 1e-9) return '(baseline)';
  return ratio > 1 ? `${ratio.toFixed(2)}× slower than ${baseName}` : `${(1 / ratio).toFixed(2)}× faster than ${baseName}`;
}
