/** Injectable clock: deadlines and lockouts compare with this, so tests can move time. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(start: Date): Clock & { advance(ms: number): void; set(d: Date): void } {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
    set: (d) => {
      current = d.getTime();
    },
  };
}

/** The system clock moved `days` ahead (CLOCK_OFFSET_DAYS, for rehearsals and tests). */
export function offsetClock(days: number): Clock {
  if (days === 0) return systemClock;
  const offset = days * 86_400_000;
  return { now: () => new Date(Date.now() + offset) };
}
