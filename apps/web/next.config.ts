import type { NextConfig } from 'next';

const config: NextConfig = {
  reactStrictMode: true,
  // The UI is mounted inside our own HTTP server (apps/server); no need to advertise the framework.
  poweredByHeader: false,
  // Workspace packages ship TypeScript source: the typed client, and the API's own account rules (shown as the
  // user types, so the form and the server never disagree).
  transpilePackages: ['@chatapp/client', '@chatapp/domain'],
  // Dev only: Next serves its dev scripts and the HMR socket to "localhost" alone. Our server binds and prints
  // http://127.0.0.1:8000 by default; without this the dev page never hydrates there.
  allowedDevOrigins: ['127.0.0.1'],
};

export default config;
