import type { SessionLimits } from '@chatapp/api';
import type { Env } from '@chatapp/config';

/**
 * Bounds every socket: frame size (ws `maxPayload`, enforced by the socket server), and what every session applies
 * (SocketSession): the client's frame rate and the unsent output a slow consumer may leave behind.
 */
export interface SocketLimits extends SessionLimits {
  maxFrameBytes: number;
}

export function socketLimitsFrom(env: Env): SocketLimits {
  return {
    maxFrameBytes: env.WS_MAX_FRAME_BYTES,
    framesPerSecond: env.WS_FRAMES_PER_SECOND,
    burst: env.WS_FRAME_BURST,
    maxBufferedBytes: env.WS_MAX_BUFFERED_BYTES,
  };
}
