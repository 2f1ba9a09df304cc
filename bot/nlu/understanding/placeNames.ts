/**
 * Names that `GeoDirectory` would read as a Colombian place but that people mostly mean otherwise:
 * everyday words that are also municipality names ("la playa", "el retorno", "la plata", "toca"),
 * and foreign places (Venezuela's Valencia and San Cristóbal, Spain's Madrid). They count as a place
 * only when the person says "vivo en"/"estoy en" before them (and never the foreign ones).
 * Folded like `foldPlaceText` (lower case, no accents).
 */

/** Countries and foreign cities people in this line mention; a birth there is "abroad". */
export const FOREIGN_PLACES: ReadonlySet<string> = new Set([
  'venezuela', 'caracas', 'maracaibo', 'valencia', 'san cristobal', 'barquisimeto', 'maracay', 'merida', 'tachira',
  'zulia', 'barinas', 'apure', 'puerto ordaz', 'ciudad bolivar', 'san antonio del tachira', 'ureña', 'urena', 'lara',
  'ecuador', 'peru', 'chile', 'argentina', 'bolivia', 'brasil', 'brazil', 'panama', 'mexico', 'estados unidos', 'usa',
  'united states', 'espana', 'spain', 'madrid', 'haiti', 'cuba', 'republica dominicana', 'costa rica', 'guatemala',
  'honduras', 'el salvador', 'nicaragua', 'trinidad', 'aruba', 'curazao', 'europa', 'milan', 'italia', 'venecia',
  'sevilla', 'toledo', 'malaga', 'ginebra', 'genova', 'palermo', 'el cairo', 'otro pais', 'el exterior', 'afuera',
  'abroad', 'another country',
]);

/** Municipality names that are also everyday words or phrases. */
export const EVERYDAY_WORD_PLACES: ReadonlySet<string> = new Set([
  'la playa', 'el retorno', 'el colegio', 'la mesa', 'la vega', 'el paso', 'la cruz', 'el banco', 'la plata', 'la paz',
  'la union', 'la esperanza', 'la salina', 'el reten', 'la cumbre', 'la sierra', 'el castillo', 'el rosario', 'el carmen',
  'la gloria', 'la capilla', 'la calera', 'la palma', 'la pena', 'la chorrera', 'la pedrera', 'la primavera',
  'la victoria', 'la belleza', 'la merced', 'la florida', 'el dorado', 'el molino', 'el roble', 'el encanto', 'el playon',
  'los santos', 'el calvario', 'la montanita', 'la estrella', 'el tambo', 'santa rosa', 'san jose', 'san pedro',
  'toca', 'une', 'pesca', 'gama', 'manta', 'susa', 'tena', 'hato', 'cerrito', 'palmar', 'paramo', 'socorro', 'dolores',
  'piedras', 'prado', 'florida', 'colon', 'toro', 'honda', 'bello', 'retiro', 'andes', 'belen', 'jardin', 'soledad',
  'rosas', 'silvia', 'ortega', 'rivera', 'medina', 'plato', 'sucre', 'bolivar', 'granada', 'cordoba', 'caldas',
  'venecia', 'albania', 'argelia', 'guamal', 'mani', 'olaya', 'cabrera', 'giron', 'victoria', 'concordia', 'salento',
  'macheta', 'cota', 'sora', 'paya', 'villa', 'puerto', 'madrid', 'colombia', 'sevilla', 'toledo', 'malaga', 'ginebra',
  'genova', 'palermo', 'milan', 'jordan', 'lourdes', 'miranda', 'padilla', 'teruel', 'obando', 'ulloa', 'morales',
  'galan', 'salazar', 'herran', 'suarez', 'garzon', 'linares', 'funes', 'aldana', 'ospina', 'beltran', 'murillo',
]);
