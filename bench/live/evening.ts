import type { LiveSnapshot } from '@jiangtai/contracts';

/**
 * An evening for the bench: 14 speakers, 7 judges (one highest and one lowest dropped), each judge's
 * submit a new version; the 7th brings the speaker's result and a new ranking, as big as a real
 * snapshot of a final.
 */
export class BenchEvening {
  static readonly CODE = 'BENCHLIVE';
  static readonly ROUND = '424242';
  static readonly JUDGES = 7;
  private version = 1;
  private speaker = 0;
  private submitted = 0;
  lastWasResult = false;
  private readonly results: { entryId: string; score: number }[] = [];

  submit(): number {
    this.version++;
    this.submitted++;
    this.lastWasResult = this.submitted === BenchEvening.JUDGES;
    if (this.lastWasResult) {
      this.results.push({ entryId: String(100 + this.speaker), score: 90 + ((this.speaker * 37) % 80) / 10 });
    }
    if (this.submitted > BenchEvening.JUDGES) {
      this.speaker = (this.speaker + 1) % 14;
      this.submitted = 1;
      this.lastWasResult = false;
    }
    return this.version;
  }

  snapshot(): LiveSnapshot {
    const speakers = Array.from({ length: 14 }, (_, i) => ({
      entryId: String(100 + i),
      position: i + 1,
      speakerName: ['张晓明', '李华', '王建国', '赵丽', '刘洋', '陈静', '周涛'][i % 7]!,
      unitName: ['岳阳楼区委组织部', '君山区委宣传部', '华容县', '平江县', '汨罗市'][i % 5]!,
      title: '红色基因代代传——一位老党员的初心故事',
      status: (i < this.speaker ? 'confirmed' : i === this.speaker ? 'scoring' : 'waiting') as 'confirmed',
    }));
    const scored = this.submitted === BenchEvening.JUDGES;
    const last = this.results.at(-1);
    const ranked = [...this.results].sort((a, b) => b.score - a.score);
    return {
      roundId: BenchEvening.ROUND,
      version: this.version,
      campaignTitle: '“学习二十大”微宣讲大赛',
      roundName: '决赛',
      rehearsal: false,
      state: 'running',
      serverNow: new Date().toISOString(),
      speakers,
      currentEntryId: String(100 + this.speaker),
      nextEntryId: String(100 + ((this.speaker + 1) % 14)),
      timer: { running: false, elapsedMs: 452_000, limitSeconds: 480, warnSeconds: 60 },
      scoring: scored ? null : { open: true, submitted: this.submitted, judges: BenchEvening.JUDGES },
      lastResult:
        scored && last
          ? {
              entryId: last.entryId,
              position: this.speaker + 1,
              speakerName: speakers[this.speaker]!.speakerName,
              unitName: speakers[this.speaker]!.unitName,
              title: speakers[this.speaker]!.title,
              judges: ['93.50', '95.00', '91.25', '96.75', '92.00', '94.00', '90.50'].map((total, i) => ({
                label: `评委${i + 1}`,
                total,
                dropped: i === 3 ? 'high' : i === 6 ? 'low' : null,
              })),
              average: '93.15',
              overtimeSeconds: 0,
              penalty: '0.00',
              score: last.score.toFixed(2),
              confirmed: false,
            }
          : null,
      ranking: ranked.map((r, i) => ({
        rank: i + 1,
        entryId: r.entryId,
        speakerName: speakers[Number(r.entryId) - 100]!.speakerName,
        unitName: speakers[Number(r.entryId) - 100]!.unitName,
        score: r.score.toFixed(2),
      })),
      judgeDisplay: 'numbered',
    };
  }
}
