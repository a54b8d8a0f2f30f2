import { Sparkles } from 'lucide-react';

/** The assistant's picture: an icon on the accent colour, never initials (it is not a person). */
export function AssistantAvatar({ size = 48 }: { size?: number }) {
  return (
    <span
      aria-hidden
      className="inline-flex shrink-0 items-center justify-center rounded-full bg-gradient-to-br from-[#7c5cff] to-[#2f6fed] text-white"
      style={{ width: size, height: size }}
    >
      <Sparkles style={{ width: size * 0.5, height: size * 0.5 }} strokeWidth={1.75} />
    </span>
  );
}
