/**
 * A conversation that listens (issue 9): consent is never taken from a "sí" that did not answer the
 * consent question; the question asked before consent is answered right after it; people who
 * decline still get orientation and keep nothing beyond the hour; risk signals get the protection
 * warning first in any theme; and a theme skips the questions the first message already answered,
 * saying in one line what it understood. Through the real ProBot on the Cosmos-compatible store.
 */
import { MENU_IDS } from '../../dialogs/mainDialog';
import { allText, lastChoices, startConversation, TestConversation } from '../support/conversation';
import { startTestStore, TestStore } from '../support/store';

const CONSENT = ['consent_yes', 'consent_no'];
const TRAFFICKING_LINE = '01 8000 522020';

describe('a conversation that listens', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await startTestStore();
  });
  afterAll(() => store.destroy());

  const consented = async (): Promise<TestConversation> => {
    const c = startConversation(store);
    await c.say('hola');
    await c.say('consent_yes');
    return c;
  };

  describe('consent', () => {
    it.each(['si', 'ok', 'Sí', 'acepto'])('a first message "%s" gets the privacy notice and the question, never the menu', async (first) => {
      const c = startConversation(store);
      const replies = await c.say(first);
      expect(allText(replies)).toContain('Privacidad');
      expect(lastChoices(replies)).toEqual(CONSENT);
      expect(lastChoices(await c.say('si'))).toEqual([...MENU_IDS]);
    });

    it.each([
      ['yes i accept', 'menu'],
      ['sí, de acuerdo', 'menu'],
      ['no gracias', 'declined'],
    ])('a typed "%s" after the notice is the answer, not "tell me whether you accept" again', async (typed, outcome) => {
      const c = startConversation(store);
      await c.say('hola');
      const replies = await c.say(typed);
      expect(allText(replies)).not.toContain('apenas me digas si aceptas');
      if (outcome === 'menu') expect(lastChoices(replies)).toEqual([...MENU_IDS]);
      else expect(allText(replies)).toContain('no guardaremos tus datos');
    });

    it('"si, tengo ppt" after the notice is a question, not consent: the reminder, and the question kept', async () => {
      const c = startConversation(store);
      await c.say('hola');
      const replies = await c.say('si, tengo ppt vencido');
      expect(allText(replies)).toContain('apenas me digas si aceptas');
      expect(lastChoices(replies)).toEqual(CONSENT);
    });

    it('after an emergency reply, "si" is not consent: the notice comes first', async () => {
      const c = startConversation(store);
      expect(allText(await c.say('auxilio me tienen encerrada'))).toContain('123');
      const replies = await c.say('si');
      expect(allText(replies)).toContain('Privacidad');
      expect(lastChoices(replies)).toEqual(CONSENT);
    });

    it('the question asked before consenting is answered right after "acepto", not the menu', async () => {
      const c = startConversation(store);
      expect(lastChoices(await c.say('mi PPT dice requerido, que hago'))).toEqual(CONSENT);
      // A second question before deciding gets a short reminder, not the whole notice again.
      const reminder = await c.say('me pueden ayudar?');
      expect(allText(reminder)).not.toContain('Privacidad');
      expect(lastChoices(reminder)).toEqual(CONSENT);
      const replies = await c.say('acepto');
      expect(allText(replies)).toContain('¡Gracias!');
      expect(lastChoices(replies)).not.toEqual([...MENU_IDS]);
      expect(lastChoices(replies)).toEqual(['venezuelan', 'returnee', 'host', 'other_nationality']);
    });
  });

  it('a child\'s birth said before consenting is not asked again after "sí"', async () => {
    const c = startConversation(store);
    await c.say('mi hijo nacio en cucuta en marzo de 2015, es colombiano?');
    const replies = await c.say('si');
    expect(allText(replies)).toContain('Entiendo: tu hijo nació en Cúcuta');
    expect(lastChoices(replies)).toEqual(['yes', 'no']);
    expect(allText(replies)).toContain('venezolano/a?');
  });

  describe('declining', () => {
    it('gives orientation, says once what is lost, and keeps no place and nothing beyond one hour', async () => {
      const c = startConversation(store, { userId: 'declines-1' });
      await c.say('hola');
      const declined = await c.say('consent_no');
      expect(allText(declined)).toContain('no recordaré nada');
      expect(allText(declined)).toContain('01 8000 180588');
      expect(lastChoices(declined)).toEqual([...MENU_IDS]);
      // Services by department, like anyone else.
      await c.say('services');
      await c.say('legal');
      expect(allText(await c.say('Norte de Santander'))).toContain('01 8000 180588');
      const docs = (await store.containers.state.items.readAll().fetchAll()).resources as { ttl: number; document: { profile?: Record<string, unknown> } }[];
      const mine = docs.filter((d) => (d.document.profile as { consent?: { decision?: string } } | undefined)?.consent?.decision === 'declined');
      expect(mine.length).toBeGreaterThan(0);
      for (const doc of mine) {
        expect(doc.ttl).toBe(3600);
        expect(doc.document.profile?.lastPlace).toBeUndefined();
      }
      // "acepto" later accepts, even in the middle of something.
      expect(allText(await c.say('acepto'))).toContain('¡Gracias!');
    });
  });

  describe('risk first, in any theme', () => {
    it.each([
      ['una señora me ofreció trabajo en México de mesera, me pagan el pasaje, es confiable?'],
      ['me ofrecen trabajo en chile y me pagan el pasaje, quiero saber de trabajo'],
    ])('"%s" gets the trafficking warning and line before anything else', async (message) => {
      const c = await consented();
      const replies = await c.say(message);
      expect(replies[0].text).toContain(TRAFFICKING_LINE);
      expect(replies[0].text).toContain('trata de personas');
    });

    it('before consent too', async () => {
      const c = startConversation(store);
      const replies = await c.say('me quitaron el pasaporte en el trabajo y me cobran una deuda');
      expect(allText(replies)).toContain(TRAFFICKING_LINE);
    });
  });

  describe('what the first message already said is not asked again', () => {
    it('"mi bebe nació en Cúcuta y no tiene registro civil, yo soy venezolana": only the missing year is asked', async () => {
      const c = await consented();
      const opening = await c.say('mi bebe nació en Cúcuta y no tiene registro civil, yo soy venezolana');
      // Said in the turn of the message it read, on top of the one question still needed.
      expect(opening).toHaveLength(1);
      expect(opening[0].text).toContain('Entiendo: tu bebé nació en Cúcuta, no tiene registro civil y eres de Venezuela.');
      expect(lastChoices(opening)).toEqual(['since_2015', 'before_2015']);
      const answer = await c.say('2016');
      expect(allText(answer)).toContain('Primero la Niñez');
      expect(lastChoices(answer)).toEqual(['useful_yes', 'useful_no']);
    });

    it('said before consenting ("nacio en cucuta", no year): after "sí, acepto" only the year is asked', async () => {
      const c = startConversation(store);
      await c.say('hola mi bebe nacio en cucuta y no lo he registrado');
      const afterConsent = await c.say('consent_yes');
      expect(allText(afterConsent)).toContain('Entiendo: tu bebé nació en Cúcuta');
      expect(allText(afterConsent)).not.toContain('¿Dónde nació');
      expect(lastChoices(afterConsent)).toEqual(['since_2015', 'before_2015']);
      const year = await c.say('2023');
      expect(allText(year)).not.toContain('¿Nació en Colombia o en otro país?');
    });

    it('"no lo e registrado" (he written as it sounds) counts as no registro civil, never asked again', async () => {
      const c = startConversation(store);
      await c.say('hola mi bebe nacio en cucuta y no lo e registrado');
      const afterConsent = await c.say('consent_yes');
      expect(allText(afterConsent)).toContain('Entiendo: tu bebé nació en Cúcuta y no tiene registro civil.');
      expect(lastChoices(afterConsent)).toEqual(['since_2015', 'before_2015']);
      // Only what was not said is asked: the parents' nationality, never the registro civil again.
      const year = await c.say('2023');
      expect(allText(year)).toContain('¿La mamá o el papá del niño o la niña es venezolano/a?');
      expect(allText(year)).not.toContain('ya tiene *registro civil*');
      expect(allText(await c.say('si'))).toContain('Primero la Niñez');
    });

    it('a question before consenting whose theme is unclear: after "sí, acepto", its likely themes, not the whole menu, and what it said is kept', async () => {
      const c = startConversation(store);
      await c.say('buenas soy colombiano retornado de venezuela kiero saber q ayudas ay');
      const afterConsent = await c.say('consent_yes');
      expect(allText(afterConsent)).toContain('¿Cuál se parece más?');
      // What it understood is said with the question, so a wrong guess can be corrected before the pick.
      expect(allText(afterConsent)).toContain('Entiendo: regresaste a Colombia');
      expect(lastChoices(afterConsent)).toEqual(['regularization', 'civil_registry', 'back_to_menu']);
      const answer = await c.say('regularization');
      // "soy colombiano retornado" answered "what is your situation?": straight to the Ley Retorno,
      // without saying again what was understood.
      expect(allText(answer)).not.toContain('Entiendo:');
      expect(allText(answer)).toContain('Ley Retorno');
    });

    it('a question typed at the menu whose theme is unclear: what it said comes with "which of these?", and the pick does not repeat it', async () => {
      const c = await consented();
      const unsure = await c.say('soy venezolana en cucuta y kiero saber q ayudas ay');
      expect(allText(unsure)).toContain('Entiendo: eres de Venezuela y estás en Cúcuta.');
      expect(allText(unsure)).toContain('¿Cuál se parece más?');
      const picked = await c.say('education');
      expect(allText(picked)).not.toContain('Entiendo:');
      expect(allText(picked)).toContain('¿Para quién es la educación?');
    });

    it('declining consent after such a question offers the same likely themes', async () => {
      const c = startConversation(store);
      await c.say('buenas soy colombiano retornado de venezuela kiero saber q ayudas ay');
      const afterDecline = await c.say('consent_no');
      expect(allText(afterDecline)).toContain('01 8000 180588');
      expect(lastChoices(afterDecline)).toEqual(['regularization', 'civil_registry', 'back_to_menu']);
    });

    it('"no he pedido refugio todavia… soy venezolano" before consenting: after "sí, acepto", how to ask for refuge, not a choice of themes', async () => {
      const c = startConversation(store);
      await c.say('hola, no he pedido refugio todavia, me da miedo. soy venezolano');
      const afterConsent = await c.say('consent_yes');
      expect(allText(afterConsent)).toContain('Entiendo: eres de Venezuela y todavía no has pedido refugio.');
      expect(allText(afterConsent)).not.toContain('¿Cuál se parece más?');
      expect(allText(afterConsent)).toContain('Cómo pedir refugio');
      expect(lastChoices(afterConsent)).toEqual(['useful_yes', 'useful_no']);
    });

    it('"pedi refugio y me dieron salvoconducto, puedo trabajar?": never asked whether she asked for refuge; the answer says the SC-2 allows work', async () => {
      const c = await consented();
      const first = await c.say('pedi refugio y me dieron salvoconducto, puedo trabajar con eso?');
      // A permit named: the regularization theme, which asks only who she is (the SC-2 does not say).
      expect(allText(first)).toContain('Entiendo: tienes salvoconducto SC-2');
      expect(lastChoices(first)).toEqual(['venezuelan', 'returnee', 'host', 'other_nationality']);
      const answer = await c.say('other_nationality');
      expect(allText(answer)).not.toContain('¿Ya pediste refugio en Colombia?');
      expect(allText(answer)).toContain('*desde 2025, puedes trabajar*');
      expect(lastChoices(answer)).toEqual(['useful_yes', 'useful_no']);
    });

    it('"soy de peru y ya pedi refugio, q sigue": the asylum answer for someone waiting, without asking whether she asked', async () => {
      const c = await consented();
      const replies = await c.say('soy de peru y ya pedi refugio, q sigue');
      expect(allText(replies)).toContain('Entiendo: vienes de otro país y ya pediste refugio.');
      expect(allText(replies)).not.toContain('¿Ya pediste refugio en Colombia?');
      expect(allText(replies)).toContain('Renueva tu SC-2 a tiempo');
      expect(lastChoices(replies)).toEqual(['useful_yes', 'useful_no']);
    });

    it('"somos venezolanos y no tenemos papeles, mi hijo puede estudiar?": the family\'s papers answer the child\'s, so after the theme only the certificates are asked', async () => {
      const c = await consented();
      // Education or civil registry? The router asks; what the message said is carried into the pick.
      const offer = await c.say('somos venezolanos y no tenemos papeles, mi hijo puede estudiar?');
      expect(lastChoices(offer)).toEqual(['civil_registry', 'education', 'back_to_menu']);
      expect(allText(offer)).toContain('tu hijo no tiene documento (PPT ni cédula de extranjería)');
      const first = await c.say('education');
      expect(allText(first)).not.toContain('Entiendo:');
      expect(allText(first)).not.toContain('¿El niño, niña o adolescente tiene *PPT*');
      expect(allText(first)).not.toContain('¿Para quién');
      expect(lastChoices(first)).toEqual(['yes', 'no']);
    });

    it('"hello", then "im from venezuela, I have PPT. where can i find work in medellin": in English, and the job answer with no question (not "what about your PPT?")', async () => {
      const c = startConversation(store);
      expect(allText(await c.say('hello'))).toContain('Hello! 👋');
      await c.say('consent_yes');
      const answer = await c.say('im from venezuela, I have PPT. where can i find work in medellin');
      expect(allText(answer)).toContain('I understand: you are from Venezuela, you have a PPT, you are in Medellín and you are looking for a job.');
      expect(allText(answer)).toContain('*Public Employment Service*');
      expect(lastChoices(answer)).toEqual(['useful_yes', 'useful_no']);
    });

    it('a returnee asking for her Venezuelan husband gets the Venezuelan route, said so, and stays a returnee in her profile', async () => {
      const c = await consented();
      const first = await c.say('soy colombiana, estuve viviendo 10 años en venezuela y me regrese con mi esposo venezolano, el que papeles necesita?');
      expect(allText(first)).toContain('Entiendo: regresaste a Colombia después de vivir fuera y tu pareja es de Venezuela.');
      expect(allText(first)).toContain('Te respondo para tu pareja, que es de Venezuela');
      expect(allText(first)).not.toContain('Ley Retorno');
      expect(lastChoices(first)).toEqual(['ppt_have', 'ppt_pending', 'no_permit', 'asylum', 'pep_tutor', 'foreign_id']);
      await c.say('no_permit');
      await c.say('before_dec_2024');
      const answer = await c.say('no');
      expect(allText(answer)).toContain('Visa V');
      // Her own question, later, is answered for her: the Ley Retorno.
      await c.say('menu');
      expect(allText(await c.say('regularization'))).toContain('Ley Retorno');
    });

    // With the year too, or an age that proves it ("de 8 meses": born 2015 or later), the year is not asked.
    it.each([
      ['with the year too', 'mi bebe nacio en cucuta en 2016 y no tiene registro civil, soy venezolana', 'Entiendo: tu bebé nació en Cúcuta, no tiene registro civil'],
      ['with the age instead', 'mi bebe de 8 meses nacio en cucuta y no tiene registro, soy venezolana', 'Entiendo: tu bebé nació en Cúcuta, tiene menos de un año, no tiene registro civil'],
    ])('%s, the answer comes at once: "%s"', async (_case, text, understood) => {
      const c = await consented();
      const replies = await c.say(text);
      expect(allText(replies)).toContain(understood);
      expect(allText(replies)).toContain('Primero la Niñez');
      expect(lastChoices(replies)).toEqual(['useful_yes', 'useful_no']);
    });

    it('an expired PEP skips "what is your situation?" and says so', async () => {
      const c = await consented();
      expect(allText(await c.say('se me vencio el pep'))).toContain('Entiendo: tu PEP ya no está vigente');
      const replies = await c.say('venezuelan');
      // Straight to the arrival date: "what is your situation?" was answered.
      expect(lastChoices(replies)).toEqual(['before_dec_2024', 'from_dec_2024']);
    });

    it('"como me afilio a una eps" does not ask whether it is an emergency', async () => {
      const c = await consented();
      await c.say('como me afilio a una eps');
      const replies = await c.say('venezuelan');
      expect(allText(replies)).not.toContain('urgencias* ahora mismo');
      expect(lastChoices(replies)).toEqual(['ppt', 'pep_tutor', 'foreign_id', 'sc2', 'visa_v', 'none']);
    });

    it('"el ppt cuesta plata?" is answered at once: the first PPT is free, no intermediaries', async () => {
      const c = await consented();
      const replies = await c.say('el ppt cuesta plata?');
      expect(allText(replies)).toContain('es *gratis*');
      expect(allText(replies)).toContain('intermediarios');
    });

    it('"atrás" after a skipped question asks it for real', async () => {
      const c = await consented();
      await c.say('se me vencio el pep');
      await c.say('venezuelan');
      expect(lastChoices(await c.say('atrás'))).toContain('ppt_have');
    });
  });
});
