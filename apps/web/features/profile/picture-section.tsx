'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Camera } from 'lucide-react';
import { type ChangeEvent, useEffect, useRef, useState } from 'react';
import { useTRPC } from '../../trpc/react';
import type { Account } from '../../trpc/types';
import { Avatar, displayName } from '../../ui/avatar';
import { Button } from '../../ui/button';
import { FormAlert } from '../auth/form-alert';
import { imageProblem } from '../messages/image-rules';
import { Spinner } from '../people/spinner';
import { readDataUrl } from './read-data-url';

const PREVIEW_SIZE = 160;

/**
 * The profile picture: the current one, and a new one picked from a file, previewed as the server will store it
 * (it keeps the centred square, so the preview is the picture with object-cover in a round frame) until saved.
 */
export function PictureSection({ account }: { account: Account }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const [picked, setPicked] = useState<{ file: File; url: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useMutation(
    trpc.users.updateMe.mutationOptions({
      onSuccess: (next) => {
        queryClient.setQueryData(trpc.users.me.queryKey(), next);
        // Our picture shows in the members of our conversations too.
        void queryClient.invalidateQueries({ queryKey: trpc.conversations.list.queryKey() });
        setPicked(null);
        setSaved(true);
      },
    }),
  );

  useEffect(() => () => (picked ? URL.revokeObjectURL(picked.url) : undefined), [picked]);

  function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    // Cleared, so that picking the same file again (after Cancel) still counts as a change.
    event.target.value = '';
    if (!file) return;
    save.reset();
    setSaved(false);
    const refused = imageProblem(file);
    setProblem(refused);
    setPicked(refused ? null : { file, url: URL.createObjectURL(file) });
  }

  async function onSave() {
    if (!picked) return;
    try {
      save.mutate({ profile: await readDataUrl(picked.file) });
    } catch (error) {
      setProblem(error instanceof Error ? error.message : 'Could not read the file');
    }
  }

  return (
    <section aria-label="Profile picture" className="flex flex-col items-center gap-3 text-center">
      {picked ? (
        <>
          {/* biome-ignore lint/performance/noImgElement: a local preview (blob: URL), not a page asset */}
          <img
            src={picked.url}
            alt="You, cropped as the new profile will be saved"
            width={PREVIEW_SIZE}
            height={PREVIEW_SIZE}
            className="size-40 rounded-full object-cover shadow-md ring-4 ring-accent-soft"
          />
          <p className="max-w-64 text-sm text-muted">
            Your picture is cropped to the square in its middle, as shown.
          </p>
        </>
      ) : (
        <>
          <Avatar person={account} src={account.profile_url} size={96} />
          <div className="grid min-w-0 max-w-full">
            <p className="truncate text-lg font-semibold">{displayName(account)}</p>
            <p className="truncate text-sm text-muted">@{account.username}</p>
          </div>
        </>
      )}
      {problem && <FormAlert tone="error">{problem}</FormAlert>}
      {save.error && <FormAlert tone="error">{save.error.message}</FormAlert>}
      {saved && <FormAlert tone="info">Picture saved</FormAlert>}
      <input
        ref={fileInput}
        type="file"
        accept="image/*"
        aria-label="Profile picture file"
        tabIndex={-1}
        className="sr-only"
        onChange={onFile}
      />
      {picked ? (
        <div className="flex gap-2">
          <Button variant="secondary" disabled={save.isPending} onClick={() => setPicked(null)}>
            Cancel
          </Button>
          <Button
            disabled={save.isPending}
            aria-busy={save.isPending || undefined}
            onClick={() => void onSave()}
          >
            {save.isPending && <Spinner />}
            Save picture
          </Button>
        </div>
      ) : (
        <Button variant="secondary" onClick={() => fileInput.current?.click()}>
          <Camera className="size-4" aria-hidden />
          Change picture
        </Button>
      )}
    </section>
  );
}
