// Does parsing in worker threads pay on this machine? Times the parse-only floor (floor.mjs) over
// one file list in the main thread, then split across os.availableParallelism() worker threads,
// each loading TypeScript itself: whole processes, median of three.
// Standalone: node test/bench/workers.mjs <folder> (after npm run build).
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { scannedFiles } from './files.mjs';
import { measure } from './measure.mjs';

const FLOOR = fileURLToPath(new URL('floor.mjs', import.meta.url));

export function measureFloor(files) {
  const threads = availableParallelism();
  const input = files.join('\n');
  const single = measure([process.execPath, FLOOR], { input });
  const threaded = measure([process.execPath, FLOOR, '--threads', String(threads)], { input });
  return { single, threaded, threads, speedUp: single.seconds / threaded.seconds };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!process.argv[2]) throw new Error('usage: node test/bench/workers.mjs <folder>');
  const files = scannedFiles(process.argv[2]);
  const { single, threaded, threads, speedUp } = measureFloor(files);
  console.log(`${files.length} files: main thread ${single.seconds.toFixed(2)} s, ${threads} worker threads ${threaded.seconds.toFixed(2)} s, speed-up ${speedUp.toFixed(2)}x`);
}
