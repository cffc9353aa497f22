import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  acceptTotp,
  base32Decode,
  base32Encode,
  Base32Error,
  generateRecoveryCodes,
  generateSecret,
  hashRecoveryCode,
  hotp,
  isReplayedStep,
  otpauthUrl,
  totpCode,
  totpStep,
  useRecoveryCode,
  verifyTotp,
} from './totp.ts';

// RFC 6238 appendix B uses the ASCII bytes of '12345678901234567890' as the SHA-1 key.
const RFC_KEY = Buffer.from('12345678901234567890', 'ascii');
const RFC_SECRET = base32Encode(RFC_KEY);

/** RFC 6238 appendix B, SHA-1 rows: time in seconds → 8-digit TOTP. */
const RFC_6238_SHA1: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('base32 (RFC 4648)', () => {
  // RFC 4648 §10 test vectors, padding removed.
  const vectors: [string, string][] = [
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ];

  it.each(vectors)('encodes %j as %s and back', (plain, encoded) => {
    expect(base32Encode(Buffer.from(plain))).toBe(encoded);
    expect(base32Decode(encoded).toString()).toBe(plain);
  });

  it('decodes what people type: lower case, spaces, hyphens, padding', () => {
    expect(base32Decode('mzxw 6ytb-oi======').toString()).toBe('foobar');
  });

  it('refuses characters outside the alphabet', () => {
    expect(() => base32Decode('MZXW1')).toThrow(Base32Error);
    expect(() => base32Decode('MZXW1')).toThrow("'1' is not a base32 character");
  });

  it('round-trips random bytes of every length', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = crypto.randomBytes(n);
      expect(base32Decode(base32Encode(bytes)).equals(bytes)).toBe(true);
    }
  });
});

describe('HOTP and TOTP', () => {
  it('matches RFC 4226 appendix D', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    expect(expected.map((_, counter) => hotp(RFC_KEY, counter))).toEqual(expected);
  });

  it.each(RFC_6238_SHA1)('matches RFC 6238 appendix B at T=%i s (8 digits: %s)', (seconds, code) => {
    expect(hotp(RFC_KEY, totpStep(seconds * 1000), 8)).toBe(code);
    // Authenticator apps show 6 digits: the last six of the same number.
    expect(totpCode(RFC_SECRET, seconds * 1000)).toBe(code.slice(-6));
  });

  it('changes code every 30 seconds', () => {
    expect(totpStep(0)).toBe(0);
    expect(totpStep(29_999)).toBe(0);
    expect(totpStep(30_000)).toBe(1);
    expect(totpCode(RFC_SECRET, 30_000)).toBe(totpCode(RFC_SECRET, 59_999));
    expect(totpCode(RFC_SECRET, 60_000)).not.toBe(totpCode(RFC_SECRET, 59_999));
  });
});

describe('verifyTotp', () => {
  const at = 1111111109 * 1000; // step 37037036, code 081804
  const step = totpStep(at);

  it('accepts the current code and returns its step', () => {
    expect(verifyTotp(RFC_SECRET, '081804', at)).toBe(step);
    expect(verifyTotp(RFC_SECRET, '081 804', at)).toBe(step);
  });

  it('accepts one step of clock drift either way, and no more', () => {
    const previous = totpCode(RFC_SECRET, at - 30_000);
    const next = totpCode(RFC_SECRET, at + 30_000);
    const twoAgo = totpCode(RFC_SECRET, at - 60_000);
    expect(verifyTotp(RFC_SECRET, previous, at)).toBe(step - 1);
    expect(verifyTotp(RFC_SECRET, next, at)).toBe(step + 1);
    expect(verifyTotp(RFC_SECRET, twoAgo, at)).toBeNull();
    expect(verifyTotp(RFC_SECRET, twoAgo, at, 2)).toBe(step - 2);
    expect(verifyTotp(RFC_SECRET, previous, at, 0)).toBeNull();
  });

  it('refuses wrong and malformed codes', () => {
    expect(verifyTotp(RFC_SECRET, '000000', at)).toBeNull();
    expect(verifyTotp(RFC_SECRET, '81804', at)).toBeNull();
    expect(verifyTotp(RFC_SECRET, '07081804', at)).toBeNull();
    expect(verifyTotp(RFC_SECRET, 'abcdef', at)).toBeNull();
    expect(verifyTotp(RFC_SECRET, '', at)).toBeNull();
  });

  it('works with a freshly generated secret', () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
    expect(generateSecret()).not.toBe(secret);
    expect(verifyTotp(secret, totpCode(secret, at), at)).toBe(step);
  });
});

