import type { MatrixEntry } from '../test/authz-scene.ts';
import { campaignsMatrix } from './campaigns/authz-matrix.ts';
import { orgMatrix } from './org/authz-matrix.ts';
import { entriesMatrix } from './entries/authz-matrix.ts';
import { jobsMatrix } from './jobs/authz-matrix.ts';
import { mediaMatrix } from './media/assets-authz-matrix.ts';
import { uploadsMatrix } from './uploads/authz-matrix.ts';
import { reviewsMatrix } from './reviews/authz-matrix.ts';
import { awardsMatrix } from './awards/authz-matrix.ts';
import { liveMatrix } from './live/authz-matrix.ts';
import { memberAccountsMatrix } from './accounts/member-accounts/authz-matrix.ts';
import { drawMatrix } from './live/draw/authz-matrix.ts';
import { lecturesMatrix } from './lectures/authz-matrix.ts';
import { noticesMatrix } from './notices/authz-matrix.ts';
import { plansMatrix } from './plans/authz-matrix.ts';
import { poolMatrix } from './pool/authz-matrix.ts';
import { coverageMatrix } from './coverage/authz-matrix.ts';
import { ordersMatrix } from './orders/authz-matrix.ts';
import { annexMatrix } from './annex/authz-matrix.ts';
import { dashboardMatrix } from './dashboard/authz-matrix.ts';
import { classroomMatrix } from './classroom/authz-matrix.ts';
import { learningMatrix } from './learning/authz-matrix.ts';
import { classroomCatalogueMatrix } from './classroom/catalogue-authz-matrix.ts';
import { archiveMatrix } from './archive/authz-matrix.ts';

/** Each feature's authorisation-matrix rows (see test/authz-matrix.test.ts). Append a feature's list here. */
export const featureMatrices: MatrixEntry[] = [
  ...campaignsMatrix,
  ...orgMatrix,
  ...entriesMatrix,
  ...jobsMatrix,
  ...mediaMatrix,
  ...uploadsMatrix,
  ...reviewsMatrix,
  ...awardsMatrix,
  ...liveMatrix,
  ...memberAccountsMatrix,
  ...drawMatrix,
  ...lecturesMatrix,
  ...noticesMatrix,
  ...plansMatrix,
  ...coverageMatrix,
  ...poolMatrix,
  ...ordersMatrix,
  ...classroomMatrix,
  ...learningMatrix,
  ...classroomCatalogueMatrix,
  ...annexMatrix,
  ...dashboardMatrix,
  ...archiveMatrix,
];
