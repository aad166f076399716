import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ACTOR_HEADER, decodeActor, DomainError, type Actor } from '@app/common';

/**
 * For endpoints other services call with only the internal token (the middleware has already
 * checked it): the forwarded actor if there is one, else null. A malformed actor is still 401.
 */
export const OptionalActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor | null => {
  const header = ctx.switchToHttp().getRequest<Request>().header(ACTOR_HEADER);
  if (!header) return null;
  const actor = decodeActor(header);
  if (!actor) throw new DomainError('AUTH.UNAUTHENTICATED', 'unauthenticated', 'Malformed caller');
  return actor;
});