describe('replay protection', () => {
  const at = 59_000;

  it('refuses the same step, or an older one, once a step was used', () => {
    expect(isReplayedStep(5, null)).toBe(false);
    expect(isReplayedStep(5, 4)).toBe(false);
    expect(isReplayedStep(5, 5)).toBe(true);
    expect(isReplayedStep(4, 5)).toBe(true);
  });

  it('accepts a code once and refuses it the second time', () => {
    const first = acceptTotp(RFC_SECRET, '287082', at, null);
    expect(first).toEqual({ ok: true, step: 1 });
    const again = acceptTotp(RFC_SECRET, '287082', at + 10_000, first.ok ? first.step : null);
    expect(again).toEqual({ ok: false, reason: 'replayed' });
    // The previous step's code is also refused once a later step was used.
    const later = totpCode(RFC_SECRET, at + 30_000);
    expect(acceptTotp(RFC_SECRET, later, at + 30_000, 1)).toEqual({ ok: true, step: 2 });
    expect(acceptTotp(RFC_SECRET, '287082', at + 30_000, 2)).toEqual({ ok: false, reason: 'replayed' });
    expect(acceptTotp(RFC_SECRET, '123456', at, null)).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('otpauthUrl', () => {
  it('builds the URL authenticator apps read', () => {
    expect(otpauthUrl('JBSWY3DPEHPK3PXP', 'xiqu01')).toBe(
      'otpauth://totp/Gongfu:xiqu01?secret=JBSWY3DPEHPK3PXP&issuer=Gongfu&algorithm=SHA1&digits=6&period=30',
    );
  });

  it('encodes the label and normalises the secret', () => {
    const url = otpauthUrl('jbsw y3dp ehpk 3pxp', '张三@西区', '共富 平台');
    expect(
      url.startsWith(`otpauth://totp/${encodeURIComponent('共富 平台')}:${encodeURIComponent('张三@西区')}?`),
    ).toBe(true);
    const params = new URL(url).searchParams;
    expect(params.get('secret')).toBe('JBSWY3DPEHPK3PXP');
    expect(params.get('issuer')).toBe('共富 平台');
  });
});

describe('recovery codes', () => {
  it('makes ten distinct codes and stores only their SHA-256', () => {
    const { codes, hashes } = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[A-HJ-KM-NP-Z2-9]{5}-[A-HJ-KM-NP-Z2-9]{5}$/);
    expect(hashes).toEqual(codes.map((c) => crypto.createHash('sha256').update(c.replace('-', '')).digest('hex')));
    expect(generateRecoveryCodes(3).codes).toHaveLength(3);
  });

  it('spends a code once, accepting it however it is typed', () => {
    const { codes, hashes } = generateRecoveryCodes(3);
    const code = codes[1] as string;
    const typed = ` ${code.toLowerCase().replace('-', ' ')} `;
    const rest = useRecoveryCode(typed, hashes);
    expect(rest).toEqual([hashes[0], hashes[2]]);
    expect(useRecoveryCode(code, rest ?? [])).toBeNull();
    expect(useRecoveryCode('AAAAA-AAAAA', hashes)).toBeNull();
    expect(useRecoveryCode(codes[0] as string, rest ?? [])).toEqual([hashes[2]]);
  });

  it('ignores stored entries that are not hashes', () => {
    const { codes } = generateRecoveryCodes(1);
    expect(useRecoveryCode(codes[0] as string, ['', 'zz', hashRecoveryCode(codes[0] as string)])).toEqual(['', 'zz']);
  });
});
