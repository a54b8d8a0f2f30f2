import { SignIn } from './sign-in';

/** Landing page: rendered at build time; only the sign-in panel runs in the browser. */
export default function HomePage() {
  return (
    <main className="shell">
      <header>
        <h1>ChatApp</h1>
        <p className="tagline">Real-time chat for teams and friends.</p>
      </header>
      <SignIn />
      {/* Plain anchors, not next/link: the docs are served by our server, outside the Next app. */}
      <nav aria-label="API documentation" className="docs">
        API docs: <a href="/swagger/">Swagger UI</a> · <a href="/redoc/">ReDoc</a>
      </nav>
    </main>
  );
}
