import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy between the API and PostgreSQL, to play the network's and the server's faults
 * without touching the machine's PostgreSQL server (others use it):
 * - `cut()` closes every open connection at once (a database restart, a dropped network);
 * - `refuse()` also stops listening, so new connections are refused (the database is down);
 * - `stall()` keeps connections open but forwards nothing, and holds new ones unanswered
 *   (a hung server or a black-holed network);
 * - `restore()` forwards again.
 */
export class TcpProxy {
  private server: Server | null = null;
  private readonly pairs = new Set<{ client: Socket; upstream: Socket | null }>();
  private stalled = false;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** A postgres:// URL like `url` that goes through the proxy. */
  static async inFrontOf(url: string): Promise<{ proxy: TcpProxy; url: string }> {
    const u = new URL(url);
    const proxy = new TcpProxy(u.hostname, Number(u.port || 5432));
    await proxy.listen();
    u.hostname = '127.0.0.1';
    u.port = String(proxy.port);
    return { proxy, url: u.toString() };
  }

  async listen(): Promise<void> {
    const server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  /** Local ports of the proxy's connections to PostgreSQL (pg_stat_activity.client_port). */
  upstreamPorts(): number[] {
    return [...this.pairs].flatMap((p) => (p.upstream?.localPort ? [p.upstream.localPort] : []));
  }

  get connections(): number {
    return this.pairs.size;
  }

  cut(): void {
    for (const pair of this.pairs) {
      pair.client.destroy();
      pair.upstream?.destroy();
    }
    this.pairs.clear();
  }

  async refuse(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.cut();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  stall(): void {
    this.stalled = true;
    for (const { client, upstream } of this.pairs) {
      client.pause();
      upstream?.pause();
    }
  }

  async restore(): Promise<void> {
    this.stalled = false;
    for (const pair of this.pairs) {
      if (pair.upstream) {
        pair.client.resume();
        pair.upstream.resume();
      } else this.forward(pair);
    }
    if (!this.server) await this.listen();
  }

  async close(): Promise<void> {
    await this.refuse();
  }

  private accept(client: Socket) {
    const pair = { client, upstream: null as Socket | null };
    this.pairs.add(pair);
    client.on('error', () => undefined);
    client.on('close', () => {
      pair.upstream?.destroy();
      this.pairs.delete(pair);
    });
    if (this.stalled) client.pause();
    else this.forward(pair);
  }

  private forward(pair: { client: Socket; upstream: Socket | null }) {
    const upstream = connect(this.targetPort, this.targetHost);
    pair.upstream = upstream;
    upstream.on('error', () => pair.client.destroy());
    upstream.on('close', () => pair.client.destroy());
    pair.client.pipe(upstream);
    upstream.pipe(pair.client);
    pair.client.resume();
  }
}
