import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AcceptInvitation } from '../../../../features/invitations/accept-invitation';

// The link's token is in this page's URL: no Referer may carry it to another site.
export const metadata: Metadata = { title: 'Join ChatApp', referrer: 'no-referrer' };

export default function AcceptInvitationPage() {
  return (
    // The token is read from the URL, which is only known in the browser.
    <Suspense>
      <AcceptInvitation />
    </Suspense>
  );
}
