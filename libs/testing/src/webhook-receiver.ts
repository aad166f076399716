import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  body: string;
  /** What the receiver's own check said. */
  accepted: boolean;
}

/**
 * An integrator's endpoint, for tests: a real HTTP server that checks each delivery with `verify`
 * (answering 401 when it fails, 204 when it passes) and can be taken down and brought back on the
 * same port.
 */
export class WebhookReceiver {
  readonly received: ReceivedHook[] = [];
  private server: Server | null = null;
  port = 0;

  constructor(private readonly verify: (headers: IncomingHttpHeaders, body: string) => boolean) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/loyalty`;
  }

  async up(): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const accepted = this.verify(req.headers, body);
        this.received.push({ headers: req.headers, body, accepted });
        res.writeHead(accepted ? 204 : 401).end();
      });
    });
    server.keepAliveTimeout = 1;
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
    return this;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  accepted(): ReceivedHook[] {
    return this.received.filter((r) => r.accepted);
  }
}
