import type { Vocabulary } from './types.ts';

export const sv: Vocabulary = {
  language: 'sv',
  choice: {
    neither: ['varken'],
    between: ['mellan'],
    any: ['jag har ingen preferens', 'ingen preferens', 'spelar ingen roll', 'vilken som helst', 'vilket som helst', 'ingen preferens', 'alla gar bra', 'alla funkar',
      'kvittar', 'det kvittar', 'egal'],
    anyWeak: ['alla', 'allt'],
    none: ['ingen', 'inget', 'ingen av dem'],
    except: ['bara inte', 'utom', 'forutom'],
    but: ['utan', 'men'],
    neg: ['avvisar', 'forkastar', 'oacceptabelt', 'oacceptabel', 'ar oacceptabelt', 'ar uteslutet', 'skulle aldrig kunna stodja', 'kan inte stodja', 'kan inte', 'omojligt', 'inte', 'nej', 'aldrig', 'emot', 'absolut inte', 'helst inte', 'uteslutet'],
    accept: ['inte dumt', 'inte heller dumt', 'inte daligt', 'inte heller daligt', 'gar ocksa bra', 'gar ocksa', 'funkar ocksa', 'ocksa bra', 'gar bra', 'funkar', 'fungerar', 'okej', 'ok', 'ocksa', 'duger', 'bra'],
    acceptPrefix: ['nojd med'],
    pref: ['har min rost', 'far min rost', 'om jag maste valja', 'om jag far valja', 'passar bast', 'bast', 'funkar bast', 'foredrar', 'jag foredrar', 'helst', 'rostar pa', 'jag rostar pa', 'valjer', 'tack', 'sjalvklart', 'sakert'],
    conj: ['och', 'eller'],
    rank: ['annars', 'sedan', 'darefter', 'fore'],
    intro: ['eftersom', 'for att', 'fast', 'om'],
    filler: ['ar', 'bada', 'for mig', 'forst', 'jag', 'mig', 'mej', 'min', 'mitt', 'det', 'alternativ', 'alternativet', 'for mig', 'halsningar'],
  },
  proposal: {
    agree: ['hall med', 'haller med', 'jag haller med', 'instammer', 'jag instammer', 'stoder', 'jag stoder', 'for',
      'inga invandningar', 'ingen invandning'],
    agreeShort: ['ja'],
    object: ['skulle aldrig kunna stodja', 'kan inte stodja', 'avvisar', 'invandning', 'jag invander', 'haller inte med', 'emot', 'jag ar emot', 'reservation'],
    objectShort: ['nej'],
    abstain: ['avstar', 'jag avstar', 'nedlagd rost', 'lagger ner min rost', 'varken for eller emot', 'varken for eller mot'],
    lead: ['rostar', 'jag rostar', 'ar', 'jag ar', 'jag', 'helt', 'men', 'alltsa', 'arligt talat', 'personligen', 'nja'],
  },
  doubt: {
    otherwise: ['annars', 'om inte'],
    notBlocking: ['kommer inte att blockera', 'blockerar inte', 'tanker inte blockera', 'inte blockera'],
    proxy: [
      // someone close answering through this reply: "my wife and I", "ma femme vote"
      'min fru och jag', 'min fru rostar', 'min fru foredrar', 'min fru valjer', 'min fru sager', 'min man och jag', 'min man rostar', 'min man foredrar', 'min man valjer', 'min man sager', 'min sambo och jag', 'min sambo rostar', 'min sambo foredrar', 'min sambo valjer', 'min sambo sager', 'min partner och jag', 'min partner rostar', 'min partner foredrar', 'min partner valjer', 'min partner sager',
      'hon rostar', 'han rostar', 'hon foredrar', 'han foredrar', 'bad mig', 'for hennes rakning', 'for hans rakning', 'a hennes vagnar', 'a hans vagnar'],
    correction: ['nej vanta', 'jag menar', 'jag menade', 'forresten', 'vid narmare eftertanke'],
    condition: ['om', 'forutsatt att', 'sa lange'],
    undecided: ['osaker', 'vet inte', 'tveksam', 'har inte bestamt'],
    away: ['inte pa kontoret', 'ej pa kontoret', 'franvarande', 'automatiskt svar', 'nar jag ar tillbaka'],
  },
  ordinals: [['forsta'], ['andra'], ['tredje'], ['fjarde']],
  greetings: ['hej', 'hejsan', 'hallo', 'god morgon', 'kara'],
  closings: ['halsningar', 'vanliga halsningar', 'mvh', 'med vanliga halsningar', 'tack'],
  sequence: ['sedan', 'darefter', 'och sedan'],
  optionWords: ['alternativ', 'forslag'],
};
