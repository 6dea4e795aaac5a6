import type { Insertable, Transaction } from 'kysely';
import sharp from 'sharp';
import type { DB, LectureRecordFilesTable } from '../../db/types.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { insertFilesBulk } from '../lectures/files-repository.ts';
import { reencodePhoto, storeNewPhoto, type ReencodedPhoto } from '../uploads/photos.ts';
import { createRandom, type Random } from './people.ts';
import type { SeededRecord } from './season-records.ts';

/** How many photos the season's records carry in all (a handful: 1–2 on a few records). */
export const SEASON_PHOTO_COUNT = 10;
const WIDTH = 1280;
const HEIGHT = 960;
/** Drawn on a 1280×960 canvas, stored at a phone photo's shrunk size. */
const OUTPUT = { width: 1024, height: 768 };

/**
 * Photos of the lectures, drawn without text: a meeting room with a red banner, a screen, the speaker
 * at a lectern and rows of listeners, in different colours. Made before the seed's transaction (the
 * CPU work runs beside the password hashing) and re-encoded by the lectures module as every uploaded
 * photo is, so they are stored exactly as the platform stores its own copies.
 */
export async function prepareSeasonPhotos(seed: number): Promise<ReencodedPhoto[]> {
  const random = createRandom(seed);
  const svgs = Array.from({ length: SEASON_PHOTO_COUNT }, () => roomSvg(random));
  const photos: ReencodedPhoto[] = [];
  for (const svg of svgs) {
    // Drawn to pixels once, then through the same re-encoding an uploaded photo gets.
    const png = await sharp(Buffer.from(svg)).png({ compressionLevel: 0 }).toBuffer();
    photos.push(await reencodePhoto(png));
  }
  return photos;
}

const hsl = (h: number, s: number, l: number) => `hsl(${h % 360},${s}%,${l}%)`;

function roomSvg(random: Random): string {
  const wallHue = random.int(20, 60);
  const wall = hsl(wallHue, random.int(15, 35), random.int(70, 85));
  const floor = hsl(wallHue + 10, 25, random.int(35, 50));
  const shapes: string[] = [
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="${wall}"/>`,
    `<rect y="${HEIGHT * 0.55}" width="${WIDTH}" height="${HEIGHT * 0.45}" fill="${floor}"/>`,
    // The red banner across the wall and the projection screen below it.
    `<rect x="${WIDTH * 0.12}" y="60" width="${WIDTH * 0.76}" height="70" fill="hsl(0,75%,42%)"/>`,
    `<rect x="${WIDTH * 0.3}" y="170" width="${WIDTH * 0.4}" height="260" fill="hsl(210,30%,${random.int(88, 96)}%)" stroke="#555" stroke-width="6"/>`,
    // The speaker at a lectern on the left.
    `<circle cx="205" cy="300" r="38" fill="hsl(25,40%,${random.int(55, 70)}%)"/>`,
    `<rect x="160" y="338" width="90" height="70" rx="20" fill="hsl(220,25%,${random.int(18, 35)}%)"/>`,
    `<rect x="140" y="380" width="130" height="180" fill="hsl(25,45%,30%)"/>`,
  ];
  // Rows of listeners from the back (small, higher) to the front (large, lower).
  for (let row = 0; row < 4; row++) {
    const scale = 0.6 + row * 0.18;
    const y = HEIGHT * 0.58 + row * 95;
    const seats = 9 - row;
    for (let seat = 0; seat < seats; seat++) {
      if (random.chance(0.12)) continue;
      const x = WIDTH * 0.08 + ((seat + 0.5) * WIDTH * 0.84) / seats + random.int(-10, 10);
      const coat = hsl(random.pick([215, 220, 0, 30, 200]), random.int(10, 40), random.int(15, 40));
      shapes.push(
        `<rect x="${x - 40 * scale}" y="${y}" width="${80 * scale}" height="${90 * scale}" rx="${18 * scale}" fill="${coat}"/>`,
        `<circle cx="${x}" cy="${y - 12 * scale}" r="${26 * scale}" fill="hsl(${random.int(10, 20)},20%,${random.int(8, 25)}%)"/>`,
      );
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${OUTPUT.width}" height="${OUTPUT.height}" viewBox="0 0 ${WIDTH} ${HEIGHT}">${shapes.join('')}</svg>`;
}

/**
 * Stores the prepared photos on the records that asked for them (in the order given) and attaches
 * them, as a saved record's photos are. Returns how many were stored.
 */
export async function attachSeasonPhotos(
  tx: Transaction<DB>,
  deps: Pick<AppDeps, 'config' | 'clock'>,
  records: SeededRecord[],
  photos: ReencodedPhoto[],
): Promise<number> {
  const rows: Insertable<LectureRecordFilesTable>[] = [];
  let next = 0;
  for (const record of records) {
    for (let i = 0; i < record.photos && next < photos.length; i++) {
      const photo = photos[next++]!;
      const uploadedBy = record.row.created_by;
      const stored = await storeNewPhoto(deps, tx, photo, { name: `宣讲现场${i + 1}.jpg`, uploadedBy });
      rows.push({
        record_id: record.id,
        org_id: record.branch.id,
        kind: 'photo',
        file_id: stored.fileId,
        thumb_file_id: stored.thumbFileId,
        width: photo.width,
        height: photo.height,
        uploaded_by: uploadedBy,
        created_at: record.row.created_at,
      });
    }
  }
  await insertFilesBulk(tx, rows);
  return rows.length;
}
