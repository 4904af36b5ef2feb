// Preloaded (NODE_OPTIONS=--import) into a measured Node process when GNU time is missing: writes the
// process's peak resident memory, in kilobytes as GNU time's %M does, to BENCH_RSS_FILE on exit.
import { writeFileSync } from 'node:fs';

process.on('exit', () => writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));
