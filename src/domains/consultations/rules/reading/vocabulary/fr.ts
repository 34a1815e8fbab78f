import type { Vocabulary } from './types.ts';

export const fr: Vocabulary = {
  language: 'fr',
  choice: {
    between: ['entre'],
    any: ['peu importe', "n'importe", "n'importe lequel", "n'importe laquelle", 'pas de preference', 'sans preference',
      'tout me va', 'tout me convient', 'indifferent', 'aucune preference', 'ca m\'est egal', 'egal', 'tous me vont',
      'toutes me vont', 'les deux me vont'],
    anyWeak: ['tout', 'tous', 'toutes'],
    none: ['aucun', 'aucune', 'aucun ne me va', 'aucune ne me va'],
    except: ['sauf', 'excepte', 'hormis', 'a part'],
    but: ['mais'],
    neg: ['je ne peux pas', 'impossible', 'pas', 'non', 'contre', 'jamais', 'ne pas', 'surtout pas', 'pas de', 'exclu', 'impossible', 'hors de question',
      'ne me va pas', 'ne me convient pas'],
    accept: ['bien', 'ca va', 'me va', 'me vont', "d'accord", 'aussi', 'egalement', 'convient', 'me convient', 'acceptable',
      'ok aussi', 'ca me va', 'me conviennent'],
    acceptPrefix: ["d'accord avec", 'ok pour', 'ca me va pour'],
    pref: ['prefere', 'je prefere', 'choix', 'mon choix', 'vote pour', 'je vote', 'je vote pour', "s'il vous plait", 'stp',
      'svp', 'sans hesiter', 'sans hesitation', 'evidemment', 'bien sur', 'preference', 'ma preference', 'premier choix'],
    conj: ['et', 'ou', 'ou bien'],
    rank: ['sinon', 'a defaut', 'puis', 'ensuite', 'et puis', 'avant', 'plutot que', 'apres'],
    intro: ['parce', 'parce que', 'car', 'puisque', 'comme', 'si'],
    filler: ["pour l'instant", "pour le moment", 'je', "j'", 'moi', 'mon', 'mes', 'la', 'le', 'les', "l'", 'pour', "c'est", 'est', 'nous', 'option',
      'proposition', 'nom', 'deux', 'les deux', 'classement', 'ordre', 'premier', 'deuxieme', 'troisieme', 'dernier',
      'merci', 'cordialement', 'bonjour'],
  },
  proposal: {
    agree: ["d'accord", "suis d'accord", 'je suis pour', 'suis pour', 'je vote pour', "tout a fait d'accord", "j'approuve", "pas d'objection", 'aucune objection',
      'je soutiens', 'favorable', 'pour moi c\'est oui'],
    agreeShort: ['oui', 'pour'],
    object: ["m'oppose", "je m'oppose", 'opposition', "ne suis pas d'accord", "pas d'accord", 'suis contre',
      'je suis contre', 'objection', 'defavorable'],
    objectShort: ['contre', 'non'],
    abstain: ['je prefere ne pas me prononcer', 'ne pas me prononcer', 'je ne me prononce pas', "je prefere m'abstenir", "m'abstenir", 'je prefere ne pas voter', "m'abstiens", "je m'abstiens", 'abstention', 'sans avis', 'pas d\'avis'],
    lead: ['vote', 'je vote', 'suis', 'je suis', 'je', 'moi', 'mon vote', 'ma reponse', 'totalement', 'entierement'],
  },
  doubt: {
    proxy: [
      // someone close answering through this reply: "my wife and I", "ma femme vote"
      'ma femme et moi', 'ma femme vote', 'ma femme prefere', 'ma femme choisit', 'ma femme dit', 'mon mari et moi', 'mon mari vote', 'mon mari prefere', 'mon mari choisit', 'mon mari dit', 'mon conjoint et moi', 'mon conjoint vote', 'mon conjoint prefere', 'mon conjoint choisit', 'mon conjoint dit', 'ma conjointe et moi', 'ma conjointe vote', 'ma conjointe prefere', 'ma conjointe choisit', 'ma conjointe dit', 'mon compagnon et moi', 'mon compagnon vote', 'mon compagnon prefere', 'mon compagnon choisit', 'mon compagnon dit', 'ma compagne et moi', 'ma compagne vote', 'ma compagne prefere', 'ma compagne choisit', 'ma compagne dit',
      'nous deux', 'votent', 'preferent', "m'a demande de", 'elle vote', 'il vote', 'elle prefere', 'il prefere', 'de sa part', 'au nom de', 'vote pour elle', 'vote pour lui'],
    correction: ['en fait', 'finalement', 'reflexion faite', 'tout compte fait', 'non attendez'],
    condition: ['si', 'a condition', 'pourvu que'],
  },
  ordinals: [['premier', 'premiere', '1er', '1re'], ['deuxieme', 'second', 'seconde', '2e'], ['troisieme', '3e'], ['quatrieme', '4e']],
  greetings: ['bonjour', 'bonsoir', 'salut', 'coucou', 'cher', 'chere', 'chers', 'cheres'],
  closings: ['cordialement', 'bien cordialement', 'bien a vous', 'amicalement', 'merci', 'bonne journee', 'salutations'],
};
