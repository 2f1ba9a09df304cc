import { asksForPerson } from '../../bot/handoff/handoffCommand';

describe('asking for a person', () => {
  it.each(['hablar con una persona', 'Hablar con una PERSONA!', 'asesor', 'Asesora', 'talk to a person', 'Talk to a human'])('%j asks for a person', (text) => {
    expect(asksForPerson(text)).toBe(true);
  });
  it.each(['quiero saber de salud', 'asesor de empleo en Cúcuta', '', undefined])('%j does not', (text) => {
    expect(asksForPerson(text)).toBe(false);
  });
});
