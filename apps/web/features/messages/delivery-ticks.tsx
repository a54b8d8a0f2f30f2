import { AlertCircle, Check, CheckCheck, Clock } from 'lucide-react';
import { cn } from '../../ui/cn';

export type Delivery = 'waiting' | 'sending' | 'failed' | 'sent' | 'delivered' | 'read';

const LABELS: Record<Delivery, string> = {
  waiting: 'Waiting for the network',
  sending: 'Sending',
  failed: 'Not sent',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
};

/** The status mark of an own message: a clock (waiting or sending), one tick, two ticks, two coloured ticks, or a warning. */
export function DeliveryTicks({ state, label }: { state: Delivery; label?: string }) {
  const name = label ?? LABELS[state];
  const Icon =
    state === 'sending' || state === 'waiting'
      ? Clock
      : state === 'failed'
        ? AlertCircle
        : state === 'sent'
          ? Check
          : CheckCheck;
  return (
    <span role="img" aria-label={name} title={name} className="inline-flex">
      <Icon
        className={cn(
          'size-3.5',
          state === 'read' ? 'text-accent' : state === 'failed' ? 'text-danger' : 'text-muted',
        )}
        aria-hidden
      />
    </span>
  );
}
