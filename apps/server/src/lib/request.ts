import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';
import type { Actor } from './actor.ts';

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  return request.actor;
}

/** Who did it, for audit rows. */
export function auditContext(request: FastifyRequest) {
  return { actor: request.actor, ip: request.ip };
}
