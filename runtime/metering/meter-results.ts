// What a meter hook returns, checked before the runtime acts on it: a repo
// meter is code from a policy repo, and a budget or a ledger row built from a
// string, a negative count or NaN would be wrong in ways no one would see.
// A malformed answer is a meter failure, handled like a throw (fail closed:
// the request is refused, or the reservation is charged).
import type { MeterStart, UsageRecord } from '../../plugins/sdk.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const show = (v: unknown): string => {
  try {
    return (JSON.stringify(v) ?? String(v)).slice(0, 120);
  } catch {
    return String(v).slice(0, 120);
  }
};

function checkNames(o: Record<string, unknown>, what: string): void {
  if (typeof o['provider'] !== 'string' || o['provider'] === '') throw new Error(`${what}: provider must be a non-empty string (got ${show(o['provider'])})`);
  if (o['model'] !== undefined && typeof o['model'] !== 'string') throw new Error(`${what}: model must be a string (got ${show(o['model'])})`);
}

/** onMeterRequest's answer: null (not metered) or a MeterStart. Throws, naming the problem, on anything else. */
export function checkStart(v: unknown): MeterStart | null {
  if (v === null || v === undefined) return null;
  if (!isObject(v)) throw new Error(`onMeterRequest returned ${show(v)}, not a meter start or null`);
  checkNames(v, 'onMeterRequest');
  const e = v['estimate'];
  if (e !== null && e !== undefined && !(isObject(e) && isCount(e['input_tokens']) && isCount(e['output_tokens']))) {
    throw new Error(`onMeterRequest: estimate must be null or non-negative input_tokens and output_tokens (got ${show(e)})`);
  }
  return { ...(v as unknown as MeterStart), estimate: (e as MeterStart['estimate']) ?? null };
}

/** A usage record (running or final), or null. Throws, naming the problem, on anything else. */
export function checkUsage(v: unknown, hook: string): UsageRecord | null {
  if (v === null || v === undefined) return null;
  if (!isObject(v)) throw new Error(`${hook} returned ${show(v)}, not a usage record or null`);
  checkNames(v, hook);
  for (const k of ['input_tokens', 'output_tokens'] as const) if (!isCount(v[k])) throw new Error(`${hook}: ${k} must be a non-negative number (got ${show(v[k])})`);
  for (const k of ['cache_creation_input_tokens', 'cache_read_input_tokens'] as const) {
    if (v[k] !== undefined && !isCount(v[k])) throw new Error(`${hook}: ${k} must be a non-negative number (got ${show(v[k])})`);
  }
  if (v['estimated'] !== undefined && typeof v['estimated'] !== 'boolean') throw new Error(`${hook}: estimated must be a boolean (got ${show(v['estimated'])})`);
  return v as unknown as UsageRecord;
}
