import type { NextConfig } from 'next';

const config: NextConfig = {
  reactStrictMode: true,
  // The UI is mounted inside our own HTTP server (apps/server); no need to advertise the framework.
  poweredByHeader: false,
  // Dev only: Next serves its dev scripts and the HMR socket to "localhost" alone. Our server binds and prints
  // http://127.0.0.1:8000 by default; without this the dev page never hydrates there.
  allowedDevOrigins: ['127.0.0.1'],
};

export default config;
