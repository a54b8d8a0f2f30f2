import { cn } from '../../ui/cn';
import { PaneHeaderFrame } from '../messages/pane-header-frame';
import { AssistantAvatar } from './assistant-avatar';

/** The assistant chat's header: its icon, its name, and what it is doing. */
export function AssistantHeader({ status, live }: { status: string; live: boolean }) {
  return (
    <PaneHeaderFrame>
      <AssistantAvatar size={40} />
      <div className="min-w-0 flex-1 pl-1">
        <h2 className="truncate text-[15px] leading-tight font-semibold">Assistant</h2>
        <p
          className={cn('truncate text-xs', live ? 'text-accent' : 'text-muted')}
          aria-live="polite"
          data-testid="conversation-status"
        >
          {status}
        </p>
      </div>
    </PaneHeaderFrame>
  );
}
