// meter.anthropic: token usage of Anthropic's Messages API, for budgets and
// the ledger. `POST …/v1/messages` is usage (JSON or streamed); everything
// else, `…/v1/messages/count_tokens` included, is not. The path is matched
// on its end, so the same meter reads the API through a gateway prefix
// (`/gw/api.anthropic.com/v1/messages`) or a base URL with a path.
//
// Estimate before forwarding: input by body size (plugins/meter/estimate.ts),
// output = `max_tokens`; a request without `max_tokens` (refused by the API)
// has no estimate. Usage: the JSON message's `usage`, or message_start's
// usage overwritten by message_delta's cumulative totals; streamed text
// keeps a running output estimate until then (plugins/meter/anthropic-messages.ts).
import { definePlugin } from '../sdk.ts';
import { anthropicMessages } from '../meter/anthropic-messages.ts';
import { meterHooks, type MeterOptions, meterOptionProperties } from '../meter/meter-hooks.ts';
import { pathIs } from '../meter/metered-api.ts';

export const PLUGIN_ID = 'meter.anthropic';

export default definePlugin<MeterOptions>({
  id: PLUGIN_ID,
  version: '1.0.0',
  kind: 'meter',
  optionsSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    properties: { ...meterOptionProperties },
  },
  setup(options) {
    return meterHooks(
      'anthropic',
      (req) => (req.method === 'POST' && pathIs(req.path, '/v1/messages') ? anthropicMessages : null),
      options ?? {},
    );
  },
});
