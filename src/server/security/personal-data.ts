import type { Role } from '../../domain/types.ts';
import { maskBankAccount, maskIdNumber, maskName, maskPhone, type FieldCrypto } from './field-crypto.ts';

/**
 * THE personal-data policy (PIPL art. 28, 51; GB/T 35273 §A): which fields of which records are personal, and the
 * one way they are kept and shown —
 * 1. **encrypted at rest** with the field encryption (field-crypto.ts; the record kind and field name are the
 *    context, so a ciphertext cannot be moved to another field), with a blind index beside the fields that are
 *    searched (`indexed`);
 * 2. **masked by default** in every answer, export and audit record ({@link MASKS});
 * 3. **unmasked only for the roles that need them** ({@link PersonalRecordSpec.unmaskRoles}), and only when asked
 *    (`?unmask=1`), each unmasked view written to the audit trail (`<record>.view` with the fields shown, never the
 *    values).
 *
 * A module with personal data declares its record here (one {@link PersonalRecordSpec}) and calls
 * {@link PersonalData.seal} before writing and {@link PersonalData.reveal} before answering; the household module
 * is meant to be its largest user (members' names, ID numbers, phones, bank accounts). The audit masker
 * ({@link maskPersonalText}) additionally recognises values SHAPED like mobile, ID and bank numbers wherever they
 * appear in free text, whatever the key they were typed under.
 */

export type PersonalKind = 'name' | 'phone' | 'idNumber' | 'bankAccount';

export interface PersonalFieldSpec {
  /** Column of the stored row. */
  column: string;
  kind: PersonalKind;
  /** Column holding the blind index (HMAC of the normalised value), for fields that are searched or deduplicated. */
  indexColumn?: string;
}

export interface PersonalRecordSpec {
  /** The record kind, as the audit trail names it (`listItem` → `listItem.view`). */
  objectType: string;
  /**
   * Where the sealed values are stored: the record's table (keyed by `id`) and any other table holding some of its
   * fields under the same context (the household's head name). The key-rotation job and the backup's key census
   * walk these; a module that adds a table of personal data adds it here.
   */
  storage: readonly { table: string; fields: Readonly<Record<string, { column: string; indexColumn?: string }>> }[];
  /** API field → stored column and kind. */
  fields: Readonly<Record<string, PersonalFieldSpec>>;
  /** The roles that may see these fields in clear (when they ask). Everyone else sees the mask. */
  unmaskRoles: readonly Role[];
}

/** The display masks, one per kind of personal value. */
export const MASKS: Readonly<Record<PersonalKind, (value: string) => string>> = {
  name: maskName,
  // A contact field may hold more than the number ("0812-3334567 王科长"): the numbers in it are masked.
  phone: (v) => {
    const masked = maskPersonalText(v);
    return masked !== v ? masked : maskPhone(v);
  },
  idNumber: maskIdNumber,
  bankAccount: maskBankAccount,
};

/**
 * The persons in charge of the four lists' items (责任人, 联系方式): a name and a phone number per item. Masked for
 * everyone; in clear for the coordination centre (which calls them) and for leaders (who supervise them), on asking.
 */
export const LIST_ITEM_PERSONAL: PersonalRecordSpec = {
  objectType: 'listItem',
  fields: {
    personInCharge: { column: 'person_in_charge', kind: 'name' },
    contact: { column: 'contact', kind: 'phone' },
  },
  storage: [
    { table: 'list_items', fields: { personInCharge: { column: 'person_in_charge' }, contact: { column: 'contact' } } },
  ],
  unmaskRoles: ['coordinator', 'leader'],
};

/**
 * The members of monitored households (issue 8): name, ID number and phone, each with a blind index (names are
 * searched by the full name, ID numbers deduplicated, phones looked up). The household's head name is kept on the
 * household row under the same spec (`householdMember.name`). In clear for the household roles, on asking, with a
 * reason; never for leaders or work teams.
 */
