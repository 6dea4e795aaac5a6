/** Latency samples per operation, percentiles and the side-by-side table of two databases. */

export interface OpStats {
  n: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export class Recorder {
  private samples = new Map<string, number[]>();
  private errors = new Map<string, number>();
  /** Distinct error messages (status and the problem's text), counted, so a failed run says why. */
  private messages = new Map<string, number>();
  active = true;

  noteError(op: string, message: string) {
    if (!this.active) return;
    const key = `${op}: ${message.replace(/^[^:]+: /, '').slice(0, 160)}`;
    this.messages.set(key, (this.messages.get(key) ?? 0) + 1);
  }

  /** The most frequent error messages, most frequent first. */
  errorSummary(limit = 8): string[] {
    return [...this.messages.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([m, n]) => `${String(n).padStart(5)} × ${m}`);
  }

  record(op: string, ms: number, ok: boolean) {
    if (!this.active) return;
    if (!this.samples.has(op)) this.samples.set(op, []);
    this.samples.get(op)!.push(ms);
    if (!ok) this.errors.set(op, (this.errors.get(op) ?? 0) + 1);
  }

  ops(): string[] {
    return [...this.samples.keys()].sort();
  }

  stats(op?: string): OpStats {
    const all = op ? (this.samples.get(op) ?? []) : [...this.samples.values()].flat();
    const sorted = [...all].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
    const errors = op ? (this.errors.get(op) ?? 0) : [...this.errors.values()].reduce((a, b) => a + b, 0);
    return { n: sorted.length, errors, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? 0 };
  }

  statsOf(ops: string[]): OpStats {
    const merged = new Recorder();
    for (const op of ops) for (const ms of this.samples.get(op) ?? []) merged.record('x', ms, true);
    return { ...merged.stats('x'), errors: ops.reduce((a, o) => a + (this.errors.get(o) ?? 0), 0) };
  }
}

const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)}s` : `${v.toFixed(0)}ms`);
const row = (s: OpStats) =>
  `${String(s.n).padStart(6)} ${String(s.errors).padStart(4)} ${ms(s.p50).padStart(7)} ${ms(s.p95).padStart(7)} ${ms(s.p99).padStart(7)} ${ms(s.max).padStart(7)}`;

/** One table: per operation, each database's n/errors/p50/p95/p99/max, and the p99 ratio. */
export function printComparison(results: { kind: string; rec: Recorder }[]) {
  const ops = [...new Set(results.flatMap((r) => r.rec.ops()))].sort();
  const head = results
    .map((r) => `${r.kind.padEnd(8)}     n  err     p50     p95     p99     max`)
    .join(' | ');
  console.log(`${'operation'.padEnd(18)} ${head}${results.length === 2 ? ' | p99 ratio' : ''}`);
  const line = (label: string, get: (rec: Recorder) => OpStats) => {
    const cells = results.map((r) => `${''.padEnd(8)} ${row(get(r.rec))}`);
    const ratio =
      results.length === 2
        ? ` | ${(get(results[0]!.rec).p99 / Math.max(1, get(results[1]!.rec).p99)).toFixed(2)}x`
        : '';
    console.log(`${label.padEnd(18)} ${cells.join(' | ')}${ratio}`);
  };
  for (const op of ops) line(op, (rec) => rec.stats(op));
  line('ALL', (rec) => rec.stats());
}
