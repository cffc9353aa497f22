import crypto from 'node:crypto';

/**
 * The second factor: time-based one-time passwords (RFC 6238) as every authenticator app computes them —
 * HMAC-SHA1, 6 digits, 30-second steps — and single-use recovery codes for a lost phone.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const TOTP_DIGITS = 6;
export const TOTP_STEP_SECONDS = 30;

/** A base32 string that is not RFC 4648 base32. */
export class Base32Error extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Base32Error';
  }
}

/**
 * RFC 4648 base32, without the '=' padding (authenticator apps and otpauth URLs leave it out).
 *
 * @example
 * base32Encode(Buffer.from('foobar'))  // → 'MZXW6YTBOI'
 */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * Decodes RFC 4648 base32. Accepts what people type from a screen: lower case, spaces, hyphens and padding.
 * Throws {@link Base32Error} for any other character.
 *
 * @example
 * base32Decode('mzxw 6ytb oi======').toString()  // → 'foobar'
 */
export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s-]/g, '').replace(/=+$/, '');
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of clean) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new Base32Error(`'${ch}' is not a base32 character`);
    buffer = (buffer << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  }
  return Buffer.from(out);
}

/**
 * A new TOTP secret, base32: 20 random bytes, the HMAC-SHA1 key size RFC 4226 recommends.
 * Store it encrypted (FieldCrypto.encrypt): the server needs it in clear to check codes, so a hash will not do.
 *
 * @example
 * generateSecret()  // → 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' (32 characters, different each time)
 */
export function generateSecret(bytes = 20): string {
  return base32Encode(crypto.randomBytes(bytes));
}

/**
 * RFC 4226 HOTP: the one-time code for `counter` under `key`, `digits` long (zero-padded).
 *
 * @example
 * hotp(Buffer.from('12345678901234567890'), 0)  // → '755224'   (RFC 4226 appendix D)
 */
export function hotp(key: Uint8Array, counter: number, digits = TOTP_DIGITS): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = crypto.createHmac('sha1', key).update(message).digest();
  // Dynamic truncation (RFC 4226 §5.3): the low nibble of the last byte says where the 31-bit number starts.
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/**
 * The number of the 30-second step that contains `atMs` (milliseconds since the epoch).
 *
 * @example
 * totpStep(59_000)  // → 1
 */
export function totpStep(atMs: number): number {
  return Math.floor(atMs / 1000 / TOTP_STEP_SECONDS);
}

/**
 * The 6-digit code an authenticator app shows at `atMs` for the base32 `secret`.
 *
 * @example
 * totpCode(base32Encode(Buffer.from('12345678901234567890')), 59_000)  // → '287082'   (RFC 6238 appendix B)
 */
export function totpCode(secret: string, atMs: number): string {
  return hotp(base32Decode(secret), totpStep(atMs));
}

/**
 * Checks a code typed at `atMs`, allowing `window` steps of clock drift either way (1 = ±30 s). Returns the step the
 * code belongs to, or null when it matches none. The caller must refuse a step it has already accepted for this user
 * (see {@link acceptTotp}); otherwise a code seen over a shoulder works twice.
 *
 * @example
 * verifyTotp(secret, '287082', 59_000)  // → 1
 * verifyTotp(secret, '000000', 59_000)  // → null
 */
export function verifyTotp(secret: string, code: string, atMs: number, window = 1): number | null {
  const typed = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(typed)) return null;
  const key = base32Decode(secret);
  const now = totpStep(atMs);
  let matched: number | null = null;
  // Every step in the window is compared, in constant time, so the timing does not say which one matched.
  for (let step = now - window; step <= now + window; step++) {
    if (step < 0) continue;
    if (crypto.timingSafeEqual(Buffer.from(hotp(key, step)), Buffer.from(typed)) && matched === null) matched = step;
  }
  return matched;
}

/**
 * Whether an accepted step is a replay: the same step or an older one than the last accepted for this user.
 * Refusing older steps as well closes the window in which a code from 30 s ago is still valid.
 *
 * @example
 * isReplayedStep(57_000_001, 57_000_001)  // → true
 * isReplayedStep(57_000_002, 57_000_001)  // → false
 * isReplayedStep(57_000_002, null)        // → false   (first use)
 */
