/**
 * The emergency rules: which words and phrases make the bot answer with the free emergency lines
 * before anything else. This file is data, written to be reviewed by protection staff; the engine that
 * runs it is emergencyDetector.ts, and the labelled messages it must (and must not) fire on are in
 * bot/nlu/data/emergencyPhrases.json (`npm run eval:nlu` and the tests hold the rules to them).
 *
 * How to read a rule: `rule(id, kinds, strength, [alternatives])`. Each alternative is a regular
 * expression over the message as the bot sees it: lower case, no accents, no punctuation, one space
 * between words, with a space added at both ends ("¿Me tienen ENCERRADA?" is " me tienen encerrada ").
 * `\b` marks a word edge, `(a|b)` is "a or b", `( \w+){0,2}` is "up to two other words".
 *
 * Strengths (see INFORMATIONAL below for what "a question about the topic" means):
 * - `firstPerson`: the person says it is happening to them ("me tienen encerrada", "mi pareja me
 *   pega", "me quiero morir"). These fire even inside a question ("¿qué hago si mi pareja me pega?"):
 *   recall matters more than precision when someone may be in danger. A directly negated verb
 *   ("mi pareja no me pega") does not fire.
 * - `thirdParty`: danger to someone else, mostly children ("están maltratando a un niño"). These
 *   fire unless the message is framed as a request for information ("¿cómo prevenir el abuso de
 *   niños?", "signs of child exploitation").
 * - `keyword`: a bare danger word ("trata", "abuso", "violencia", "suicidio", "emergencia"). It fires
 *   only in a short message or next to a cry for help, and never in an informational question, so
 *   "¿qué es la trata?" goes to the protection theme instead.
 *
 * Typos are forgiven by the engine against the words written here (four letters or more), so write
 * each word out in full ("encerrada|encerrado", not "encerrad[oa]").
 */

/** The kinds of danger the bot answers with different free lines. */
export const EMERGENCY_KINDS = ['immediate_danger', 'trafficking', 'gender_violence', 'child_at_risk', 'suicide'] as const;
export type EmergencyKind = (typeof EMERGENCY_KINDS)[number];

/** How a rule's match counts: see the file comment. */
export type Strength = 'firstPerson' | 'thirdParty' | 'keyword';

export interface EmergencyRule {
  id: string;
  kinds: readonly EmergencyKind[];
  strength: Strength;
  pattern: RegExp;
}

// Negated verb: "no me pega", "nunca me ha pegado", "does not hit me".
const NOT = String.raw`(?<!\bno |\bnunca |\bjamas |\bnot |\bnever )`;

