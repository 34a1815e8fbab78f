import type { Vocabulary } from './types.ts';

export const nl: Vocabulary = {
  language: 'nl',
  choice: {
    between: ['tussen'],
    any: ['maakt mij niet uit', 'maakt het niet uit', 'mij maakt het niet uit', 'maakt niet uit', 'maakt me niet uit', 'geen voorkeur', 'om het even', 'alles is goed', 'allemaal goed',
      'alle opties zijn goed', 'vind alles goed', 'onverschillig'],
    anyWeak: ['alles', 'allemaal', 'alle'],
    none: ['geen van allen', 'geen enkele', 'geen van beide'],
    except: ['zolang het niet', 'als het maar niet', 'behalve', 'op uitzondering van', 'uitgezonderd'],
    but: ['maar'],
    neg: ['verwerp', 'ik verwerp', 'wijs af', 'onaanvaardbaar', 'niet aanvaardbaar', 'zou ik nooit kunnen steunen', 'kan ik niet steunen', 'nooit kunnen steunen', 'kan niet', 'kan ik niet', 'onmogelijk', 'niet', 'geen', 'nee', 'nooit', 'tegen', 'liever niet', 'absoluut niet', 'onacceptabel', 'uitgesloten'],
    accept: ['niet slecht', 'ook niet slecht', 'niet verkeerd', 'mag ook', 'kan ook wel', 'is ook goed', 'vind ik ook goed', 'prima', 'goed', 'ook goed', 'ook prima', 'oke', 'acceptabel', 'is goed', 'zijn goed', 'kan ook'],
    acceptPrefix: ['akkoord met', 'tevreden met'],
    pref: ['wel', 'krijgt mijn stem', 'heeft mijn stem', 'liever', 'mooier', 'mooiste', 'het mooiste', 'mooi', 'leuker', 'leukste', 'het leukst', 'beter', 'als ik moet kiezen', 'als ik zou moeten kiezen', 'als ik mag kiezen', 'heeft mijn voorkeur', 'het beste', 'het best', 'is het beste', 'beste', 'voorkeur', 'mijn voorkeur', 'voorkeur voor', 'graag', 'liefst', 'het liefst', 'kies', 'ik kies', 'stem voor',
      'ik stem voor', 'natuurlijk', 'zeker', 'duidelijk'],
    conj: ['en', 'of'],
    rank: ['anders', 'of anders', 'dan', 'daarna', 'boven', 'voor', 'liever dan'],
    intro: ['omdat', 'want', 'hoewel', 'als', 'aangezien'],
    filler: ['zijn', 'is', 'ben', 'voor mij', 'allebei', 'beide', 'ik vind', 'vind ik', 'vind', 'heb', 'ik heb', 'zoals het is', 'zoals nu', 'gewoon', 'met', 'die', 'eerst', 'toch', 'wordt', 'worden', 'bij mij', 'ik', 'mij', 'me', 'mijn', 'het', 'de', 'een', 'is', 'optie', 'voor mij', 'wat mij betreft', 'bedankt', 'groet'],
  },
  proposal: {
    agree: ['ervoor', 'ik ben ervoor', 'ga akkoord', 'ik ga akkoord', 'ik ga ermee akkoord', 'ga ermee akkoord', 'mee eens', 'eens', 'akkoord', 'ik ben akkoord', 'ik stem in', 'ben het eens', 'ben het ermee eens',
      'voor', 'geen bezwaar', 'steun', 'ik steun'],
    agreeShort: ['ja', 'prima'],
    object: ['zou ik nooit kunnen steunen', 'kan ik niet steunen', 'nooit steunen', 'ertegen', 'ik ben ertegen', 'ben het er niet mee eens', 'het er niet mee eens', 'ik ben het er niet mee eens', 'ga niet akkoord', 'ik ga niet akkoord', 'niet mee eens', 'oneens', 'bezwaar', 'ik maak bezwaar', 'ben het niet eens', 'niet akkoord', 'tegen',
      'ik ben tegen', 'ik stem tegen'],
    objectShort: ['nee'],
    abstain: ['niet tegen maar ook niet voor', 'niet voor maar ook niet tegen', 'onthouding', 'ik onthoud me', 'onthoud me', 'ik onthoud mij', 'blanco', 'geen mening', 'niet voor en niet tegen', 'noch voor noch tegen'],
    lead: ['stem', 'ik stem', 'ben', 'ik ben', 'ik', 'helemaal', 'volledig'],
  },
  doubt: {
    otherwise: ['anders', 'zo niet', 'zoniet'],
    notBlocking: ['blokkeer niet', 'ik blokkeer niet', 'niet blokkeren', 'ga niet blokkeren', 'zal niet blokkeren'],
    proxy: [
      // someone close answering through this reply: "my wife and I", "ma femme vote"
      'mijn vrouw en ik', 'mijn vrouw stemt', 'mijn vrouw kiest', 'mijn vrouw wil', 'mijn vrouw zegt', 'mijn man en ik', 'mijn man stemt', 'mijn man kiest', 'mijn man wil', 'mijn man zegt', 'mijn partner en ik', 'mijn partner stemt', 'mijn partner kiest', 'mijn partner wil', 'mijn partner zegt',
      'stemt', 'stemt voor', 'stemt tegen', 'stemmen voor', 'vroeg me om', 'heeft me gevraagd', 'namens'],
    correction: ['nee wacht', 'wacht', 'ik bedoel', 'ik bedoelde', 'sorry ik bedoelde', 'eigenlijk', 'bij nader inzien', 'correctie'],
    condition: ['als', 'mits', 'op voorwaarde dat'],
    undecided: ['twijfel', 'ik twijfel', 'weet het niet', 'weet het nog niet', 'niet zeker', 'nog niet zeker', 'moet er nog over nadenken'],
    away: ['afwezig', 'niet op kantoor', 'automatisch antwoord', 'na mijn terugkeer', 'ik ben afwezig'],
  },
  ordinals: [['eerste'], ['tweede'], ['derde'], ['vierde']],
  greetings: ['hoi', 'hallo', 'beste', 'goedemorgen', 'goedemiddag', 'dag'],
  closings: ['groet', 'groeten', 'met vriendelijke groet', 'vriendelijke groeten', 'hartelijke groet', 'mvg', 'bedankt'],
};
