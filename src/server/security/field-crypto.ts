import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config.ts';

/**
 * Field-level encryption of sensitive personal information (PIPL art. 28, 51): ID numbers, phone numbers, bank
 * accounts of the households. AES-256-GCM, so a changed byte is detected, not decrypted into a wrong number.
 * A keyed hash (blind index) sits beside the ID number so that duplicates can be found without decrypting.
 *
 * Two ciphers, chosen by configuration (GONGFU_CRYPTO, see {@link CRYPTO_SUITES}): AES-256-GCM, or SM4-GCM
 * (GB/T 32907-2016, the national block cipher, in GCM as GB/T 36624 allows) with the blind index in HMAC-SM3
 * (GB/T 32905-2016) instead of HMAC-SHA256. Each value says how it was made, so that values of both kinds are read
 * side by side after a switch and the rotation job (src/server/security/key-rotation.ts) re-encrypts them in batches:
 * - `<key id>:<base64(iv | tag | ciphertext)>`, e.g. `v1:q83v…`: AES-256-GCM (every value written before SM4 existed);
 * - `<key id>:sm4:<base64(iv | tag | ciphertext)>`: SM4-GCM under a 16-byte key derived from the configured key
 *   (HKDF-SM3, info `gongfu/field/sm4-gcm`), so that one key's bytes never serve two ciphers.
 * The key id lets keys rotate: new values use the current key, older values still decrypt under theirs until
 * re-encrypted. A blind index likewise: plain hex for HMAC-SHA256 under index key `v1` (as before), otherwise
 * `<index key id>:<sha256|sm3>:<hex>`.
 *
 * Keys come from the configuration, never from the code or the database (see {@link loadFieldKeys}).
 */

const IV_BYTES = 12;
/** The ciphers of the field encryption, and the MACs of the blind index. */
export type FieldCipher = 'aes-256-gcm' | 'sm4-gcm';
export type IndexMac = 'sha256' | 'sm3';

/**
 * The two cryptographic suites: `international` (AES-256-GCM, HMAC-SHA256, audit chain SHA-256) and `national`
 * (商用密码: SM4-GCM, HMAC-SM3, audit chain SM3). GONGFU_CRYPTO picks one; what was written under the other stays
 * readable and verifiable.
 */
export const CRYPTO_SUITES = {
  international: { cipher: 'aes-256-gcm', indexMac: 'sha256', auditHash: 'sha256' },
  national: { cipher: 'sm4-gcm', indexMac: 'sm3', auditHash: 'sm3' },
} as const satisfies Record<string, { cipher: FieldCipher; indexMac: IndexMac; auditHash: 'sha256' | 'sm3' }>;
export type CryptoSuiteName = keyof typeof CRYPTO_SUITES;

/** The tag of an SM4 value between key id and body; an AES value has none (see the module comment). */
const SM4_TAG = 'sm4';

const TAG_BYTES = 16;
const KEY_BYTES = 32;
const KEY_ID = /^[a-z][a-z0-9]{0,15}$/;

export interface FieldKeys {
  /** Key id used to encrypt new values. */
  currentKeyId: string;
  /** Every key that may decrypt, by id; includes the current one. */
  keys: ReadonlyMap<string, Buffer>;
  /** Key of the blind index (the current one, when several are listed). */
  indexKey: Buffer;
  /** Every index key by id, the current one included (`GONGFU_INDEX_KEY=i2:…,v1:…` while re-indexing). */
  indexKeys?: ReadonlyMap<string, Buffer>;
  /** Id of {@link indexKey}; `v1` for a single key. */
  currentIndexKeyId?: string;
  /** Cipher of new values; AES-256-GCM unless the national suite is configured. */
  cipher?: FieldCipher;
  /** MAC of new blind indexes; HMAC-SHA256 unless the national suite is configured. */
  indexMac?: IndexMac;
  /** Where the keys came from; `file` only in demo mode. */
  source: 'environment' | 'file';
  /** What the start command should print about the keys, or null when there is nothing to say. */
  notice: string | null;
}