export const HOUSEHOLD_MEMBER_PERSONAL: PersonalRecordSpec = {
  objectType: 'householdMember',
  fields: {
    name: { column: 'name', kind: 'name', indexColumn: 'name_index' },
    idNumber: { column: 'id_number', kind: 'idNumber', indexColumn: 'id_index' },
    phone: { column: 'phone', kind: 'phone', indexColumn: 'phone_index' },
  },
  storage: [
    {
      table: 'household_members',
      fields: {
        name: { column: 'name', indexColumn: 'name_index' },
        idNumber: { column: 'id_number', indexColumn: 'id_index' },
        phone: { column: 'phone', indexColumn: 'phone_index' },
      },
    },
    { table: 'households', fields: { name: { column: 'head_name', indexColumn: 'head_name_index' } } },
  ],
  unmaskRoles: ['villageCadre', 'townshipOfficer', 'civilAffairsOfficer', 'hrOfficer'],
};

/** Every record kind with personal data, for the key-rotation job and the documentation. */
export const PERSONAL_RECORDS: readonly PersonalRecordSpec[] = [LIST_ITEM_PERSONAL, HOUSEHOLD_MEMBER_PERSONAL];

/** One stored column under the field encryption, as the key-rotation job and the backup's key census see it. */
export interface EncryptedColumn {
  table: string;
  column: string;
  /** The associated data it was sealed with (see {@link PersonalData.seal}). */
  context: string;
  /** Its blind index, recomputed from the clear value when the index key or MAC changes. */
  indexColumn?: string;
}

/** Columns under the field encryption outside the personal records: the second factors' TOTP secrets, survey files waiting for their job. */
const SECRET_COLUMNS: readonly EncryptedColumn[] = [
  { table: 'users', column: 'totp_secret', context: 'users.totp_secret' },
  // A survey file waiting for its import job (migration 0014): names and ID numbers, sealed whole until the job ends.
  { table: 'household_import_files', column: 'data', context: 'household_import_files.data' },
];

/**
 * Every encrypted column of the platform: the personal fields of {@link PERSONAL_RECORDS} where they are stored, and
 * the secrets. Rows are keyed by `id` in every one of these tables.
 */
export function encryptedColumns(): EncryptedColumn[] {
  const out: EncryptedColumn[] = [...SECRET_COLUMNS];
  for (const spec of PERSONAL_RECORDS) {
    for (const place of spec.storage) {
      for (const [field, f] of Object.entries(place.fields)) {
        out.push({
          table: place.table,
          column: f.column,
          context: `${spec.objectType}.${field}`,
          ...(f.indexColumn ? { indexColumn: f.indexColumn } : {}),
        });
      }
    }
  }
  return out;
}

// ——— values shaped like personal data, wherever they appear ———

const EDGE_BEFORE = '(?<![0-9A-Za-z])';
const EDGE_AFTER = '(?![0-9A-Za-z])';
/** A resident ID number: region, birth date 19xx/20xx, sequence, check digit. */
const ID_NUMBER = new RegExp(
  `${EDGE_BEFORE}\\d{6}(?:19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}[\\dXx]${EDGE_AFTER}`,
  'g',
);
/** A mainland mobile number, optionally +86 and split 3-4-4 by spaces or hyphens. */
const MOBILE = new RegExp(`${EDGE_BEFORE}(?:\\+?86[\\s-]?)?1[3-9]\\d(?:[\\s-]?\\d{4}){2}${EDGE_AFTER}`, 'g');
/** A landline with its area code (0812-3334567, 028 8888 8888). */
const LANDLINE = new RegExp(`${EDGE_BEFORE}0\\d{2,3}[\\s-]\\d{7,8}${EDGE_AFTER}`, 'g');
/** A bank card: 16–19 digits, possibly in groups of four. */
const BANK_CARD = new RegExp(`${EDGE_BEFORE}[3-9]\\d{3}(?:[\\s-]?\\d{4}){2}[\\s-]?\\d{4,7}${EDGE_AFTER}`, 'g');

