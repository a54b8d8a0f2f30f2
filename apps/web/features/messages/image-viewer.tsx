'use client';

import { ExternalLink, X } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { useRef, useState } from 'react';
import { Tooltip } from '../../ui/tooltip';
import { Spinner } from '../people/spinner';

const barButton =
  'inline-flex size-10 items-center justify-center rounded-full text-white/85 transition-colors hover:bg-white/15 hover:text-white';

/**
 * A picture at full size over a dark backdrop, contained in the viewport. Escape, the close button or a click
 * beside the picture closes it; "Open original" shows the file itself in a new tab.
 */
export function ImageViewer({
  src,
  alt,
  open,
  onOpenChange,
}: {
  src: string;
  alt: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const content = useRef<HTMLDivElement>(null);
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/95 [animation:fade-in_120ms_ease-out]" />
        <Dialog.Content
          ref={content}
          className="fixed inset-0 z-50 flex flex-col outline-none [animation:fade-in_120ms_ease-out]"
          // Focus starts on the viewer itself, not on a button: a focused button would open its tooltip, and the
          // first Escape would only close that.
          onOpenAutoFocus={(event) => {
            event.preventDefault();
            content.current?.focus();
          }}
          onClick={(event) => {
            if (event.target === event.currentTarget) onOpenChange(false);
          }}
        >
          <Dialog.Title className="sr-only">Photo</Dialog.Title>
          <Dialog.Description className="sr-only">{alt}</Dialog.Description>
          <div className="flex shrink-0 items-center justify-end gap-1 p-2">
            <Tooltip label="Open original">
              <a
                href={src}
                target="_blank"
                rel="noopener noreferrer"
                aria-label="Open original"
                className={barButton}
              >
                <ExternalLink className="size-5" aria-hidden />
              </a>
            </Tooltip>
            <Tooltip label="Close">
              <Dialog.Close aria-label="Close" className={barButton}>
                <X className="size-6" aria-hidden />
              </Dialog.Close>
            </Tooltip>
          </div>
          <FullImage src={src} alt={alt} onBackdrop={() => onOpenChange(false)} />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function FullImage({ src, alt, onBackdrop }: { src: string; alt: string; onBackdrop: () => void }) {
  const [loaded, setLoaded] = useState(false);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a mouse shortcut only; Escape and the Close button do the same
    // biome-ignore lint/a11y/useKeyWithClickEvents: see above
    <div
      className="relative flex min-h-0 flex-1 items-center justify-center px-2 pb-4 sm:px-12 sm:pb-12"
      onClick={(event) => {
        if (event.target === event.currentTarget) onBackdrop();
      }}
    >
      {!loaded && (
        <span className="absolute text-white/80">
          <Spinner label="Loading the photo" className="size-8" />
        </span>
      )}
      {/* biome-ignore lint/performance/noImgElement: media is served by our own server, not Next's image loader */}
      <img
        src={src}
        alt={alt}
        onLoad={() => setLoaded(true)}
        className="max-h-full max-w-full rounded-sm object-contain shadow-2xl select-none"
        draggable={false}
      />
    </div>
  );
}
