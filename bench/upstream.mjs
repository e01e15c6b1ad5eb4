// The proxy benchmarks' upstream, run as its own process: GET /get1k and
// GET /get64k answer fixed bodies, any POST reads the body and answers
// `{"received":N}` (the benches check N through the reply's size), GET
// /echo-headers answers the request headers it saw (the harness's check that
// credentials are injected and proxy credentials are not).
// Prints `listening PORT` on stdout once bound to 127.0.0.1.
import { createServer } from 'node:http';

const bodies = {
  '/get1k': Buffer.alloc(1024, 'a'),
  '/get64k': Buffer.alloc(64 * 1024, 'b'),
};
const fixedHeaders = (n) => ({ 'content-type': 'application/octet-stream', 'content-length': n });

const server = createServer({ keepAliveTimeout: 120_000 }, (req, res) => {
  const body = req.method === 'GET' ? bodies[req.url] : undefined;
  if (body) {
    res.writeHead(200, fixedHeaders(body.length));
    res.end(body);
    return;
  }
  if (req.method === 'POST') {
    let n = 0;
    req.on('data', (c) => (n += c.length));
    req.on('end', () => {
      const text = `{"received":${n}}`;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': text.length });
      res.end(text);
    });
    return;
  }
  if (req.url === '/echo-headers') {
    const text = JSON.stringify(req.headers);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
    return;
  }
  req.resume();
  res.writeHead(404, fixedHeaders(0));
  res.end();
});
server.headersTimeout = 120_000;
server.requestTimeout = 0;
server.maxRequestsPerSocket = 0;
server.listen({ host: '127.0.0.1', port: 0 }, () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
