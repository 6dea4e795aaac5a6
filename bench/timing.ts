/** Runs `fn` `warmup` times untimed, then `n` times timed; returns the p50 and p95 in milliseconds. */
export function time(fn: () => Promise<unknown>, n: number, warmup = Math.min(10, n)) {
  return timeAfter(async () => undefined, fn, n, warmup);
}

/** As `time`, with `setup` run untimed before each call (e.g. a change the measured call must see). */
export async function timeAfter(
  setup: () => Promise<unknown>,
  fn: () => Promise<unknown>,
  n: number,
  warmup = Math.min(10, n),
) {
  for (let i = 0; i < warmup; i++) {
    await setup();
    await fn();
  }
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    await setup();
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { p50: at(0.5), p95: at(0.95) };
}
