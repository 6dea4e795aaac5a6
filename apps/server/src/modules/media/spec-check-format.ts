import { formatSeconds } from '@jiangtai/contracts';

/** 480 → "8 分钟" (spaced, as in 「要求约 8 分钟」); 450 → "7分30秒". */
export function formatLimit(seconds: number): string {
  return formatSeconds(seconds).replace(/^(\d+)分钟$/, '$1 分钟');
}

/** 25 → "25fps", 29.97 → "29.97fps", 24.996 → "25fps" (two decimals at most, no trailing zeros). */
export function formatFps(fps: number): string {
  return `${Number(fps.toFixed(2))}fps`;
}

/** 3_100_000 → "3.1 Mbps"; 8_000_000 → "8 Mbps". */
export function formatMbps(bitsPerSecond: number): string {
  return `${Number((bitsPerSecond / 1e6).toFixed(1))} Mbps`;
}

export const formatSize = (width: number, height: number) => `${width}×${height}`;
