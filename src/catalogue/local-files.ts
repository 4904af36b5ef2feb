/** Writes to the local disk: file-system calls, upload middleware, databases kept in a local file; and upload storage that sends files elsewhere. */
import { sourceMaker, type LibraryFamily } from './family.js';
import type { StateSource } from './types.js';

const diskWrite = sourceMaker('local-disk-write', 'local-disk');

/** A SQLite database is a file: `new Database('app.db')`, `open({ filename })`. */
const SQLITE_FILE_ARGUMENT: Partial<StateSource> = { databaseFile: { argument: 0 } };
/** NeDB keeps a datastore in the file its `filename` option names, in memory without one. */
const NEDB_FILE: Partial<StateSource> = { databaseFile: { option: 'filename', memoryWithout: true } };
const FS_WRITES = [
  'appendFile', 'appendFileSync', 'copyFile', 'copyFileSync', 'cp', 'cpSync', 'createWriteStream',
  'rename', 'renameSync', 'writeFile', 'writeFileSync',
];
const FS_EXTRA_WRITES = ['copy', 'copySync', 'move', 'moveSync', 'outputFile', 'outputFileSync', 'outputJson', 'outputJsonSync', 'writeJson', 'writeJsonSync'];

export const LOCAL_FILES: LibraryFamily = {
  sources: [
    diskWrite('@seald-io/nedb', 'default', 'NeDB datastore', NEDB_FILE),
    diskWrite('better-sqlite3', 'default', 'better-sqlite3', SQLITE_FILE_ARGUMENT),
    diskWrite('formidable', 'default', 'formidable', { activeWhen: 'uploadDir' }),
    diskWrite('formidable', 'IncomingForm', 'formidable', { activeWhen: 'uploadDir' }),
    diskWrite('formidable', 'formidable', 'formidable', { activeWhen: 'uploadDir' }),
    diskWrite('level', 'Level', 'LevelDB database', SQLITE_FILE_ARGUMENT),
    diskWrite('lowdb/adapters/FileSync', 'default', 'lowdb FileSync', SQLITE_FILE_ARGUMENT),
    diskWrite('lowdb/node', 'JSONFile', 'lowdb JSON file', SQLITE_FILE_ARGUMENT),
    diskWrite('lowdb/node', 'JSONFilePreset', 'lowdb JSON file', SQLITE_FILE_ARGUMENT),
    diskWrite('lowdb/node', 'DataFile', 'lowdb data file', SQLITE_FILE_ARGUMENT),
    diskWrite('multer', 'default', 'multer', { activeWhen: 'dest', storageOption: 'storage' }),
    diskWrite('multer', 'diskStorage', 'multer diskStorage'),
    diskWrite('nedb', 'default', 'NeDB datastore', NEDB_FILE),
    diskWrite('sqlite', 'open', 'sqlite open', { databaseFile: { option: 'filename' } }),
    diskWrite('sqlite3', 'Database', 'sqlite3 Database', SQLITE_FILE_ARGUMENT),
    diskWrite('write-file-atomic', 'default', 'write-file-atomic', { runtimeOnly: true }),
    diskWrite('write-file-atomic', 'sync', 'write-file-atomic sync', { runtimeOnly: true }),
    ...fsWrites(),
  ],
  stores: [
    { module: 'multer-s3', export: '*', note: 'uploads go to S3 via multer-s3: no file stays on the instance' },
    { module: 'multer-storage-cloudinary', export: '*', note: 'uploads go to Cloudinary: no file stays on the instance' },
  ],
};

/** Node's file-system writes under every name they are imported by (callback, sync, promises), and fs-extra's. */
function fsWrites(): StateSource[] {
  const sources: StateSource[] = [];
  for (const module of ['fs', 'node:fs', 'graceful-fs']) {
    for (const name of FS_WRITES) sources.push(diskWrite(module, name, `fs.${name}`, { runtimeOnly: true }));
    for (const name of FS_WRITES) sources.push(diskWrite(module, `promises.${name}`, `fs.promises.${name}`, { runtimeOnly: true }));
  }
  for (const module of ['fs/promises', 'node:fs/promises']) {
    for (const name of FS_WRITES) sources.push(diskWrite(module, name, `fs/promises ${name}`, { runtimeOnly: true }));
  }
  for (const name of [...FS_WRITES, ...FS_EXTRA_WRITES]) sources.push(diskWrite('fs-extra', name, `fs-extra ${name}`, { runtimeOnly: true }));
  return sources;
}
