import type { MatrixEntry } from '../test/authz-scene.ts';

/** Each feature's authorisation-matrix rows (see test/authz-matrix.test.ts). Append a feature's list here. */
export const featureMatrices: MatrixEntry[] = [];
