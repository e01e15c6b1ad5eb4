// Runs a session's command: inherits the terminal, forwards the operator's
// signals, and reports how it ended so cork can exit the same way.
import { spawn, type ChildProcess } from 'node:child_process';
import { readSync } from 'node:fs';
import { processGroupOf } from './metering/process-control.ts';

export interface Launched {
  child: ChildProcess;
  /**
   * The process group freeze and kill signal: the command's own when it was
   * started detached (no terminal to share), else the launcher's, which the
   * command shares (a shell job); undefined when unknown.
   */
  pgid: number | undefined;
  /** Exit code, or 128 + signal number when it was killed by a signal (the shell's convention). */
  exited: Promise<number>;
}

export function launch(command: readonly string[], env: Record<string, string>): Launched {
  const [file, ...args] = command;
  if (!file) throw new Error('no command given after --');
  // Without a terminal the command gets a process group of its own, so freeze
  // and kill reach it and everything it starts, and nothing else. On a
  // terminal it must stay in the foreground group (a background group that
  // reads the terminal is stopped by the kernel), which is the launcher's.
  const detached = !process.stdin.isTTY;
  const child = spawn(file, args, { env, stdio: 'inherit', detached });
  // The operator's Ctrl-C and a SIGTERM (from them, or from the runtime shutting
  // down) go to the command; cork itself exits when it does, after closing the session.
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const exited = new Promise<number>((resolve) => {
    child.once('error', (err: NodeJS.ErrnoException) => {
      process.stderr.write(`cork: cannot run ${file}: ${err.code === 'ENOENT' ? 'command not found' : err.message}\n`);
      resolve(127);
    });
    child.once('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? 128 + (signal ? signalNumber(signal) : 0));
    });
  });
  const pgid = detached ? child.pid : processGroupOf(process.pid);
  return { child, exited, pgid };
}

function signalNumber(signal: NodeJS.Signals): number {
  return ({ SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 } as Record<string, number>)[signal] ?? 0;
}

/**
 * Answers a bottle's `"?message"` env value on the terminal. Synchronous on
 * purpose: the command cannot start before it has its environment.
 * Returns undefined when there is no terminal to ask.
 */
export function promptOnTerminal(name: string, message: string): string | undefined {
  if (!process.stdin.isTTY) return undefined;
  process.stderr.write(`${message} [${name}]: `);
  const buf = Buffer.alloc(1);
  let line = '';
  for (;;) {
    let n = 0;
    try {
      n = readSync(0, buf, 0, 1, null);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      return undefined;
    }
    if (n === 0 || buf[0] === 0x0a) break;
    line += String.fromCharCode(buf[0]!);
  }
  return line.replace(/\r$/, '');
}
