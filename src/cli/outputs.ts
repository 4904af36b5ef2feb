import { normalize } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { FORMATS, type Format } from '../reporters/index.js';
import { didYouMean } from '../shared/did-you-mean.js';
import { UsageError } from '../shared/errors.js';

/** One report a run writes: a format, and the file it goes to (stdout when there is none). */
export interface OutputRequest {
  format: Format;
  file?: string;
}

/** The flags that choose the outputs: `-f` and `-o` (each repeatable, paired in order) and `--output-format name=file`. */
export interface OutputFlags {
  format?: Format[];
  output?: string[];
  outputFormat?: OutputRequest[];
}

/** `-f` may be given several times; each value must be a format (commander words the error). */
export function collectFormat(value: string, previous: Format[] | undefined): Format[] {
  if (!(FORMATS as string[]).includes(value)) throw new InvalidArgumentError(`Allowed choices are ${FORMATS.join(', ')}.`);
  return [...(previous ?? []), value as Format];
}

/** `-o` may be given several times, one file for each `-f`. */
export function collectOutput(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** `--output-format sarif=hidden-state.sarif`: a format and the file it is written to. */
export function collectOutputFormat(value: string, previous: OutputRequest[] | undefined): OutputRequest[] {
  const equals = value.indexOf('=');
  const name = equals < 0 ? value : value.slice(0, equals);
  const file = equals < 0 ? '' : value.slice(equals + 1);
  if (!(FORMATS as string[]).includes(name)) {
    throw new UsageError(`--output-format ${value}: unknown format '${name}'${didYouMean(name, FORMATS)} (allowed: ${FORMATS.join(', ')})`);
  }
  if (file === '') throw new UsageError(`--output-format ${value}: give the file after '=' (--output-format ${name}=<file>)`);
  return [...(previous ?? []), { format: name as Format, file }];
}

/**
 * The outputs of a run. One `-f` and one `-o` (either may be absent) are one output, as they
 * always were: the table on stdout by default. Several are paired by position (`-f sarif -o
 * a.sarif -f markdown -o b.md`) and each needs its file. `--output-format name=file` adds a file;
 * when `-f` and `-o` name nothing, the table stays on stdout beside those files.
 */
export function planOutputs(flags: OutputFlags): OutputRequest[] {
  const formats = flags.format ?? [];
  const files = flags.output ?? [];
  const extra = flags.outputFormat ?? [];
  let paired: OutputRequest[];
  if (formats.length <= 1 && files.length <= 1) {
    paired = [{ format: formats[0] ?? 'table', ...(files[0] !== undefined ? { file: files[0] } : {}) }];
  } else if (formats.length > files.length) {
    const format = formats[files.length]!;
    throw new UsageError(`-f ${format} has no file: with several formats, give each its -o in the same order (-f sarif -o a.sarif -f markdown -o b.md), or use --output-format ${format}=<file>`);
  } else if (files.length > formats.length) {
    throw new UsageError(`-o ${files[formats.length]!} has no format: with several files, give each its -f in the same order (-f sarif -o a.sarif -f markdown -o b.md)`);
  } else {
    paired = formats.map((format, index) => ({ format, file: files[index]! }));
  }
  const outputs = [...paired, ...extra];
  const seen = new Set<string>();
  for (const { file } of outputs) {
    if (file === undefined) continue;
    const key = normalize(file);
    if (seen.has(key)) throw new UsageError(`two outputs would write ${file}: give each format its own file`);
    seen.add(key);
  }
  return outputs;
}
