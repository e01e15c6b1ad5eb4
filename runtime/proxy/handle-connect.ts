// CONNECT tunnels. Without TLS interception the proxy sees host and port
// only, so a CONNECT is allowed just for routes that inspect nothing; the
// tunnel goes to the exact address the SSRF check approved.
import type { IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { checkedLookup } from '../net/address-policy.ts';
import { decideConnect } from '../policy/route-table.ts';
import type { ProxyContext } from './context.ts';
import { splitHostPort } from './handle-request.ts';
import { refuseSocket } from './refuse.ts';

export function handleConnect(ctx: ProxyContext, req: IncomingMessage, client: Duplex, head: Buffer): void {
  client.on('error', () => client.destroy());
  const authority = (req.url ?? '').toLowerCase();
  const hp = splitHostPort(authority, 443);
  if (!hp || !authority.includes(':')) {
    refuseSocket(client, 'proxy.bad-request', { host: authority, method: 'CONNECT', path: '', reason: 'CONNECT needs host:port' }, { log: ctx.log, level: 1 });
    return;
  }
  const session = ctx.sessions.byProxyAuthorization(req.headers['proxy-authorization']);
  if (!session) {
    refuseSocket(client, 'proxy.auth-required', { host: hp.host, method: 'CONNECT', path: '' }, { log: ctx.log, level: 1 });
    return;
  }
  const view = session.view;
  const audit = { log: ctx.log, level: view.log, session: session.id, digest: view.digest };
  if (view.closedReason) {
    refuseSocket(client, 'egress.no-route', { host: hp.host, method: 'CONNECT', path: '', reason: view.closedReason }, audit);
    return;
  }
  const decision = decideConnect(view.table, hp.host, hp.port);
  if (!decision.allow) {
    refuseSocket(client, decision.rule, { host: hp.host, method: 'CONNECT', path: '', reason: decision.reason, hint: decision.hint }, audit);
    return;
  }
  const override = ctx.upstreams.override(hp.host);
  const open = (host: string, port: number) => {
    ctx.inflight++;
    const upstream: Socket = connect({ host, port, timeout: ctx.limits.upstreamConnectTimeoutMs });
    let released = false;
    let connected = false;
    const release = () => {
      if (!released) {
        released = true;
        ctx.inflight--;
      }
    };
    upstream.once('connect', () => {
      connected = true;
      upstream.setTimeout(ctx.limits.idleTimeoutMs);
      if (view.log >= 2) ctx.log.info({ event: 'connect', session: session.id, host: hp.host, port: hp.port, address: host }, 'tunnel');
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.once('timeout', () => upstream.destroy());
    upstream.once('error', (err) => {
      if (!connected) {
        refuseSocket(client, 'proxy.upstream-error', { host: hp.host, method: 'CONNECT', path: '', reason: `cannot connect: ${(err as NodeJS.ErrnoException).code ?? err.message}` }, audit);
      } else {
        client.destroy();
      }
    });
    upstream.once('close', () => {
      release();
      client.destroy();
    });
    client.once('close', () => upstream.destroy());
  };
  if (override) {
    open(override.hostname.replace(/^\[|\]$/g, ''), Number(override.port || 80));
    return;
  }
  checkedLookup(hp.host, view.addresses.allow).then(
    (checked) => {
      if (!checked.ok) {
        refuseSocket(client, checked.rule, { host: hp.host, method: 'CONNECT', path: '', reason: checked.reason }, audit);
        return;
      }
      open(checked.address, hp.port);
    },
    (err: unknown) => refuseSocket(client, 'proxy.dns-failure', { host: hp.host, method: 'CONNECT', path: '', reason: `cannot resolve: ${(err as NodeJS.ErrnoException)?.code ?? String(err)}` }, audit),
  );
}
