// One collection written from many places: the case where a per-write search made the lock and
// idempotency rules quadratic (2,000 / 4,000 / 8,000 writer files took 3.4 / 9.3 / 31.3 s).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** `count` files that each check, mark and release one shared Map, and a server that imports them all. */
export function writeOneMapManyWriters(folder, count) {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(join(folder, 'src'), { recursive: true });
  writeFileSync(join(folder, 'src/state.ts'), 'export const inProgress = new Map<string, number>();\n');
  const imports = [];
  for (let index = 0; index < count; index++) {
    writeFileSync(
      join(folder, `src/w${index}.ts`),
      `import { inProgress } from './state';\nexport async function run${index}(id: string) {\n  if (inProgress.has(id)) return;\n  inProgress.set(id, ${index});\n  try { await work(); } finally { inProgress.delete(id); }\n}\nasync function work() {}\n`,
    );
    imports.push(`import { run${index} } from './w${index}';`);
  }
  writeFileSync(join(folder, 'src/server.ts'), `${imports.join('\n')}\nexport const all = [${Array.from({ length: count }, (_, index) => `run${index}`).join(', ')}];\n`);
}
