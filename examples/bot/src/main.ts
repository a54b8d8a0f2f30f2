import { startBot } from './bot';

/** `CHATAPP_URL=… BOT_USERNAME=… BOT_PASSWORD=… pnpm start`: runs until interrupted. */
const url = process.env.CHATAPP_URL ?? 'http://127.0.0.1:8000';
const username = process.env.BOT_USERNAME;
const password = process.env.BOT_PASSWORD;
if (!username || !password) {
  console.error('Set BOT_USERNAME and BOT_PASSWORD (an account signed up on the server).');
  process.exit(1);
}
const bot = await startBot({ url, username, password, log: (line) => console.log(line) });
process.once('SIGINT', () => {
  bot.stop();
  console.log(`stopped; resume later after event ${bot.lastEventId ?? '(none)'}`);
});
