/** Security headers on every response (CSP suited to the Vite-built SPA; Ant Design injects inline styles). */
export function securityHeaders(opts: { https: boolean }): Record<string, string> {
  const h: Record<string, string> = {
    'content-security-policy':
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  };
  if (opts.https) h['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
  return h;
}
