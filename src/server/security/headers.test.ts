import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from './headers.ts';

/** A CSP header parsed into directive → sources. */
function parseCsp(value: string): Map<string, string[]> {
  return new Map(
    value.split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name as string, sources];
    }),
  );
}

describe('securityHeaders', () => {
  it('sends the CSP for the Vite-built SPA with Ant Design', () => {
    const csp = parseCsp(securityHeaders({ https: false })['Content-Security-Policy'] as string);
    expect(Object.fromEntries(csp)).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'font-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'frame-ancestors': ["'none'"],
      'base-uri': ["'self'"],
      'form-action': ["'self'"],
      'object-src': ["'none'"],
    });
  });

  it('never allows inline or evaluated scripts', () => {
    for (const https of [false, true]) {
      const csp = parseCsp(contentSecurityPolicy({ https }));
      expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
      expect(csp.get('script-src')).not.toContain("'unsafe-eval'");
    }
  });

  it('sends the other headers on every response', () => {
    const headers = securityHeaders({ https: false });
    expect(headers).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
    expect(headers['Permissions-Policy']).toContain('camera=()');
    expect(headers['Permissions-Policy']).toContain('geolocation=()');
    expect(headers['Permissions-Policy']).toContain('microphone=()');
  });

  it('adds HSTS and upgrade-insecure-requests over HTTPS only', () => {
    const plain = securityHeaders({ https: false });
    expect(plain['Strict-Transport-Security']).toBeUndefined();
    expect(plain['Content-Security-Policy']).not.toContain('upgrade-insecure-requests');
    const secure = securityHeaders({ https: true });
    expect(secure['Strict-Transport-Security']).toBe('max-age=31536000; includeSubDomains');
    expect(secure['Content-Security-Policy']).toMatch(/; upgrade-insecure-requests$/);
  });

  it('returns a fresh object, so a caller cannot change what others send', () => {
    const a = securityHeaders({ https: false });
    a['X-Frame-Options'] = 'SAMEORIGIN';
    expect(securityHeaders({ https: false })['X-Frame-Options']).toBe('DENY');
  });
});
