import type { MetadataRoute } from 'next';

/** Makes the messenger installable as an app (its own window and icon), served at /manifest.webmanifest. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: 'ChatApp',
    short_name: 'ChatApp',
    description: 'Real-time messaging: one-on-one and group chats, live.',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#eef1f5',
    theme_color: '#2f6fed',
    icons: [
      { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}
