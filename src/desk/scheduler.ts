import type { Core } from '@strapi/strapi';
import { ARTICLE_UID } from '../lib/uids';
import { deskSettings } from './settings';
import { markSchedulerRun } from '../metrics/metrics';

/** One locale version the scheduler acted on. */
export type ScheduledVersion = { documentId: string; locale: string; at: string };
export type ScheduleRun = {
  published: ScheduledVersion[];
  unpublished: ScheduledVersion[];
  failed: ScheduledVersion[];
};

type DueRow = {
  id: number;
  documentId: string;
  locale: string;
  publishAt?: Date | string;
  unpublishAt?: Date | string;
};

/** At most this many versions per kind and run; the rest are taken by the next run. */
const BATCH = 100;

const iso = (value: Date | string | undefined): string => new Date(value ?? 0).toISOString();

/**
 * Takes one due version for this instance: clears its time on the draft row
 * with a conditional update that only matches while the time is still set
 * and due. Of several instances running the same run on one database, one
 * update matches (PostgreSQL re-checks the condition after the other
 * transaction's row lock; SQLite has one writer), so exactly one acts.
 */
const claim = async (
  strapi: Core.Strapi,
  row: DueRow,
  field: 'publishAt' | 'unpublishAt',
  now: Date,
): Promise<boolean> => {
  const { count } = await strapi.db.query(ARTICLE_UID).updateMany({
    where: { id: row.id, publishedAt: null, [field]: { $notNull: true, $lte: now } },
    data: { [field]: null },
  });
  return count === 1;
};

/** Gives a version its time back after a failed publish or unpublish, so nothing scheduled is lost. */
const restore = async (strapi: Core.Strapi, row: DueRow, field: 'publishAt' | 'unpublishAt'): Promise<void> => {
  await strapi.db.query(ARTICLE_UID).update({ where: { id: row.id }, data: { [field]: row[field] } });
};

const due = async (strapi: Core.Strapi, field: 'publishAt' | 'unpublishAt', now: Date): Promise<DueRow[]> =>
  (await strapi.db.query(ARTICLE_UID).findMany({
    select: ['id', 'documentId', 'locale', field],
    where: { publishedAt: null, [field]: { $notNull: true, $lte: now } },
    orderBy: [{ [field]: 'asc' }, { id: 'asc' }],
    limit: BATCH,
  })) as DueRow[];

/**
 * Publishes every article version whose publishAt is at or before `now`, then
 * unpublishes every one whose unpublishAt is, through the Document Service
 * (slugs, cache invalidation, webhooks and feeds as for a click on Publish).
 * The schedule lives on the draft rows, so a version that fell due while no
 * instance ran is taken by the first run after a start. `now` is a parameter
 * so tests can drive the clock.
 */
export const runDueSchedules = async (strapi: Core.Strapi, now: Date = new Date()): Promise<ScheduleRun> => {
  const run: ScheduleRun = { published: [], unpublished: [], failed: [] };
  const documents = strapi.documents(ARTICLE_UID);

  for (const row of await due(strapi, 'publishAt', now)) {
    if (!(await claim(strapi, row, 'publishAt', now))) continue;
    const version = { documentId: row.documentId, locale: row.locale, at: iso(row.publishAt) };
    try {
      await documents.publish({ documentId: row.documentId, locale: row.locale });
      run.published.push(version);
      strapi.log.info(`[scheduler] published ${row.documentId} (${row.locale}), due ${version.at}`);
    } catch (error) {
      await restore(strapi, row, 'publishAt');
      run.failed.push(version);
      strapi.log.error(`[scheduler] could not publish ${row.documentId} (${row.locale}): ${(error as Error).message}`);
    }
  }

  for (const row of await due(strapi, 'unpublishAt', now)) {
    if (!(await claim(strapi, row, 'unpublishAt', now))) continue;
    const version = { documentId: row.documentId, locale: row.locale, at: iso(row.unpublishAt) };
    try {
      await documents.unpublish({ documentId: row.documentId, locale: row.locale });
      run.unpublished.push(version);
      strapi.log.info(`[scheduler] unpublished ${row.documentId} (${row.locale}), due ${version.at}`);
    } catch (error) {
      await restore(strapi, row, 'unpublishAt');
      run.failed.push(version);
      strapi.log.error(
        `[scheduler] could not unpublish ${row.documentId} (${row.locale}): ${(error as Error).message}`,
      );
    }
  }
  return run;
};

/** Keeps one run at a time in this process: a slow run is not overtaken by the next tick. */
const running = new WeakMap<Core.Strapi, Promise<ScheduleRun>>();

export const runScheduleOnce = (strapi: Core.Strapi, now: Date = new Date()): Promise<ScheduleRun> => {
  const current = running.get(strapi);
  if (current) return current;
  const next = runDueSchedules(strapi, now).finally(() => running.delete(strapi));
  running.set(strapi, next);
  return next;
};

export const SCHEDULER_JOB = 'newsroom-schedule';

/**
 * The scheduler on Strapi's cron (croner): a job every SCHEDULER_CRON (every
 * minute by default), and one run now, at the end of the boot, for what fell
 * due while the CMS was down. Errors are logged, never thrown into the boot.
 */
export const startScheduler = async (strapi: Core.Strapi): Promise<void> => {
  const { scheduler } = deskSettings(strapi);
  if (!scheduler.enabled) return;
  const tick = async (): Promise<void> => {
    try {
      await runScheduleOnce(strapi);
      markSchedulerRun(strapi); // newsroom_scheduler_last_run_timestamp_seconds on /metrics
    } catch (error) {
      strapi.log.error(`[scheduler] run failed: ${(error as Error).message}`);
    }
  };
  strapi.cron.add({ [SCHEDULER_JOB]: { task: tick, options: { rule: scheduler.rule } } });
  await tick();
};
