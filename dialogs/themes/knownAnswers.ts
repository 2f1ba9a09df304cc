/**
 * What a theme already knows when it opens: the answers the opening message gave (or the question a
 * person asked before consenting, carried over as ids), as the choice ids its questions would have
 * returned, keyed `file.choiceGroup` (bot/nlu/understanding/questionAnswers.ts). Kept in the flow's
 * dialog state as ids only, never words, and used once per question: "atrás" asks it for real.
 */
import type { Locale } from '../../bot/content/locale';
import type { ContentCatalog } from '../../bot/content/catalog';
import { describeUnderstanding, type Understanding, type UnderstoodIds, understoodIds } from '../../bot/nlu/understanding';
import { type QuestionAnswers, questionAnswers } from '../../bot/nlu/understanding/questionAnswers';
import type { Session } from '../../bot/turn/session';

/** Answers the dialogs ask for that questionAnswers does not derive (see parentAnswers). */
interface DialogAnswers {
  /** Yes/no: is a parent of the child born in Colombia Venezuelan? */
  'civil_registry.parents'?: 'yes' | 'no';
  /** Yes/no: is a parent of the child born abroad Colombian? */
  'civil_registry.colombianParent'?: 'yes' | 'no';
  'regularization.pptNeed'?: 'uses' | 'reissue';
}

/** The choice id each question of the content would return, keyed `file.group`, as far as known. */
export type KnownAnswers = Omit<QuestionAnswers, keyof DialogAnswers> & DialogAnswers;
export type KnownAnswerKey = keyof KnownAnswers;

/** Whether `key` (`file.group`, built from a question's content keys) is one a known answer could have. */
export function isKnownIn(known: KnownAnswers, key: string): key is KnownAnswerKey {
  return Object.hasOwn(known, key);
}

/** The turn's understanding and what was carried over, merged (this message wins). */
export function understoodSoFar(session: Session): UnderstoodIds {
  return { ...session.carried, ...understoodIds(session.understanding) };
}

/** Answers the dialogs ask for that questionAnswers does not derive: the child's parents, a PPT's cost. */
function parentAnswers(ids: UnderstoodIds): DialogAnswers {
  const answers: DialogAnswers = {};
  // "mi bebé nació en Cúcuta…, yo soy venezolana": the person speaking is the parent.
  if (ids.child && ids.child.birthplace !== 'abroad' && ids.group === 'venezuelan') answers['civil_registry.parents'] = 'yes';
  if (ids.child?.birthplace === 'abroad' && (ids.group === 'returnee' || ids.group === 'host')) answers['civil_registry.colombianParent'] = 'yes';
  // "el ppt cuesta plata?": what a PPT is for and that it is free is the answer ("uses" says both).
  if (ids.costQuestion && ids.permit === 'ppt' && !ids.permitState) answers['regularization.pptNeed'] = 'uses';
  return answers;
}

/** The questions these ids answer, as choice ids keyed `file.group`. */
export function knownAnswersFor(ids: UnderstoodIds): KnownAnswers {
  return { ...questionAnswers(ids), ...parentAnswers(ids) };
}

/** An Understanding rebuilt from ids (the summary needs no evidence). */
function asUnderstanding(ids: UnderstoodIds): Understanding {
  const wrap = <T>(value: T | undefined) => (value === undefined ? undefined : { value, evidence: '' });
  return {
    group: wrap(ids.group),
    permit: wrap(ids.permit),
    permitState: wrap(ids.permitState),
    child: wrap(ids.child),
    place: wrap(ids.place),
    need: wrap(ids.need),
    pregnancy: wrap(ids.pregnancy),
    urgency: wrap(ids.urgency),
    asylumRequested: wrap(ids.asylumRequested),
    venezuelanRelative: wrap(ids.venezuelanRelative),
  };
}

/** "Entiendo: tu bebé nació en Cúcuta y eres de Venezuela.", or undefined when nothing worth saying. */
export function understoodLine(ids: UnderstoodIds, locale: Locale, catalog: ContentCatalog): string | undefined {
  return describeUnderstanding(asUnderstanding(ids), locale, { catalog });
}
