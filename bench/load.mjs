// One load run of the proxy benchmark, in its own process so the generator
// never shares an event loop with the harness or a proxy. autocannon drives
// the connections; latency percentiles are computed here from every 2xx
// response's hrtime duration (autocannon's own histogram rounds to whole ms,
// too coarse for a local proxy). Prints one JSON line on stdout.
// Usage: node load.mjs '{"url":…,"connections":…,"duration":…,"method":…,"path":…,"headers":{…},"bodyBytes":…|"bodyFile":…}'
// bodyFile sends a file's bytes (realistic text, so DLP prefilters do the work they do on real traffic).
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const spec = JSON.parse(process.argv[2]);
const latencies = [];
const request = { method: spec.method, path: spec.path, headers: spec.headers };
if (spec.bodyFile) request.body = readFileSync(spec.bodyFile);
else if (spec.bodyBytes) request.body = Buffer.alloc(spec.bodyBytes, 'x');

const instance = autocannon(
  { url: spec.url, connections: spec.connections, duration: spec.duration, timeout: 10, requests: [request] },
  (err, result) => {
    if (err) {
      process.stderr.write(`load: ${err.message}\n`);
      process.exit(1);
    }
    latencies.sort((a, b) => a - b);
    const at = (q) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] : NaN);
    process.stdout.write(
      `${JSON.stringify({
        ok: result['2xx'],
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
        seconds: result.duration,
        rps: result['2xx'] / result.duration,
        p50: at(0.5),
        p99: at(0.99),
      })}\n`,
    );
  },
);
instance.on('response', (_client, statusCode, _bytes, ms) => {
  if (statusCode >= 200 && statusCode < 300) latencies.push(ms);
});
