import { describe, expect, it } from 'vitest';
import { analyseSnippet } from './helpers/scan-fixture.js';

/** The properties of the one rate-limit finding of a module. */
function limiterProperties(text: string): Record<string, unknown> | undefined {
  const findings = analyseSnippet(text).filter((finding) => finding.ruleId === 'local-rate-limit');
  expect(findings).toHaveLength(1);
  return findings[0]!.properties;
}

describe('local-rate-limit reads the configured limit and window', () => {
  it('reads express-rate-limit `max` and `windowMs`, evaluating constant arithmetic', () => {
    const properties = limiterProperties([
      "import rateLimit from 'express-rate-limit';",
      'export const limiter = rateLimit({ windowMs: 15 * 60 * 1000, max: 100 });',
    ].join('\n'));
    expect(properties).toEqual({ limit: 100, windowMs: 900_000 });
  });

  it('prefers `limit` over `max` and follows module constants', () => {
    const properties = limiterProperties([
      "import { rateLimit } from 'express-rate-limit';",
      'const MINUTE = 60_000;',
      'const WINDOW = 5 * MINUTE;',
      'export const limiter = rateLimit({ windowMs: (WINDOW), limit: 20, max: 999 });',
    ].join('\n'));
    expect(properties).toEqual({ limit: 20, windowMs: 300_000 });
  });

  it('reads the options through a module constant holding the literal', () => {
    const properties = limiterProperties([
      "import rateLimit from 'express-rate-limit';",
      'const options = { windowMs: 2 ** 10, max: 10 - 4 };',
      'export const limiter = rateLimit(options);',
    ].join('\n'));
    expect(properties).toEqual({ limit: 6, windowMs: 1024 });
  });

  it('converts rate-limiter-flexible `duration` from seconds', () => {
    const properties = limiterProperties([
      "import { RateLimiterMemory } from 'rate-limiter-flexible';",
      'export const loginLimiter = new RateLimiterMemory({ points: 5, duration: 60 * 15 });',
    ].join('\n'));
    expect(properties).toEqual({ limit: 5, windowMs: 900_000 });
  });

  it('reads the first NestJS throttler definition, given as a list or under `throttlers`', () => {
    const list = limiterProperties([
      "import { ThrottlerModule } from '@nestjs/throttler';",
      'export const throttling = ThrottlerModule.forRoot([{ ttl: 60_000, limit: 10 }, { ttl: 1000, limit: 3 }]);',
    ].join('\n'));
    expect(list).toEqual({ limit: 10, windowMs: 60_000 });
    const nested = limiterProperties([
      "import { ThrottlerModule } from '@nestjs/throttler';",
      'export const throttling = ThrottlerModule.forRoot({ throttlers: [{ ttl: 30_000, limit: 50 }] });',
    ].join('\n'));
    expect(nested).toEqual({ limit: 50, windowMs: 30_000 });
  });

  it('attaches the properties to a limiter that is already shared too', () => {
    const findings = analyseSnippet([
      "import rateLimit from 'express-rate-limit';",
      "import { RedisStore } from 'rate-limit-redis';",
      'export const limiter = rateLimit({ windowMs: 60_000, max: 100, store: new RedisStore({}) });',
    ].join('\n'));
    expect(findings.map((finding) => [finding.instanceLocal, finding.properties])).toEqual([[false, { limit: 100, windowMs: 60_000 }]]);
  });

  it('leaves out what is read at run time, and omits properties when nothing is constant', () => {
    const partial = limiterProperties([
      "import rateLimit from 'express-rate-limit';",
      'let windowMs = 60_000;',
      'export const limiter = rateLimit({ windowMs, max: Number(process.env.RATE_MAX) || 100 });',
    ].join('\n'));
    expect(partial).toBeUndefined();
    const windowOnly = limiterProperties([
      "import rateLimit from 'express-rate-limit';",
      'export const limiter = rateLimit({ windowMs: 60_000, max: config.max });',
    ].join('\n'));
    expect(windowOnly).toEqual({ windowMs: 60_000 });
  });

  it('gives no properties to a limiter without limit options in the catalogue', () => {
    const properties = limiterProperties([
      "import { RateLimiter } from 'limiter';",
      "export const limiter = new RateLimiter({ tokensPerInterval: 150, interval: 'hour' });",
    ].join('\n'));
    expect(properties).toBeUndefined();
  });
});
