// The operator side of the control socket: a few JSON calls.
import { request } from 'node:http';
import { join } from 'node:path';
import { CONTROL_SOCKET, type ControlError } from './protocol.ts';

export class ControlClientError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function controlSocketPath(stateDir: string): string {
  return join(stateDir, CONTROL_SOCKET);
}

export function callControl<T>(stateDir: string, method: string, path: string, body?: unknown): Promise<T> {
  const socketPath = controlSocketPath(stateDir);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      { socketPath, method, path, headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          let value: unknown;
          try {
            value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            reject(new ControlClientError('CORK_CONTROL_BAD_REPLY', `the runtime answered ${res.statusCode} with something that is not JSON`));
            return;
          }
          if ((res.statusCode ?? 500) >= 400) {
            const e = value as ControlError;
            reject(new ControlClientError(e.code ?? 'CORK_CONTROL_ERROR', e.error ?? `HTTP ${res.statusCode}`));
          } else resolve(value as T);
        });
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => {
      const hint = err.code === 'ENOENT' || err.code === 'ECONNREFUSED' ? `no cork runtime is running on ${socketPath} (start one with: cork runtime start <bundle> --state-dir ${stateDir})` : `cannot reach ${socketPath}: ${err.code ?? err.message}`;
      reject(new ControlClientError('CORK_RUNTIME_NOT_RUNNING', hint));
    });
    req.end(payload);
  });
}
