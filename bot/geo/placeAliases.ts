/**
 * Names people use that are not DANE's: short forms of official names ("Cali" for "Santiago de Cali"),
 * older spellings ("Mompox") and everyday abbreviations ("Villavo"). Keyed by DIVIPOLA code, so they
 * keep working when a DANE refresh renames the official entry. Written folded (see foldPlaceText).
 */

export const MUNICIPALITY_ALIASES: Readonly<Record<string, readonly string[]>> = {
  '11001': ['bogota', 'bogota dc', 'bogota distrito capital', 'santa fe de bogota', 'santafe de bogota'],
  '54001': ['cucuta', 'san jose de cucuta'],
  '13001': ['cartagena', 'cartagena de indias'],
  '76001': ['cali', 'santiago de cali'],
  '52001': ['pasto', 'san juan de pasto'],
  '52835': ['tumaco', 'san andres de tumaco'],
  '13468': ['mompos', 'mompox', 'santa cruz de mompox', 'santa cruz de mompos'],
  '70820': ['tolu', 'santiago de tolu'],
  '25843': ['ubate', 'villa de san diego de ubate'],
  '15407': ['villa de leyva', 'villa de leiva'],
  '76111': ['buga', 'guadalajara de buga'],
  '68081': ['barranca', 'barrancabermeja'],
  '05042': ['santa fe de antioquia', 'santafe de antioquia'],
  '50001': ['villavicencio', 'villavo'],
  '08001': ['barranquilla', 'bquilla'],
  '88001': ['san andres', 'san andres islas'],
};

export const DEPARTMENT_ALIASES: Readonly<Record<string, readonly string[]>> = {
  '11': ['bogota', 'bogota dc', 'distrito capital', 'bogota distrito capital'],
  '44': ['guajira'],
  '54': ['norte de santander', 'norte santander', 'nte de santander', 'n de santander'],
  '76': ['valle', 'valle del cauca'],
  '88': [
    'san andres',
    'san andres y providencia',
    'archipielago de san andres',
    'san andres providencia y santa catalina',
    'archipielago de san andres providencia y santa catalina',
  ],
};

/** Words people put before a place ("en Cúcuta", "municipio de La Unión") that are not part of its name. */
export const LEADING_FILLERS: readonly string[] = [
  'la ciudad de',
  'el municipio de',
  'municipio de',
  'ciudad de',
  'departamento del',
  'departamento de',
  'departamento',
  'municipio',
  'ciudad',
  'desde',
  'en',
];

/** Words after a place that add nothing ("Cúcuta, Colombia"). */
export const TRAILING_FILLERS: readonly string[] = ['colombia'];

/** Words joining a municipality to its department ("La Unión de Nariño", "Mosquera en Cundinamarca"). */
export const CONNECTORS: readonly string[] = ['de', 'del', 'en'];
