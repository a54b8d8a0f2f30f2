import { z } from 'zod';

/**
 * Every environment variable ChatApp reads, validated once at start-up. Defaults run the whole product on one
 * machine with nothing set: SQLite in ./data, media in ./media, in-process realtime.
 */
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

/**
 * The AI assistant (docs/assistant.md). All optional: without a model and a server (or key) the app runs and the
 * assistant answers 503. The legacy names COMET_API_URL, COMET_API_KEY and COMET_MODEL are accepted as aliases.
 */
const assistantEnv = {
  /** An OpenAI-compatible server's base URL, e.g. http://127.0.0.1:11434/v1 (Ollama); unset = api.openai.com. */
  OPENAI_BASE_URL: z.url().optional(),
  OPENAI_API_KEY: z.string().optional(),
  /** The model name the server knows, e.g. gpt-4o-mini or llama3.2. Unset = the assistant is off. */
  AI_MODEL: z.string().optional(),
  AI_SYSTEM_PROMPT: z
    .string()
    .default(
      'You are the ChatApp assistant. Answer helpfully, clearly and briefly, in the language of the user.',
    ),
  /** The recent history sent with each question: at most this many messages and this many characters. */
  AI_HISTORY_MESSAGES: z.coerce.number().int().min(1).max(200).default(20),
  AI_HISTORY_CHARS: z.coerce.number().int().min(100).default(12_000),
  /** The cap on one reply, in tokens, sent to the server as AI_TOKEN_LIMIT_PARAMETER. */
  AI_MAX_REPLY_TOKENS: z.coerce.number().int().positive().default(1024),
  /** `max_tokens` (most compatible servers) or `max_completion_tokens` (OpenAI's reasoning models require it). */
  AI_TOKEN_LIMIT_PARAMETER: z.enum(['max_tokens', 'max_completion_tokens']).default('max_tokens'),
  /** The whole reply must arrive within this time, retries included; otherwise the caller gets a 504. */
  AI_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  /** Retries of a failed upstream request (connection errors, 429 and 5xx), within AI_TIMEOUT_MS. */
  AI_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(1),
  /** Questions one user may ask per minute (a burst of that many, refilled evenly; a rate limit, see below). */
  AI_REQUESTS_PER_MINUTE: z.coerce.number().positive().default(10),
};

/**
 * Rate limits (docs/security.md), on by default. Each is a token bucket: that many at once, refilled evenly over
 * the period. With REDIS_URL the buckets are shared, so several processes enforce one limit.
 */
const rateLimitEnv = {
  /** `false` turns every rate limit off (including the assistant's and the invitations'). */
  RATE_LIMITS: booleanFlag.default(true),
  /** Sign-in attempts per client address, and per account name, per minute. */
  LOGIN_PER_ADDRESS_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  LOGIN_PER_ACCOUNT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /**
   * Failed passwords allowed per account name (and 4× that per address) before sign-in waits; one more is allowed
   * per LOGIN_LOCKOUT_SECONDS, and each further failure adds that much again (the lockout grows).
   */
  LOGIN_FAILURES_BEFORE_LOCKOUT: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCKOUT_SECONDS: z.coerce.number().positive().default(60),
  /** New accounts per client address per hour. */
  SIGNUP_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).default(20),
  /** Messages one user may send over HTTP per minute (sockets have WS_FRAMES_PER_SECOND). */
  SENDS_PER_USER_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  /**
   * The client address is the socket's remote address; with TRUST_PROXY it is the first X-Forwarded-For hop
   * (only behind a proxy that sets it: otherwise any client could choose its own address).
   */
  TRUST_PROXY: booleanFlag.default(false),
};

/**
 * `*` (any origin: today's default, so the legacy web client on its own origin and tools keep working) or a
 * comma-separated list of origins (`https://chat.example.com,https://legacy.example.com`). Governs CORS and the
 * Origin check of both WebSockets; requests without an Origin (non-browser tools) and same-origin requests (the
 * web UI served by this process) are always allowed.
 */
const allowedOrigins = z
  .string()
  .default('*')
  .transform((v, ctx) => {
    const entries = v
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    if (entries.length === 0 || entries.includes('*')) return '*' as const;
    const origins: string[] = [];
    for (const entry of entries) {
      const origin = URL.canParse(entry) ? new URL(entry).origin : 'null';
      if (origin === 'null' || origin !== entry.replace(/\/+$/, '')) {
        ctx.addIssue({ code: 'custom', message: `not an origin (scheme://host[:port]): ${entry}` });
        return z.NEVER;
      }
      origins.push(origin);
    }
    return origins;
  });

