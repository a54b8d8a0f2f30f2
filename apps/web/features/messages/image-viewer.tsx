'use client';

/** STUB: filled in by the dialogs work. A full-size view of a picture. */
export function ImageViewer(_props: {
  src: string;
  alt: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return null;
}
