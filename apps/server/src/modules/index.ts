import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../lib/deps.ts';
import { campaignRoutes } from './campaigns/routes.ts';
import { orgRoutes } from './org/routes.ts';
import { entryRoutes } from './entries/routes.ts';
import { reviewRoutes } from './reviews/routes.ts';
import { awardRoutes } from './awards/routes.ts';
import { liveRoutes } from './live/routes.ts';
import { drawnOrder } from './live/draw/service.ts';
import { buildSnapshot, roundIdForScreen } from './live/snapshot.ts';
import type { ScreenSource } from './live/screens-routes.ts';
import { jobRoutes } from './jobs/routes.ts';
import { noticeRoutes } from './notices/routes.ts';
import { planRoutes } from './plans/routes.ts';
import { mediaRoutes } from './media/assets-routes.ts';
import { drawRoutes } from './live/draw/routes.ts';
import { coverageRoutes } from './coverage/routes.ts';
import { orderRoutes } from './orders/routes.ts';
import { learningRoutes } from './learning/routes.ts';
import { fileViewer } from './entries/policy.ts';
import { entryMaterialPurpose } from './entries/upload-purpose.ts';
import type { UploadPurpose } from './uploads/purpose.ts';
import { lectureRoutes } from './lectures/routes.ts';
import { poolRoutes } from './pool/routes.ts';
import { lectureFilePurpose } from './lectures/upload-purpose.ts';
import { annexRoutes } from './annex/routes.ts';
import { classroomRoutes } from './classroom/routes.ts';
import { lectureVideoViewer } from './classroom/access.ts';
import { orderPhotoPurpose } from './orders/photos.ts';
import { speakerPhotos } from './pool/photo.ts';
import { classroomCatalogueRoutes } from './classroom/catalogue-routes.ts';
import { archiveRoutes } from './archive/routes.ts';
import { dashboardRoutes } from './dashboard/routes.ts';

/** Feature modules' route plugins. Add a feature by appending its `routes` factory here. */
export const featureModules: ((deps: AppDeps) => FastifyPluginAsyncZod)[] = [
  campaignRoutes,
  orgRoutes,
  entryRoutes,
  reviewRoutes,
  awardRoutes,
  // The evening reads its order of speakers from the draw (抽签).
  (deps) => liveRoutes(deps, drawnOrder),
  jobRoutes,
  drawRoutes,
  lectureRoutes,
  noticeRoutes,
  planRoutes,
  coverageRoutes,
  poolRoutes,
  orderRoutes,
  classroomRoutes,
  annexRoutes,
  archiveRoutes,
  dashboardRoutes,
  (deps) => {
    const entryFile = fileViewer(deps.db);
    const lectureVideo = lectureVideoViewer(deps.db);
    // Playback: whoever may view the entry the file belongs to, or a classroom lecture playing it. Each
    // module answers by its own rule; neither widens the other's.
    return mediaRoutes(deps, {
      canViewFile: async (actor, fileId) =>
        (await entryFile(actor, fileId)) || (await lectureVideo(actor, fileId)),
    });
  },
  learningRoutes,
  classroomCatalogueRoutes,
];

/**
 * What uploads may be for (tus metadata `purpose`), each built from the app's deps. Append a feature's
 * purpose here; app.ts mounts uploadRoutes(deps, purposes) with them (tests can add their own).
 */
export const uploadPurposes: ((deps: AppDeps) => UploadPurpose)[] = [
  entryMaterialPurpose,
  lectureFilePurpose,
  (deps) => speakerPhotos(deps).purpose,
  orderPhotoPurpose,
];

/** What the public screens show: the live evening's snapshot (app.ts mounts the screens' routes on it; tests may pass their own). */
export const liveScreenSource: ScreenSource = { snapshot: buildSnapshot, resolveScreen: roundIdForScreen };
