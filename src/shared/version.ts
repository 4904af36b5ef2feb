import { readFileSync } from 'node:fs';

/** The tool's name and version from its package.json (found above this module, in src/shared/ or dist/src/shared/). */
export function toolInfo(): { name: string; version: string } {
  for (const relativePath of ['../../package.json', '../../../package.json']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(relativePath, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'hidden-state' && manifest.version) return { name: manifest.name, version: manifest.version };
    } catch {
      // Not at this depth: try the next.
    }
  }
  return { name: 'hidden-state', version: '0.0.0' };
}
