/**
 * Words that say nothing about which theme a message is about: function words, greetings,
 * vocatives ("pana", "chamo", "hno") and generic request verbs ("necesito", "quiero"), in Spanish
 * and English, in normalised spelling. Removing them keeps a greeting from looking like a topic.
 */
export const STOPWORDS: ReadonlySet<string> = new Set([
  // Spanish function words
  'a', 'al', 'de', 'del', 'el', 'la', 'las', 'lo', 'los', 'un', 'una', 'unos', 'unas', 'y', 'e', 'o', 'u',
  'en', 'con', 'sin', 'por', 'para', 'que', 'me', 'mi', 'mis', 'te', 'tu', 'tus', 'se', 'su', 'sus', 'le',
  'les', 'nos', 'yo', 'es', 'son', 'soy', 'eres', 'esta', 'estan', 'estoy', 'este', 'esto', 'eso', 'esa',
  'ese', 'esos', 'esas', 'estas', 'estos', 'ya', 'pero', 'si', 'no', 'muy', 'mas', 'tan', 'tambien', 'aun',
  'todavia', 'hay', 'ha', 'he', 'han', 'fue', 'era', 'ser', 'estar', 'sea', 'sobre', 'entre', 'cual',
  'cuales', 'algo', 'alguien', 'algun', 'alguna', 'alguno', 'ella', 'el', 'ellos', 'ellas', 'usted',
  'ustedes', 'nosotros', 'porque', 'pues', 'entonces', 'osea', 'bueno', 'igual', 'asi', 'ahi', 'aqui',
  'aca', 'alla', 'ahora', 'nada', 'todo', 'toda', 'todos', 'todas', 'otro', 'otra', 'cada',
  // Generic request verbs
  'necesito', 'necesita', 'necesitamos', 'quiero', 'quisiera', 'queria', 'puedo', 'puede', 'pueden',
  'podria', 'tengo', 'tiene', 'tienen', 'tenemos', 'hago', 'hacer', 'hace', 'saber', 'se', 'sabe',
  'favor', 'gustaria', 'dice', 'dijeron',
  // Asking for help in general says nothing about which help ("ayuda humanitaria" keeps "humanitaria")
  'ayuda', 'ayudas', 'ayudar', 'ayudame', 'ayudeme', 'ayudenme', 'ayuden', 'ayudan', 'ayude', 'informacion', 'pregunta', 'consulta',
  'duda', 'orientame', 'help', 'info', 'question',
  // Greetings, thanks, vocatives
  'hola', 'holi', 'buenas', 'buenos', 'buen', 'buena', 'dia', 'dias', 'tardes', 'noches', 'gracias',
  'saludos', 'bendiciones', 'ok', 'okay', 'vale', 'listo', 'amigo', 'amiga', 'pana', 'chamo', 'chama',
  'hermano', 'hermana', 'senor', 'senora', 'senorita', 'disculpe', 'disculpa', 'perdon', 'jaja', 'jajaja',
  'jeje', 'mija', 'mijo', 'mano', 'parce', 'parcero', 'vecino', 'vecina', 'dios', 'bendiga', 'bien', 'mal',
  'tal', 'llamo', 'amable', 'gusto',
  // English
  'i', 'me', 'my', 'mine', 'you', 'your', 'we', 'our', 'us', 'he', 'she', 'they', 'them', 'their', 'his',
  'her', 'it', 'its', 'the', 'an', 'to', 'of', 'in', 'on', 'at', 'for', 'and', 'or', 'is', 'am', 'are',
  'was', 'were', 'be', 'been', 'do', 'does', 'did', 'not', 'can', 'could', 'would', 'will', 'should',
  'this', 'that', 'these', 'those', 'with', 'as', 'have', 'has', 'had', 'get', 'got', 'there', 'here',
  'want', 'need', 'please', 'hi', 'hello', 'hey', 'good', 'morning', 'afternoon', 'evening', 'thanks',
  'thank', 'so', 'if', 'any', 'some', 'just', 'also', 'still', 'what', 'which', 'who',
]);
