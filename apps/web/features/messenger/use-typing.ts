'use client';

import { useMemo } from 'react';
import { useStore } from '../../lib/external-store';
import { useMessenger } from './runtime';

const NOBODY: readonly number[] = [];

/** Ids of the people typing in a conversation right now (not the viewer). */
export function useTypingUsers(conversationId: number): readonly number[] {
  const users = useStore(useMessenger().typing.store).get(conversationId);
  return useMemo(() => (users ? [...users.keys()] : NOBODY), [users]);
}
