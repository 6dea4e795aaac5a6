import { pathCopy } from '../../db/path-copies.ts';

/** lecture_records.org_path follows its branch when the tree is restructured. */
export const lecturePathCopies = [pathCopy('lecture_records', 'org_path')];
