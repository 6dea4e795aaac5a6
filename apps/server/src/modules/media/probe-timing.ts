/**
 * Frame rate and constant/variable frame rate from a track's time-to-sample table (stts): a run
 * of (count, delta) pairs, delta in the track's timescale.
 */
export interface FrameTiming {
  frameRate: number;
  variableFrameRate: boolean;
}

/** A delta within 1% of the usual one counts as the same (rounding in 90 kHz timescales). */
const SAME_DELTA = 0.01;
/** More than this share of frames off the usual delta makes the rate variable, not one dropped frame. */
const VFR_SHARE = 0.02;

export function frameTiming(
  counts: ArrayLike<number>,
  deltas: ArrayLike<number>,
  timescale: number,
): FrameTiming {
  const runs: { count: number; delta: number }[] = [];
  for (let i = 0; i < counts.length; i++) runs.push({ count: counts[i] ?? 0, delta: deltas[i] ?? 0 });
  // Muxers often give the very last frame a shorter duration (the stream just ends); ignore it.
  const last = runs.at(-1);
  if (runs.length > 1 && last?.count === 1) runs.pop();
  const total = runs.reduce((n, r) => n + r.count, 0);
  const ticks = runs.reduce((n, r) => n + r.count * r.delta, 0);
  if (total === 0 || ticks === 0 || timescale <= 0) return { frameRate: 0, variableFrameRate: false };

  const usual = usualDelta(runs);
  const off = runs
    .filter((r) => Math.abs(r.delta - usual) > usual * SAME_DELTA)
    .reduce((n, r) => n + r.count, 0);
  const variableFrameRate = off > total * VFR_SHARE;
  // CFR: the exact rate (24.996, 29.97…) from the usual delta; VFR: the average.
  const frameRate = variableFrameRate ? (total * timescale) / ticks : timescale / usual;
  return { frameRate, variableFrameRate };
}

/** The delta most frames have. */
function usualDelta(runs: { count: number; delta: number }[]): number {
  const byDelta = new Map<number, number>();
  for (const r of runs) byDelta.set(r.delta, (byDelta.get(r.delta) ?? 0) + r.count);
  let best = 0;
  let bestCount = -1;
  for (const [delta, count] of byDelta) {
    if (count > bestCount) [best, bestCount] = [delta, count];
  }
  return best;
}

/**
 * Rotation from the track header's 3×3 display matrix (16.16 fixed point): [a b u; c d v; x y w].
 * Rotating by θ clockwise for display gives a = cos θ, b = sin θ; snapped to a quarter turn.
 */
export function matrixRotation(matrix: ArrayLike<number>): 0 | 90 | 180 | 270 {
  const a = matrix[0] ?? 0x10000;
  const b = matrix[1] ?? 0;
  const degrees = (Math.atan2(b, a) * 180) / Math.PI;
  const quarter = (((Math.round(degrees / 90) % 4) + 4) % 4) as 0 | 1 | 2 | 3;
  return ([0, 90, 180, 270] as const)[quarter];
}