const AGGRESSOR = String.raw`(pareja|esposo|marido|novio|exnovio|expareja|exesposo|exmarido|ex|companero|esposa|novia|mujer|padrastro|papa de mis hijos|papa de mi hijo|papa de mi hija|padre de mis hijos|suegro|cunado|jefe|patron)`;
const ABUSE_VERB = String.raw`(pega|pego|pegan|golpea|golpeo|golpean|maltrata|maltrato|maltratan|agrede|agredio|viola|violo|abusa|abuso|amenaza|amenazo|ahorca|ahorco|encierra|encerro|empuja|empujo|humilla|acosa|acoso|manosea|manoseo|quemo|arrastra|insulta|quiere matar|va a matar|ha pegado|ha golpeado)`;
const EN_AGGRESSOR = String.raw`(husband|boyfriend|partner|ex|wife|girlfriend|stepfather|boss)`;
const EN_ABUSE_VERB = String.raw`(beats|beat|hits|hit|abuses|abused|raped|rapes|threatens|threatened|hurts|hurt|attacks|attacked|chokes|choked|is hitting|is beating|is hurting)`;
// Spelled out in full (not "encerrad[oa]") so typo correction has whole words to compare with.
const HELD = String.raw`(encerrada|encerrado|encerradas|encerrados|secuestrada|secuestrado|secuestrados|secuestradas|retenida|retenido|retenidas|retenidos|amarrada|amarrado|atrapada|atrapado|atrapados|encadenada|encadenado)`;
const DOCUMENT = String.raw`(pasaporte|pasaportes|documento|documentos|papeles|cedula|cedulas|ppt|identificacion)`;
// "bebe" (also "drinks") and "son" (also "they are") only count after a determiner.
const CHILD = String.raw`(nino|nina|ninos|ninas|ninito|ninita|nene|nena|nenes|nenas|hijo|hija|hijos|hijas|hijito|hijita|(mi|el|un|al|del|su|tu|mis|sus|los|a|una|la) bebes?|bebito|bebita|menor|menores|sobrino|sobrina|sobrinito|sobrinita|nieto|nieta|chamito|chamita|chamitos|chamitas|chiquito|chiquita|pequeno|pequena|hermanita|hermanito|adolescente|child|children|kid|kids|(my|his|her|their|our|a) son|daughter|baby|minor|girl|boy)`;
const CHILD_HARM = String.raw`(maltrat\w*|abus\w*|pega|pegan|pegaba|(?<!\bse )golpe\w*|viol(a|o|an|aron|ada|ado|ando|ar|arla|arlo|acion)|explot\w*|reclut\w*|vend(io|ieron|iendo|er|erla|erlo)|secuestr\w*|manose\w*|lastim\w*|(?<!\bse )quem(o|aron|an)|abandon\w*|tocando|tocamientos|prostitu\w*|beats|beating|hits|hitting|hurting|raped|raping|molest\w*|traffick\w*|kidnap\w*|neglect\w*|sold|selling|recruit\w*)`;

/** A rule whose pattern matches any of the alternatives (one per line, for reading). */
function rule(id: string, kinds: EmergencyKind[], strength: Strength, alternatives: string[]): EmergencyRule {
  return { id, kinds, strength, pattern: new RegExp(alternatives.join('|')) };
}

