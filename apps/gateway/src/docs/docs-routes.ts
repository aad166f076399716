import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { toProblem, RequestContext } from '@app/common';
import { DOCS_UI_CSP, setSecureHeaders } from '../http/secure-headers';
import { DocsService } from './docs.service';

type Handler = (req: Request, res: Response, next: (err?: unknown) => void) => unknown;
interface RouteLayer {
  route?: { path: string; stack: Array<{ handle: Handler }> };
}

/**
 * The platform serves each app's own Nest document at /docs and /docs-json. For the gateway those
 * must be the PUBLIC document (route table + services' documents), so at start-up the handlers of
 * those Swagger routes are swapped for ours; the original /docs-json handler is kept as the source
 * of the gateway's own operations.
 */
@Injectable()
export class DocsRoutes implements OnApplicationBootstrap {
  private readonly logger = new Logger(DocsRoutes.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly docs: DocsService,
  ) {}

  onApplicationBootstrap(): void {
    const express = this.adapterHost.httpAdapter?.getInstance<{ router?: { stack: RouteLayer[] } }>();
    const stack = express?.router?.stack ?? [];
    const handlersOf = (path: string) => stack.filter((l) => l.route?.path === path).flatMap((l) => l.route?.stack ?? []);

    const json = handlersOf('/docs-json');
    const original = json[0]?.handle;
    if (original) this.docs.useGatewayDocument(() => captureDocument(original));
    const serveJson: Handler = async (_req, res) => {
      try {
        const doc = await this.docs.publicDocument();
        setSecureHeaders(res);
        res.type('application/json').send(JSON.stringify(doc));
      } catch (err) {
        const problem = toProblem(err, RequestContext.correlationId(), '/docs-json');
        res.status(problem.status).type('application/problem+json').json(problem);
      }
    };
    const serveInit: Handler = (_req, res) => {
      setSecureHeaders(res, { csp: DOCS_UI_CSP });
      res.type('application/javascript').send(SWAGGER_UI_INIT);
    };
    const wrapUi = (layer: { handle: Handler }): void => {
      const inner = layer.handle;
      layer.handle = (req, res, next) => {
        setSecureHeaders(res, { csp: DOCS_UI_CSP });
        return inner(req, res, next);
      };
    };
    for (const h of json) h.handle = serveJson;
    for (const path of ['/docs/swagger-ui-init.js', '/docs/docs/swagger-ui-init.js']) for (const h of handlersOf(path)) h.handle = serveInit;
    for (const path of ['/docs', '/docs/', '/docs/index.html']) for (const h of handlersOf(path)) wrapUi(h);
    if (!json.length) this.logger.warn({ msg: 'no /docs-json route found: the public document is not mounted' });
  }
}

/** The Swagger UI loads the public document from /docs-json (always the current merge). */
const SWAGGER_UI_INIT = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: '/docs-json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout',
  });
};
`;

/** Run the original Swagger handler against a response stub to get the gateway's own document. */
function captureDocument(handler: Handler): Promise<OpenAPIObject | null> {
  return new Promise((resolve) => {
    const res = {
      type: () => res,
      setHeader: () => res,
      status: () => res,
      send: (body: string) => {
        try {
          resolve(JSON.parse(body) as OpenAPIObject);
        } catch {
          resolve(null);
        }
        return res;
      },
    };
    Promise.resolve(handler({} as Request, res as unknown as Response, () => resolve(null))).catch(() => resolve(null));
  });
}
