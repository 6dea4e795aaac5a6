import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';

/** The platform's address for links that leave the screen (QR codes, printed slips). */
export function publicOrigin(config: Pick<Config, 'PUBLIC_ORIGIN'>, req: FastifyRequest): string {
  return config.PUBLIC_ORIGIN ?? `${req.protocol}://${req.host}`;
}
