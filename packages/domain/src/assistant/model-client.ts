import OpenAI from 'openai';
import type { ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions';
import type { AssistantSettings } from './settings';

/** One turn of the conversation as the model receives it. */
export interface ChatTurn {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A request's own limits: its cancellation, and the SDK's per-attempt timeout and retries. */
export interface ModelCall {
  signal: AbortSignal;
}

/**
 * The model behind the assistant, through the `openai` SDK's chat completions, which OpenAI, Ollama, vLLM and other
 * compatible servers all implement. Only the answer's text is read: reasoning (`reasoning_content`/`reasoning`
 * deltas, which reasoning models send first) and tool calls are skipped wherever they come (C38).
 */
export class ModelClient {
  private readonly openai: OpenAI;

  constructor(private readonly settings: AssistantSettings) {
    this.openai = new OpenAI({
      baseURL: apiBaseUrl(settings.baseUrl),
      // The SDK insists on a key; servers that need none ignore it.
      apiKey: settings.apiKey ?? 'not-needed',
      timeout: settings.timeoutMs,
      maxRetries: settings.maxRetries,
    });
  }

  /** The reply's text as it is generated, in order. */
  async *stream(turns: ChatTurn[], call: ModelCall): AsyncGenerator<string> {
    const stream = await this.openai.chat.completions.create(
      { ...this.request(turns), stream: true },
      { signal: call.signal },
    );
    for await (const chunk of stream) {
      const text = chunk.choices[0]?.delta?.content;
      if (text) yield text;
    }
  }

  /** The whole reply in one answer (no streaming asked of the server). */
  async complete(turns: ChatTurn[], call: ModelCall): Promise<string> {
    const completion = await this.openai.chat.completions.create(
      { ...this.request(turns), stream: false },
      { signal: call.signal },
    );
    return completion.choices[0]?.message?.content ?? '';
  }

  private request(turns: ChatTurn[]): ChatCompletionCreateParamsBase {
    const limit = this.settings.maxReplyTokens;
    return {
      model: this.settings.model,
      messages: turns,
      // Chat completions' own cap (the legacy service sent max_tokens to a Responses endpoint: C39). Most
      // compatible servers read max_tokens; OpenAI's reasoning models accept only max_completion_tokens.
      ...(this.settings.tokenLimitParameter === 'max_tokens'
        ? { max_tokens: limit }
        : { max_completion_tokens: limit }),
    };
  }
}

/**
 * The SDK wants the API's base URL (`…/v1`). The legacy COMET_API_URL named an endpoint (`…/v1/responses`), and
 * people paste `…/v1/chat/completions`: both are cut back to their base.
 */
export function apiBaseUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  return url.replace(/\/+$/, '').replace(/\/(responses|chat\/completions)$/, '');
}
