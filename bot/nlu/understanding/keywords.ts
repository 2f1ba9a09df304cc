/**
 * Words the extractors look for that people often misspell; a token spelled like one of them (same
 * sound after spelling folding, or one edit from a long one) is read as that word.
 * Only words whose misspellings cannot be another common word are listed.
 */
export const KEYWORDS: readonly string[] = [
  'embarazada', 'embarazo', 'gestante', 'prenatal',
  'venezolano', 'venezolana', 'venezolanos', 'venezolanas', 'venezuela', 'venezuelan', 'venezuelans', 'colombiano', 'colombiana', 'colombianos',
  'retornado', 'retornada', 'retornados',
  'registro', 'registrado', 'registrada', 'registrar', 'registraduria',
  'salvoconducto', 'extranjeria', 'pasaporte', 'documentos', 'papeles', 'permiso',
  'vencido', 'vencida', 'vencio', 'perdido', 'perdida', 'tramite',
  'albergue', 'alojamiento', 'comida', 'comedor', 'alimentos', 'psicologo', 'psicologa', 'abogado', 'abogada',
  'hospital', 'medico', 'urgente', 'urgencias',
  'reclutar', 'reclutando', 'reclutaron', 'reclutamiento', 'coyote', 'amenazando', 'amenazaron',
  'nacio', 'nacida', 'nacido', 'nacieron',
  'gratis', 'gratuito', 'cuesta',
];
