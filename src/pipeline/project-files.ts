import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { ts } from '../shared/typescript.cjs';
import { readSmallTextFile } from '../shared/small-file.js';

// The files a tsconfig.json or jsconfig.json lists, read without leaving the scanned folders.

/** The nearest tsconfig.json or jsconfig.json in the folder or above it. */
export function findCoveringConfig(folder: string): string | undefined {
  for (let current = folder; ; current = dirname(current)) {
    const config = ownConfig(current);
    if (config) return config;
    if (dirname(current) === current) return undefined;
  }
}

/** The folder's own tsconfig.json, or else jsconfig.json. */
export function ownConfig(folder: string): string | undefined {
  for (const name of ['tsconfig.json', 'jsconfig.json']) {
    const candidate = join(folder, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The files a tsconfig and the projects it references list below `folder`. A solution-style root
 * tsconfig lists few files (often none) and names the code's projects in `references`: its own
 * list alone would leave out nearly everything. Only references inside `folder` are read.
 */
export function filesOfProject(configPath: string, folder: string): { files: string[]; configs: string[] } {
  const files = new Set<string>();
  const configs: string[] = [];
  const pending = [configPath];
  const seen = new Set<string>();
  const prefix = withTrailingSep(folder);
  while (pending.length > 0) {
    const path = resolve(pending.pop()!);
    if (seen.has(path)) continue;
    seen.add(path);
    const parsed = parsedConfig(path, folder);
    if (!parsed) continue;
    configs.push(path);
    for (const file of parsed.fileNames.map((name) => resolve(name))) if (file.startsWith(prefix) || file === folder) files.add(file);
    for (const reference of parsed.projectReferences ?? []) {
      const referenced = resolve(ts.resolveProjectReferencePath(reference));
      if (referenced.startsWith(prefix) && existsSync(referenced)) pending.push(referenced);
    }
  }
  return { files: [...files], configs };
}

/** A tsconfig parsed with its directory listing kept to `folder`; undefined when it cannot be read. */
function parsedConfig(configPath: string, folder: string): ts.ParsedCommandLine | undefined {
  const host: ts.ParseConfigFileHost = {
    ...ts.sys,
    // A tsconfig (or one it extends) that is a FIFO or `/dev/zero` reads as missing, not forever.
    readFile: (path) => readSmallTextFile(path),
    readDirectory: readDirectoryWithin(folder),
    onUnRecoverableConfigFileDiagnostic: () => undefined,
  };
  return ts.getParsedCommandLineOfConfigFile(configPath, { allowJs: undefined }, host);
}

/** TypeScript's own matcher of `include` / `exclude` patterns; internal, so looked up and not required. */
type MatchFiles = (
  path: string,
  extensions: readonly string[] | undefined,
  excludes: readonly string[] | undefined,
  includes: readonly string[] | undefined,
  useCaseSensitiveFileNames: boolean,
  currentDirectory: string,
  depth: number | undefined,
  getFileSystemEntries: (path: string) => { files: readonly string[]; directories: readonly string[] },
  realpath: (path: string) => string,
) => string[];

/**
 * The directory listing of a tsconfig, kept to `folder` and the folders leading to it. A
 * monorepo's root tsconfig includes every package: listing them all to keep one package's files
 * took longer than reading that package (80 ms of a 1.4 s scan of outline's `server/`).
 */
function readDirectoryWithin(folder: string): ts.System['readDirectory'] {
  const matchFiles = (ts as unknown as { matchFiles?: MatchFiles }).matchFiles;
  if (typeof matchFiles !== 'function') return ts.sys.readDirectory;
  const below = withTrailingSep(folder);
  const leadsToFolder = (path: string): boolean => path === folder || path.startsWith(below) || below.startsWith(withTrailingSep(path));
  const entriesOf = (path: string): { files: string[]; directories: string[] } => {
    const absolute = resolve(path);
    return leadsToFolder(absolute) ? fileSystemEntries(absolute) : { files: [], directories: [] };
  };
  const realpath = (path: string): string => ts.sys.realpath?.(path) ?? path;
  return (path, extensions, excludes, includes, depth) =>
    matchFiles(path, extensions, excludes, includes, ts.sys.useCaseSensitiveFileNames, ts.sys.getCurrentDirectory(), depth, entriesOf, realpath);
}

/** Files and folders of a directory, links followed, sorted, as TypeScript's matcher expects them. */
function fileSystemEntries(path: string): { files: string[]; directories: string[] } {
  const files: string[] = [];
  const directories: string[] = [];
  let entries;
  try {
    entries = readdirSync(path, { withFileTypes: true });
  } catch {
    return { files, directories };
  }
  for (const entry of entries) {
    let kind: { isFile(): boolean; isDirectory(): boolean } = entry;
    if (entry.isSymbolicLink()) {
      try {
        kind = statSync(join(path, entry.name));
      } catch {
        continue;
      }
    }
    if (kind.isFile()) files.push(entry.name);
    else if (kind.isDirectory()) directories.push(entry.name);
  }
  return { files: files.sort(), directories: directories.sort() };
}

export function withTrailingSep(path: string): string {
  return path.endsWith(sep) ? path : path + sep;
}
