import type { LiveSnapshot } from '@jiangtai/contracts';
import type { ScreenSource } from './screens-routes.ts';

/**
 * The screens tests' own snapshot source: rounds and screen codes the test sets, a count of the
 * snapshots built, and an optional gate that holds builds until the test opens it.
 */
export function makeSnapshot(
  roundId: string,
  version: number,
  extra: Partial<LiveSnapshot> = {},
): LiveSnapshot {
  return {
    roundId,
    version,
    campaignTitle: '“学习二十大”微宣讲大赛',
    roundName: '决赛',
    rehearsal: false,
    state: 'running',
    serverNow: new Date('2026-07-01T12:00:00Z').toISOString(),
    speakers: [
      {
        entryId: '11',
        position: 1,
        speakerName: '张三',
        unitName: '岳阳楼区',
        title: '我的家乡',
        status: 'confirmed',
      },
      {
        entryId: '12',
        position: 2,
        speakerName: '李四',
        unitName: '君山区',
        title: '青春之歌',
        status: 'speaking',
      },
    ],
    currentEntryId: '12',
    nextEntryId: null,
    timer: { running: true, elapsedMs: 61_000, limitSeconds: 480, warnSeconds: 60 },
    scoring: null,
    lastResult: null,
    ranking: [{ rank: 1, entryId: '11', speakerName: '张三', unitName: '岳阳楼区', score: '92.35' }],
    judgeDisplay: 'numbered',
    ...extra,
  };
}

export class FixtureScreenSource implements ScreenSource {
  readonly codes = new Map<string, string>();
  readonly versions = new Map<string, number>();
  builds = 0;
  resolves = 0;
  /** Added to every snapshot's title, to make large events (slow-client tests). */
  padding = '';
  failing = false;
  timerRunning = true;
  private gate: Promise<void> | null = null;
  private openGate: (() => void) | null = null;

  screen(code: string, roundId: string, version = 1) {
    this.codes.set(code, roundId);
    this.versions.set(roundId, version);
  }

  /** A committed change: the next snapshot has a higher version. */
  bump(roundId: string) {
    this.versions.set(roundId, (this.versions.get(roundId) ?? 0) + 1);
  }

  hold() {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }

  release() {
    this.openGate?.();
    this.gate = null;
  }

  snapshot = async (_db: unknown, roundId: string): Promise<LiveSnapshot> => {
    this.builds++;
    // What was committed when the build started (a change during the build comes after it).
    const version = this.versions.get(roundId);
    if (this.gate) await this.gate;
    if (this.failing) throw new Error('database unavailable');
    if (version === undefined) throw new Error(`no round ${roundId}`);
    return makeSnapshot(roundId, version, {
      roundName: `决赛${this.padding}`,
      timer: { running: this.timerRunning, elapsedMs: 61_000, limitSeconds: 480, warnSeconds: 60 },
    });
  };

  resolveScreen = async (_db: unknown, code: string): Promise<string | null> => {
    this.resolves++;
    return this.codes.get(code) ?? null;
  };
}
