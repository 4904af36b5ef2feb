import { UsageError } from '../shared/errors.js';

/**
 * The date a report carries, `YYYY-MM-DD` in UTC: from SOURCE_DATE_EPOCH (seconds) when it is set,
 * so that the same scan gives the same bytes, else from the clock.
 */
export function reportDate(env: NodeJS.ProcessEnv, now: () => Date = () => new Date()): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return now().toISOString().slice(0, 10);
  if (!/^\d+$/.test(epoch.trim())) throw new UsageError(`SOURCE_DATE_EPOCH must be a whole number of seconds (got '${epoch}')`);
  const date = new Date(Number(epoch.trim()) * 1000);
  if (Number.isNaN(date.getTime())) throw new UsageError(`SOURCE_DATE_EPOCH is out of range (got '${epoch}')`);
  return date.toISOString().slice(0, 10);
}
