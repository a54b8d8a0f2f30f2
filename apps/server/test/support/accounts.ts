import type { TestClient } from './http';

export const PASSWORD = 'Passw0rd!';

export interface TestUser {
  id: number;
  username: string;
  email: string;
  token: string;
}

let counter = 0;

/** Signs up and logs in a fresh user through the legacy routes, as today's client does. */
export async function createUser(api: TestClient, name?: string): Promise<TestUser> {
  counter += 1;
  const username = name ?? `user${counter}${Math.random().toString(36).slice(2, 6)}`;
  const email = `${username}@example.com`;
  const signup = await api.post<{ data: { id: number } }>('/signup/', {
    username,
    email,
    password: PASSWORD,
  });
  if (signup.status !== 201)
    throw new Error(`signup failed: ${signup.status} ${JSON.stringify(signup.body)}`);
  const login = await api.post<{ data: { id: number; token: string } }>('/login/', {
    username,
    email: '',
    password: PASSWORD,
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  return { id: login.body.data.id, username, email, token: login.body.data.token };
}

/** Several fresh users, created one after another (ids ascend in the order given). */
export async function createUsers(api: TestClient, count: number): Promise<TestUser[]> {
  const users: TestUser[] = [];
  for (let i = 0; i < count; i++) users.push(await createUser(api));
  return users;
}
