import type { AppDeps } from '../../lib/deps.ts';
import { MEDIA_TRANSCODE } from '../media/assets-service.ts';
import { transcodeJobHandler } from '../media/assets-job.ts';
import { DOCUMENT_PREVIEW } from '../previews/previews-service.ts';
import { previewJobHandler } from '../previews/preview-job.ts';
import { MEMBER_ACCOUNTS_JOB } from '../accounts/member-accounts/service.ts';
import { memberAccountsJobHandler } from '../accounts/member-accounts/job.ts';
import type { JobHandler } from './runner.ts';

/** Every job type the server and `npm run worker` run. Add a feature's handlers here. */
export function jobHandlers(deps: AppDeps): Record<string, JobHandler> {
  return {
    [MEDIA_TRANSCODE]: transcodeJobHandler(deps),
    [DOCUMENT_PREVIEW]: previewJobHandler(deps),
    [MEMBER_ACCOUNTS_JOB]: memberAccountsJobHandler(deps),
  };
}
