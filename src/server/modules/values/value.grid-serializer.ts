import fastJson from 'fast-json-stringify';
import { z } from 'zod';
import { gridResponseSchema } from '../../../shared/api/values.ts';

/**
 * The entry grid's answer (300 rows) serialised by a function compiled once from the shared schema
 * (fast-json-stringify), instead of validated row by row by zod and then stringified: the grid is the largest
 * uncached answer of the API (docs/benchmarks.md). The service builds it typed as the schema's output; a test
 * parses what this writes with the shared schema itself (value.grid-serializer.test.ts).
 */
const jsonSchema = z.toJSONSchema(gridResponseSchema, { io: 'output' });
const { $schema: _dialect, ...schema } = jsonSchema;

export const serializeGrid: (data: unknown) => string = fastJson(schema as Parameters<typeof fastJson>[0]);
