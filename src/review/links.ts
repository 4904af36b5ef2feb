import { UsageError } from '../shared/errors.js';
import type { ReviewContext } from './review.js';

const PLACEHOLDER = /\{([a-z]+)\}/g;
const KNOWN = new Set(['commit', 'branch', 'path', 'line']);

/**
 * A `--link-template` checked: an http(s) URL with `{path}`, and no placeholder but `{commit}`,
 * `{branch}`, `{path}` and `{line}`. Returned as given.
 */
export function checkLinkTemplate(template: string): string {
  if (!/^https?:\/\/\S+$/.test(template)) throw new UsageError(`--link-template must be an http or https URL without spaces (got '${template}')`);
  const names = [...template.matchAll(PLACEHOLDER)].map((match) => match[1]!);
  const unknown = names.find((name) => !KNOWN.has(name));
  if (unknown !== undefined) throw new UsageError(`--link-template: unknown placeholder {${unknown}} (use {commit}, {branch}, {path} and {line})`);
  if (!names.includes('path')) throw new UsageError('--link-template needs {path}, e.g. https://github.com/org/repo/blob/{commit}/{path}#L{line}');
  return template;
}

/**
 * The link to a line of a file, from the review's link template; undefined without a template,
 * when the template names a commit or branch the checkout does not have, or for a file outside
 * the repository.
 */
export function linkTo(context: ReviewContext, file: string, line: number): string | undefined {
  const template = context.linkTemplate;
  if (template === undefined) return undefined;
  const path = repositoryPath(`${context.checkout?.prefix ?? ''}${file}`);
  if (path === undefined) return undefined;
  const values: Record<string, string | undefined> = {
    commit: context.checkout?.commit,
    branch: context.checkout?.branch && context.checkout.branch.split('/').map(encodeURIComponent).join('/'),
    path: path.split('/').map(encodeURIComponent).join('/'),
    line: String(line),
  };
  let missing = false;
  const url = template.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    if (value === undefined) missing = true;
    return value ?? '';
  });
  return missing ? undefined : escapeUrl(url);
}

/**
 * A URL with the characters that could end a Markdown link or an HTML attribute early, or break a
 * table cell, percent-encoded (encodeURIComponent leaves ( ) ' ! * as they are).
 */
export function escapeUrl(url: string): string {
  return url.replace(/[\s()'!*<>"`|\\[\]]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** A `--report-url` checked: an http or https URL. */
export function checkReportUrl(url: string): string {
  if (!/^https?:\/\/\S+$/.test(url)) throw new UsageError(`--report-url must be an http or https URL without spaces (got '${url}')`);
  return url;
}

/** A `/` path with `.` and `..` resolved; undefined when it leads above its start. */
function repositoryPath(path: string): string | undefined {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}
