// One load run of the DLP proxy benchmark: bench/load.mjs with the request
// body read from a file (realistic text, not a run of one byte), so the
// detectors' prefilters do the work they do on real traffic. Prints one JSON
// line on stdout, same fields as load.mjs.
// Usage: node proxy-dlp-load.mjs '{"url":…,"connections":…,"duration":…,"method":…,"path":…,"headers":{…},"bodyFile":…}'
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const spec = JSON.parse(process.argv[2]);
const latencies = [];
const request = { method: spec.method, path: spec.path, headers: spec.headers, body: readFileSync(spec.bodyFile) };

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
