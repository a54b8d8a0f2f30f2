import type { ReactNode } from 'react';
import { BrandMark } from '../../ui/brand';

/** Sign-in and sign-up: one centred card on a calm background. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-6 bg-bg px-4 py-10">
      <div className="flex items-center gap-3">
        <BrandMark size={40} />
        <span className="text-2xl font-bold tracking-tight">ChatApp</span>
      </div>
      <div className="w-full max-w-[26rem] rounded-2xl border border-border bg-surface p-6 shadow-sm sm:p-8">
        {children}
      </div>
      {/* Plain anchors, not next/link: the docs are served by our server, outside the Next app. */}
      <nav aria-label="API documentation" className="text-sm text-muted">
        For developers:{' '}
        <a className="text-accent-strong underline underline-offset-2" href="/swagger/">
          Swagger UI
        </a>{' '}
        ·{' '}
        <a className="text-accent-strong underline underline-offset-2" href="/redoc/">
          ReDoc
        </a>
      </nav>
    </main>
  );
}
