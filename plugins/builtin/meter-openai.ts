// meter.openai: token usage of OpenAI's Chat Completions and Responses
// APIs, for budgets and the ledger. `POST …/v1/chat/completions` and
// `POST …/v1/responses` are usage (JSON or streamed); everything else is
// not (`…/v1/responses/{id}` reads, `…/v1/responses/input_tokens` counts).
// Paths are matched on their end, so a gateway prefix or a base URL with a
// path (`/gw/api.openai.com/v1/…`, `/api/v1/…`) reads the same.
//
// Estimate before forwarding: input by body size (plugins/meter/estimate.ts),
// output = max_completion_tokens ?? max_tokens (× n) for chat,
// max_output_tokens for responses, else `defaultMaxOutputTokens`: OpenAI
// requires no cap, and a reservation needs one. Usage fields are normalized
// to Anthropic's meaning: cached tokens are taken out of input_tokens and
// reported as cache_read_input_tokens (plugins/meter/usage.ts).
import { definePlugin } from '../sdk.ts';
import { DEFAULT_MAX_OUTPUT_TOKENS, meterHooks, type MeterOptions, meterOptionProperties } from '../meter/meter-hooks.ts';
import { pathIs } from '../meter/metered-api.ts';
import { openAiChat } from '../meter/openai-chat.ts';
import { openAiResponses } from '../meter/openai-responses.ts';

export const PLUGIN_ID = 'meter.openai';

export interface OpenAiMeterOptions extends MeterOptions {
  /** Output tokens reserved for a request that sets no cap of its own. */
  defaultMaxOutputTokens?: number;
}

export default definePlugin<OpenAiMeterOptions>({
  id: PLUGIN_ID,
  version: '1.0.0',
  kind: 'meter',
  optionsSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    properties: {
      ...meterOptionProperties,
      defaultMaxOutputTokens: {
        type: 'integer',
        minimum: 1,
        default: DEFAULT_MAX_OUTPUT_TOKENS,
        description: 'Output tokens reserved for a request that sets no output cap.',
      },
    },
  },
  setup(options) {
    const opts = options ?? {};
    const cap = opts.defaultMaxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS;
    const chat = openAiChat(cap);
    const responses = openAiResponses(cap);
    return meterHooks(
      'openai',
      (req) => {
        if (req.method !== 'POST') return null;
        if (pathIs(req.path, '/v1/chat/completions')) return chat;
        if (pathIs(req.path, '/v1/responses')) return responses;
        return null;
      },
      opts,
    );
  },
});
