/**
 * Audit W9: a typed answer must not land in the opposite branch. "tengo permiso de trabajo" shares
 * "tengo permiso" with "No tengo permiso" but means the opposite; the permit questions of the real
 * content (work and regularization, both locales) are checked here.
 */
import { ContentCatalog } from '../../bot/content/catalog';
import type { Choice } from '../../bot/content/choice';
import { matchChoice } from '../../bot/nlu/choiceMatcher';

const content = new ContentCatalog();
const workPermit = (locale: 'es' | 'en'): Choice[] => content.choices(locale, 'work', 'permit');
const situation = (locale: 'es' | 'en'): Choice[] => content.choices(locale, 'regularization', 'situation');
const NEGATIVE_IDS = ['none', 'no_permit'];

describe('an answer without a negation never picks a negated choice', () => {
  it.each<['es' | 'en', string]>([
    ['es', 'tengo permiso de trabajo'],
    ['es', 'tengo permiso'],
    ['es', 'si tengo permiso para trabajar'],
    ['es', 'tengo papeles'],
    ['en', 'i have a work permit'],
    ['en', 'i have a permit'],
  ])('%s work permit: %j is not "no permit"', (locale, text) => {
    expect(NEGATIVE_IDS).not.toContain(matchChoice(text, workPermit(locale)));
  });

  it.each<['es' | 'en', string]>([
    ['es', 'tengo ppt y visa'],
    ['es', 'tengo permiso'],
    ['en', 'i have a ppt'],
  ])('%s situation: %j is not "no PPT nor visa"', (locale, text) => {
    expect(NEGATIVE_IDS).not.toContain(matchChoice(text, situation(locale)));
  });

  it.each<['es' | 'en', string, string]>([
    ['es', 'no tengo permiso', 'none'],
    ['es', 'no tengo nada', 'none'],
    ['es', 'sin papeles', 'none'],
    ['es', 'ninguno', 'none'],
    ['es', 'tengo salvoconducto', 'sc2'],
    ['es', 'tengo pep tutor', 'pep_tutor'],
    ['es', 'tengo cedula de extranjeria', 'foreign_id'],
    ['es', 'tengo ppt', 'ppt'],
    ['en', "i don't have a permit", 'none'],
    ['en', 'i have an sc-2', 'sc2'],
    ['en', 'foreigner id card', 'foreign_id'],
  ])('%s work permit: %j still picks %s', (locale, text, id) => {
    expect(matchChoice(text, workPermit(locale))).toBe(id);
  });

  it.each<['es' | 'en', string, string]>([
    ['es', 'no tengo ppt', 'no_permit'],
    ['es', 'tengo pep tutor', 'pep_tutor'],
    ['es', 'tengo cedula de extranjeria', 'foreign_id'],
    ['en', "i don't have a ppt", 'no_permit'],
  ])('%s situation: %j still picks %s', (locale, text, id) => {
    expect(matchChoice(text, situation(locale))).toBe(id);
  });
});
