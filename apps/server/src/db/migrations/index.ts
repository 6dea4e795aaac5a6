import type { Migration } from 'kysely';
import * as m001 from './001_foundation.ts';
import * as m002 from './002_org_counts_and_codes.ts';
import * as m003 from './003_stored_files.ts';
import * as m004 from './004_jobs_and_media_assets.ts';
import * as m005 from './005_uploads.ts';
import * as m006 from './006_entries.ts';
import * as m007 from './007_reviews.ts';
import * as m008 from './008_document_previews.ts';
import * as m009 from './009_round_entry_status.ts';
import * as m010 from './010_chain_facts.ts';
import * as m011 from './011_judge_units_and_member_links.ts';
import * as m013 from './013_login_failures.ts';
import * as m015 from './015_platform_pdf_previews.ts';
import * as m017 from './017_public_notices.ts';
import * as m018 from './018_shared_instance_state.ts';
import * as m021 from './021_chained_departures.ts';
import * as m022 from './022_member_accounts.ts';
import * as m023 from './023_live_draws.ts';
import * as m024 from './024_live_final.ts';
import * as m025 from './025_awards.ts';
import * as m026 from './026_login_checks.ts';
import * as m027 from './027_award_certificate_numbers.ts';
import * as m028 from './028_branch_season.ts';
import * as m029 from './029_lecture_plans.ts';
import * as m030 from './030_lecture_details.ts';
import * as m031 from './031_coverage_rollups.ts';
import * as m032 from './032_speaker_pools.ts';
import * as m033 from './033_pool_speaker_events.ts';
import * as m034 from './034_lecture_orders.ts';
import * as m035 from './035_pool_and_order_photos.ts';
import * as m036 from './036_classroom.ts';
import * as m037 from './037_learning.ts';
import * as m038 from './038_classroom_search.ts';
import * as m039 from './039_menu_item_lectures.ts';
import * as m040 from './040_annex_submissions.ts';
import * as m041 from './041_season_rollups.ts';
import * as m042 from './042_learning_task_rollups.ts';
import * as m043 from './043_org_tree_version.ts';
import * as m044 from './044_dashboard_change_counts.ts';
import * as m045 from './045_role_grants_by_org.ts';

/** Static list: works the same under tsx, vitest and a bundler. Append new files here, never edit old ones. */
export const migrations: Record<string, Migration> = {
  '001_foundation': m001,
  '002_org_counts_and_codes': m002,
  '003_stored_files': m003,
  '004_jobs_and_media_assets': m004,
  '005_uploads': m005,
  '006_entries': m006,
  '007_reviews': m007,
  '008_document_previews': m008,
  '009_round_entry_status': m009,
  '010_chain_facts': m010,
  '011_judge_units_and_member_links': m011,
  '013_login_failures': m013,
  '015_platform_pdf_previews': m015,
  '017_public_notices': m017,
  '018_shared_instance_state': m018,
  '021_chained_departures': m021,
  '022_member_accounts': m022,
  '023_live_draws': m023,
  '024_live_final': m024,
  '025_awards': m025,
  '026_login_checks': m026,
  '027_award_certificate_numbers': m027,
  '028_branch_season': m028,
  '029_lecture_plans': m029,
  '030_lecture_details': m030,
  '031_coverage_rollups': m031,
  '032_speaker_pools': m032,
  '033_pool_speaker_events': m033,
  '034_lecture_orders': m034,
  '035_pool_and_order_photos': m035,
  '036_classroom': m036,
  '037_learning': m037,
  '038_classroom_search': m038,
  '039_menu_item_lectures': m039,
  '040_annex_submissions': m040,
  '041_season_rollups': m041,
  '042_learning_task_rollups': m042,
  '043_org_tree_version': m043,
  '044_dashboard_change_counts': m044,
  '045_role_grants_by_org': m045,
};
