/**
 * HTTP response headers that make the browser enforce what the server cannot: no framing (clickjacking), no scripts
 * but our own (XSS), no MIME sniffing, no referrer leaking internal URLs, HTTPS only once seen over HTTPS.
 */

/**
 * The Content-Security-Policy for the built web app (Vite bundles every script into files under /assets, so no
 * inline script is needed). Ant Design injects its styles as <style> elements at run time, hence 'unsafe-inline'
 * for styles only; ECharts draws on canvas and needs nothing more. `vite dev` is served by Vite itself, not with
 * these headers.
 */
export const CONTENT_SECURITY_POLICY: Readonly<Record<string, readonly string[]>> = Object.freeze({
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

/** Powerful browser features the platform never uses, switched off for it and anything it might embed. */
const PERMISSIONS_POLICY = [
  'camera=()',
  'microphone=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'bluetooth=()',
  'hid=()',
  'midi=()',
  'accelerometer=()',
  'gyroscope=()',
  'magnetometer=()',
  'display-capture=()',
  'browsing-topics=()',
].join(', ');

/** One year, the value HSTS preload lists ask for. */
export const HSTS_MAX_AGE_SECONDS = 31_536_000;

/** The CSP header value: directives in a fixed order, `; `-separated. */
export function contentSecurityPolicy(options: { https: boolean }): string {
  const directives = Object.entries(CONTENT_SECURITY_POLICY).map(([name, values]) => `${name} ${values.join(' ')}`);
  // Over HTTPS, a stray http:// URL in content is fetched over HTTPS instead of being blocked as mixed content.
  if (options.https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

/**
 * The security headers for every response. `https` says whether this request reached us over HTTPS (directly, or
 * through a proxy the server trusts to say so); only then is Strict-Transport-Security sent, because browsers
 * ignore it over plain HTTP and a demo on http://localhost must keep working.
 *
 * @example
 * securityHeaders({ https: true })
 * // → { 'Content-Security-Policy': "default-src 'self'; script-src 'self'; …; upgrade-insecure-requests",
 * //     'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'DENY',
 * //     'Permissions-Policy': 'camera=(), …', 'Cross-Origin-Opener-Policy': 'same-origin',
 * //     'Cross-Origin-Resource-Policy': 'same-origin', 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' }
 */
export function securityHeaders(options: { https: boolean }): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // Older browsers that ignore CSP frame-ancestors still honour this.
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': PERMISSIONS_POLICY,
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
  if (options.https) headers['Strict-Transport-Security'] = `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains`;
  return headers;
}
