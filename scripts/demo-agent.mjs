// A tiny "agent" for the demo: sends requests through the proxy cork gave it
// (HTTPS_PROXY) with undici's ProxyAgent, and prints what came back.
import { ProxyAgent, request } from 'undici';

const proxy = new URL(process.env.HTTPS_PROXY ?? process.env.HTTP_PROXY ?? '');
const token = `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}`;
// proxyTunnel: false sends http:// requests in absolute form, so cork sees method and path.
const dispatcher = new ProxyAgent({ uri: proxy.origin, token, proxyTunnel: false });

const targets = process.argv.slice(2);
const requests = targets.length
  ? targets.map((u) => ['GET', u])
  : [
      ['GET', 'http://api.github.com/repos/acme/app/pulls/7'],
      ['DELETE', 'http://api.github.com/repos/acme/app'],
      // An obviously fake AWS key id in a query string: DLP blocks it before it leaves.
      ['GET', 'http://api.github.com/repos/acme/app?debug=AKIAFAKEFAKEFAKEFAKE'],
    ];
console.log(`agent env: GITHUB_TOKEN=${process.env.GITHUB_TOKEN ?? '(not set)'}, ANTHROPIC_API_KEY=${(process.env.ANTHROPIC_API_KEY ?? '').slice(0, 16)}… (a session key)\n`);
for (const [method, url] of requests) {
  const res = await request(url, { method, dispatcher });
  const body = await res.body.text();
  console.log(`${method} ${url}\n  → ${res.statusCode} ${body}\n`);
}
await dispatcher.close();
