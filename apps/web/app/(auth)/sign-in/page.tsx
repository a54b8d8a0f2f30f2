import type { Metadata } from 'next';
import { Suspense } from 'react';
import { SignInForm } from '../../../features/auth/sign-in-form';

export const metadata: Metadata = { title: 'Sign in · ChatApp' };

export default function SignInPage() {
  return (
    // The form reads ?reason= from the URL, which is only known in the browser.
    <Suspense>
      <SignInForm />
    </Suspense>
  );
}
