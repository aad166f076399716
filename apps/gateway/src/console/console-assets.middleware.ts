import fs from 'node:fs';
import { Injectable, MethodNotAllowedException, type NestMiddleware } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, RequestContext, toProblem } from '@app/common';
import { GatewayEnv } from '../config/gateway.env';
import { resolveConsoleAsset } from './console-assets';

/**
 * Serves the built web console (`CONSOLE_DIR`, made by `npm run console:build`) at /console. The
 * pipeline has already set the console's security headers; the console calls the API on this
 * same origin with the user's bearer token, so it needs no CORS and no cookies.
 */
@Injectable()
export class ConsoleAssetsMiddleware implements NestMiddleware {
  constructor(private readonly env: GatewayEnv) {}

  use(req: Request, res: Response): void {
    const urlPath = req.originalUrl.split('?')[0] ?? '';
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return this.problem(res, urlPath, new MethodNotAllowedException('The console is read with GET'));
    }
    if (!this.env.CONSOLE_DIR) {
      return this.problem(
        res,
        urlPath,
        new DomainError('REQUEST.NOT_FOUND', 'not_found', 'The console is not served here: build it (npm run console:build) and set CONSOLE_DIR'),
      );
    }
    const asset = resolveConsoleAsset(this.env.CONSOLE_DIR, urlPath);
    switch (asset.kind) {
      case 'redirect':
        res.redirect(301, asset.location);
        return;
      case 'not_found':
        return this.problem(res, urlPath, new DomainError('REQUEST.NOT_FOUND', 'not_found', `No console file ${urlPath}`));
      case 'file': {
        res.setHeader('Content-Type', asset.contentType);
        res.setHeader('Cache-Control', asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
        if (req.method === 'HEAD') {
          res.status(200).end();
          return;
        }
        const stream = fs.createReadStream(asset.file);
        stream.once('error', () => res.destroy());
        stream.pipe(res);
      }
    }
  }

  private problem(res: Response, urlPath: string, err: unknown): void {
    const problem = toProblem(err, RequestContext.correlationId(), urlPath);
    res.status(problem.status).type('application/problem+json').json(problem);
  }
}