/**
 * Free text with every value shaped like an ID number, a mobile or landline number or a bank card masked as the
 * display masks it — what the audit trail keeps of anything a user typed.
 *
 * @example
 * maskPersonalText('请联系 13812345678（张三）') // → '请联系 138****5678（张三）'
 * maskPersonalText('身份证 510402199001011234')   // → '身份证 5104**********1234'
 */
export function maskPersonalText(text: string): string {
  if (!/\d{7}/.test(text.replace(/[\s-]/g, ''))) return text;
  return text
    .replace(ID_NUMBER, maskIdNumber)
    .replace(MOBILE, maskPhone)
    .replace(LANDLINE, maskPhone)
    .replace(BANK_CARD, maskBankAccount);
}

/** What a reader gets of a record's personal fields: masked, or in clear with the fact that it was unmasked. */
export interface Revealed<T> {
  values: T;
  unmasked: boolean;
}

/** Seals and reveals the personal fields of records as the policy says. */
export class PersonalData {
  private readonly crypto: () => FieldCrypto;

  constructor(crypto: () => FieldCrypto) {
    this.crypto = crypto;
  }

  private context(spec: PersonalRecordSpec, field: string): string {
    return `${spec.objectType}.${field}`;
  }

  /** Whether the stored text is a ciphertext of the field encryption (`<key id>:<base64>`), not a legacy clear value. */
  static isSealed(stored: string): boolean {
    return /^[a-z][a-z0-9]{0,15}:(?:sm4:)?[A-Za-z0-9+/]{40,}={0,2}$/.test(stored);
  }

  /**
   * The stored columns for `values` (API field → clear text): ciphertexts, and blind indexes where declared.
   * `indexed` gives blind indexes the caller has already computed (an import checks the ID numbers first).
   */
  seal(
    spec: PersonalRecordSpec,
    values: Readonly<Record<string, string | null>>,
    indexed: Readonly<Record<string, string>> = {},
  ): Record<string, string | null> {
    const out: Record<string, string | null> = {};
    const fc = this.crypto();
    for (const [field, f] of Object.entries(spec.fields)) {
      if (!(field in values)) continue;
      const v = values[field] ?? null;
      out[f.column] = v === null || v === '' ? v : fc.encrypt(v, this.context(spec, field));
      if (f.indexColumn) out[f.indexColumn] = v === null || v === '' ? null : (indexed[field] ?? fc.blindIndex(v));
    }
    return out;
  }

  /** The clear value of one stored field (a legacy clear value is returned as it is, until it is migrated). */
  open(spec: PersonalRecordSpec, field: string, stored: string | null): string | null {
    if (stored === null || stored === '' || !PersonalData.isSealed(stored)) return stored;
    return this.crypto().decrypt(stored, this.context(spec, field));
  }

  /** Whether `role` may see the record's personal fields in clear. */
  mayUnmask(spec: PersonalRecordSpec, role: Role): boolean {
    return spec.unmaskRoles.includes(role);
  }

  /**
   * The personal fields of a stored row as a reader may see them: masked, unless `unmask` was asked for by a role
   * that may (the caller then records the view: {@link Auditor.view}).
   */
  reveal(
    spec: PersonalRecordSpec,
    row: Readonly<Record<string, unknown>>,
    opts: { role: Role; unmask: boolean },
  ): Revealed<Record<string, string>> {
    const unmasked = opts.unmask && this.mayUnmask(spec, opts.role);
    const values: Record<string, string> = {};
    for (const [field, f] of Object.entries(spec.fields)) {
      const clear = this.open(spec, field, (row[f.column] as string | null | undefined) ?? null) ?? '';
      values[field] = unmasked || clear === '' ? clear : MASKS[f.kind](clear);
    }
    return { values, unmasked };
  }
}