/** The rules, grouped by kind. Patterns run on ` normalised text ` (padded with spaces). */
export const EMERGENCY_RULES: readonly EmergencyRule[] = [
  // Being held
  rule('held', ['immediate_danger'], 'firstPerson', [
    String.raw`\b(me|nos) (tienen|tiene|mantienen|mantiene|tenian|tenia) ${HELD}\b`,
  ]),
  rule('held_other', ['immediate_danger'], 'thirdParty', [
    String.raw`\b(la|lo|las|los) (tienen|tiene|mantienen|mantiene) ${HELD}\b`,
  ]),
  rule('held_self', ['immediate_danger'], 'firstPerson', [
    String.raw`${NOT}\b(estoy|estamos|sigo|seguimos) (\w+ )?${HELD}\b`,
  ]),
  rule('not_let_go', ['immediate_danger'], 'firstPerson', [
    String.raw`\bno (me|nos) (dejan|deja|dejaban|quieren dejar|quiere dejar|van a dejar|va a dejar) (salir|ir|irme|irnos|escapar|salirme|regresar|volver|llamar|comunicarme)\b`,
  ]),
  rule('locked_in', ['immediate_danger'], 'firstPerson', [
    String.raw`${NOT}\b(me|nos) (encierra|encierran|encerro|encerraron|secuestro|secuestraron|amarro|amarraron|retuvieron|retienen(?! (el |la |los |las |mi |mis )?${DOCUMENT}))\b`,
  ]),
  rule('held_en', ['immediate_danger'], 'firstPerson', [
    String.raw`${NOT}\b(i am|we are|i have been|we have been|i was|they have) (being )?(held|locked|trapped|kidnapped|captive|imprisoned|kept)\b`,
    String.raw`\b(locked|lock|locks|keep|keeps) (me|us) (in|up|inside)\b`,
    String.raw`\b(will not|do not|does not|not|never) let (me|us) (leave|go|out|escape)\b`,
    String.raw`\bcan not (get out|escape|leave (the|this) (house|room|place|apartment|building))\b`,
  ]),
  // Threats and attacks
  rule('threat_kill', ['immediate_danger'], 'firstPerson', [
    String.raw`${NOT}\b(me|nos) (van a|va a|quieren|quiere|iban a|piensan|intentaron|trataron de) (matar|mata|asesinar|desaparecer|hacer dano|lastimar|secuestrar|violar)\b`,
    String.raw`\b(quieren|quiere|van a|va a|amenazan con|amenaza con|amenazo con|amenazaron con|intento|intentaron) (matarme|matarnos|asesinarme|desaparecerme|lastimarme|secuestrarme)\b`,
    String.raw`\b(me|nos) (matan|mataran)\b`,
  ]),
  rule('threatened', ['immediate_danger'], 'firstPerson', [
    String.raw`${NOT}\b(me|nos) (amenazaron|amenazan|amenaza|amenazo|estan amenazando|esta amenazando|han amenazado|ha amenazado|extorsionan|extorsiona|estan extorsionando|esta extorsionando)\b`,
    String.raw`\bamenazas? de muerte\b`,
  ]),
  rule('chased', ['immediate_danger'], 'firstPerson', [
    String.raw`${NOT}\b(me|nos) (persigue|persiguen|persiguio|persiguieron|estan persiguiendo|esta persiguiendo|vienen siguiendo|viene siguiendo|esta siguiendo|estan siguiendo)\b(?! en (instagram|facebook|tiktok|redes))`,
  ]),
  rule('attacked_now', ['immediate_danger'], 'firstPerson', [
    String.raw`\b(me|nos) (estan|esta) (golpeando|pegando|atacando|apunalando|disparando|ahorcando)\b`,
    String.raw`\b(is|are) (hitting|beating|attacking|hurting|choking) (me|us)\b`,
  ]),
  rule('attacked_or_followed', ['immediate_danger'], 'firstPerson', [
    String.raw`${NOT}\b(me|nos) (pegaron|golpearon|atacaron|apunalaron|dispararon|agredieron|hirieron)\b`,
    String.raw`\b(i am|we are) being (followed|watched|stalked)\b`,
    String.raw`\b(following|stalking) (me|us)\b`,
  ]),
  rule('weapon', ['immediate_danger'], 'firstPerson', [
    String.raw`\b(con|tiene|tienen|trae|traen|saco|sacaron) (un|una) (arma|cuchillo|pistola|revolver|machete|navaja)\b`,
    String.raw`\b(has|have|with) (a )?(gun|knife|weapon)\b`,
  ]),
  rule('in_danger', ['immediate_danger'], 'firstPerson', [
    String.raw`${NOT}\b(estoy|estamos|esta|corro|corremos) (en )?peligro\b`,
    String.raw`\bmi vida (esta|corre) (en )?peligro\b`,
    String.raw`\bpeligro de muerte\b`,
    String.raw`${NOT}\b(i am|we are|i feel) in danger\b`,
    String.raw`\bmy life is in danger\b`,
  ]),
  rule('threat_en', ['immediate_danger'], 'firstPerson', [
    String.raw`\b(going to|gonna|want to|wants to|will|threatened to|threatening to|tried to) (kill|hurt|kidnap) (me|us)\b`,
    String.raw`${NOT}\b(threatened|threatening|threatens|threaten) (me|us)\b`,
    String.raw`\bdeath threats?\b`,
  ]),
  // Cries for help
  rule('cry_for_help', ['immediate_danger'], 'firstPerson', [
    String.raw`\b(auxilio|socorro)\b`,
    String.raw`\b(ayuda|ayudenme|ayudame|auxilio)( \w+){0,2} urgente\b`,
    String.raw`\burgente( \w+){0,2} (ayuda|ayudenme|ayudame)\b`,
    String.raw`\b(llamen|llame|llama) (a )?(la )?policia\b`,
    String.raw`\bcall (the )?police\b`,
    String.raw`\b(urgent help|help urgently|need help urgently|need help now)\b`,
  ]),
  rule('help_me_en', ['immediate_danger'], 'firstPerson', [
    String.raw`^ (please )?(help (me|us)|somebody help( me)?|someone help( me)?|i need help now)( please| now| fast| quickly| asap)* $`,
  ]),
  rule('emergency', ['immediate_danger'], 'firstPerson', [
    String.raw`\b(es|tengo|hay|tenemos) una emergencia\b`,
    String.raw`^ emergencia( por favor)? $`,
    String.raw`\b(this is|it is|i have|we have) an emergency\b`,
    String.raw`^ emergency( please)? $`,
  ]),
  // Trafficking
  rule('documents_taken', ['trafficking'], 'firstPerson', [
    String.raw`${NOT}\b(me|nos) (quitaron|quito|quitan|quita|retienen|retiene|retuvieron|retuvo|guardan|guarda|escondieron|escondio|rompieron|rompio|decomisaron|tienen retenido|tiene retenido)( \w+){0,2} ${DOCUMENT}\b`,
    String.raw`\b(me|nos) (tienen|tiene) (el|los|mi|mis) (pasaporte|documentos|papeles|cedula)\b`,
    String.raw`\b(se quedo|se quedaron|se queda|se quedan) con (mi|mis|el|los|nuestros|nuestro) ${DOCUMENT}\b`,
    String.raw`(?<!\bi )\b(took|take|takes|taken|keep|keeps|kept|holding|holds|hold|stole) (away )?(my|our) (passport|passports|documents|papers|id)\b`,
    // The employer holding them, said without "me": "mi jefe tiene mi pasaporte", "my boss has my passport".
    String.raw`\b(jefe|jefa|patron|patrona|empleador|empleadora) (tiene|tienen|guarda|guardan|retiene|retienen|se quedo con) (mi|mis|el|los|nuestros) ${DOCUMENT}\b`,
    String.raw`\b(boss|employer|employers) (has|have|is keeping|are keeping|is holding|won't give back) (my|our) (passport|passports|documents|papers|id)\b`,
  ]),
  rule('forced', ['trafficking'], 'firstPerson', [
    String.raw`${NOT}\b(me|nos) (obligan|obliga|obligaron|obligo|fuerzan|fuerza|forzaron|forzo|estan obligando|esta obligando|obligaban|quieren obligar) a (?!pagar\b)`,
    String.raw`\b(me|nos) (quieren|van a|obligan a|estan obligando a) casar\b`,
    String.raw`\bcasar a la fuerza\b`,
    String.raw`\b(forced|forcing|force|forces|made) (me|us) (to )?(work|have sex|sell|prostitute|beg|steal|carry)\b`,
    String.raw`\b(i am|we are|i was|we were) (being )?(forced|made) to\b`,
  ]),
  rule('trafficking_victim', ['trafficking'], 'firstPerson', [
    String.raw`\b(soy|somos|fui|fuimos) victimas? de (la )?trata\b`,
    String.raw`\b(i am|we are|i was|we were|i have been) (a )?(victims? of )?(human )?traffick(ed|ing)( victims?)?\b`,
  ]),
  rule('sold_or_deceived', ['trafficking'], 'firstPerson', [
    String.raw`${NOT}\b(me|nos) (vendieron|vendio|quieren vender|van a vender)\b(?! (un|una|el|la|los|las|unos|unas)\b)`,
    String.raw`\b(me|nos) (trajeron|trajo|llevaron|llevo) (\w+ ){0,3}(enganada|enganado|enganadas|enganados|con mentiras|a la fuerza|obligada|obligado|obligadas|obligados)\b`,
    String.raw`\b(me|nos) (estan|esta) explotando\b`,
    String.raw`\bme explotan\b`,
    String.raw`\b(sold|trafficked) (me|us)\b`,
  ]),
  // Gender-based and domestic violence
  rule('partner_violence', ['gender_violence'], 'firstPerson', [
    String.raw`\b(mi|el|la) ${AGGRESSOR}( \w+){0,3}? (?<!\bno |\bnunca |\bjamas )me ${ABUSE_VERB}\b`,
    String.raw`${NOT}\bme ${ABUSE_VERB} (mi|el) ${AGGRESSOR}\b`,
  ]),
  rule('partner_fear', ['gender_violence'], 'firstPerson', [
    String.raw`\b(tengo|siento|le tengo) (mucho )?miedo (de|a) (mi|el) ${AGGRESSOR}\b`,
    String.raw`\b(i am|i m) (so |very )?(afraid|scared) of my ${EN_AGGRESSOR}\b`,
  ]),
  rule('woman_harmed', ['gender_violence'], 'thirdParty', [
    String.raw`\b(le|la|les) (pega|pegan|golpea|golpean|maltrata|maltratan|viola|violan|esta pegando|estan pegando|esta golpeando|estan golpeando|esta maltratando|estan maltratando)\b( \w+){0,2} (mama|madre|hermana|tia|abuela|mujer|senora|vecina|amiga|prima|esposa|muchacha|chica)\b`,
    String.raw`\b${AGGRESSOR} (\w+ ){0,2}(le|la) (pega|golpea|maltrata|viola|pegaba|golpeaba)\b`,
  ]),
  rule('sexual_violence', ['gender_violence'], 'firstPerson', [
    String.raw`${NOT}\bme (violaron|violo|viola|violan|abusaron|abuso sexualmente|abusan sexualmente|estan abusando|manosearon|agredieron sexualmente|acosa|acosan|esta acosando|estan acosando)\b`,
    String.raw`\b(abusaron|abuso) de mi ($|y |cuando |anoche |ayer |hoy |en |sexualmente)`,
    String.raw`\bme (toca|toco|tocan|tocaron|tocaba) (mis partes|las partes|partes intimas|mi cuerpo|sin (mi )?permiso|donde no)\b`,
    String.raw`\b(violarme|abusar de mi|abusarme)\b`,
  ]),
  rule('living_violence', ['gender_violence'], 'firstPerson', [
    String.raw`\b(sufro|sufrimos|vivo|vivimos|estoy viviendo|estoy sufriendo|soy victima de|fui victima de) (de )?(violencia|maltrato|abuso|agresiones)\b`,
  ]),
  rule('partner_violence_en', ['gender_violence'], 'firstPerson', [
    String.raw`\b${EN_AGGRESSOR} (\w+ ){0,2}?(?<!\bnot |\bnever )${EN_ABUSE_VERB} (me|us)\b`,
    String.raw`${NOT}\b(i was|i got|i have been|i am being|we were|i am) (raped|sexually assaulted|sexually abused|abused|assaulted|beaten)\b`,
    String.raw`\b(he|she|they|someone|somebody) (raped|assaulted|abused) me\b`,
  ]),
  // Children at risk
  rule('child_harmed', ['child_at_risk'], 'thirdParty', [
    String.raw`\b${CHILD}\b( \w+){0,4} ${CHILD_HARM}\b`,
    String.raw`\b${CHILD_HARM}( \w+){0,4} ${CHILD}\b`,
  ]),
  rule('child_alone', ['child_at_risk'], 'thirdParty', [
    String.raw`\b(se llevaron|se robaron|secuestraron|desaparecio|desaparecieron|no encuentro|no aparece)( a)?( (mi|mis|un|una|el|la|su))? ${CHILD}\b`,
    String.raw`\b${CHILD} (\w+ ){0,3}(solo|sola|solos|solas|perdido|perdida) en la calle\b`,
    String.raw`\b(missing|lost) (child|kid|son|daughter)\b`,
  ]),
  // Suicidal thoughts
  rule('suicidal', ['suicide'], 'firstPerson', [
    String.raw`${NOT}\bme (quiero|voy a|quisiera) (morir|mori|matar|mata|suicidar)\b(?! de (la )?(risa|verguenza|pena|hambre|frio|calor|sueno|aburrimiento))`,
    String.raw`${NOT}\b(quiero|voy a|pienso en|pensando en|pense en|he pensado en|ganas de|quisiera|intente|trate de|decidi) (morirme|matarme|suicidarme|quitarme la vida|acabar con mi vida|cortarme las venas|ahorcarme|envenenarme)\b`,
    // Self-harm: "quiero hacerme daño", "me quiero hacer daño", "quiero lastimarme".
    String.raw`${NOT}\b(quiero|voy a|pienso en|pensando en|pense en|he pensado en|ganas de|quisiera|intente|trate de) (hacerme dano|lastimarme|herirme)\b`,
    String.raw`${NOT}\bme (quiero|voy a|quisiera) (hacer dano|lastimar|herir)\b`,
    String.raw`\bno quiero (seguir )?(vivir|viviendo|existir)\b`,
    String.raw`\bya no (quiero|aguanto|puedo) (vivir|seguir viviendo)\b`,
    String.raw`\bno (le )?(veo|encuentro) sentido (a|de) (la|mi) vida\b`,
    String.raw`\bmejor (estaria|estar) (muerta|muerto)\b`,
    String.raw`\btengo (pensamientos|ideas) suicidas\b`,
  ]),
  rule('suicidal_other', ['suicide'], 'firstPerson', [
    String.raw`\bse (quiere|va a|piensa|intento|trato de) (suicidar|matar|quitar la vida)\b`,
  ]),
  rule('suicidal_en', ['suicide'], 'firstPerson', [
    String.raw`${NOT}\b(want to|wanna|going to|gonna|will|thinking about|thinking of|thought about|might) (die|kill myself|end my life|end it all|take my life|take my own life|commit suicide|hurt myself|harm myself|ending my life|killing myself)\b`,
    String.raw`\bkill myself\b`,
    String.raw`\bdo not want to (live|be alive|exist)\b`,
    String.raw`\bno reason to live\b`,
    String.raw`\b(i feel|i am|i am feeling) suicidal\b`,
  ]),
  rule('suicidal_thoughts', ['suicide'], 'thirdParty', [
    String.raw`\b(pensamientos|ideas) suicidas\b`,
    String.raw`\bsuicidal\b`,
  ]),
  // Bare danger words (see the file comment for when they count)
  rule('word_trafficking', ['trafficking'], 'keyword', [
    String.raw`(?<!\b(me|te|se|nos|les?|que) )\btrata\b(?! de (un|una|hacer|conseguir|ver|saber|ir|buscar|llegar|entender)\b)`,
    String.raw`\btrafico de personas\b`,
    String.raw`\bexplotacion (sexual|laboral)\b`,
    String.raw`\bmatrimonio (forzado|servil)\b`,
    String.raw`\btrafficking\b`,
  ]),
  rule('word_violence', ['gender_violence'], 'keyword', [
    String.raw`\bviolencia\b`,
    String.raw`\babuso\b(?! (infantil|de menores|de ninos|sexual infantil))`,
    String.raw`\bviolacion\b`,
    String.raw`\bmaltrato\b(?! infantil)`,
    String.raw`\bagresion sexual\b`,
    String.raw`\b(domestic|sexual|gender) violence\b`,
    String.raw`\brape\b`,
    String.raw`\babuse\b`,
  ]),
  rule('word_child', ['child_at_risk'], 'keyword', [
    String.raw`\b(abuso|maltrato|explotacion|trabajo) (sexual )?infantil\b`,
    String.raw`\babuso (sexual )?de menores\b`,
    String.raw`\bchild (abuse|labor|labour|exploitation)\b`,
  ]),
  rule('word_suicide', ['suicide'], 'keyword', [
    String.raw`\b(suicidio|suicidarme|suicidar|suicide)\b`,
  ]),
  rule('word_danger', ['immediate_danger'], 'keyword', [
    String.raw`\b(secuestro|kidnapping|danger)\b`,
    String.raw`(?<!\bno (estoy|estamos|hay|corro|corremos) (en )?)\bpeligro\b`,
    String.raw`\bemergencia\b(?<!\b(numero|numeros|linea|lineas|telefono|telefonos|sala|contacto|contactos|servicio|servicios) de emergencia)`,
    String.raw`\bemergency\b(?! (room|care|service|services|number|numbers|department|contact|line))`,
  ]),
];

