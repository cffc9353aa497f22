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
        problems: [
          'GONGFU_FIELD_KEY (v1): must be 32 bytes of base64 (got 16)',
          'GONGFU_INDEX_KEY (v1): is not base64',
        ],
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
    // A person in charge with the post in brackets: the post stays readable, the name is masked.
    expect(maskName('陈海涛（钒钛高新区科技创新和经济发展局）')).toBe('陈*涛（钒钛高新区科技创新和经济发展局）');
    expect(maskName('李四(副局长)')).toBe('李*(副局长)');
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

/**
 * The national algorithms (商用密码): known-answer tests from the standards' own examples, then SM4-GCM and HMAC-SM3
 * as the field encryption uses them, beside AES values written before the switch.
 */
describe('SM4 and SM3 (GB/T 32907-2016, GB/T 32905-2016)', () => {
  it('SM4: the example of GB/T 32907-2016 appendix A (key = plaintext = 0123456789abcdeffedcba9876543210)', () => {
    const k = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const ecb = crypto.createCipheriv('sm4-ecb', k, null).setAutoPadding(false);
    const out = Buffer.concat([ecb.update(k), ecb.final()]).toString('hex');
    expect(out).toBe('681edf34d206965e86b3e94f536e4246');
    const back = crypto.createDecipheriv('sm4-ecb', k, null).setAutoPadding(false);
    expect(Buffer.concat([back.update(Buffer.from(out, 'hex')), back.final()]).toString('hex')).toBe(k.toString('hex'));
  });

  it('SM3: the examples of GB/T 32905-2016 appendix A ("abc", and "abcd" sixteen times)', () => {
    expect(crypto.createHash('sm3').update('abc').digest('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
    expect(crypto.createHash('sm3').update('abcd'.repeat(16)).digest('hex')).toBe(
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
  });

  const national = () => new FieldCrypto(keys({ cipher: 'sm4-gcm', indexMac: 'sm3' }));

  it('encrypts with SM4-GCM under a key derived by HKDF-SM3, tagged "sm4", and anyone with the key can check it', () => {
    const fc = national();
    const stored = fc.encrypt(ID, 'householdMember.idNumber');
    expect(stored).toMatch(/^v1:sm4:[A-Za-z0-9+/]+=*$/);
    expect(fc.decrypt(stored, 'householdMember.idNumber')).toBe(ID);
    // Re-derived by hand: HKDF-SM3 → 16-byte SM4 key; AAD = key id, tag and context.
    const raw = Buffer.from(stored.split(':')[2] as string, 'base64');
    const sm4Key = Buffer.from(crypto.hkdfSync('sm3', key('field-1'), Buffer.alloc(0), 'gongfu/field/sm4-gcm', 16));
    const d = crypto.createDecipheriv('sm4-gcm' as 'aes-256-gcm', sm4Key, raw.subarray(0, 12));
    d.setAAD(Buffer.from('v1\u0000sm4\u0000householdMember.idNumber'));
    d.setAuthTag(raw.subarray(12, 28));
    expect(Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString()).toBe(ID);
    // A flipped byte, another context, a relabelled cipher: refused, never a wrong number.
    const flipped = Buffer.from(raw);
    flipped[30] = (flipped[30] as number) ^ 1;
    expect(() => fc.decrypt(`v1:sm4:${flipped.toString('base64')}`, 'householdMember.idNumber')).toThrow(
      expect.objectContaining({ reason: 'integrity' }),
    );
    expect(() => fc.decrypt(stored, 'householdMember.phone')).toThrow(FieldDecryptError);
    expect(() => fc.decrypt(`v1:${stored.split(':')[2]}`, 'householdMember.idNumber')).toThrow(
      expect.objectContaining({ reason: 'integrity' }),
    );
  });

  it('reads AES values beside SM4 ones after a switch, and says which need re-encrypting', () => {
    const before = new FieldCrypto(keys());
    const aes = before.encrypt('13812345678', 'listItem.contact');
    const after = national();
    const sm4 = after.encrypt('13812345678', 'listItem.contact');
    expect(after.decrypt(aes, 'listItem.contact')).toBe('13812345678');
    expect(before.decrypt(sm4, 'listItem.contact')).toBe('13812345678');
    expect(after.needsReencryption(aes)).toBe(true);
    expect(after.needsReencryption(sm4)).toBe(false);
    expect(before.needsReencryption(sm4)).toBe(true);
    const rotated = after.reencrypt(aes, 'listItem.contact');
    expect(rotated).toMatch(/^v1:sm4:/);
    expect(after.needsReencryption(rotated)).toBe(false);
  });

  it('HMAC-SM3 blind indexes are tagged; both kinds are found while re-indexing', () => {
    const before = new FieldCrypto(keys());
    const after = national();
    const old = before.blindIndex(ID);
    expect(old).toMatch(/^[0-9a-f]{64}$/); // as before the switch: the indexes already stored stay valid
    const sm3 = after.blindIndex(` ${ID.toLowerCase()} `);
    expect(sm3).toBe(`v1:sm3:${crypto.createHmac('sm3', key('index-1')).update(ID).digest('hex')}`);
    expect(after.blindIndexCandidates(ID)).toEqual(expect.arrayContaining([sm3, old]));
    expect(after.blindIndexCandidates(ID)[0]).toBe(sm3);
    expect(after.needsReindex(old)).toBe(true);
    expect(after.needsReindex(sm3)).toBe(false);
    expect(before.needsReindex(old)).toBe(false);
    expect(before.needsReindex(sm3)).toBe(true);
  });

  it('loads the national suite and a rotation list of index keys from the configuration', () => {
    const loaded = loadFieldKeys(
      { GONGFU_FIELD_KEY: `v2:${b64('f2')},v1:${b64('f1')}`, GONGFU_INDEX_KEY: `i2:${b64('i2')},v1:${b64('i1')}` },
      { mode: 'production', dataDir: '/nonexistent', cryptoSuite: 'national' },
    );
    expect(loaded).toMatchObject({ cipher: 'sm4-gcm', indexMac: 'sm3', currentKeyId: 'v2', currentIndexKeyId: 'i2' });
    const fc = new FieldCrypto(loaded);
    expect(fc.blindIndex('x')).toMatch(/^i2:sm3:/);
    expect(fc.blindIndexCandidates('x')).toHaveLength(4);
    expect(() =>
      loadFieldKeys(
        { GONGFU_FIELD_KEY: b64('f'), GONGFU_INDEX_KEY: `sm4:${b64('i')}` },
        { mode: 'production', dataDir: '/nonexistent' },
      ),
    ).toThrow(/'sm4' is not a key id/);
  });
});
