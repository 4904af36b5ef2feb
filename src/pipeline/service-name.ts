import { statSync } from 'node:fs';
import { readSmallTextFile } from '../shared/small-file.js';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';

/**
 * The scanned service's name, for report headers: the `name` of the nearest package.json in the
 * scanned folder or above it (not above the working directory), else the folder's name.
 */
export function serviceNameOf(path: string, cwd: string): string {
  const absolute = resolve(cwd, path);
  const folder = isFile(absolute) ? dirname(absolute) : absolute;
  for (let current = folder; ; current = dirname(current)) {
    const name = packageName(join(current, 'package.json'));
    if (name) return name;
    if (current === cwd || !isInside(current, cwd) || dirname(current) === current) break;
  }
  return basename(folder) || folder;
}

function packageName(manifest: string): string | undefined {
  const text = readSmallTextFile(manifest);
  if (text === undefined) return undefined;
  try {
    const { name } = (JSON.parse(text) ?? {}) as { name?: unknown };
    return typeof name === 'string' && name.trim() ? name.trim() : undefined;
  } catch {
    // A broken manifest names nothing; the folder name will do.
    return undefined;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isInside(path: string, folder: string): boolean {
  const relativePath = relative(folder, path);
  return relativePath !== '' && !relativePath.startsWith('..') && !isAbsolute(relativePath);
}
