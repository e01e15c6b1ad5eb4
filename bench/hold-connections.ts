// Opens many keep-alive connections to a proxy, answers one request on each,
// and holds them open: what a fleet of idle agents costs the proxy in memory.
import { connect, type Socket } from 'node:net';

export interface Held {
  sockets: Socket[];
  /** Requests answered 200 with the whole body. */
  ok: number;
  /** Other statuses, resets and timeouts, by kind. */
  failures: Map<string, number>;
  close(): void;
}

/** One request on a fresh socket; resolves when its response has fully arrived (the socket stays open). */
function requestOn(port: number, head: string, timeoutMs: number): Promise<{ socket: Socket; outcome: string }> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let buf = Buffer.alloc(0);
    let settled = false;
    const settle = (outcome: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.removeAllListeners('data');
      resolve({ socket, outcome });
    };
    const timer = setTimeout(() => settle('timeout'), timeoutMs);
    socket.setNoDelay(true);
    socket.once('connect', () => socket.write(head));
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const headers = buf.subarray(0, end).toString('latin1');
      const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(headers)?.[1] ?? NaN);
      if (buf.length - end - 4 < length) return;
      const status = /^HTTP\/1\.1 (\d{3})/.exec(headers)?.[1] ?? '???';
      settle(status === '200' && !/\r\nconnection:\s*close/i.test(headers) ? 'ok' : `status ${status}`);
    });
    socket.on('error', (err: NodeJS.ErrnoException) => settle(err.code ?? 'error'));
    socket.once('close', () => settle('closed'));
  });
}

/** `count` connections, opened `batch` at a time (a burst of SYNs past the listen backlog would only measure retries). */
export async function holdConnections(port: number, count: number, head: string, batch = 100, timeoutMs = 30_000): Promise<Held> {
  const sockets: Socket[] = [];
  const failures = new Map<string, number>();
  let ok = 0;
  for (let i = 0; i < count; i += batch) {
    const results = await Promise.all(Array.from({ length: Math.min(batch, count - i) }, () => requestOn(port, head, timeoutMs)));
    for (const { socket, outcome } of results) {
      sockets.push(socket);
      // An idle socket closed by the peer later must not crash the harness.
      socket.on('error', () => {});
      if (outcome === 'ok') ok++;
      else failures.set(outcome, (failures.get(outcome) ?? 0) + 1);
    }
  }
  return {
    sockets,
    ok,
    failures,
    close() {
      for (const s of sockets) s.destroy();
    },
  };
}
