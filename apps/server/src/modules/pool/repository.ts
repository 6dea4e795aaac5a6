import { pathCopy } from '../../db/path-copies.ts';

/** speaker_pools.org_path follows its org when the tree is restructured. */
export const poolPathCopies = [pathCopy('speaker_pools', 'org_path')];
