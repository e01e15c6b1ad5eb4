// Preloaded into the runtime under test (`node --import`) by the SSRF tests:
// answers dns.lookup for the names in CORK_TEST_DNS (JSON: name → list of
// addresses) and passes every other name to the real resolver. This is how a
// test makes a name resolve to 10.0.0.1 or 169.254.169.254 without touching
// the machine's DNS. Plain JavaScript: it runs before tsx could be loaded.
import dns from 'node:dns';
import net from 'node:net';

const table = JSON.parse(process.env.CORK_TEST_DNS ?? '{}');
const realLookup = dns.lookup;

dns.lookup = function lookup(hostname, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  if (typeof options === 'number') options = { family: options };
  const answers = table[String(hostname).toLowerCase()];
  if (!answers) return realLookup.call(dns, hostname, options, callback);
  const list = answers.map((address) => ({ address, family: net.isIPv6(address) ? 6 : 4 }));
  const family = options?.family === 'IPv4' ? 4 : options?.family === 'IPv6' ? 6 : options?.family;
  const usable = family === 4 || family === 6 ? list.filter((a) => a.family === family) : list;
  process.nextTick(() => {
    if (usable.length === 0) {
      const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
      callback(err);
    } else if (options?.all) callback(null, usable);
    else callback(null, usable[0].address, usable[0].family);
  });
};
