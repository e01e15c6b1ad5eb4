// The DLP proxy benchmark's upstream, run as its own process: any POST reads
// the body and answers `{"received":N}`; GET /echo-headers answers the request
// headers it saw (the preflight's check that the credential is injected).
// Prints `listening PORT` on stdout once bound to 127.0.0.1.
import { createServer } from 'node:http';

const server = createServer({ keepAliveTimeout: 120_000 }, (req, res) => {
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
  res.writeHead(404, { 'content-length': 0 });
  res.end();
});
server.headersTimeout = 120_000;
server.requestTimeout = 0;
server.maxRequestsPerSocket = 0;
server.listen({ host: '127.0.0.1', port: 0 }, () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
