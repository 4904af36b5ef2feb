import { UsageError } from '../shared/errors.js';

/** Parsers for numeric command-line options: a clear one-line error for anything else. */

export function parseWholeNumber(flag: string): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(value) || value < 1) throw new UsageError(`${flag} must be a whole number, 1 or more (got '${text}')`);
    return value;
  };
}

export function parsePositiveNumber(flag: string): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || value <= 0) throw new UsageError(`${flag} must be a number above 0 (got '${text}')`);
    return value;
  };
}

/** A share from 0 to 1; `30%` is accepted too. */
export function parseRatio(flag: string): (text: string) => number {
  return (text) => {
    const percent = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(text);
    const value = percent ? Number(percent[1]) / 100 : Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) throw new UsageError(`${flag} must be a share from 0 to 1, such as 0.3 or 30% (got '${text}')`);
    return value;
  };
}
