// For test/ledger-crash-safety.test.ts: writes usage rows to the ledger in
// <stateDir> as fast as it can, many calls in flight at once, and prints
// each row's request_id on stdout only after its promise resolved (durable).
// Prints "ready" once the ledger is open. Runs until killed.
//
//   node --import tsx test/helpers/ledger-writer-child.ts <stateDir> <run>
import { openLedger } from '../../runtime/state/ledger.ts';
import { usageRow } from './ledger-rows.ts';

const [stateDir, run = '0'] = process.argv.slice(2);
const IN_FLIGHT = 512;

const ledger = await openLedger(stateDir!);
// stdout to a pipe is synchronous on Linux: a line written is a line the parent reads, even if SIGKILL follows.
process.stdout.write('ready\n');

let n = 0;
async function writer(): Promise<void> {
  for (;;) {
    const id = `r${run}-${n++}`;
    await ledger.recordUsage(usageRow(n, { request_id: id }));
    process.stdout.write(`${id}\n`);
  }
}
for (let i = 0; i < IN_FLIGHT; i++) {
  writer().catch((e: Error & { code?: string }) => {
    process.stderr.write(`writer failed: ${e.code ?? ''} ${e.message}\n`);
    process.exit(1);
  });
}
