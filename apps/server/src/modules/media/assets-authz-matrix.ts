import { rows, type MatrixEntry, type Scene } from '../../test/authz-scene.ts';

/**
 * A ready media asset for a fresh stored file that belongs to no entry: only system administrators
 * (granted on a root org) may play it. The scene's roles are all granted on a unit, so everyone is
 * refused here; assets.test.ts covers the allowed side, the entries matrix files inside entries.
 */
async function assetFile(s: Scene, n: number) {
  const file = await s.t.db
    .insertInto('stored_files')
    .values({
      detected_type: 'mp4',
      mime: 'video/mp4',
      size_bytes: 1,
      sha256: 'x'.repeat(64),
      original_name: `matrix-${n}.mp4`,
      storage: 'local',
      storage_key: `matrix/${n}.mp4`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await s.t.db
    .insertInto('media_assets')
    .values({ file_id: file.id, status: 'ready', mode: 'remux', renditions: '[]', poster: 'poster.jpg' })
    .execute();
  return file.id;
}

export const mediaMatrix: MatrixEntry[] = [
  {
    route: 'GET /api/media/:fileId',
    request: async (s, _side, n) => ({ method: 'GET', url: `/api/media/${await assetFile(s, n)}` }),
    expect: rows.nobody,
  },
  {
    route: 'GET /api/media/:fileId/hls/:name',
    request: async (s, _side, n) => ({
      method: 'GET',
      url: `/api/media/${await assetFile(s, n)}/hls/master.m3u8`,
    }),
    expect: rows.nobody,
  },
  {
    route: 'GET /api/media/:fileId/poster.jpg',
    request: async (s, _side, n) => ({
      method: 'GET',
      url: `/api/media/${await assetFile(s, n)}/poster.jpg`,
    }),
    expect: rows.nobody,
  },
];
