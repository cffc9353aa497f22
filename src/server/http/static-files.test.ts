import { describe, expect, it } from 'vitest';
import { acceptedEncoding, webCacheControl } from './static-files.ts';

describe('webCacheControl', () => {
  const dist = '/srv/web';
  it('keeps content-hashed assets for a year, immutable', () => {
    expect(webCacheControl('/srv/web/assets/index-BQ3x_9aZ.js', dist)).toBe('public, max-age=31536000, immutable');
    expect(webCacheControl('/srv/web/assets/index-BQ3x_9aZ.js.br', dist)).toBe('public, max-age=31536000, immutable');
    expect(webCacheControl('/srv/web/assets/vendor-Dk2v8wQe.css', dist)).toBe('public, max-age=31536000, immutable');
  });
  it('asks again for index.html and unhashed files', () => {
    expect(webCacheControl('/srv/web/index.html', dist)).toBe('no-cache');
    expect(webCacheControl('/srv/web/favicon.svg', dist)).toBe('no-cache');
    expect(webCacheControl('/srv/web/assets/logo.png', dist)).toBe('no-cache');
  });
});

describe('acceptedEncoding', () => {
  it('prefers brotli, then gzip, honouring q=0', () => {
    expect(acceptedEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(acceptedEncoding('gzip, deflate')).toBe('gzip');
    expect(acceptedEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(acceptedEncoding('identity')).toBeNull();
    expect(acceptedEncoding(undefined)).toBeNull();
    expect(acceptedEncoding('*')).toBe('br');
  });
});
