// The proxy's listening socket: one node:http server for the forward-proxy
// form, the gateway form and CONNECT, with the limits that keep slow or
// hostile clients from holding it.
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { ProxyContext } from './context.ts';
import { handleConnect } from './handle-connect.ts';
import { handleRequest } from './handle-request.ts';
import { refuseSocket } from './refuse.ts';

export function createProxyServer(ctx: ProxyContext): Server {
  const { limits } = ctx;
  const server = createServer(
    {
      maxHeaderSize: limits.maxHeaderBytes,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.idleTimeoutMs,
      // The default check runs every 30 s, far too coarse for a slowloris bound.
      connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4))),
      // Hop-by-hop handling and duplicate detection need the raw header names intact.
      joinDuplicateHeaders: false,
      // Responses up to 128 KiB go out in one write instead of write + end (see upstream.ts).
      highWaterMark: 128 * 1024,
    },
    (req, res) => {
      try {
        handleRequest(ctx, req, res);
      } catch (err) {
        ctx.log.error({ err, event: 'handler-crash' }, 'request handler failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"internal_error"}');
        else res.destroy();
      }
    },
  );
  server.on('connect', (req, socket, head) => {
    try {
      handleConnect(ctx, req, socket, head);
    } catch (err) {
      ctx.log.error({ err, event: 'handler-crash' }, 'connect handler failed');
      socket.destroy();
    }
  });
  // Malformed requests (bad framing, conflicting Content-Length/Transfer-Encoding,
  // oversized headers) never reach a handler: answer with the refusal shape and close.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    const timeout = err.code === 'ERR_HTTP_REQUEST_TIMEOUT';
    refuseSocket(
      socket,
      tooLarge ? 'proxy.headers-too-large' : timeout ? 'proxy.request-timeout' : 'proxy.bad-request',
      { host: '', method: '', path: '', reason: tooLarge ? `request headers exceed ${limits.maxHeaderBytes} bytes` : timeout ? 'the request was not received in time' : `malformed request (${err.code ?? 'parse error'})` },
      { log: ctx.log, level: 1 },
    );
  });
  return server;
}
