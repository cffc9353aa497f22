/**
 * A file format written in pieces, so that an export goes out as it is read — a page of rows at a time — instead of
 * one string of the whole year (15 MB of JSON for the city's published values). `start`, then `page` for each page
 * in order, then `end`: the concatenation is the file, byte for byte the same whatever the page size.
 */
export interface ChunkWriter<T> {
  start(): string;
  page(values: readonly T[]): string;
  end(): string;
}

/** The whole file at once (tests, small files). */
export function writeAll<T>(writer: ChunkWriter<T>, values: readonly T[]): string {
  return writer.start() + writer.page(values) + writer.end();
}

/**
 * The file as a stream of strings, one per page (`Readable.from(streamChunks(…))` for a reply).
 *
 * @example Readable.from(streamChunks(dataValueSetJsonWriter(), pages)) // '{"dataValues":[', '…', ']}'
 */
export async function* streamChunks<T>(
  writer: ChunkWriter<T>,
  pages: AsyncIterable<readonly T[]>,
): AsyncGenerator<string> {
  yield writer.start();
  for await (const values of pages) {
    const chunk = writer.page(values);
    if (chunk !== '') yield chunk;
  }
  yield writer.end();
}
