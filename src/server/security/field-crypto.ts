import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config.ts';

/**
 * Field-level encryption of sensitive personal information (PIPL art. 28, 51): ID numbers, phone numbers, bank
 * accounts of the households. AES-256-GCM, so a changed byte is detected, not decrypted into a wrong number.
 * A keyed hash (blind index) sits beside the ID number so that duplicates can be found without decrypting.
 *
 * An encrypted value reads `<key id>:<base64(iv | tag | ciphertext)>`, e.g. `v1:q83v…`. The key id lets keys rotate:
 * new values use the current key, older values still decrypt under theirs until re-encrypted.
 *
 * Keys come from the configuration, never from the code or the database (see {@link loadFieldKeys}).
 */

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const KEY_ID = /^[a-z][a-z0-9]{0,15}$/;

export interface FieldKeys {
  /** Key id used to encrypt new values. */
  currentKeyId: string;
  /** Every key that may decrypt, by id; includes the current one. */
  keys: ReadonlyMap<string, Buffer>;
  /** Key of the blind index (HMAC-SHA256). It cannot rotate without recomputing every index. */
  indexKey: Buffer;
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
function parseFieldKeys(text: string, problems: string[]): { currentKeyId: string; keys: Map<string, Buffer> } | null {
  const keys = new Map<string, Buffer>();
  let currentKeyId: string | null = null;
  const parts = text.includes(':') ? text.split(',') : [`v1:${text}`];
  for (const part of parts) {
    const colon = part.indexOf(':');
    const id = part.slice(0, colon).trim();
    if (colon < 0 || !KEY_ID.test(id)) {
      problems.push(
        `GONGFU_FIELD_KEY: '${id || part.trim()}' is not a key id (lower-case letter, then letters or digits)`,
      );
      continue;
    }
    if (keys.has(id)) {
      problems.push(`GONGFU_FIELD_KEY: key id '${id}' is listed twice`);
      continue;
    }
    const key = decodeKey(part.slice(colon + 1));
    if (typeof key === 'string') {
      problems.push(`GONGFU_FIELD_KEY (${id}): ${key}`);
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
  config: { mode: 'demo' | 'production'; dataDir: string },
): FieldKeys {
  const problems: string[] = [];
  const fieldText = env.GONGFU_FIELD_KEY?.trim() || null;
  const indexText = env.GONGFU_INDEX_KEY?.trim() || null;
  const field = fieldText === null ? null : parseFieldKeys(fieldText, problems);
  let indexKey: Buffer | null = null;
  if (indexText !== null) {
    const key = decodeKey(indexText);
    if (typeof key === 'string') problems.push(`GONGFU_INDEX_KEY: ${key}`);
    else indexKey = key;
  }
  if (config.mode === 'production') {
    if (fieldText === null) problems.push('GONGFU_FIELD_KEY: required in production (base64 of 32 random bytes)');
    if (indexText === null) problems.push('GONGFU_INDEX_KEY: required in production (base64 of 32 random bytes)');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  if (field !== null && indexKey !== null) {
    if ([...field.keys.values()].some((k) => k.equals(indexKey))) {
      throw new ConfigError(['GONGFU_INDEX_KEY: must differ from every GONGFU_FIELD_KEY key']);
    }
    return { ...field, indexKey, source: 'environment', notice: null };
  }

  // Demo mode with at least one key missing: the per-installation key file supplies what the environment does not.
  const file = path.join(config.dataDir, 'keys.json');
  const { keys: stored, created, loose } = demoKeyFile(file);
  const fileKeys = new Map(Object.entries(stored.fieldKeys).map(([id, b64]) => [id, Buffer.from(b64, 'base64')]));
  return {
    currentKeyId: field?.currentKeyId ?? stored.currentKeyId,
    keys: field?.keys ?? fileKeys,
    indexKey: indexKey ?? Buffer.from(stored.indexKey, 'base64'),
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

  constructor(keys: FieldKeys) {
    if (!keys.keys.has(keys.currentKeyId)) throw new Error(`No key with the current id '${keys.currentKeyId}'`);
    this.keys = keys;
  }

  /**
   * Encrypts `plaintext` under the current key with a fresh random IV: the same number encrypts differently each
   * time, so equal ciphertexts reveal nothing (use {@link blindIndex} to find equal values).
   * `context` (optional) is bound to the ciphertext as associated data, e.g. 'household_members.id_number': a value
   * copied into another column then fails to decrypt there. Pass the same context to {@link decrypt}.
   */
  encrypt(plaintext: string, context = ''): string {
    const keyId = this.keys.currentKeyId;
    const key = this.keys.keys.get(keyId) as Buffer;
    const iv = crypto.randomBytes(IV_BYTES);
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(`${keyId}\u0000${context}`, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${keyId}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  /**
   * Decrypts a value made by {@link encrypt}. Throws {@link FieldDecryptError}: `malformed` (not our format),
   * `unknownKey` (its key id is not configured), `integrity` (altered, or encrypted under another key).
   */
  decrypt(stored: string, context = ''): string {
    const colon = stored.indexOf(':');
    const keyId = colon > 0 ? stored.slice(0, colon) : null;
    if (keyId === null || !KEY_ID.test(keyId)) {
      throw new FieldDecryptError('malformed', null, 'Not an encrypted field value (expected "<key id>:<base64>")');
    }
    const key = this.keys.keys.get(keyId);
    if (!key) {
      throw new FieldDecryptError('unknownKey', keyId, `Encrypted under key '${keyId}', which is not configured`);
    }
    const raw = Buffer.from(stored.slice(colon + 1), 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES) {
      throw new FieldDecryptError('malformed', keyId, 'Encrypted field value is too short to be genuine');
    }
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(`${keyId}\u0000${context}`, 'utf8'));
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

  /** Whether `stored` was encrypted under an older key and should be re-encrypted (see {@link reencrypt}). */
  needsReencryption(stored: string): boolean {
    return !stored.startsWith(`${this.keys.currentKeyId}:`);
  }

  /** `stored` decrypted and encrypted again under the current key: the step of a key rotation. */
  reencrypt(stored: string, context = ''): string {
    return this.encrypt(this.decrypt(stored, context), context);
  }

  /**
   * The blind index of `value`: HMAC-SHA256 (hex) under the index key of the normalised value — NFKC (full-width
   * digits from a Chinese input method become ASCII), trimmed, upper case (the check character 'x' of an ID number).
   * Equal ID numbers give equal indexes; without the key the index says nothing about the number.
   *
   * @example
   * fc.blindIndex('51040219900101123x') === fc.blindIndex(' 51040219900101123X')  // → true
   */
  blindIndex(value: string): string {
    return crypto.createHmac('sha256', this.keys.indexKey).update(normaliseForIndex(value), 'utf8').digest('hex');
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
