#!/usr/bin/env node
// Recomputes a live final's speaking order (决赛抽签) from its public record, with nothing but Node.
//
//   node scripts/verify-draw.mjs https://<站点>/api/public/live-draws/<轮次编号>
//   node scripts/verify-draw.mjs draw.json
//
// It checks that the revealed seed matches the commitment published before the draw, derives the
// final seed from the seed and every contribution, shuffles the published finalists list, prints the
// order and compares it with the published one. Exit code 0 = everything matches, 1 = a mismatch,
// 2 = the record cannot be read. The algorithm (jiangtai-draw-v1) is described in docs/LIVE-DRAW.md.
import { createHash, createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

const sha256Hex = (s) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key, msg) => createHmac('sha256', Buffer.from(key, 'utf8')).update(msg, 'utf8').digest();

export function finalSeedOf(seed, contributions) {
  const message = JSON.stringify(contributions.map((c) => [c.label, c.value]));
  return hmac(seed, message).toString('hex');
}

export function shuffle(finalSeed, ids) {
  const out = [...ids];
  let counter = 0;
  for (let i = out.length - 1; i >= 1; i--) {
    const m = i + 1;
    const limit = Math.floor(2 ** 32 / m) * m;
    let x;
    do {
      x = hmac(finalSeed, String(counter)).readUInt32BE(0);
      counter++;
    } while (x >= limit);
    const j = x % m;
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

async function load(source) {
  if (/^https?:\/\//.test(source)) {
    const res = await fetch(source, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`读取失败：HTTP ${res.status}`);
    return res.json();
  }
  return JSON.parse(await readFile(source, 'utf8'));
}

async function main() {
  const source = process.argv[2];
  if (!source) {
    console.error('用法：node scripts/verify-draw.mjs <公开记录的网址或 JSON 文件>');
    return 2;
  }
  let draw;
  try {
    draw = await load(source);
  } catch (e) {
    console.error(`无法读取抽签记录：${e.message}`);
    return 2;
  }
  if (draw.algorithm !== 'jiangtai-draw-v1') {
    console.error(`不认识的算法：${draw.algorithm}`);
    return 2;
  }
  console.log(`${draw.campaignTitle ?? ''} ${draw.roundName ?? ''}`.trim());
  if (draw.method === 'manual') {
    console.log('本轮出场顺序为现场人工抽签后录入，没有可复算的种子。');
    return 0;
  }
  if (!draw.seed) {
    console.log(`尚未揭晓。承诺值：${draw.commitment}`);
    return 0;
  }
  let ok = true;
  const commitmentOk = sha256Hex(draw.seed) === draw.commitment;
  ok &&= commitmentOk;
  console.log(`承诺值 ${commitmentOk ? '一致' : '不一致！'}：SHA-256(种子) = ${sha256Hex(draw.seed)}`);
  const finalSeed = finalSeedOf(draw.seed, draw.contributions);
  const finalOk = finalSeed === draw.finalSeed;
  ok &&= finalOk;
  console.log(`最终种子 ${finalOk ? '一致' : '不一致！'}：${finalSeed}`);
  const order = shuffle(
    finalSeed,
    draw.finalists.map((f) => f.entryId),
  );
  const byId = new Map(draw.finalists.map((f) => [f.entryId, f]));
  // Finalists who left after the list was published keep their place in the order (已退出).
  const left = new Map((draw.withdrawn ?? []).map((w) => [w.entryId, w]));
  console.log('出场顺序：');
  order.forEach((id, i) => {
    const f = byId.get(id);
    const same = draw.order?.[i] === id;
    ok &&= same;
    console.log(
      `${String(i + 1).padStart(3)}. ${f.speakerName}（${f.unitName}）《${f.title}》 [${id}] ${same ? '✓' : '✗ 与公布的顺序不同'}${left.has(id) ? ` （已退出：${left.get(id).reason ?? '未写明原因'}）` : ''}`,
    );
  });
  // Every position must match, and the published order must have no more positions than the list.
  const published = Array.isArray(draw.order) ? draw.order.length : 0;
  if (published !== order.length) {
    ok = false;
    console.log(`公布的顺序有 ${published} 位，与决赛名单的 ${order.length} 人不符！`);
  }
  console.log(ok ? '结论：与公布的出场顺序完全一致。' : '结论：与公布的记录不一致！');
  return ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then((code) => process.exit(code));
}
