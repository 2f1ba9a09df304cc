import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { routeTheme } from '../../bot/nlu';
import { detectEmergency, EMERGENCY_KINDS, EmergencyKind } from '../../bot/emergency/emergencyDetector';
import { EMERGENCY_PHRASES } from '../../bot/nlu/emergencyPhrases';
import { THEME_UTTERANCES } from '../../bot/nlu/themeDataset';
import { isTappedOption } from '../../bot/turn/tappedOption';

const emergencies = EMERGENCY_PHRASES.filter((row) => row.kinds.length > 0);
const nonEmergencies = EMERGENCY_PHRASES.filter((row) => row.kinds.length === 0);

describe('emergency phrase list', () => {
  it('has at least 60 emergencies and 40 non-emergencies, in Spanish and English, covering every kind', () => {
    expect(emergencies.length).toBeGreaterThanOrEqual(60);
    expect(nonEmergencies.length).toBeGreaterThanOrEqual(40);
    for (const rows of [emergencies, nonEmergencies]) {
      expect(rows.some((row) => row.lang === 'es')).toBe(true);
      expect(rows.some((row) => row.lang === 'en')).toBe(true);
    }
    for (const kind of EMERGENCY_KINDS) expect(emergencies.some((row) => row.kinds.includes(kind))).toBe(true);
  });
});

describe('detectEmergency', () => {
  it.each(emergencies.map((row) => [row.text, row.kinds] as const))('%j is an emergency: %j', (text, kinds) => {
    expect(detectEmergency(text)?.kinds).toEqual(kinds);
  });

  it.each(nonEmergencies.map((row) => [row.text] as const))('%j is not an emergency', (text) => {
    expect(detectEmergency(text)).toBeUndefined();
  });

  it.each<[string, EmergencyKind[]]>([
    ['me tienen encerrada', ['immediate_danger']],
    ['no me dejan salir', ['immediate_danger']],
    ['me quitaron el pasaporte y no me dejan ir', ['immediate_danger', 'trafficking']],
    ['me van a matar', ['immediate_danger']],
    ['me amenazaron', ['immediate_danger']],
    ['mi pareja me pega', ['gender_violence']],
    ['me violaron', ['gender_violence']],
    ['abuso', ['gender_violence']],
    ['estan maltratando a un niño', ['child_at_risk']],
    ['abusan de mi hija', ['child_at_risk']],
    ['me quiero morir', ['suicide']],
    ['quiero suicidarme', ['suicide']],
    ['no quiero vivir', ['suicide']],
    ['auxilio', ['immediate_danger']],
    ['socorro', ['immediate_danger']],
    ['ayuda urgente', ['immediate_danger']],
    ['help me', ['immediate_danger']],
    ['emergency', ['immediate_danger']],
    ['trata', ['trafficking']],
    ['violencia', ['gender_violence']],
    ['suicidio', ['suicide']],
  ])('the issue\'s example %j → %j', (text, kinds) => {
    expect(detectEmergency(text)?.kinds).toEqual(kinds);
  });

  it.each(['que es la trata', 'como identifico la trata', 'que hago si veo violencia', 'informacion sobre abuso infantil', 'what is trafficking'])(
    'a question about danger (%j) is not an emergency',
    (text) => {
      expect(detectEmergency(text)).toBeUndefined();
    },
  );

  it.each(nonEmergencies.filter((row) => row.theme).map((row) => [row.text, row.theme!] as const))(
    'the question %j goes to the %s theme instead',
    (text, theme) => {
      const { decision } = routeTheme(text);
      const offered = decision.kind === 'confident' ? [decision.theme] : decision.kind === 'unsure' ? decision.candidates : [];
      expect(offered).toContain(theme);
    },
  );

  it('never fires on the labelled routing messages (everyday questions)', () => {
    const fired = THEME_UTTERANCES.filter((row) => detectEmergency(row.text) !== undefined).map((row) => row.text);
    expect(fired).toEqual([]);
  });

  it('reports kinds in a stable order and says which rules fired', () => {
    const detection = detectEmergency('ayuda me tienen encerrada y me obligan a trabajar');
    expect(detection?.kinds).toEqual(['immediate_danger', 'trafficking']);
    expect(detection?.signals).toEqual(expect.arrayContaining(['held', 'forced']));
  });

  it('does not fire on negated statements', () => {
    expect(detectEmergency('mi pareja no me pega')).toBeUndefined();
    expect(detectEmergency('my husband does not hit me')).toBeUndefined();
    expect(detectEmergency('no estoy en peligro')).toBeUndefined();
  });

  it('keeps the global commands free ("ayuda", "help" are the help command)', () => {
    for (const command of ['ayuda', 'help', 'menu', 'salir', 'atras']) expect(detectEmergency(command)).toBeUndefined();
  });
});

describe('options a person taps', () => {
  // A tapped button or list row is not checked for danger words (bot/turn/tappedOption.ts): its
  // text is the option's id, which the person did not type. So no id may carry any.
  const localesDir = path.join(__dirname, '../../bot/content/locales');
  const optionIds = ['es', 'en'].flatMap((locale) =>
    readdirSync(path.join(localesDir, locale))
      .filter((file) => file.endsWith('.json'))
      .flatMap((file) => {
        const { choices } = JSON.parse(readFileSync(path.join(localesDir, locale, file), 'utf8')) as { choices?: Record<string, Record<string, unknown>> };
        return Object.values(choices ?? {}).flatMap((group) => Object.keys(group));
      }),
  );

  it('have ids without danger words, every content choice and the "more options" row', () => {
    expect(optionIds.length).toBeGreaterThan(50);
    expect([...optionIds, 'more_options:3f2a:2'].filter((id) => detectEmergency(id))).toEqual([]);
  });

  it('are told from typed messages by the id the channel hands on', () => {
    expect(isTappedOption({ text: 'health', value: { id: 'health', title: 'Salud' } })).toBe(true);
    expect(isTappedOption({ text: 'me quieren matar' })).toBe(false);
    expect(isTappedOption({ text: 'me quieren matar', value: { id: 'health' } })).toBe(false);
  });
});
