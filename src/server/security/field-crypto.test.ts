import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../config.ts';
import {
  FieldCrypto,
  FieldDecryptError,
  loadFieldKeys,
  maskBankAccount,
  maskIdNumber,
  maskName,
  maskPhone,
  normaliseForIndex,
  type FieldKeys,
} from './field-crypto.ts';

const key = (seed: string) => crypto.createHash('sha256').update(seed).digest();
const b64 = (seed: string) => key(seed).toString('base64');

function keys(overrides: Partial<FieldKeys> = {}): FieldKeys {
  return {
    currentKeyId: 'v1',
    keys: new Map([['v1', key('field-1')]]),
    indexKey: key('index-1'),
    source: 'environment',
    notice: null,
    ...overrides,
  };
}

const ID = '510402199001011234';

describe('FieldCrypto', () => {
  const fc = new FieldCrypto(keys());

  it('round-trips Chinese and ASCII values', () => {
    for (const value of [ID, '13812345678', '张三丰', '', '四川省攀枝花市西区格里坪镇 12 号']) {
      expect(fc.decrypt(fc.encrypt(value))).toBe(value);
    }
  });

  it('writes "<key id>:" + base64(12-byte IV | 16-byte tag | ciphertext)', () => {
    const stored = fc.encrypt(ID);
    expect(stored).toMatch(/^v1:[A-Za-z0-9+/]+=*$/);
    const raw = Buffer.from(stored.slice(3), 'base64');
    expect(raw.length).toBe(12 + 16 + Buffer.byteLength(ID));
    expect(stored).not.toContain(ID);
  });

  it('encrypts the same value differently each time (random IV)', () => {
    expect(fc.encrypt(ID)).not.toBe(fc.encrypt(ID));
  });

  it('detects a flipped byte anywhere: IV, tag or ciphertext', () => {
    const stored = fc.encrypt(ID);
    const raw = Buffer.from(stored.slice(3), 'base64');
    for (const position of [0, 11, 12, 27, 28, raw.length - 1]) {
      const tampered = Buffer.from(raw);
      tampered[position] = (tampered[position] as number) ^ 0x01;
      const error = (() => {
        try {
          fc.decrypt(`v1:${tampered.toString('base64')}`);
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(error).toBeInstanceOf(FieldDecryptError);
      expect((error as FieldDecryptError).reason).toBe('integrity');
      expect((error as FieldDecryptError).message).toBe(
        "Encrypted field value failed its integrity check under key 'v1': it was altered, or encrypted with a different key",
      );
    }
  });

  it('fails with a wrong key under the same id', () => {
    const other = new FieldCrypto(keys({ keys: new Map([['v1', key('another key')]]) }));
    expect(() => other.decrypt(fc.encrypt(ID))).toThrow(/failed its integrity check/);
  });

  it('says when the key id is not configured, or the value is not ours', () => {
    const v2only = new FieldCrypto(keys({ currentKeyId: 'v2', keys: new Map([['v2', key('field-2')]]) }));
    expect(() => v2only.decrypt(fc.encrypt(ID))).toThrow(
      expect.objectContaining({ reason: 'unknownKey', keyId: 'v1' }),
    );
    expect(() => fc.decrypt(ID)).toThrow(expect.objectContaining({ reason: 'malformed' }));
    expect(() => fc.decrypt('v1:AAAA')).toThrow(expect.objectContaining({ reason: 'malformed' }));
    expect(() => fc.decrypt(':AAAA')).toThrow(expect.objectContaining({ reason: 'malformed' }));
  });

  it('binds a value to its context when one is given', () => {
    const stored = fc.encrypt(ID, 'household_members.id_number');
    expect(fc.decrypt(stored, 'household_members.id_number')).toBe(ID);
    expect(() => fc.decrypt(stored, 'household_members.phone')).toThrow(
      expect.objectContaining({ reason: 'integrity' }),
    );
    expect(() => fc.decrypt(stored)).toThrow(FieldDecryptError);
  });

  it('rotates keys: old values still decrypt and can be re-encrypted under the new key', () => {
    const old = fc.encrypt(ID);
    const rotated = new FieldCrypto(
      keys({
        currentKeyId: 'v2',
        keys: new Map([
          ['v2', key('field-2')],
          ['v1', key('field-1')],
        ]),
      }),
    );
    expect(rotated.decrypt(old)).toBe(ID);
    expect(rotated.needsReencryption(old)).toBe(true);
    const again = rotated.reencrypt(old);
    expect(again.startsWith('v2:')).toBe(true);
    expect(rotated.needsReencryption(again)).toBe(false);
    expect(rotated.decrypt(again)).toBe(ID);
  });

  it('refuses keys whose current id has no key', () => {
    expect(() => new FieldCrypto(keys({ currentKeyId: 'v9' }))).toThrow("No key with the current id 'v9'");
  });
});

describe('blindIndex', () => {
  const fc = new FieldCrypto(keys());

  it('is stable, and ignores case, surrounding spaces and full-width digits', () => {
    const index = fc.blindIndex('51040219900101123X');
    expect(index).toMatch(/^[0-9a-f]{64}$/);
    expect(fc.blindIndex('51040219900101123X')).toBe(index);
    expect(fc.blindIndex(' 51040219900101123x ')).toBe(index);
    expect(fc.blindIndex('５１０４０２１９９００１０１１２３ｘ')).toBe(index);
    expect(normaliseForIndex(' ５１x ')).toBe('51X');
  });

  it('differs between values and between index keys', () => {
    expect(fc.blindIndex(ID)).not.toBe(fc.blindIndex('510402199001011235'));
    const other = new FieldCrypto(keys({ indexKey: key('index-2') }));
    expect(other.blindIndex(ID)).not.toBe(fc.blindIndex(ID));
  });

  it('is the HMAC-SHA256 of the normalised value, not a plain hash', () => {
    expect(fc.blindIndex(ID)).toBe(crypto.createHmac('sha256', key('index-1')).update(ID).digest('hex'));
    expect(fc.blindIndex(ID)).not.toBe(crypto.createHash('sha256').update(ID).digest('hex'));
  });
});

describe('loadFieldKeys', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongfu-keys-'));
  });
  afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const production = () => ({ mode: 'production' as const, dataDir });
  const demo = () => ({ mode: 'demo' as const, dataDir });

  it('reads both keys from the environment', () => {
    const loaded = loadFieldKeys({ GONGFU_FIELD_KEY: b64('f'), GONGFU_INDEX_KEY: b64('i') }, production());
    expect(loaded.currentKeyId).toBe('v1');
    expect(loaded.keys.get('v1')?.equals(key('f'))).toBe(true);
    expect(loaded.indexKey.equals(key('i'))).toBe(true);
    expect(loaded.source).toBe('environment');
    expect(loaded.notice).toBeNull();
    expect(fs.existsSync(path.join(dataDir, 'keys.json'))).toBe(false);
  });

  it('reads a rotation list, current key first', () => {
    const loaded = loadFieldKeys(
      { GONGFU_FIELD_KEY: `v2:${b64('f2')},v1:${b64('f1')}`, GONGFU_INDEX_KEY: b64('i') },
      production(),
    );
    expect(loaded.currentKeyId).toBe('v2');
    expect([...loaded.keys.keys()]).toEqual(['v2', 'v1']);
  });

  it('in production, names every missing variable', () => {
    const error = (() => {
      try {
        loadFieldKeys({}, production());
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'GONGFU_FIELD_KEY: required in production (base64 of 32 random bytes)',
      'GONGFU_INDEX_KEY: required in production (base64 of 32 random bytes)',
    ]);
  });

  it('names bad keys in any mode', () => {
    const short = Buffer.alloc(16, 1).toString('base64');
    expect(() => loadFieldKeys({ GONGFU_FIELD_KEY: short, GONGFU_INDEX_KEY: 'not base64!' }, demo())).toThrow(
      expect.objectContaining({
        problems: ['GONGFU_FIELD_KEY (v1): must be 32 bytes of base64 (got 16)', 'GONGFU_INDEX_KEY: is not base64'],
      }),
    );
    expect(() => loadFieldKeys({ GONGFU_FIELD_KEY: `V1:${b64('f')}`, GONGFU_INDEX_KEY: b64('i') }, demo())).toThrow(
      /'V1' is not a key id/,
    );
    expect(() =>
      loadFieldKeys({ GONGFU_FIELD_KEY: `v1:${b64('f')},v1:${b64('g')}`, GONGFU_INDEX_KEY: b64('i') }, demo()),
    ).toThrow(/listed twice/);
  });

  it('refuses the same key for encryption and index', () => {
    expect(() => loadFieldKeys({ GONGFU_FIELD_KEY: b64('same'), GONGFU_INDEX_KEY: b64('same') }, production())).toThrow(
      /must differ/,
    );
  });

  it('in demo mode, creates a per-installation key file readable by its owner only, and says so', () => {
    const first = loadFieldKeys({}, demo());
    const file = path.join(dataDir, 'keys.json');
    expect(first.source).toBe('file');
    expect(first.notice).toContain(file);
    expect(first.notice).toContain('were generated');
    expect(first.notice).toContain('GONGFU_FIELD_KEY');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    // The second start reads the same keys: data encrypted before the restart still decrypts.
    const second = loadFieldKeys({}, demo());
    expect(second.notice).not.toContain('were generated');
    const stored = new FieldCrypto(first).encrypt(ID);
    expect(new FieldCrypto(second).decrypt(stored)).toBe(ID);
    expect(new FieldCrypto(second).blindIndex(ID)).toBe(new FieldCrypto(first).blindIndex(ID));
  });

  it('in demo mode, warns about a key file others can read, and refuses a damaged one', () => {
    loadFieldKeys({}, demo());
    const file = path.join(dataDir, 'keys.json');
    fs.chmodSync(file, 0o644);
    expect(loadFieldKeys({}, demo()).notice).toContain('chmod 600');
    fs.writeFileSync(file, '{"fieldKeys":{}}');
    expect(() => loadFieldKeys({}, demo())).toThrow(ConfigError);
  });
});

describe('masking', () => {
  it('masks names', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张三丰')).toBe('张*丰');
    expect(maskName('欧阳小明')).toBe('欧**明');
    expect(maskName('阿卜杜拉·买买提')).toBe('阿******提');
    expect(maskName('王')).toBe('*');
    expect(maskName('')).toBe('');
  });

  it('masks ID numbers, keeping the region and the last four', () => {
    expect(maskIdNumber('510402199001011234')).toBe('5104**********1234');
    expect(maskIdNumber('51040219900101123X')).toBe('5104**********123X');
    expect(maskIdNumber('510402900101123')).toBe('5104*******1123'); // the old 15-digit form
    expect(maskIdNumber('1234567')).toBe('*******');
  });

  it('masks phone numbers', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('138 1234 5678')).toBe('138****5678');
    expect(maskPhone('0812-3334567')).toBe('081****4567');
    expect(maskPhone('110')).toBe('***');
  });

  it('masks bank accounts', () => {
    expect(maskBankAccount('6222021234567890123')).toBe('6222***********0123');
    expect(maskBankAccount('6222 0212 3456 7890 123')).toBe('6222***********0123');
    expect(maskBankAccount('12345678')).toBe('********');
  });
});