export function isReplayedStep(step: number, lastUsedStep: number | null): boolean {
  return lastUsedStep !== null && step <= lastUsedStep;
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: 'invalid' | 'replayed' };

/**
 * {@link verifyTotp} and {@link isReplayedStep} together: what the sign-in needs. On `ok`, store `step` as the user's
 * last used step (`users.totp_last_step`) in the same transaction that completes the sign-in.
 *
 * @example
 * const check = acceptTotp(secret, body.code, clock.now().getTime(), user.totp_last_step);
 * if (!check.ok) throw new AppError('MFA_REQUIRED');
 */
export function acceptTotp(
  secret: string,
  code: string,
  atMs: number,
  lastUsedStep: number | null,
  window = 1,
): TotpCheck {
  const step = verifyTotp(secret, code, atMs, window);
  if (step === null) return { ok: false, reason: 'invalid' };
  if (isReplayedStep(step, lastUsedStep)) return { ok: false, reason: 'replayed' };
  return { ok: true, step };
}

/**
 * The `otpauth://` URL that an authenticator app reads from a QR code.
 *
 * @example
 * otpauthUrl('JBSWY3DPEHPK3PXP', 'xiqu01')
 * // → 'otpauth://totp/Gongfu:xiqu01?secret=JBSWY3DPEHPK3PXP&issuer=Gongfu&algorithm=SHA1&digits=6&period=30'
 */
export function otpauthUrl(secret: string, account: string, issuer = 'Gongfu'): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const params = new URLSearchParams({
    secret: base32Encode(base32Decode(secret)),
    issuer,
    algorithm: 'SHA1',
    digits: String(TOTP_DIGITS),
    period: String(TOTP_STEP_SECONDS),
  });
  return `otpauth://totp/${label}?${params.toString()}`;
}

// Recovery codes: 10 characters from an alphabet without look-alikes (0/O, 1/I/L), shown in two groups of five,
// e.g. 'K7QMZ-P9XTR'.
const RECOVERY_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const RECOVERY_LENGTH = 10;

/** Upper case, without the spaces and hyphens a person may type. */
function normaliseRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

/** SHA-256 (hex) of a normalised recovery code. ~49 random bits each, so an unsalted fast hash is enough. */
export function hashRecoveryCode(code: string): string {
  return crypto.createHash('sha256').update(normaliseRecoveryCode(code)).digest('hex');
}

/**
 * New recovery codes: show `codes` to the user once, store only `hashes` (`users.recovery_codes`, as JSON).
 *
 * @example
 * const { codes, hashes } = generateRecoveryCodes();
 * // codes  → ['K7QMZ-P9XTR', …] (10 of them)
 * // hashes → ['3f1c…', …]
 */
export function generateRecoveryCodes(n = 10): { codes: string[]; hashes: string[] } {
  const codes: string[] = [];
  for (let i = 0; i < n; i++) {
    let raw = '';
    for (let j = 0; j < RECOVERY_LENGTH; j++) raw += RECOVERY_ALPHABET[crypto.randomInt(RECOVERY_ALPHABET.length)];
    codes.push(`${raw.slice(0, 5)}-${raw.slice(5)}`);
  }
  return { codes, hashes: codes.map(hashRecoveryCode) };
}

/**
 * Spends a recovery code: the hashes that remain after removing the one `code` matches, or null when it matches
 * none. Store the returned list; a spent code then no longer works.
 *
 * @example
 * useRecoveryCode('k7qmz p9xtr', hashes)  // → hashes without that code's hash (9 left)
 * useRecoveryCode('K7QMZ-P9XTR', rest)    // → null: already used
 */
export function useRecoveryCode(code: string, hashes: readonly string[]): string[] | null {
  const typed = Buffer.from(hashRecoveryCode(code), 'hex');
  let index = -1;
  hashes.forEach((hash, i) => {
    const stored = Buffer.from(hash, 'hex');
    if (stored.length === typed.length && crypto.timingSafeEqual(stored, typed) && index < 0) index = i;
  });
  if (index < 0) return null;
  return hashes.filter((_, i) => i !== index);
}
