import { describe, expect, it } from 'vitest';
import { TestClock } from '../clock.ts';
import { RateLimiter, SIGN_IN_PER_ACCOUNT, SIGN_IN_PER_ADDRESS } from './rate-limit.ts';

const MINUTE = 60_000;

describe('RateLimiter', () => {
  it('allows `limit` hits in the window, then says how long to wait', () => {
    const clock = new TestClock('2024-05-01T09:00:00Z');
    const limiter = new RateLimiter({ limit: 3, windowMs: MINUTE, clock });
    expect(limiter.hit('10.0.0.7')).toEqual({ allowed: true, remaining: 2, retryAfterSeconds: 0 });
    clock.advance(10_000);
    expect(limiter.hit('10.0.0.7')).toEqual({ allowed: true, remaining: 1, retryAfterSeconds: 0 });
    clock.advance(10_000);
    expect(limiter.hit('10.0.0.7')).toEqual({ allowed: true, remaining: 0, retryAfterSeconds: 0 });
    clock.advance(5_000);
    // The first hit (at 0 s) leaves the window at 60 s; it is now 25 s.
    expect(limiter.hit('10.0.0.7')).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 35 });
  });

  it('slides: each hit leaves the window a full window after it was made', () => {
    const clock = new TestClock('2024-05-01T09:00:00Z');
    const limiter = new RateLimiter({ limit: 2, windowMs: MINUTE, clock });
    limiter.hit('k'); // 0 s
    clock.advance(40_000);
    limiter.hit('k'); // 40 s
    expect(limiter.hit('k').allowed).toBe(false);
    clock.advance(20_000); // 60 s: the first hit has left
    expect(limiter.hit('k')).toMatchObject({ allowed: true, remaining: 0 });
    expect(limiter.hit('k')).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 40 });
    clock.advance(40_000); // 100 s: the 40 s hit has left
    expect(limiter.hit('k').allowed).toBe(true);
  });

  it('does not count refused hits, so hammering does not extend the wait', () => {
    const clock = new TestClock('2024-05-01T09:00:00Z');
    const limiter = new RateLimiter({ limit: 1, windowMs: MINUTE, clock });
    limiter.hit('k');
    for (let i = 0; i < 50; i++) {
      clock.advance(1_000);
      expect(limiter.hit('k').allowed).toBe(false);
    }
    clock.advance(10_000);
    expect(limiter.hit('k').allowed).toBe(true);
  });

  it('keeps keys apart', () => {
    const clock = new TestClock('2024-05-01T09:00:00Z');
    const limiter = new RateLimiter({ limit: 1, windowMs: MINUTE, clock });
    expect(limiter.hit('account:xiqu01').allowed).toBe(true);
    expect(limiter.hit('account:xiqu01').allowed).toBe(false);
    expect(limiter.hit('account:dongqu01').allowed).toBe(true);
  });

  it('rounds the wait up and never answers 0 when refusing', () => {
    const clock = new TestClock('2024-05-01T09:00:00Z');
    const limiter = new RateLimiter({ limit: 1, windowMs: 1_500, clock });
    limiter.hit('k');
    clock.advance(1_499);
    expect(limiter.hit('k').retryAfterSeconds).toBe(1);
  });

  it('peeks without counting, and forgets a key on reset', () => {
    const clock = new TestClock('2024-05-01T09:00:00Z');
    const limiter = new RateLimiter({ limit: 2, windowMs: MINUTE, clock });
    expect(limiter.peek('k')).toEqual({ allowed: true, remaining: 2, retryAfterSeconds: 0 });
    expect(limiter.size).toBe(0);
    limiter.hit('k');
    limiter.hit('k');
    expect(limiter.peek('k').allowed).toBe(false);
    limiter.reset('k');
    expect(limiter.hit('k')).toMatchObject({ allowed: true, remaining: 1 });
  });

  it('bounds its memory: expired keys go first, then the least recently hit', () => {
    const clock = new TestClock('2024-05-01T09:00:00Z');
    const limiter = new RateLimiter({ limit: 1, windowMs: MINUTE, clock, maxKeys: 3 });
    limiter.hit('old-1');
    limiter.hit('old-2');
    clock.advance(2 * MINUTE);
    limiter.hit('a');
    limiter.hit('b'); // 4 keys > 3: 'old-1' (expired) goes
    expect(limiter.size).toBe(3);
    limiter.hit('c'); // 'old-2' (expired) goes
    expect(limiter.size).toBe(3);
    limiter.hit('d'); // nothing expired: the least recently hit, 'a', goes
    expect(limiter.size).toBe(3);
    expect(limiter.hit('a').allowed).toBe(true); // forgotten, so allowed again
    expect(limiter.hit('d').allowed).toBe(false); // remembered
  });

  it('stays within maxKeys under a spray of addresses', () => {
    const clock = new TestClock('2024-05-01T09:00:00Z');
    const limiter = new RateLimiter({ limit: 5, windowMs: MINUTE, clock, maxKeys: 100 });
    for (let i = 0; i < 10_000; i++) limiter.hit(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`);
    expect(limiter.size).toBe(100);
  });

  it('refuses nonsensical settings', () => {
    const clock = new TestClock('2024-05-01T09:00:00Z');
    expect(() => new RateLimiter({ limit: 0, windowMs: MINUTE, clock })).toThrow(RangeError);
    expect(() => new RateLimiter({ limit: 1.5, windowMs: MINUTE, clock })).toThrow(RangeError);
    expect(() => new RateLimiter({ limit: 1, windowMs: 0, clock })).toThrow(RangeError);
  });

  it('offers sign-in limits tighter per account than per address', () => {
    expect(SIGN_IN_PER_ACCOUNT.limit).toBeLessThan(SIGN_IN_PER_ADDRESS.limit);
  });
});

describe('RateLimiter.refund', () => {
  it('takes back the latest hit, so refunded attempts never use up the allowance', () => {
    const clock = new TestClock('2024-11-05T00:00:00Z');
    const limiter = new RateLimiter({ limit: 2, windowMs: 60_000, clock });
    for (let i = 0; i < 50; i++) {
      expect(limiter.hit('room').allowed).toBe(true);
      limiter.refund('room');
    }
    expect(limiter.hit('room').allowed).toBe(true);
    expect(limiter.hit('room').allowed).toBe(true);
    expect(limiter.hit('room').allowed).toBe(false);
    limiter.refund('nobody');
  });
});
