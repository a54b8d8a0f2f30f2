import { BrandMark } from '../../ui/brand';

/** Shown while the session is read (a fraction of a second), instead of a flash of the sign-in page. */
export function Splash() {
  return (
    <div className="flex h-dvh items-center justify-center bg-bg" role="status" aria-label="Loading">
      <div className="animate-pulse">
        <BrandMark size={56} />
      </div>
    </div>
  );
}
