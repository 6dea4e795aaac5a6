import { rows, type MatrixEntry } from '../../test/authz-scene.ts';

/**
 * The catalogue answers every signed-in user with the lectures they may see (which lectures is the
 * subject of catalogue-api.test.ts); nobody is refused the page itself.
 */
export const classroomCatalogueMatrix: MatrixEntry[] = [
  {
    route: 'GET /api/classroom/home',
    request: () => ({ method: 'GET', url: '/api/classroom/home' }),
    expect: rows.everyone,
  },
  {
    route: 'GET /api/classroom/lectures',
    request: (_s, _side, n) => ({
      method: 'GET',
      url: `/api/classroom/lectures?q=${encodeURIComponent(`焦裕禄精神${n}`)}`,
    }),
    expect: rows.everyone,
  },
];
