import type { Vocabulary } from './types.ts';

export const es: Vocabulary = {
  language: 'es',
  choice: {
    any: ['me da igual', 'da igual', 'cualquiera', 'sin preferencia', 'indiferente', 'cualquiera me vale',
      'cualquiera me va bien', 'todas me valen', 'todas me parecen bien', 'me da lo mismo', 'lo que sea', 'todas bien'],
    anyWeak: ['todo', 'todos', 'todas'],
    none: ['ninguno', 'ninguna', 'ninguna de ellas'],
    except: ['excepto', 'salvo', 'menos'],
    but: ['pero'],
    neg: ['no', 'nunca', 'jamas', 'en contra', 'no me gusta', 'imposible', 'descartado', 'descartada', 'de ninguna manera'],
    accept: ['vale', 'aceptable', 'tambien', 'bien', 'me vale', 'me valen', 'me va bien', 'me parece bien', 'me sirve'],
    acceptPrefix: ['de acuerdo con'],
    pref: ['prefiero', 'mejor', 'por favor', 'me quedo con', 'elijo', 'voto por', 'mi voto', 'claro', 'sin duda',
      'por supuesto', 'preferencia', 'mi preferencia', 'primera opcion'],
    conj: ['y', 'o', 'e', 'u'],
    rank: ['luego', 'despues', 'seguido de', 'antes que'],
    intro: ['porque', 'pues', 'aunque', 'ya que', 'si'],
    filler: ['yo', 'mi', 'el', 'lo', 'es', 'por', 'para', 'con', 'opcion', 'propuesta', 'nombre', 'me', 'la', 'en',
      'las dos', 'los dos', 'gracias', 'saludos'],
  },
  proposal: {
    agree: ['de acuerdo', 'estoy de acuerdo', 'sin objeciones', 'a favor', 'apoyo', 'estoy a favor', 'me parece bien'],
    agreeShort: ['si', 'vale'],
    object: ['me opongo', 'en contra', 'estoy en contra', 'no estoy de acuerdo', 'en desacuerdo', 'objecion',
      'no de acuerdo'],
    objectShort: ['no'],
    abstain: ['me abstengo', 'abstencion', 'sin opinion', 'me da igual'],
    lead: ['yo', 'mi voto', 'totalmente', 'completamente'],
  },
  doubt: {
    proxy: ['me pidio que', 'ella vota', 'el vota', 'ella prefiere', 'el prefiere', 'me pide que', 'en nombre de', 'de parte de'],
    correction: ['en realidad', 'pensandolo mejor', 'mejor dicho', 'corrijo'],
    condition: ['si', 'siempre que', 'con tal de que'],
  },
  greetings: ['hola', 'buenos dias', 'buenas', 'buenas tardes', 'querido', 'querida', 'queridos', 'estimado', 'estimada', 'estimados'],
  closings: ['saludos', 'un saludo', 'atentamente', 'gracias', 'abrazos', 'un abrazo', 'cordialmente'],
};
