/** Periodic jobs run in the process, and the repeatable jobs of queues kept in Redis or MongoDB. */
import { sourceMaker, type LibraryFamily } from './family.js';

const scheduler = sourceMaker('local-scheduler', 'scheduler');

const BULLMQ_NOTE = 'repeatable job kept in Redis by BullMQ: one run per schedule across all instances';
const BULL_NOTE = 'repeatable job kept in Redis by Bull: one run per schedule across all instances';
const AGENDA_NOTE = 'recurring job kept in MongoDB by Agenda, locked while it runs: one run per schedule across all instances';

export const SCHEDULERS: LibraryFamily = {
  sources: [
    scheduler('@hokify/agenda', 'Agenda#every', 'Agenda recurring job', { optionsArgument: 0, shared: true, sharedNote: AGENDA_NOTE }),
    scheduler('@nestjs/schedule', 'Cron', 'NestJS @Cron job'),
    scheduler('@nestjs/schedule', 'Interval', 'NestJS @Interval job'),
    scheduler('@nestjs/schedule', 'Timeout', 'NestJS @Timeout job', { usage: 'runs-once' }),
    scheduler('agenda', 'Agenda#every', 'Agenda recurring job', { optionsArgument: 0, shared: true, sharedNote: AGENDA_NOTE }),
    scheduler('agenda', 'default#every', 'Agenda recurring job', { optionsArgument: 0, shared: true, sharedNote: AGENDA_NOTE }),
    scheduler('bree', 'default', 'Bree job'),
    scheduler('bull', 'default#add', 'Bull repeatable job', { activeWhen: 'repeat', shared: true, sharedNote: BULL_NOTE }),
    scheduler('bullmq', 'Queue#add', 'BullMQ repeatable job', { activeWhen: 'repeat', shared: true, sharedNote: BULLMQ_NOTE }),
    scheduler('bullmq', 'Queue#upsertJobScheduler', 'BullMQ job scheduler', { optionsArgument: 1, shared: true, sharedNote: BULLMQ_NOTE }),
    scheduler('cron', 'CronJob', 'cron CronJob'),
    scheduler('cron', 'CronJob.from', 'cron CronJob'),
    scheduler('croner', 'Cron', 'croner job'),
    scheduler('croner', 'default', 'croner job'),
    scheduler('node-cron', 'schedule', 'node-cron job'),
    scheduler('node-schedule', 'scheduleJob', 'node-schedule job'),
    scheduler('toad-scheduler', 'CronJob', 'toad-scheduler CronJob'),
    scheduler('toad-scheduler', 'LongIntervalJob', 'toad-scheduler LongIntervalJob'),
    scheduler('toad-scheduler', 'SimpleIntervalJob', 'toad-scheduler SimpleIntervalJob'),
  ],
  stores: [],
};
