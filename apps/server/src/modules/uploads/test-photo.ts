import sharp from 'sharp';
import type { AppDeps } from '../../lib/deps.ts';
import { reencodePhoto, storeNewPhoto } from './photos.ts';

/** A small photo stored as an attached upload leaves one (tests and authz rows that need a real file). */
export async function storeTestPhoto(deps: AppDeps, uploadedBy: string, name = '照片.jpg') {
  const bytes = await sharp({
    create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 30, b: 30 } },
  })
    .jpeg()
    .toBuffer();
  const photo = await reencodePhoto(bytes);
  return deps.db.transaction().execute((tx) => storeNewPhoto(deps, tx, photo, { name, uploadedBy }));
}
