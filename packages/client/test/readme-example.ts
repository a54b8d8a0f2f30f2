// The README's example, type-checked by `pnpm typecheck` (readme.test.ts keeps the two identical; never run).
import { WebSocket } from 'ws'; // browsers: omit, or pass window.WebSocket
import { createChatClient, listen } from '../src';

const url = 'http://127.0.0.1:8000';
const { api } = createChatClient({ url });
await api.auth.signUp.mutate({ username: 'ada', email: 'ada@example.com', password: 'correct horse 1' });
const { token } = await api.auth.logIn.mutate({ username: 'ada', password: 'correct horse 1' });
const chat = createChatClient({ url, token, WebSocket });
const { conversation } = await chat.api.conversations.openDirect.mutate({ user_id: 2 });
await chat.api.messages.send.mutate({ conversation_id: conversation.id, body: 'Hello!' });
listen(chat, { onEvent: (event) => event.type === 'message.created' && console.log(event.message.body) });
const { reply } = await chat.api.assistant.ask.mutate({ message: 'Summarise my day' });
console.log(reply.body);
