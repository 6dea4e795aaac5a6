/**
 * The draw's secret seed lives only in the organiser's browser until the reveal: kept in
 * localStorage per round (so a reload does not lose it) and offered as a small text file to keep
 * elsewhere (so a lost laptop does not stop the draw).
 */

const key = (roundId: string) => `jiangtai.draw-seed.${roundId}`;

export function storedSeed(roundId: string): string | null {
  try {
    return localStorage.getItem(key(roundId));
  } catch {
    return null;
  }
}

export function storeSeed(roundId: string, seed: string) {
  try {
    localStorage.setItem(key(roundId), seed);
  } catch {
    // Private mode or storage full: the page says to write the seed down or download it.
  }
}

export function forgetSeed(roundId: string) {
  try {
    localStorage.removeItem(key(roundId));
  } catch {
    // nothing kept
  }
}

/** Saves the seed as 抽签种子-<round>.txt with what it is for. */
export function downloadSeed(roundId: string, roundName: string, seed: string, commitment: string) {
  const text = [
    `抽签种子（${roundName}，轮次编号 ${roundId}）`,
    '',
    `种子：${seed}`,
    `承诺值（种子的 SHA-256）：${commitment}`,
    '',
    '揭晓抽签时需要这个种子。揭晓之前请勿告诉任何人。',
    '',
  ].join('\r\n');
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `抽签种子-${roundId}.txt`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
