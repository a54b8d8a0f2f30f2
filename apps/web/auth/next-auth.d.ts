import 'next-auth';
import 'next-auth/jwt';

// What our sessions carry: the API token issued by `auth.logIn`, and the user's id.
declare module 'next-auth' {
  interface User {
    apiToken: string;
  }
  interface Session {
    apiToken: string;
    userId: number;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    apiToken: string;
    userId: number;
  }
}
