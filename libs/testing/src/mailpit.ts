import { createServer, connect, type Server, type Socket } from 'node:net';

/** The test SMTP server (Mailpit of the test profile): SMTP for services, its HTTP API for tests. */
export function testSmtpUrl(): string {
  return process.env.TEST_SMTP_URL ?? 'smtp://127.0.0.1:11025';
}

export function testMailpitApi(): string {
  return (process.env.TEST_MAILPIT_API ?? 'http://127.0.0.1:18025').replace(/\/+$/, '');
}

export interface MailSummary {
  ID: string;
  Subject: string;
  To: Array<{ Address: string }>;
}

export interface MailMessage {
  ID: string;
  Subject: string;
  Text: string;
  HTML: string;
  To: Array<{ Address: string }>;
  MessageID: string;
}

/** Reads what arrived in Mailpit (each test uses its own recipient addresses, so no clearing). */
export const mailpit = {
  async to(address: string): Promise<MailSummary[]> {
    const res = await fetch(`${testMailpitApi()}/api/v1/search?query=${encodeURIComponent(`to:"${address}"`)}&limit=50`);
    if (!res.ok) throw new Error(`Mailpit search answered ${res.status}`);
    const body = (await res.json()) as { messages: MailSummary[] };
    return body.messages.filter((m) => m.To.some((t) => t.Address.toLowerCase() === address.toLowerCase()));
  },
  async message(id: string): Promise<MailMessage> {
    const res = await fetch(`${testMailpitApi()}/api/v1/message/${id}`);
    if (!res.ok) throw new Error(`Mailpit message answered ${res.status}`);
    return (await res.json()) as MailMessage;
  },
  async headers(id: string): Promise<Record<string, string[]>> {
    const res = await fetch(`${testMailpitApi()}/api/v1/message/${id}/headers`);
    if (!res.ok) throw new Error(`Mailpit headers answered ${res.status}`);
    return (await res.json()) as Record<string, string[]>;
  },
};

/**
 * A TCP relay in front of a server that a test can take down and bring back on the same port:
 * while down, connections are refused, as when the real server is down.
 */
export class SwitchableRelay {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async up(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  /** Refuse new connections and cut the open ones. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
