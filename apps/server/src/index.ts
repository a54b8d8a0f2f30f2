export { type ChatServer, type ChatServerOptions, createChatServer } from './app';
