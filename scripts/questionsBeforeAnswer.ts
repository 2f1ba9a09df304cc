/**
 * How many questions a person answers before the first useful answer, for realistic first messages
 * (issue 9's measure). The real bot runs in-process on the embedded store; each person has already
 * accepted consent, writes one message, then answers each question the way their situation says
 * (the first of their planned answers that is offered, else the first choice). "Useful answer" is
 * the turn that ends with "¿Te sirvió?".
 *
 *   npm run build && node dist/scripts/questionsBeforeAnswer.js
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Activity, ActivityTypes, TestAdapter } from 'botbuilder';
import { loadConfig } from '../bot/config';
import { createLogger } from '../bot/logger';
import { composeBot } from '../bot/composeBot';
import { openStore } from '../bot/storage/openStore';

interface Person {
  first: string;
  /** What this person would answer, by choice id (or typed), in order of preference. */
  answers: string[];
}

export const PEOPLE: Person[] = [
  { first: 'mi bebe nació en Cúcuta y no tiene registro civil, yo soy venezolana', answers: ['civil_registry', 'venezuelan', '2016', 'yes', 'no'] },
  { first: 'mi bebe de 8 meses nacio en cucuta y no tiene registro, soy venezolana', answers: ['civil_registry', 'venezuelan', 'since_2015', 'yes', 'no'] },
  { first: 'se me vencio el pep', answers: ['regularization', 'venezuelan', 'no_permit', 'before_dec_2024', 'no'] },
  { first: 'el ppt cuesta plata?', answers: ['regularization', 'venezuelan', 'ppt_have', 'uses'] },
  { first: 'como me afilio a una eps', answers: ['health', 'venezuelan', 'no', 'join', 'ppt', 'yes'] },
  { first: 'tengo salvoconducto SC-2, puedo trabajar?', answers: ['work', 'venezuelan', 'sc2', 'find_job'] },
  { first: 'perdí mi PPT, cuánto cuesta el duplicado?', answers: ['regularization', 'venezuelan', 'ppt_have', 'reissue'] },
  { first: 'mi PPT dice requerido', answers: ['regularization', 'venezuelan', 'ppt_pending'] },
  { first: 'soy colombiano retornado, qué ayudas hay?', answers: ['regularization', 'returnee'] },
  { first: 'estoy embarazada y no tengo PPT, me atienden?', answers: ['health', 'venezuelan', 'no', 'pregnancy', 'none'] },
  { first: 'quiero meter a mi hijo al colegio, somos venezolanos', answers: ['education', 'venezuelan', 'child', 'yes'] },
  { first: 'mi hijo nació en Cúcuta en marzo de 2015, es colombiano?', answers: ['civil_registry', 'venezuelan', 'yes', 'no'] },
  { first: 'soy venezolana y se me vencio el pep, tengo dos niños', answers: ['regularization', 'venezuelan', 'no_permit', 'before_dec_2024', 'yes'] },
  { first: 'soy de peru y ya pedi refugio, q sigue', answers: ['regularization', 'other_nationality', 'asylum', 'yes'] },
  { first: 'no he pedido refugio todavia, soy venezolano', answers: ['regularization', 'venezuelan', 'asylum', 'no'] },
  { first: 'mi niña no tiene papeles, la puedo meter al colegio?', answers: ['education', 'child', 'no', 'no'] },
  { first: 'tengo ppt, donde busco trabajo en medellin? soy venezolana', answers: ['work', 'venezuelan', 'ppt', 'find_job'] },
];

const MAX_TURNS = 8;

function replyChoices(activity: Partial<Activity>): string[] {
  return (activity.suggestedActions?.actions ?? []).map((a) => String(a.value));
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'probot-questions-'));
  const store = await openStore({ database: 'probot', embeddedPort: 0, dataDir }, { stateTtlDays: 30 });
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const { bot, onTurnError } = composeBot(store, config, createLogger('silent'));
  const rows: { first: string; questions: number | string }[] = [];
  try {
    for (const [index, person] of PEOPLE.entries()) {
      const adapter = new TestAdapter((context) => bot.run(context), {
        channelId: 'emulator',
        conversation: { id: `q-${index}`, isGroup: false, name: '', conversationType: 'personal' },
        from: { id: `person-${index}`, name: 'p' },
        recipient: { id: 'bot', name: 'PRO Bot' },
      });
      adapter.onTurnError = onTurnError;
      const say = async (text: string): Promise<string[]> => {
        await adapter.receiveActivity({ type: ActivityTypes.Message, text });
        const replies = adapter.activeQueue.splice(0).filter((a) => a.type === ActivityTypes.Message);
        return replyChoices(replies[replies.length - 1] ?? {});
      };
      await say('hola');
      await say('consent_yes');
      let choices = await say(person.first);
      let questions = 0;
      while (!choices.includes('useful_yes') && questions < MAX_TURNS) {
        questions++;
        // Typed answers ("2016") when their question takes them; otherwise the first planned id offered.
        const typed = person.answers.find((a) => /^\d{4}$/.test(a));
        const planned = person.answers.find((a) => choices.includes(a));
        choices = await say(planned ?? (choices.length ? choices[0] : typed ?? 'no sé'));
      }
      rows.push({ first: person.first, questions: choices.includes('useful_yes') ? questions : `>${MAX_TURNS}` });
    }
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  for (const row of rows) console.log(`${String(row.questions).padStart(3)}  ${row.first}`);
  const counted = rows.map((r) => (typeof r.questions === 'number' ? r.questions : MAX_TURNS));
  console.log(`total ${counted.reduce((a, b) => a + b, 0)} questions for ${rows.length} first messages`);
}

if (require.main === module) {
  main().catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
}
