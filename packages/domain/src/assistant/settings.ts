/** How the assistant reaches its model and what it may spend: built from the environment by the composition root. */
export interface AssistantSettings {
  /** An OpenAI-compatible server's base URL (`…/v1`); undefined = the SDK's default, api.openai.com. */
  baseUrl: string | undefined;
  /** Undefined for servers that need none (a local Ollama or vLLM). */
  apiKey: string | undefined;
  model: string;
  systemPrompt: string;
  /** The recent history sent with each question, newest first, until either bound is reached. */
  history: HistoryBudget;
  /** The most tokens one reply may use, and the request field that carries it. */
  maxReplyTokens: number;
  tokenLimitParameter: 'max_tokens' | 'max_completion_tokens';
  /** The whole reply, retries included, must arrive within this time. */
  timeoutMs: number;
  maxRetries: number;
}

export interface HistoryBudget {
  maxMessages: number;
  maxChars: number;
}