/**
 * What operators watch (docs/deploy.md). Prometheus metrics are off unless one of the two doors is configured:
 * METRICS_PORT opens a second listener that serves only `/metrics` (on METRICS_HOST, loopback by default, so only
 * the machine's own scraper reaches it), and METRICS_TOKEN serves `/metrics` on the main port to
 * `Authorization: Bearer <token>`. Without either, `/metrics` answers 404 on the main port.
 */
const observabilityEnv = {
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** At least 16 characters: it guards what the process reveals about its load. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /**
   * JSON log lines on stdout (pino), one per request and one per notable event; unset = `info`, and `warn` under
   * NODE_ENV=test so test runs stay quiet. `silent` turns logging off.
   */
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).optional(),
};

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  /** `file:./data/chatapp.db` (SQLite, embedded) or `mysql://user:pass@host:3306/db` (MySQL/MariaDB). */
  DATABASE_URL: z
    .string()
    .regex(/^(file:|mysql:\/\/|mariadb:\/\/)/, 'must start with file: or mysql:// or mariadb://')
    .default('file:./data/chatapp.db'),
  /** When set, realtime fan-out and presence go through Redis so several processes act as one. */
  REDIS_URL: z.url().optional(),
  REDIS_KEY_PREFIX: z.string().default('chatapp:'),
  /** With Redis: a process that stops heart-beating is considered gone after this long (its users go offline). */
  PRESENCE_TTL_SECONDS: z.coerce.number().positive().default(30),
  /**
   * How long the realtime journal keeps events (7 days): a client away longer gets `resync` instead of a replay. A
   * week covers a weekend offline while bounding the table by a week of traffic.
   */
  JOURNAL_RETENTION_HOURS: z.coerce.number().positive().default(168),
  /** How often each server process deletes journal rows older than the retention (in small batches). */
  JOURNAL_PRUNE_INTERVAL_SECONDS: z.coerce.number().positive().default(600),
  ALLOWED_ORIGINS: allowedOrigins,
  /**
   * The legacy routes and socket list other users' email addresses, as their shapes always did; `false` blanks
   * them there too (S26). The v1 API and tRPC show a user's address to that user alone, whatever this says.
   */
  LEGACY_SHOW_EMAILS: booleanFlag.default(true),
  /** Public origin used to build absolute URLs in the v1 API (defaults to the request's own origin). */
  PUBLIC_URL: z.url().optional(),
  /** Sliding lifetime of a login token: each use pushes the expiry this far into the future. */
  TOKEN_TTL_DAYS: z.coerce.number().positive().default(30),
  /** log2 of the scrypt cost N for new password hashes (15 = 32 MiB, per OWASP with p=3). */
  SCRYPT_LOG_N: z.coerce.number().int().min(10).max(20).default(15),
  /**
   * Password hashes that may run at once (the rest wait in a short queue): libuv's pool has 4 threads, which file
   * reads, DNS and zlib share, so hashes get at most half of them by default (docs/performance.md).
   */
  PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /**
   * Against slow clients (docs/security.md): a request's headers, and the whole request, must arrive within these
   * times (else 408); an idle keep-alive connection is closed after the third. Behind a proxy, keep the keep-alive
   * time above the proxy's own idle timeout.
   */
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).default(20_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).default(120_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1000).default(65_000),
  /**
   * Graceful stop on SIGTERM/SIGINT: `/readyz` answers 503 at once; after SHUTDOWN_DRAIN_MS the process stops
   * accepting, closes its sockets (1001, going away) and gives requests in flight SHUTDOWN_GRACE_MS to finish; it
   * exits at the latest 5 s after that.
   */
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).default(1_000),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  /** Largest request body accepted by any HTTP route, in bytes (base64 media travels inside JSON). */
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(16 * 1024 * 1024),
  /** WebSocket limits: largest frame (media travels base64 in legacy frames), client frame rate and burst, and
   * how much unsent output a socket may queue before it is closed as too slow. */
  WS_MAX_FRAME_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(16 * 1024 * 1024),
  WS_FRAMES_PER_SECOND: z.coerce.number().positive().default(20),
  WS_FRAME_BURST: z.coerce.number().int().positive().default(60),
  WS_MAX_BUFFERED_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(4 * 1024 * 1024),
  MEDIA_ROOT: z.string().min(1).default('./media'),
  /** Largest image accepted (decoded bytes, before re-encoding). Base64 in JSON adds a third: keep under MAX_BODY_BYTES. */
  MEDIA_MAX_IMAGE_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  /** Largest audio clip accepted, in bytes (stored as sent). */
  MEDIA_MAX_AUDIO_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  /** Largest image accepted in pixels (width × height), so a small file cannot decode into gigabytes. */
  MEDIA_MAX_IMAGE_PIXELS: z.coerce.number().int().positive().default(40_000_000),
  /** Serve the Next.js UI from the same process (`false` runs the API alone). */
  SERVE_WEB: booleanFlag.default(true),
  /** Where the process keeps its own files (the generated web session secret; later, mail written to disk). */
  DATA_DIR: z.string().min(1).default('./data'),
  /**
   * Signs and encrypts the web UI's session cookie (next-auth). When unset, one is generated on first start and
   * kept in DATA_DIR/auth-secret, so sessions survive restarts; set it to share sessions between processes.
   * NEXTAUTH_SECRET is accepted as an alias.
   */
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * Mail (docs/email.md). `smtp://user:pass@host:587` or `smtps://…:465`; without it, mail is written as .eml files
   * under DATA_DIR/mail so the embedded default works and mail can be read.
   */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  /** The From of every mail, e.g. `ChatApp <no-reply@example.com>`. */
  MAIL_FROM: z.string().min(3).default('ChatApp <no-reply@localhost>'),
  /** The product name the mail templates use. */
  MAIL_PRODUCT_NAME: z.string().min(1).default('ChatApp'),
  /** Run the mail sender inside the server (`false` when a separate `pnpm worker` process sends). */
  MAIL_SEND_IN_SERVER: booleanFlag.default(true),
  /** A mail that failed this many times is marked dead with its last error and never tried again. */
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  /** Retry delays double from the base up to the maximum, each with jitter (half to the whole delay). */
  MAIL_RETRY_BASE_MS: z.coerce.number().int().positive().default(30_000),
  MAIL_RETRY_MAX_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(60 * 60 * 1000),
  /** How long a sender owns a mail it claimed; another sender may take it only after this (its sender died). */
  MAIL_LEASE_MS: z.coerce.number().int().min(1000).default(120_000),
  /** How often a sender looks for mail queued by other processes (its own process wakes it at once). */
  MAIL_POLL_MS: z.coerce.number().int().positive().default(1000),
  /** How long an invitation's set-a-password link works (once). */
  INVITE_LINK_TTL_MINUTES: z.coerce
    .number()
    .positive()
    .default(72 * 60),
  /** Invitations one account may send per hour, and invitations one address may receive per hour (S14). */
  INVITES_PER_HOUR: z.coerce.number().int().min(1).default(20),
  MAILS_PER_RECIPIENT_PER_HOUR: z.coerce.number().int().min(1).default(3),
  /** Comma-separated usernames of administrators (who see the mail queue); the first account always is one. */
  ADMIN_USERNAMES: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((name) => name.trim().toLowerCase())
        .filter(Boolean),
    ),
  ...assistantEnv,
  ...rateLimitEnv,
  ...observabilityEnv,
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const LEGACY_ALIASES = [
  ['OPENAI_BASE_URL', 'COMET_API_URL'],
  ['OPENAI_API_KEY', 'COMET_API_KEY'],
  ['AI_MODEL', 'COMET_MODEL'],
] as const;

/** Parses the environment, failing fast with one line per bad variable. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  // Empty strings mean "unset" (a common `.env` habit), so defaults still apply.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  if (cleaned.AUTH_SECRET === undefined && cleaned.NEXTAUTH_SECRET !== undefined)
    cleaned.AUTH_SECRET = cleaned.NEXTAUTH_SECRET;
  // The legacy service's names for the assistant's server, key and model (contract §8).
  for (const [name, legacy] of LEGACY_ALIASES) {
    if (cleaned[name] === undefined && cleaned[legacy] !== undefined) cleaned[name] = cleaned[legacy];
  }
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
