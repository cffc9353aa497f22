import type { FastifyRequest } from 'fastify';
import type { Actor } from '../access/policy.ts';
import { AppError } from '../errors.ts';
import './request.ts';

/** The actor of a request that passed the access hook of an authenticated route. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED');
  return request.actor;
}
