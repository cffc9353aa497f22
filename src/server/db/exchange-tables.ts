import type { Database } from './schema.ts';

/** Tables of the exchange module (migration 0015-exchange). Instants ISO-8601 text. */
export interface ServiceAccountRow {
  user_id: string;
  /** The other system, as people call it: "省共同富裕监测平台", "DHIS2 (统计局)". */
  system_name: string;
  description: string | null;
  created_by: string;
  created_at: string;
}

export interface ApiTokenRow {
  id: string;
  user_id: string;
  name: string;
  /** SHA-256 of the token, hex: the token itself is shown once and never stored. */
  token_hash: string;
  /** The first characters after `gft_`, so that people can tell their tokens apart. */
  prefix: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  last_used_at: string | null;
}

export interface IdMappingRow {
  id: string;
  /** The other system's identifier scheme: `dhis2`, `province`, … */
  scheme: string;
  /** dataElement | orgUnit */
  kind: string;
  external_id: string;
  internal_code: string;
  note: string | null;
  created_by: string;
  created_at: string;
}

export interface WebhookReceiverRow {
  id: string;
  name: string;
  url: string;
  /** Sealed with the field encryption (the secret must be read back to sign). */
  secret: string;
  /** JSON array of event names. */
  events: string;
  active: number;
  created_by: string;
  created_at: string;
  version: number;
}

export interface WebhookDeliveryRow {
  id: string;
  receiver_id: string;
  event: string;
  body: string;
  /** pending | delivered | failed */
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  last_attempt_at: string | null;
  created_at: string;
  delivered_at: string | null;
}

// A type alias, not an interface: `withTables` wants an index-compatible record.
export type ExchangeTables = {
  service_accounts: ServiceAccountRow;
  api_tokens: ApiTokenRow;
  id_mappings: IdMappingRow;
  webhook_receivers: WebhookReceiverRow;
  webhook_deliveries: WebhookDeliveryRow;
};
export type ExchangeDatabase = Database & ExchangeTables;
