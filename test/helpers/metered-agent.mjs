// A stand-in agent for the enforcement tests: calls the Anthropic API through
// the gateway (ANTHROPIC_BASE_URL and the session key cork run set) in a
// loop, and prints one line per answer, so a test can tell whether it is
// running, stopped or gone. With METERED_AGENT_IDLE=1 it only ticks.
const base = process.env.ANTHROPIC_BASE_URL;
const key = process.env.ANTHROPIC_API_KEY;
const idle = process.env.METERED_AGENT_IDLE === '1';
let n = 0;
for (;;) {
  let status = 0;
  if (!idle) {
    try {
      const r = await fetch(`${base}/v1/messages`, {
        method: 'POST',
        headers: { 'x-api-key': key, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({ model: 'claude-test', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
      });
      status = r.status;
      await r.arrayBuffer();
    } catch {
      status = -1;
    }
  }
  process.stdout.write(`tick ${++n} ${status}\n`);
  await new Promise((r) => setTimeout(r, 40));
}
