import { Injectable, Module, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ACTOR_HEADER, decodeActor } from '@app/common';
import { AccessErrors } from './access.errors';
import { authorize } from './authorize';
import type { Permission } from './permissions';
import { INTERNAL_METADATA, PERMISSION_METADATA } from './require-permission.decorator';

/**
 * Every HTTP handler under /v1 declares a permission (or is internal); the guard applies the
 * catalogue with the forwarded actor. A /v1 handler that declares neither is refused: deny by default.
 */
@Injectable()
export class PermissionGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_METADATA, targets);
    const req = ctx.switchToHttp().getRequest<Request>();
    if (!permission) {
      if (this.reflector.getAllAndOverride<boolean | undefined>(INTERNAL_METADATA, targets)) return true;
      if (req.path.startsWith('/v1/')) throw AccessErrors.undeclared(req.method, req.path);
      return true;
    }
    const header = req.header(ACTOR_HEADER);
    // Another service calling as itself (the internal token was checked by the middleware).
    if (!header && this.reflector.getAllAndOverride<boolean | undefined>(INTERNAL_METADATA, targets)) return true;
    const actor = decodeActor(header);
    const decision = authorize(permission, actor, { params: (req.params ?? {}) as Record<string, string>, body: req.body, query: req.query });
    if (!decision.allow) throw decision.error;
    return true;
  }
}

/** Import once in a service's root module: installs the PermissionGuard for every handler. */
@Module({ providers: [{ provide: APP_GUARD, useClass: PermissionGuard }] })
export class AccessModule {}
