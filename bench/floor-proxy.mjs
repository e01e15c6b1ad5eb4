// The floor for the proxy benchmark, run as its own process: a bare node:http
// forward proxy for absolute-form requests, piping each one to its origin
// through a keep-alive node:http Agent. No session, no policy, no header
// rewriting beyond the proxy's own hop: what any Node proxy pays at least.
// Usage: node floor-proxy.mjs HOST=PORT... (where HOST's requests go, on
// 127.0.0.1, like cork's --upstream-override). Prints `listening PORT`.
import { Agent, createServer, request } from 'node:http';

const overrides = new Map(process.argv.slice(2).map((spec) => {
  const [host, port] = spec.split('=');
  return [host, Number(port)];
}));
// The same ceiling as cork's per-origin undici Pool (connections: 256).
const agent = new Agent({ keepAlive: true, maxSockets: 256, keepAliveMsecs: 30_000 });

const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
  let url;
  try {
    url = new URL(req.url);
  } catch {
    res.writeHead(400).end();
    return;
  }
  const headers = { ...req.headers };
  delete headers['proxy-authorization'];
  delete headers['proxy-connection'];
  headers.host = url.host;
  const upstream = request(
    { agent, host: '127.0.0.1', port: overrides.get(url.hostname) ?? (Number(url.port) || 80), method: req.method, path: url.pathname + url.search, headers },
    (up) => {
      res.writeHead(up.statusCode, up.headers);
      up.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (res.headersSent) res.destroy();
    else res.writeHead(502).end();
  });
  req.pipe(upstream);
});
server.headersTimeout = 15_000;
server.requestTimeout = 120_000;
server.listen({ host: '127.0.0.1', port: 0 }, () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
// A clean exit, so --cpu-prof writes its profile.
process.on('SIGTERM', () => process.exit(0));