/**
 * Informational framing: questions about a topic rather than reports of danger. These keep
 * `thirdParty` and `keyword` rules quiet (never `firstPerson` ones).
 */
export const INFORMATIONAL = new RegExp(
  [
    String.raw`\b(que|cual|cuales) (es|son|significa|significan|dice)\b`,
    String.raw`\bcomo (se )?(identific|reconoc|previen|preven|evit|denunci|report|ayud|actu|protej|proteg|cuid|funcion|detect|sab|hablar|explic)\w*`,
    String.raw`\b(informacion|senales|indicios|tipos|diferencia|definicion|significado|estadisticas|cifras|charla|charlas|taller|talleres|capacitacion|campana|prevencion|prevenir|ley|leyes|ruta|rutas|conceptos?)\b`,
    String.raw`\b(quiero|quisiera|me gustaria|necesito) (saber|aprender|conocer|entender)\b`,
    String.raw`\b(que|como) (hago|hacer|debo hacer|puedo hacer|se hace|actuo|ayudo) (si|cuando) (veo|alguien|conozco|una|un|me entero|mi (amiga|amigo|vecina|vecino|prima|primo|hermana|hermano|conocida|conocido))\b`,
    String.raw`\b(donde|a donde|adonde) (se )?(denuncia|denuncio|denunciar|reporto|reporta|reportar|acudir|acudo|puedo denunciar|puedo reportar)\b`,
    String.raw`\bsi (veo|alguien|conozco|una persona)\b|\ben caso de\b`,
    String.raw`\b(linea|lineas|numero|numeros|telefono|telefonos) (contra|de|para|sobre)\b`,
    String.raw`\bwhat (is|are|does|do)\b`,
    String.raw`\bhow (do|can|to|should|would) (i |we |you |one |someone )?(recognise|recognize|identify|spot|prevent|report|help|avoid|protect|tell|know)\b`,
    String.raw`\b(signs|information|types|definition|statistics|prevention|awareness|laws?|workshop|training|learn)\b|\binfo about\b`,
    String.raw`\bwhere (do|can|to|should) (i |we |you )?(report|go)\b`,
    String.raw`\b(if|when) (i see|i know|someone|somebody|a friend|my friend|a child|a woman)\b`,
  ].join('|'),
);

