import type { Clock } from '../clock.ts';

/**
 * An in-memory sliding-window rate limiter: at most `limit` hits per key in any `windowMs`. It lives in one process;
 * the server's own limits (sign-in per address and per account, API tokens) use {@link StoredRateLimiter}
 * (src/server/security/shared-rate-limit.ts: the same window, kept in the database so that several servers count
 * together). The result type and the suggested sign-in limits below are shared by both.
 */

export interface RateLimitOptions {
  /** Hits allowed in any window. */
  limit: number;
  windowMs: number;
  clock: Clock;
  /**
   * Most keys remembered. Past this, keys whose window has passed are dropped first, then the least recently hit:
   * an attacker spraying addresses can make the limiter forget, but never make the server run out of memory.
   */
  maxKeys?: number;
}

export interface RateLimitResult {
  allowed: boolean;
  /** Hits left in the current window after this one. */
  remaining: number;
  /** 0 when allowed; otherwise seconds until the next hit would be allowed (for the Retry-After header). */
  retryAfterSeconds: number;
}

/**
 * Suggested limits for sign-in: per address they count failed attempts only (a successful sign-in is refunded), so a
 * training room of fifty behind one NAT address passes while a guessing run is stopped; tight for one account.
 */
export const SIGN_IN_PER_ADDRESS = { limit: 30, windowMs: 10 * 60_000 } as const;
export const SIGN_IN_PER_ACCOUNT = { limit: 10, windowMs: 10 * 60_000 } as const;

/**
 * @example
 * const perAddress = new RateLimiter({ ...SIGN_IN_PER_ADDRESS, clock });
 * const r = perAddress.hit(request.ip);
 * if (!r.allowed) { reply.header('Retry-After', String(r.retryAfterSeconds)); throw new AppError('RATE_LIMITED'); }
 */
export class RateLimiter {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly clock: Clock;
  private readonly maxKeys: number;
  /**
   * Times (ms) of the allowed hits in the window, oldest first, at most `limit` of them: memory per key is bounded.
   * The Map's insertion order is kept as recency order (a hit moves its key to the end).
   */
  private readonly hits = new Map<string, number[]>();

  constructor(options: RateLimitOptions) {
    if (!Number.isInteger(options.limit) || options.limit < 1) throw new RangeError('limit must be a positive integer');
    if (!(options.windowMs > 0)) throw new RangeError('windowMs must be positive');
    this.limit = options.limit;
    this.windowMs = options.windowMs;
    this.clock = options.clock;
    this.maxKeys = options.maxKeys ?? 10_000;
  }

  /**
   * Counts one attempt for `key` and says whether it may go ahead. A refused attempt is not counted, so a client that
   * keeps hammering is let through again as soon as its oldest counted hit leaves the window.
   *
   * @example
   * // limit 3 per minute
   * limiter.hit('10.0.0.7')  // → { allowed: true, remaining: 2, retryAfterSeconds: 0 }
   * limiter.hit('10.0.0.7'); limiter.hit('10.0.0.7');
   * limiter.hit('10.0.0.7')  // → { allowed: false, remaining: 0, retryAfterSeconds: 60 }
   */
  hit(key: string): RateLimitResult {
    const now = this.clock.now().getTime();
    const times = this.live(key, now);
    if (times.length >= this.limit) return this.refusal(times, now);
    times.push(now);
    this.hits.delete(key);
    this.hits.set(key, times);
    this.evict(now);
    return { allowed: true, remaining: this.limit - times.length, retryAfterSeconds: 0 };
  }

  /**
   * Takes back the latest counted hit of `key`: the attempt turned out not to be what the limit is about (a sign-in
   * with the right password is not a guess), so it does not use up the allowance of everyone behind the address.
   *
   * @example
   * limiter.hit('10.0.0.7'); limiter.refund('10.0.0.7');  // as if the hit had not happened
   */
  refund(key: string): void {
    const times = this.hits.get(key);
    if (!times || times.length === 0) return;
    times.pop();
    if (times.length === 0) this.hits.delete(key);
  }

  /** What {@link hit} would answer, without counting anything. */
  peek(key: string): RateLimitResult {
    const now = this.clock.now().getTime();
    const times = this.live(key, now);
    if (times.length >= this.limit) return this.refusal(times, now);
    return { allowed: true, remaining: this.limit - times.length, retryAfterSeconds: 0 };
  }

  /** Forgets `key`, e.g. an account's count after its password was reset by an administrator. */
  reset(key: string): void {
    this.hits.delete(key);
  }

  /** How many keys are remembered (for tests and metrics). */
  get size(): number {
    return this.hits.size;
  }

  /** A refusal, with the wait until the oldest counted hit leaves the window. */
  private refusal(times: readonly number[], now: number): RateLimitResult {
    const oldest = times[0] as number;
    return {
      allowed: false,
      remaining: 0,
      retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000)),
    };
  }

  /** The hits of `key` still inside the window at `now` (it trims the stored array in place). */
  private live(key: string, now: number): number[] {
    const times = this.hits.get(key) ?? [];
    let expired = 0;
    while (expired < times.length && (times[expired] as number) <= now - this.windowMs) expired++;
    if (expired > 0) times.splice(0, expired);
    return times;
  }

  private evict(now: number): void {
    if (this.hits.size <= this.maxKeys) return;
    // First whatever has fully expired (cheap: least recently hit first, so stop at the first live one)…
    for (const [key, times] of this.hits) {
      if (this.hits.size <= this.maxKeys) return;
      const newest = times[times.length - 1];
      if (newest !== undefined && newest > now - this.windowMs) break;
      this.hits.delete(key);
    }
    // …then, if still too many, the least recently hit.
    for (const key of this.hits.keys()) {
      if (this.hits.size <= this.maxKeys) return;
      this.hits.delete(key);
    }
  }
}
