/**
 * The theme dialogs' details are typed by the choice ids they branch on (HealthDetails.permit is one
 * of HEALTH_CHOICES.permit…), and keep() drops an id outside its list. So the lists must be exactly
 * the content files' choice ids, in every locale: an id added to a file without the dialog knowing
 * it, or a dialog branching on an id no file offers, fails here instead of in a conversation.
 */
import { ContentCatalog, type ContentFileName } from '../../bot/content/catalog';
import { CIVIL_REGISTRY_CHOICES } from '../../dialogs/themes/civilRegistryDialog';
import { EDUCATION_CHOICES } from '../../dialogs/themes/educationDialog';
import { YES_NO } from '../../dialogs/themes/guidedThemeDialog';
import { HEALTH_CHOICES } from '../../dialogs/themes/healthDialog';
import { PROTECTION_CHOICES } from '../../dialogs/themes/protectionDialog';
import { REGULARIZATION_CHOICES } from '../../dialogs/themes/regularizationDialog';
import { RIGHTS_CHOICES } from '../../dialogs/themes/rightsDialog';
import { WORK_CHOICES } from '../../dialogs/themes/workDialog';

const catalog = new ContentCatalog();

const DIALOG_CHOICES: [ContentFileName, Record<string, readonly string[]>][] = [
  ['common', { yesNo: YES_NO }],
  ['health', HEALTH_CHOICES],
  ['civil_registry', CIVIL_REGISTRY_CHOICES],
  ['regularization', REGULARIZATION_CHOICES],
  ['rights', RIGHTS_CHOICES],
  ['protection', PROTECTION_CHOICES],
  ['education', EDUCATION_CHOICES],
  ['work', WORK_CHOICES],
];

const rows = catalog.locales().flatMap((locale) =>
  DIALOG_CHOICES.flatMap(([file, groups]) => Object.entries(groups).map(([group, ids]) => [`${locale} ${file}.${group}`, locale, file, group, ids] as const)),
);

describe("the theme dialogs' choice ids", () => {
  it('cover every locale', () => {
    expect(catalog.locales()).toEqual(['es', 'en']);
  });

  it.each(rows)('%s: the dialog knows exactly the ids the content offers', (_name, locale, file, group, ids) => {
    const offered = catalog.choices(locale, file, group).map((choice) => choice.id);
    expect([...ids].sort()).toEqual([...offered].sort());
  });
});
