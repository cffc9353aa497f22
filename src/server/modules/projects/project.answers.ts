import zlib from 'node:zlib';

/** A held answer: its JSON, and its compressed forms once a client has asked for them. */
interface Answer {
  json: Buffer;
  br?: Buffer;
  gzip?: Buffer;
}

interface Held {
  /** The org tree and the access rules the answer was built with, compared by identity (a rebuilt tree misses). */
  identity: readonly unknown[];
  answer: Promise<Answer>;
}

/** How many answers are held (the ledger's pages, filters and scopes), least recently used dropped first. */
export const ANSWER_CACHE_SIZE = 256;

/**
 * The serialised answers of the ledger's table and aggregates (GET /projects, GET /projects/aggregates), held by a
 * key the caller builds from everything that decides the answer — the reader's scope, the normalised query, the
 * ledger's stamp and the Beijing day — and dropped whole on every change (`clear`, on `projects.changed` and
 * `framework.changed`). Bounded (LRU); compressed once per encoding asked for. Concurrent misses of one key share
 * one build; a failed build is not held. The caller checks the reader's scope before every lookup.
 */
export class ProjectAnswerCache {
  private readonly entries = new Map<string, Held>();
  private readonly limit: number;

  constructor(limit = ANSWER_CACHE_SIZE) {
    this.limit = limit;
  }

  /** Drops every held answer (the ledger or its targets changed). */
  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The answer for `key`, built by `build` (serialised JSON) when none is held for it with the same `identity`; in
   * the encoding asked for.
   */
  async body(
    key: string,
    identity: readonly unknown[],
    build: () => Promise<string>,
    encoding: 'br' | 'gzip' | null,
  ): Promise<Buffer> {
    let held = this.entries.get(key);
    if (held && held.identity.every((x, i) => x === identity[i])) {
      // Used again: moves to the most recently used end.
      this.entries.delete(key);
      this.entries.set(key, held);
    } else {
      const answer = build().then((json) => ({ json: Buffer.from(json) }));
      const entry: Held = { identity, answer };
      held = entry;
      this.entries.delete(key);
      this.entries.set(key, entry);
      while (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string);
      answer.catch(() => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      });
    }
    const a = await held.answer;
    if (encoding === 'br') {
      a.br ??= zlib.brotliCompressSync(a.json, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 5,
          [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        },
      });
      return a.br;
    }
    if (encoding === 'gzip') return (a.gzip ??= zlib.gzipSync(a.json, { level: 6 }));
    return a.json;
  }
}
