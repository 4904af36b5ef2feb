// Preloaded (NODE_OPTIONS=--import) into a measured Node process when GNU time is missing: on exit,
// writes the process's user and system CPU seconds and peak resident memory in kilobytes to
// BENCH_USAGE_FILE, as GNU time's `%U %S %M` would.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const { userCPUTime, systemCPUTime, maxRSS } = process.resourceUsage();
  writeFileSync(process.env.BENCH_USAGE_FILE, `${userCPUTime / 1e6} ${systemCPUTime / 1e6} ${maxRSS}\n`);
});
