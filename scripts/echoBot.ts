/**
 * The yardstick for `npm run bench`: a stock botbuilder echo bot (CloudAdapter, restify,
 * ConversationState on MemoryStorage, as Microsoft's EchoBot sample), without authentication so the
 * bench can post to it. It echoes each message with a count kept in the conversation state.
 *
 *   PORT=3978 node dist/scripts/echoBot.js
 */
import restify from 'restify';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, MemoryStorage } from 'botbuilder';

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const conversationState = new ConversationState(new MemoryStorage());
const count = conversationState.createProperty<number>('count');

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const n = (await count.get(context, 0)) + 1;
      await count.set(context, n);
      await context.sendActivity(`Echo ${n}: ${context.activity.text}`);
      await next();
    });
  }

  override async run(context: Parameters<ActivityHandler['run']>[0]): Promise<void> {
    await super.run(context);
    await conversationState.saveChanges(context, false);
  }
}

const bot = new EchoBot();
const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => adapter.process(req, res, (context) => bot.run(context)));
server.listen(Number(process.env.PORT ?? 3978), '127.0.0.1', () => process.stdout.write('echo bot listening\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
