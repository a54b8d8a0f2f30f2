'use client';

import { Check, Search, UserRoundSearch, X } from 'lucide-react';
import { type KeyboardEvent, type RefObject, useRef } from 'react';
import type { UserSummary } from '../../trpc/types';
import { cn } from '../../ui/cn';
import { usePresence } from '../presence/use-presence';
import { SEARCH_QUERY_MAX } from './limits';
import { PersonLine } from './person-line';
import { Spinner } from './spinner';
import type { PeopleSearch as PeopleSearchModel } from './use-people-search';

/**
 * The people picker of every dialog that needs one: a search box ("Search people") over the server-side search,
 * and the people found as buttons named after them. Arrow keys move between the box and the results; Enter in the
 * box picks the first one. With `selectedIds` the results are toggles (groups); without, a plain choice (a chat).
 */
export function PeopleSearch({
  search,
  onPick,
  selectedIds,
  busyId,
  disabled,
  autoFocus,
  className,
}: {
  search: PeopleSearchModel;
  onPick: (person: UserSummary) => void;
  selectedIds?: ReadonlySet<number>;
  /** The person whose choice is being carried out (a spinner on their row). */
  busyId?: number | null;
  disabled?: boolean;
  autoFocus?: boolean;
  className?: string;
}) {
  const { state } = search;
  const input = useRef<HTMLInputElement>(null);
  const presence = usePresence();
  const list = useRef<HTMLUListElement>(null);
  const people = state.kind === 'found' || state.kind === 'searching' ? state.people : [];
  const buttons = () => [...(list.current?.querySelectorAll<HTMLButtonElement>('button:enabled') ?? [])];

  function onBoxKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      buttons()[0]?.focus();
    } else if (event.key === 'Enter') {
      // Never submits the surrounding form: Enter here means "this person".
      event.preventDefault();
      const first = people[0];
      if (first && state.kind === 'found' && !disabled) onPick(first);
    }
  }

  function onListKey(event: KeyboardEvent<HTMLUListElement>) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const all = buttons();
    // biome-ignore lint/complexity/useIndexOf: indexOf would need a cast (activeElement is any Element)
    const at = all.findIndex((button) => button === document.activeElement);
    const next = at + (event.key === 'ArrowDown' ? 1 : -1);
    if (next < 0) input.current?.focus();
    else all[Math.min(next, all.length - 1)]?.focus();
  }

  return (
    <div className={cn('flex min-h-0 flex-col gap-2', className)}>
      <SearchBox
        value={search.query}
        onChange={search.setQuery}
        onKeyDown={onBoxKey}
        busy={state.kind === 'searching'}
        autoFocus={autoFocus}
        inputRef={input}
      />
      <div className="-mx-2 min-h-0 flex-1 overflow-y-auto px-0.5">
        {/* One live region, present from the start, so screen readers hear each outcome once. */}
        <div role="status">
          {state.kind === 'idle' && <Hint>Type a name or username</Hint>}
          {state.kind === 'searching' && people.length === 0 && (
            <div className="flex justify-center py-8 text-accent">
              <Spinner className="size-6" />
              <span className="sr-only">Searching…</span>
            </div>
          )}
          {state.kind === 'empty' && <Hint>No one found</Hint>}
          {state.kind === 'found' && (
            <span className="sr-only">{`${people.length} ${people.length === 1 ? 'person' : 'people'} found`}</span>
          )}
        </div>
        {state.kind === 'error' && (
          <p role="alert" className="mx-2 mt-2 rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">
            {state.message}
          </p>
        )}
        {people.length > 0 && (
          <ul ref={list} aria-label="People found" className="grid gap-0.5 pb-1" onKeyDown={onListKey}>
            {people.map((person) => (
              <li key={person.id}>
                <PersonButton
                  person={person}
                  onPick={() => onPick(person)}
                  online={presence(person.id).online}
                  selected={selectedIds ? selectedIds.has(person.id) : undefined}
                  busy={busyId === person.id}
                  disabled={disabled}
                />
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function Hint({ children }: { children: string }) {
  return (
    <div className="flex flex-col items-center gap-2 px-4 py-8 text-center text-sm text-muted">
      <UserRoundSearch className="size-8 opacity-60" aria-hidden />
      <p>{children}</p>
    </div>
  );
}

function SearchBox({
  value,
  onChange,
  onKeyDown,
  busy,
  autoFocus,
  inputRef,
}: {
  value: string;
  onChange: (value: string) => void;
  onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void;
  busy: boolean;
  autoFocus?: boolean;
  inputRef: RefObject<HTMLInputElement | null>;
}) {
  return (
    <div className="relative">
      <Search
        className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted"
        aria-hidden
      />
      <input
        ref={inputRef}
        type="search"
        aria-label="Search people"
        placeholder="Search people"
        autoComplete="off"
        spellCheck={false}
        maxLength={SEARCH_QUERY_MAX}
        // biome-ignore lint/a11y/noAutofocus: a picker dialog opens to type in; without it Radix focuses the Close button
        autoFocus={autoFocus}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
        className="h-10 w-full rounded-full border border-transparent bg-surface-2 pr-16 pl-9 text-sm outline-none transition-colors placeholder:text-muted focus:border-accent focus:bg-surface [&::-webkit-search-cancel-button]:hidden"
      />
      <span className="absolute top-1/2 right-2 flex -translate-y-1/2 items-center gap-1">
        {busy && <Spinner className="text-accent" />}
        {value && (
          <button
            type="button"
            aria-label="Clear search"
            onClick={() => {
              onChange('');
              inputRef.current?.focus();
            }}
            className="flex size-6 items-center justify-center rounded-full text-muted hover:bg-surface-3 hover:text-text"
          >
            <X className="size-4" aria-hidden />
          </button>
        )}
      </span>
    </div>
  );
}

function PersonButton({
  person,
  online,
  onPick,
  selected,
  busy,
  disabled,
}: {
  person: UserSummary;
  online: boolean;
  onPick: () => void;
  /** Set for toggles (a group's members); undefined for a plain choice. */
  selected: boolean | undefined;
  busy: boolean;
  disabled: boolean | undefined;
}) {
  return (
    <button
      type="button"
      onClick={onPick}
      disabled={disabled}
      aria-pressed={selected}
      aria-busy={busy || undefined}
      className={cn(
        'flex w-full items-center gap-3 rounded-xl px-2 py-2 text-left transition-colors hover:bg-surface-2 focus-visible:bg-surface-2 disabled:cursor-default',
        !busy && 'disabled:opacity-60 disabled:hover:bg-transparent',
      )}
    >
      <PersonLine person={person} online={online} />
      {busy ? (
        <Spinner className="size-5 text-accent" />
      ) : selected !== undefined ? (
        <span
          aria-hidden
          className={cn(
            'flex size-5 shrink-0 items-center justify-center rounded-full border-2 transition-colors',
            selected ? 'border-accent bg-accent text-on-accent' : 'border-border',
          )}
        >
          {selected && <Check className="size-3" strokeWidth={3} />}
        </span>
      ) : null}
    </button>
  );
}
