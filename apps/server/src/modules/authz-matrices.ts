import type { MatrixEntry } from '../test/authz-scene.ts';
import { campaignsMatrix } from './campaigns/authz-matrix.ts';
import { orgMatrix } from './org/authz-matrix.ts';

/** Each feature's authorisation-matrix rows (see test/authz-matrix.test.ts). Append a feature's list here. */
export const featureMatrices: MatrixEntry[] = [...campaignsMatrix, ...orgMatrix];
