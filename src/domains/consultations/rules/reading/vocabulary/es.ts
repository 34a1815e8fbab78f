import type { Vocabulary } from './types.ts';

export const es: Vocabulary = {
  language: 'es',
  choice: {
    neither: ['ni'],
    between: ['entre'],
    any: ['no tengo preferencia', 'sin preferencia', 'no tengo preferencias', 'me da igual', 'da igual', 'cualquiera', 'sin preferencia', 'indiferente', 'cualquiera me vale',
      'cualquiera me va bien', 'todas me valen', 'todas me parecen bien', 'me da lo mismo', 'lo que sea', 'todas bien'],
    anyWeak: ['todo', 'todos', 'todas'],
    none: ['ninguno', 'ninguna', 'ninguna de ellas'],
    except: ['mientras no sea', 'siempre que no sea', 'excepto', 'salvo', 'menos'],
    but: ['sino', 'pero'],
    neg: ['nada de', 'nada de nada', 'no puedo', 'imposible', 'no me va', 'no', 'nunca', 'jamas', 'en contra', 'no me gusta', 'imposible', 'descartado', 'descartada', 'de ninguna manera'],
    accept: ['vale', 'aceptable', 'tambien', 'bien', 'me vale', 'me valen', 'me va bien', 'me parece bien', 'me sirve'],
    acceptPrefix: ['de acuerdo con'],
    pref: ['si tengo que elegir', 'si tuviera que elegir', 'si hay que elegir', 'prefiero', 'mejor', 'por favor', 'me quedo con', 'elijo', 'voto por', 'mi voto', 'claro', 'sin duda',
      'por supuesto', 'preferencia', 'mi preferencia', 'primera opcion'],
    conj: ['y', 'o', 'e', 'u'],
    rank: ['si no', 'y si no', 'o si no', 'sino', 'luego', 'despues', 'seguido de', 'antes que'],
    intro: ['porque', 'pues', 'aunque', 'ya que', 'si'],
    filler: ['primero', 'un', 'una', "por ahora", "de momento", 'yo', 'mi', 'el', 'lo', 'es', 'por', 'para', 'con', 'opcion', 'propuesta', 'nombre', 'me', 'la', 'en',
      'las dos', 'los dos', 'gracias', 'saludos'],
  },
  proposal: {
    agree: ['de acuerdo', 'estoy de acuerdo', 'sin objeciones', 'a favor', 'apoyo', 'estoy a favor', 'me parece bien'],
    agreeShort: ['si', 'vale'],
    object: ['me opongo', 'en contra', 'estoy en contra', 'no estoy de acuerdo', 'en desacuerdo', 'objecion',
      'no de acuerdo'],
    objectShort: ['no'],
    abstainShort: ['paso'],
    abstain: ['no estoy en contra pero tampoco a favor', 'no en contra pero tampoco a favor', 'prefiero no opinar', 'prefiero no votar', 'prefiero abstenerme', 'abstenerme', 'no opino', 'me abstengo', 'abstencion', 'sin opinion', 'me da igual', 'ni a favor ni en contra'],
    lead: ['voto', 'yo voto', 'estoy', 'yo', 'mi voto', 'totalmente', 'completamente'],
  },
  doubt: {
    proxy: [
      // someone close answering through this reply: "my wife and I", "ma femme vote"
      'mi mujer y yo', 'mi mujer vota', 'mi mujer prefiere', 'mi mujer elige', 'mi mujer dice', 'mi esposa y yo', 'mi esposa vota', 'mi esposa prefiere', 'mi esposa elige', 'mi esposa dice', 'mi marido y yo', 'mi marido vota', 'mi marido prefiere', 'mi marido elige', 'mi marido dice', 'mi esposo y yo', 'mi esposo vota', 'mi esposo prefiere', 'mi esposo elige', 'mi esposo dice', 'mi pareja y yo', 'mi pareja vota', 'mi pareja prefiere', 'mi pareja elige', 'mi pareja dice',
      'vota', 'votan', 'prefiere', 'prefieren', 'me pidio que', 'ella vota', 'el vota', 'ella prefiere', 'el prefiere', 'me pide que', 'en nombre de', 'de parte de'],
    correction: ['no espera', 'quise decir', 'quiero decir', 'en realidad', 'pensandolo mejor', 'mejor dicho', 'corrijo'],
    condition: ['si', 'siempre que', 'con tal de que'],
    undecided: ['no estoy seguro', 'no estoy segura', 'indeciso', 'indecisa', 'dudo entre', 'todavia no se'],
    away: ['fuera de la oficina', 'respuesta automatica', 'a mi regreso', 'estoy ausente', 'respondere mas tarde'],
  },
  ordinals: [['primera', 'primero', 'primer'], ['segunda', 'segundo'], ['tercera', 'tercero', 'tercer'], ['cuarta', 'cuarto']],
  greetings: ['hola', 'buenos dias', 'buenas', 'buenas tardes', 'querido', 'querida', 'queridos', 'estimado', 'estimada', 'estimados'],
  closings: ['saludos', 'un saludo', 'atentamente', 'gracias', 'abrazos', 'un abrazo', 'cordialmente'],
};
