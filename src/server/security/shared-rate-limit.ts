import type { Clock } from '../clock.ts';
import type { RateLimitResult } from './rate-limit.ts';
import type { SharedStateRepository } from './shared-state.repository.ts';

/** How often one server drops the windows whose hits have all left. */
const SWEEP_EVERY_MS = 60_000;

/**
 * The sign-in rate limit kept in the database (migration 0013), so that several servers count together: the same
 * sliding window as {@link RateLimiter} (at most `limit` hits per key in any `windowMs`; a refused hit is not
 * counted), stored per key and changed under the key's row lock (src/server/security/shared-state.repository.ts).
 *
 * @example
 * const perAccount = new StoredRateLimiter({ limit: 10, windowMs: 600_000, clock, repo });
 * (await perAccount.hit('acct:xiqu')).allowed  // → true, ten times in ten minutes, whichever server is asked
 */
export class StoredRateLimiter {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly clock: Clock;
  private readonly repo: SharedStateRepository;
  private lastSweepMs = 0;

  constructor(options: { limit: number; windowMs: number; clock: Clock; repo: SharedStateRepository }) {
    if (!Number.isInteger(options.limit) || options.limit < 1) throw new RangeError('limit must be a positive integer');
    if (!(options.windowMs > 0)) throw new RangeError('windowMs must be positive');
    this.limit = options.limit;
    this.windowMs = options.windowMs;
    this.clock = options.clock;
    this.repo = options.repo;
  }

  async hit(key: string): Promise<RateLimitResult> {
    const now = this.clock.now().getTime();
    await this.sweep(now);
    return this.repo.withWindow(key, (stored) => {
      const times = this.live(stored, now);
      if (times.length >= this.limit)
        return { hits: times, expiresAt: this.expiry(times), result: this.refusal(times, now) };
      times.push(now);
      return {
        hits: times,
        expiresAt: this.expiry(times),
        result: { allowed: true, remaining: this.limit - times.length, retryAfterSeconds: 0 },
      };
    });
  }

  /** Takes back the latest counted hit of `key` (a sign-in with the right password is not a guess). */
  async refund(key: string): Promise<void> {
    const now = this.clock.now().getTime();
    await this.repo.withWindow(key, (stored) => {
      const times = this.live(stored, now);
      times.pop();
      return { hits: times, expiresAt: this.expiry(times), result: undefined };
    });
  }

  async peek(key: string): Promise<RateLimitResult> {
    const now = this.clock.now().getTime();
    const times = this.live(await this.repo.window(key), now);
    if (times.length >= this.limit) return this.refusal(times, now);
    return { allowed: true, remaining: this.limit - times.length, retryAfterSeconds: 0 };
  }

  async reset(key: string): Promise<void> {
    await this.repo.deleteWindow(key);
  }

  private live(times: number[], now: number): number[] {
    return times.filter((t) => t > now - this.windowMs).sort((x, y) => x - y);
  }

  private expiry(times: readonly number[]): string {
    return new Date((times[times.length - 1] ?? 0) + this.windowMs).toISOString();
  }

  private refusal(times: readonly number[], now: number): RateLimitResult {
    const oldest = times[0] as number;
    return {
      allowed: false,
      remaining: 0,
      retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000)),
    };
  }

  private async sweep(now: number): Promise<void> {
    if (now - this.lastSweepMs < SWEEP_EVERY_MS && now >= this.lastSweepMs) return;
    this.lastSweepMs = now;
    await this.repo.deleteExpiredWindows(new Date(now).toISOString());
  }
}
