import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../http/actor.ts';
import { sendDownload } from '../../http/download.ts';
import type { Role } from '../../../domain/types.ts';
import {
  dataValueSetQuerySchema,
  importQuerySchema,
  sdmxQuerySchema,
  importSummarySchema,
  type ImportOptions,
} from '../../../shared/api/exchange.ts';
import {
  FormatError,
  parseDataValueSetCsv,
  parseDataValueSetJson,
  dataValueSetCsvWriter,
  dataValueSetJsonWriter,
  type ExchangeRow,
} from './dhis2.format.ts';
import { unreadable, type ImportOrigin } from './dataset.service.ts';
import { adxWriter, parseAdx } from './adx.format.ts';
import { streamChunks } from './chunk-writer.ts';
import { sdmxCsvWriter } from './sdmx.format.ts';

/** Who imports: the roles that enter values. */
export const IMPORTERS: readonly Role[] = ['districtReporter', 'departmentReporter'];
/** Who exports values: every role of the reporting round (the three administrators read no business data). */
export const EXPORTERS: readonly Role[] = [
  'coordinator',
  'leader',
  'teamMember',
  'departmentReporter',
  'districtReporter',
  'reviewer',
];

/** The content types a data value set or ADX file may be sent as; each arrives as text, read by its format. */
export const EXCHANGE_TYPES = [
  'application/json',
  'text/csv',
  'application/csv',
  'application/xml',
  'text/xml',
  'application/adx+xml',
];

export function importOptions(q: z.infer<typeof importQuerySchema>): ImportOptions {
  return {
    dryRun: q.dryRun,
    importStrategy: q.importStrategy,
    atomicMode: q.atomicMode,
    scheme: q.scheme ?? null,
    submit: q.submit,
    frameworkId: q.frameworkId,
  };
}

/** Reads a file with its format's reader; a file that cannot be read at all is a one-conflict summary. */
export async function importText(
  ctx: AppContext,
  request: FastifyRequest,
  text: string,
  read: (text: string) => ExchangeRow[],
  format: ImportOrigin['format'],
  q: z.infer<typeof importQuerySchema>,
) {
  const options = importOptions(q);
  let rows: ExchangeRow[];
  try {
    rows = read(text);
  } catch (e) {
    if (e instanceof FormatError) return unreadable(options, 0, e.text, e.line);
    throw e;
  }
  return ctx.exchange.dataSets.importRows(actorOf(request), rows, options, {
    format,
    token: request.apiToken?.name ?? null,
    fileName: q.fileName ?? null,
  });
}

/**
 * DHIS2 data value sets: POST (JSON or CSV, by content type) imports through the value service; GET exports as JSON
 * or CSV. Registered in a plugin of its own so that the body arrives as text with the exchange's size limit.
 */
export function registerDataSetRoutes(app: FastifyInstance, ctx: AppContext): void {
  void app.register(async (child) => {
    child.removeAllContentTypeParsers();
    child.addContentTypeParser(
      EXCHANGE_TYPES,
      { parseAs: 'string', bodyLimit: ctx.config.exchangeLimit },
      (_req, body, done) => done(null, body),
    );
    const r = child.withTypeProvider<ZodTypeProvider>();
    const tags = ['exchange'];
    r.post(
      '/api/v1/exchange/dhis2/dataValueSets',
      {
        config: { access: IMPORTERS, allowToken: true },
        bodyLimit: ctx.config.exchangeLimit,
        schema: {
          tags,
          summary:
            '导入 DHIS2 数据值集（JSON 或 CSV，按 Content-Type）Import a DHIS2 data value set (JSON or CSV, by content type)',
          querystring: importQuerySchema,
          body: z.string(),
          response: { 200: importSummarySchema },
        },
      },
      async (request) => {
        const type = String(request.headers['content-type'] ?? '');
        const csv = /csv/i.test(type);
        return importText(
          ctx,
          request,
          request.body,
          csv ? parseDataValueSetCsv : parseDataValueSetJson,
          csv ? 'dhis2-csv' : 'dhis2-json',
          request.query,
        );
      },
    );
    r.post(
      '/api/v1/exchange/adx',
      {
        config: { access: IMPORTERS, allowToken: true },
        bodyLimit: ctx.config.exchangeLimit,
        schema: {
          tags,
          summary: '导入 ADX（urn:ihe:qrph:adx:2015）Import ADX',
          querystring: importQuerySchema,
          body: z.string(),
          response: { 200: importSummarySchema },
        },
      },
      async (request) => importText(ctx, request, request.body, parseAdx, 'adx', request.query),
    );
    r.get(
      '/api/v1/exchange/adx.xml',
      {
        config: { access: EXPORTERS },
        schema: { tags, summary: '导出 ADX Export ADX', querystring: dataValueSetQuerySchema },
      },
      async (request, reply) => {
        const values = await ctx.exchange.dataSets.exportValues(actorOf(request), request.query);
        return sendDownload(reply, {
          contentType: 'application/adx+xml; charset=utf-8',
          fileName: 'adx.xml',
          body: Readable.from(streamChunks(adxWriter(ctx.clock.now().toISOString()), values)),
        });
      },
    );
    r.get(
      '/api/v1/exchange/sdmx/data.csv',
      {
        config: { access: EXPORTERS },
        schema: {
          tags,
          summary: '导出已发布数据（SDMX-CSV）Export published figures (SDMX-CSV)',
          querystring: sdmxQuerySchema,
        },
      },
      async (request, reply) => {
        const observations = await ctx.exchange.dataSets.observations(actorOf(request), request.query);
        return sendDownload(reply, {
          contentType: 'text/csv; charset=utf-8',
          fileName: 'sdmx-data.csv',
          body: Readable.from(streamChunks(sdmxCsvWriter(), observations)),
        });
      },
    );
    for (const ext of ['json', 'csv'] as const) {
      r.get(
        `/api/v1/exchange/dhis2/dataValueSets.${ext}`,
        {
          config: { access: EXPORTERS },
          schema: {
            tags,
            summary: `导出 DHIS2 数据值集（${ext.toUpperCase()}）Export a DHIS2 data value set (${ext.toUpperCase()})`,
            querystring: dataValueSetQuerySchema,
          },
        },
        async (request, reply) => {
          const values = await ctx.exchange.dataSets.exportValues(actorOf(request), request.query);
          return sendDownload(reply, {
            contentType: ext === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8',
            fileName: `dataValueSets.${ext}`,
            body: Readable.from(
              streamChunks(ext === 'json' ? dataValueSetJsonWriter() : dataValueSetCsvWriter(), values),
            ),
          });
        },
      );
    }
  });
}
