import { describe, expect, it } from 'vitest';
import { formatDuration, formatLength } from '../features/voice/duration';

describe('voice message times', () => {
  it('shows a length rounded, and at least one second for any sound', () => {
    expect(formatLength(0.96)).toBe('0:01');
    expect(formatLength(0.3)).toBe('0:01');
    expect(formatLength(1.98)).toBe('0:02');
    expect(formatLength(2.4)).toBe('0:02');
    expect(formatLength(83.6)).toBe('1:24');
    expect(formatLength(0)).toBe('0:00');
    expect(formatLength(Number.POSITIVE_INFINITY)).toBe('0:00');
  });

  it('counts a position in whole seconds played', () => {
    expect(formatDuration(0.55)).toBe('0:00');
    expect(formatDuration(1.98)).toBe('0:01');
    expect(formatDuration(725)).toBe('12:05');
    expect(formatDuration(Number.NaN)).toBe('0:00');
  });
});