/** Why a stored value could not be decrypted. */
export type FieldDecryptReason = 'malformed' | 'unknownKey' | 'integrity';

/** A stored encrypted value could not be decrypted. Carries the reason, never the value. */
export class FieldDecryptError extends Error {
  readonly reason: FieldDecryptReason;
  readonly keyId: string | null;
  constructor(reason: FieldDecryptReason, keyId: string | null, message: string) {
    super(message);
    this.name = 'FieldDecryptError';
    this.reason = reason;
    this.keyId = keyId;
  }
}

/** Decodes a 32-byte base64 key, or says what is wrong with it. */
function decodeKey(text: string): Buffer | string {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) return 'is not base64';
  const key = Buffer.from(trimmed, 'base64');
  if (key.length !== KEY_BYTES) return `must be ${KEY_BYTES} bytes of base64 (got ${key.length})`;
  return key;
}

/**
 * Parses GONGFU_FIELD_KEY: either one base64 key (its id is `v1`), or, to rotate, a comma-separated list of
 * `id:base64` with the current key first: `v2:…,v1:…`.
 */
function parseFieldKeys(
  text: string,
  problems: string[],
  variable = 'GONGFU_FIELD_KEY',
): { currentKeyId: string; keys: Map<string, Buffer> } | null {
  const keys = new Map<string, Buffer>();
  let currentKeyId: string | null = null;
  const parts = text.includes(':') ? text.split(',') : [`v1:${text}`];
  for (const part of parts) {
    const colon = part.indexOf(':');
    const id = part.slice(0, colon).trim();
    if (colon < 0 || !KEY_ID.test(id) || id === SM4_TAG) {
      problems.push(`${variable}: '${id || part.trim()}' is not a key id (lower-case letter, then letters or digits)`);
      continue;
    }
    if (keys.has(id)) {
      problems.push(`${variable}: key id '${id}' is listed twice`);
      continue;
    }
    const key = decodeKey(part.slice(colon + 1));
    if (typeof key === 'string') {
      problems.push(`${variable} (${id}): ${key}`);
      continue;
    }
    keys.set(id, key);
    currentKeyId ??= id;
  }
  return currentKeyId === null ? null : { currentKeyId, keys };
}

interface KeyFile {
  fieldKeys: Record<string, string>;
  currentKeyId: string;
  indexKey: string;
}

/**
 * Reads, or on first start creates, the demo installation's key file. Created exclusively (`wx`) with mode 0600 so
 * that two processes starting at once cannot each write a different key, and other users of the host cannot read it.
 */
