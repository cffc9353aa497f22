import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';

export function registerExcelRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
