import { rows, type MatrixEntry, type Scene, type Side } from '../../test/authz-scene.ts';

const tus = { 'tus-resumable': '1.0.0' };

/** An unfinished upload started by a member on the given side: uploads belong to their uploader only. */
async function someoneElsesUpload(s: Scene, side: Side, n: number) {
  const id = `matrix${n}${side}`;
  await s.t.db
    .insertInto('upload_sessions')
    .values({
      id,
      user_id: s.userIn[side].id,
      purpose: 'matrix',
      meta: '{}',
      size_bytes: 10,
      expires_at: new Date(s.t.clock.now().getTime() + 3600_000),
    })
    .execute();
  return `/api/uploads/${id}`;
}

export const uploadsMatrix: MatrixEntry[] = [
  {
    // Any signed-in person may start an upload; whether it is allowed is the purpose's decision
    // (tested with each purpose). An unknown purpose is refused with 400.
    route: 'POST /api/uploads',
    request: () => ({
      method: 'POST',
      url: '/api/uploads',
      headers: {
        ...tus,
        'upload-length': '10',
        'upload-metadata': `purpose ${Buffer.from('matrix').toString('base64')}`,
      },
    }),
    expect: rows.anyone,
  },
  {
    route: 'OPTIONS /api/uploads',
    request: () => ({ method: 'OPTIONS', url: '/api/uploads' }),
    expect: rows.everyone,
  },
  {
    route: 'OPTIONS /api/uploads/:id',
    request: async (s, side, n) => ({ method: 'OPTIONS', url: await someoneElsesUpload(s, side, n) }),
    expect: rows.everyone,
  },
  {
    route: 'PATCH /api/uploads/:id',
    request: async (s, side, n) => ({
      method: 'PATCH',
      url: await someoneElsesUpload(s, side, n),
      headers: { ...tus, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      payload: Buffer.from('x'),
    }),
    expect: rows.nobody,
  },
  {
    route: 'DELETE /api/uploads/:id',
    request: async (s, side, n) => ({
      method: 'DELETE',
      url: await someoneElsesUpload(s, side, n),
      headers: tus,
    }),
    expect: rows.nobody,
  },
];