/** Words that make a short danger word a cry for help ("violencia ayuda", "abuso urgente"). */
export const HELP_SEEKING = /\b(ayuda|ayudenme|ayudame|auxilio|socorro|urgente|help|urgent|please|por favor|necesito)\b/;
/** A bare danger word counts in messages up to this many words. */
export const SHORT_MESSAGE = 5;

/** Rules that say the person is held against their will. */
export const HELD_RULES: ReadonlySet<string> = new Set(['held', 'held_self', 'not_let_go', 'locked_in', 'held_en']);
/** Being held for work, debt or by whoever keeps one's documents is trafficking, not only danger. */
export const TRAFFICKING_CONTEXT = /\b(trabaj\w*|pasaporte|documentos|papeles|cedula|deuda|debo|pague|pagar|jefe|jefa|patron|patrona|prostitu\w*|sexo|clientes|passport|documents|papers|debt|boss|work\w*|employer)\b/;
/** The person says they are a minor. */
export const MINOR = /\b(tengo|tiene) (1[0-7]|[5-9]) anos\b|\bsoy menor( de edad)?\b|\b(i am|i m) (1[0-7]|[5-9])( years old)?\b/;
/** "SOS" in capitals as typed (lower-case "sos" is also Rioplatense "you are"; alone it counts too). */
export const SOS_AS_TYPED = /\bSOS\b/;
