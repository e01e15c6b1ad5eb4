// The metering benchmark's upstream: answers any POST with an Anthropic
// Messages event stream of `x-bench-events` content deltas (message_start,
// the deltas, a cumulative message_delta, message_stop), written as fast as
// the socket takes it (or paced by `x-bench-pace-ms` per 64 events). The events are rendered once; every stream is the
// same bytes. Prints `listening PORT` once bound to 127.0.0.1.
import { createServer } from 'node:http';

const frame = (type, data) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
const head = Buffer.from(
  frame('message_start', { message: { id: 'msg_bench', type: 'message', role: 'assistant', model: 'bench-model', content: [], stop_reason: null, usage: { input_tokens: 42, output_tokens: 1 } } }) +
    frame('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
);
const delta = Buffer.from(frame('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'The quick brown fox jumps over the lazy dog. ' } }));
const tail = (n) => Buffer.from(frame('content_block_stop', { index: 0 }) + frame('message_delta', { delta: { stop_reason: 'end_turn' }, usage: { output_tokens: n } }) + frame('message_stop', {}));
// 64 deltas per write: about 10 KiB, the size chunks reach a proxy in anyway.
const BATCH = 64;
const batch = Buffer.concat(Array.from({ length: BATCH }, () => delta));

const server = createServer({ keepAliveTimeout: 120_000 }, (req, res) => {
  req.resume();
  req.on('end', async () => {
    const n = Math.max(1, Number(req.headers['x-bench-events'] ?? 2000));
    // A pause after each batch: the long stream lasts seconds, so memory can be sampled along it.
    const pace = Number(req.headers['x-bench-pace-ms'] ?? 0);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'request-id': 'req_bench' });
    res.write(head);
    for (let sent = 0; sent < n; ) {
      const k = Math.min(BATCH, n - sent);
      const ok = res.write(k === BATCH ? batch : Buffer.concat(Array.from({ length: k }, () => delta)));
      sent += k;
      if (!ok) await new Promise((r) => res.once('drain', r));
      if (pace) await new Promise((r) => setTimeout(r, pace));
    }
    res.end(tail(n * 10));
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));