function demoKeyFile(file: string): { keys: KeyFile; created: boolean; loose: boolean } {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fresh: KeyFile = {
    fieldKeys: { v1: crypto.randomBytes(KEY_BYTES).toString('base64') },
    currentKeyId: 'v1',
    indexKey: crypto.randomBytes(KEY_BYTES).toString('base64'),
  };
  try {
    fs.writeFileSync(file, `${JSON.stringify(fresh, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
    return { keys: fresh, created: true, loose: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const bad = (why: string) =>
    new ConfigError([`${file}: ${why}; fix it, or supply GONGFU_FIELD_KEY and GONGFU_INDEX_KEY`]);
  let stored: unknown;
  try {
    stored = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    throw bad('not valid JSON');
  }
  if (!isKeyFile(stored)) throw bad('not a key file (fieldKeys, currentKeyId, indexKey)');
  for (const [id, b64] of [...Object.entries(stored.fieldKeys), ['indexKey', stored.indexKey] as const]) {
    if (typeof decodeKey(b64) === 'string') throw bad(`key '${id}' is not 32 bytes of base64`);
  }
  const loose = (fs.statSync(file).mode & 0o077) !== 0;
  return { keys: stored, created: false, loose };
}

function isKeyFile(value: unknown): value is KeyFile {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.currentKeyId === 'string' &&
    typeof v.indexKey === 'string' &&
    typeof v.fieldKeys === 'object' &&
    v.fieldKeys !== null &&
    Object.values(v.fieldKeys).every((k) => typeof k === 'string') &&
    typeof (v.fieldKeys as Record<string, unknown>)[v.currentKeyId] === 'string'
  );
}

/**
 * The field-encryption keys from the environment:
 * - `GONGFU_FIELD_KEY`: base64 of 32 random bytes (`openssl rand -base64 32`), or `v2:…,v1:…` while rotating;
 * - `GONGFU_INDEX_KEY`: base64 of 32 random bytes, for the blind index; a different key from the field key.
 *
 * In production a missing or bad variable is a {@link ConfigError} naming it. In demo mode a missing key is taken
 * from `<dataDir>/keys.json`, created on first start with mode 0600, and `notice` says so: fine for a demo, not for
 * real data, because the key then lives beside the database it protects.
 *
 * @example
 * const keys = loadFieldKeys(process.env, { mode: config.mode, dataDir: config.dataDir });
 * if (keys.notice) console.warn(keys.notice);
 * const crypto = new FieldCrypto(keys);
 */
export function loadFieldKeys(
  env: Record<string, string | undefined>,
  config: { mode: 'demo' | 'production'; dataDir: string; cryptoSuite?: CryptoSuiteName },
): FieldKeys {
  const suite = CRYPTO_SUITES[config.cryptoSuite ?? 'international'];
  const algorithms = { cipher: suite.cipher, indexMac: suite.indexMac };
  const problems: string[] = [];
  const fieldText = env.GONGFU_FIELD_KEY?.trim() || null;
  const indexText = env.GONGFU_INDEX_KEY?.trim() || null;
  const field = fieldText === null ? null : parseFieldKeys(fieldText, problems);
  const index = indexText === null ? null : parseFieldKeys(indexText, problems, 'GONGFU_INDEX_KEY');
  const indexKey = index ? (index.keys.get(index.currentKeyId) as Buffer) : null;
  if (config.mode === 'production') {
    if (fieldText === null) problems.push('GONGFU_FIELD_KEY: required in production (base64 of 32 random bytes)');
    if (indexText === null) problems.push('GONGFU_INDEX_KEY: required in production (base64 of 32 random bytes)');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  if (field !== null && index !== null && indexKey !== null) {
    if ([...field.keys.values()].some((k) => [...index.keys.values()].some((i) => k.equals(i)))) {
      throw new ConfigError(['GONGFU_INDEX_KEY: must differ from every GONGFU_FIELD_KEY key']);
    }
    return {
      ...field,
      indexKey,
      indexKeys: index.keys,
      currentIndexKeyId: index.currentKeyId,
      ...algorithms,
      source: 'environment',
      notice: null,
    };
  }

  // Demo mode with at least one key missing: the per-installation key file supplies what the environment does not.
  const file = path.join(config.dataDir, 'keys.json');
  const { keys: stored, created, loose } = demoKeyFile(file);
  const fileKeys = new Map(Object.entries(stored.fieldKeys).map(([id, b64]) => [id, Buffer.from(b64, 'base64')]));
  return {
    currentKeyId: field?.currentKeyId ?? stored.currentKeyId,
    keys: field?.keys ?? fileKeys,
    indexKey: indexKey ?? Buffer.from(stored.indexKey, 'base64'),
    indexKeys: index?.keys ?? new Map([['v1', Buffer.from(stored.indexKey, 'base64')]]),
    currentIndexKeyId: index?.currentKeyId ?? 'v1',
    ...algorithms,
    source: 'file',
    notice:
      `演示模式：字段加密密钥${created ? '已生成并' : ''}保存在 ${file}（仅本机可读）。生产环境请通过 GONGFU_FIELD_KEY 和 GONGFU_INDEX_KEY 提供密钥。\n` +
      `Demo mode: field-encryption keys ${created ? 'were generated and are ' : 'are '}kept in ${file} (readable by this user only). ` +
      'In production, supply GONGFU_FIELD_KEY and GONGFU_INDEX_KEY instead.' +
      (loose ? `\n警告 / Warning: ${file} is readable by other users of this host; run chmod 600 on it.` : ''),
  };
}

/**
 * Encrypts and decrypts the sensitive fields, and computes their blind index.
 *
 * @example
 * const fc = new FieldCrypto(keys);
 * const stored = fc.encrypt('510402199001011234');   // 'v1:3q2+7w…'
 * fc.decrypt(stored);                                 // '510402199001011234'
 * fc.blindIndex(' 51040219900101123x ');              // same as fc.blindIndex('51040219900101123X')
 */
export class FieldCrypto {
  private readonly keys: FieldKeys;
  private readonly cipher: FieldCipher;
  private readonly indexMac: IndexMac;
  private readonly indexKeys: ReadonlyMap<string, Buffer>;
  private readonly currentIndexKeyId: string;
  private readonly sm4Keys = new Map<string, Buffer>();
  /** The keys as key objects, made once: a cipher or MAC built from a Buffer imports the key each time. */
  private readonly keyObjects = new Map<string, crypto.KeyObject>();
  private readonly aads = new Map<string, Buffer>();
  /** Random bytes drawn a few kilobytes at a time and cut into IVs (each IV its own bytes, never reused). */
  private ivPool = Buffer.alloc(0);
  private ivAt = 0;

  constructor(keys: FieldKeys) {
    if (!keys.keys.has(keys.currentKeyId)) throw new Error(`No key with the current id '${keys.currentKeyId}'`);
    this.keys = keys;
    this.cipher = keys.cipher ?? 'aes-256-gcm';
    this.indexMac = keys.indexMac ?? 'sha256';
    this.currentIndexKeyId = keys.currentIndexKeyId ?? 'v1';
    this.indexKeys = keys.indexKeys ?? new Map([[this.currentIndexKeyId, keys.indexKey]]);
  }

  /** What new values are made with: for the backup manifest, the rotation job and the start notice. */
  get algorithms(): { cipher: FieldCipher; keyId: string; indexMac: IndexMac; indexKeyId: string } {
    return {
      cipher: this.cipher,
      keyId: this.keys.currentKeyId,
      indexMac: this.indexMac,
      indexKeyId: this.currentIndexKeyId,
    };
  }

  /** The configured key ids (field and index), for the backup manifest. */
  get keyIds(): { field: string[]; index: string[] } {
    return { field: [...this.keys.keys.keys()], index: [...this.indexKeys.keys()] };
  }

  /** A short fingerprint of each configured key (SHA-256 of a label and the key, 16 hex): names a key, reveals nothing. */
  fingerprints(): { field: Record<string, string>; index: Record<string, string> } {
    const fp = (k: Buffer) =>
      crypto.createHash('sha256').update('gongfu key fingerprint\u0000').update(k).digest('hex').slice(0, 16);
    return {
      field: Object.fromEntries([...this.keys.keys].map(([id, k]) => [id, fp(k)])),
      index: Object.fromEntries([...this.indexKeys].map(([id, k]) => [id, fp(k)])),
    };
  }

  private sm4Key(keyId: string, key: Buffer): Buffer {
    let derived = this.sm4Keys.get(keyId);
    if (!derived) {
      derived = Buffer.from(crypto.hkdfSync('sm3', key, Buffer.alloc(0), 'gongfu/field/sm4-gcm', 16));
      this.sm4Keys.set(keyId, derived);
    }
    return derived;
  }

  /**
   * Encrypts `plaintext` under the current key and cipher with a fresh random IV: the same number encrypts
   * differently each time, so equal ciphertexts reveal nothing (use {@link blindIndex} to find equal values).
   * `context` (optional) is bound to the ciphertext as associated data, e.g. 'household_members.id_number': a value
   * copied into another column then fails to decrypt there. Pass the same context to {@link decrypt}.
   */
  encrypt(plaintext: string, context = ''): string {
    const keyId = this.keys.currentKeyId;
    const key = this.keys.keys.get(keyId) as Buffer;
    const iv = this.nextIv();
    const sm4 = this.cipher === 'sm4-gcm';
    const cipher = sm4
      ? crypto.createCipheriv(
          'sm4-gcm' as 'aes-256-gcm',
          this.keyObject(`sm4:${keyId}`, () => this.sm4Key(keyId, key)),
          iv,
        )
      : crypto.createCipheriv(
          'aes-256-gcm',
          this.keyObject(`aes:${keyId}`, () => key),
          iv,
        );
    cipher.setAAD(this.aad(sm4 ? `${keyId}\u0000${SM4_TAG}\u0000${context}` : `${keyId}\u0000${context}`));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const b64 = Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    return sm4 ? `${keyId}:${SM4_TAG}:${b64}` : `${keyId}:${b64}`;
  }

  private nextIv(): Buffer {
    if (this.ivAt + IV_BYTES > this.ivPool.length) {
      this.ivPool = crypto.randomBytes(IV_BYTES * 512);
      this.ivAt = 0;
    }
    const iv = this.ivPool.subarray(this.ivAt, this.ivAt + IV_BYTES);
    this.ivAt += IV_BYTES;
    return iv;
  }

  private keyObject(name: string, key: () => Buffer): crypto.KeyObject {
    let k = this.keyObjects.get(name);
    if (!k) {
      k = crypto.createSecretKey(key());
      this.keyObjects.set(name, k);
    }
    return k;
  }

  private aad(text: string): Buffer {
    let b = this.aads.get(text);
    if (!b) {
      b = Buffer.from(text, 'utf8');
      // A context is a column's name: a handful of them (the map stays small).
      if (this.aads.size < 256) this.aads.set(text, b);
    }
    return b;
  }

  /** The key id and cipher a stored value says it was made with, or null when it is not an encrypted value. */
  static envelopeOf(stored: string): { keyId: string; cipher: FieldCipher; body: string } | null {
    const parts = stored.split(':');
    const keyId = parts[0] ?? '';
    if (!KEY_ID.test(keyId)) return null;
    if (parts.length === 2) return { keyId, cipher: 'aes-256-gcm', body: parts[1] as string };
    if (parts.length === 3 && parts[1] === SM4_TAG) return { keyId, cipher: 'sm4-gcm', body: parts[2] as string };
    return null;
  }

  /**
   * Decrypts a value made by {@link encrypt}, under whichever cipher and key it names. Throws
   * {@link FieldDecryptError}: `malformed` (not our format), `unknownKey` (its key id is not configured), `integrity`
   * (altered, or encrypted under another key).
   */
  decrypt(stored: string, context = ''): string {
    const envelope = FieldCrypto.envelopeOf(stored);
    if (envelope === null) {
      throw new FieldDecryptError('malformed', null, 'Not an encrypted field value (expected "<key id>:<base64>")');
    }
    const { keyId, cipher } = envelope;
    const key = this.keys.keys.get(keyId);
    if (!key) {
      throw new FieldDecryptError('unknownKey', keyId, `Encrypted under key '${keyId}', which is not configured`);
    }
    const raw = Buffer.from(envelope.body, 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES) {
      throw new FieldDecryptError('malformed', keyId, 'Encrypted field value is too short to be genuine');
    }
    const sm4 = cipher === 'sm4-gcm';
    const iv = raw.subarray(0, IV_BYTES);
    const decipher = sm4
      ? crypto.createDecipheriv('sm4-gcm' as 'aes-256-gcm', this.sm4Key(keyId, key), iv)
      : crypto.createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(sm4 ? `${keyId}\u0000${SM4_TAG}\u0000${context}` : `${keyId}\u0000${context}`, 'utf8'));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new FieldDecryptError(
        'integrity',
        keyId,
        `Encrypted field value failed its integrity check under key '${keyId}': it was altered, or encrypted with a different key`,
      );
    }
  }

  /** Whether `stored` was made under another key or cipher than new values are, and should be re-encrypted. */
  needsReencryption(stored: string): boolean {
    const envelope = FieldCrypto.envelopeOf(stored);
    return envelope === null || envelope.keyId !== this.keys.currentKeyId || envelope.cipher !== this.cipher;
  }

  /** `stored` decrypted and encrypted again under the current key and cipher: the step of a rotation. */
  reencrypt(stored: string, context = ''): string {
    return this.encrypt(this.decrypt(stored, context), context);
  }

  private indexWith(keyId: string, mac: IndexMac, value: string): string {
    const key = this.keyObject(`index:${keyId}`, () => this.indexKeys.get(keyId) as Buffer);
    const hex = crypto.createHmac(mac, key).update(normaliseForIndex(value), 'utf8').digest('hex');
    return keyId === 'v1' && mac === 'sha256' ? hex : `${keyId}:${mac}:${hex}`;
  }

  /**
   * The blind index of `value` under the current index key and MAC (HMAC-SHA256 or HMAC-SM3, hex) of the normalised
   * value — NFKC (full-width digits from a Chinese input method become ASCII), trimmed, upper case (the check
   * character 'x' of an ID number). Equal ID numbers give equal indexes; without the key the index says nothing about
   * the number.
   *
   * @example
   * fc.blindIndex('51040219900101123x') === fc.blindIndex(' 51040219900101123X')  // → true
   */
  blindIndex(value: string): string {
    return this.indexWith(this.currentIndexKeyId, this.indexMac, value);
  }

  /**
   * Every index `value` may be stored under while a rotation is re-indexing: the current one first, then each
   * configured index key under both MACs. A lookup matches any of them, so nothing goes missing half-way.
   */
  blindIndexCandidates(value: string): string[] {
    const out = new Set([this.blindIndex(value)]);
    for (const id of this.indexKeys.keys())
      for (const mac of ['sha256', 'sm3'] as const) out.add(this.indexWith(id, mac, value));
    return [...out];
  }

  /** Whether a stored index was made under another index key or MAC than new ones are. */
  needsReindex(index: string): boolean {
    const parts = index.split(':');
    const current = { keyId: this.currentIndexKeyId, mac: this.indexMac };
    if (parts.length === 1) return !(current.keyId === 'v1' && current.mac === 'sha256');
    return parts[0] !== current.keyId || parts[1] !== current.mac;
  }
}

/** The form a value takes before it is indexed; exported so that tests and imports can show what is compared. */
export function normaliseForIndex(value: string): string {
  return value.normalize('NFKC').trim().toUpperCase();
}

// Masking for display (GB/T 35273 §A): enough to recognise a record, not enough to misuse it.

/**
 * A name with every character but the first (and, from three characters on, the last) hidden.
 *
 * @example
 * maskName('张三')      // → '张*'
 * maskName('张三丰')    // → '张*丰'
 * maskName('欧阳小明')  // → '欧**明'
 */
export function maskName(name: string): string {
  // "陈海涛（钒钛高新区科技创新和经济发展局）": the bracketed post or unit is not personal; only the name is masked.
  const noted = /^([^（(]+)([（(][^（()）]*[）)])$/.exec(name.trim());
  if (noted) return `${maskName(noted[1] as string)}${noted[2] as string}`;
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** Keeps `head` leading and `tail` trailing characters; masks everything when the value is too short for that. */
function keepEnds(value: string, head: number, tail: number): string {
  const chars = [...value];
  if (chars.length <= head + tail) return '*'.repeat(chars.length);
  return (
    chars.slice(0, head).join('') + '*'.repeat(chars.length - head - tail) + chars.slice(chars.length - tail).join('')
  );
}

/**
 * A resident ID number showing only the region of issue (4 digits) and the last 4.
 *
 * @example
 * maskIdNumber('510402199001011234')  // → '5104**********1234'
 */
export function maskIdNumber(id: string): string {
  return keepEnds(id.replace(/\s/g, ''), 4, 4);
}

/**
 * A phone number showing the carrier prefix and the last 4 digits.
 *
 * @example
 * maskPhone('13812345678')   // → '138****5678'
 * maskPhone('0812-3334567')  // → '081****4567'
 */
export function maskPhone(phone: string): string {
  return keepEnds(phone.replace(/[\s-]/g, ''), 3, 4);
}

/**
 * A bank account or card number showing the first 4 and last 4 digits.
 *
 * @example
 * maskBankAccount('6222 0212 3456 7890 123')  // → '6222***********0123'
 */
export function maskBankAccount(account: string): string {
  return keepEnds(account.replace(/[\s-]/g, ''), 4, 4);
}
