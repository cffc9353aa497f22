import fs from 'node:fs';
import type { Config } from '../config.ts';

/**
 * The certificate and key for Fastify's `https` option, when the server terminates TLS itself (TLS_CERT_FILE and
 * TLS_KEY_FILE); null behind a reverse proxy that does it. TLS 1.2 is the floor: what GB/T 22239 §8.1.2.2 and
 * §8.1.4.8 ask of data in transit is met only with a current protocol.
 */
export function tlsOptions(config: Pick<Config, 'tls'>): { cert: Buffer; key: Buffer; minVersion: 'TLSv1.2' } | null {
  if (!config.tls) return null;
  return {
    cert: fs.readFileSync(config.tls.certFile),
    key: fs.readFileSync(config.tls.keyFile),
    minVersion: 'TLSv1.2',
  };
}
