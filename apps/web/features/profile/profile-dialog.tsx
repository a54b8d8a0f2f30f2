'use client';

/** STUB: filled in by the dialogs work. The signed-in user's profile, password and picture. */
export function ProfileDialog(_props: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return null;
}
