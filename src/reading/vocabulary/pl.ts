import type { Vocabulary } from './types.ts';

export const pl: Vocabulary = {
  language: 'pl',
  choice: {
    neither: ['ani'],
    between: ['miedzy'],
    any: ['obojetne', 'obojetnie', 'wszystko jedno', 'bez znaczenia', 'bez preferencji', 'kazda opcja mi pasuje', 'kazda mi pasuje',
      'kazda opcja', 'wszystkie mi pasuja', 'nie mam preferencji', 'dowolna'],
    anyWeak: ['wszystkie', 'kazda', 'wszystko'],
    none: ['zadna', 'zaden', 'zadne'],
    except: ['byle nie', 'byle tylko nie', 'tylko nie', 'oprocz', 'poza', 'z wyjatkiem'],
    but: ['tylko', 'lecz', 'ale'],
    neg: ['odrzucam', 'nie wchodzi', 'nie wchodzi w gre', 'nie do przyjecia', 'jest nie do przyjecia', 'nie wchodzi w gre', 'nigdy nie popre', 'nie moge poprzec', 'nie moge', 'niemozliwe', 'nie', 'nigdy', 'przeciw', 'wykluczone', 'odpada'],
    accept: ['nie jest zle', 'tez nie jest zle', 'niezle', 'pasuje', 'pasuja', 'ok', 'tez', 'rowniez', 'moze byc', 'w porzadku', 'akceptuje'],
    acceptPrefix: [],
    pref: ['ma moj glos', 'dostaje moj glos', 'jesli musze wybrac', 'jesli mam wybrac', 'glosuje na', 'glosuje', 'wybieram', 'wole', 'preferuje', 'prosze', 'oczywiscie', 'zdecydowanie'],
    conj: ['i', 'lub', 'albo', 'oraz'],
    rank: ['ewentualnie', 'w przeciwnym razie', 'potem', 'nastepnie', 'przed'],
    intro: ['bo', 'poniewaz', 'chociaz', 'jesli'],
    filler: ['sa', 'jest', 'dla mnie', 'obie', 'oba', 'gre', 'najpierw', 'w', 'we', 'do', 'po', 'ja', 'mi', 'mnie', 'na', 'opcja', 'opcje', 'moj', 'moja', 'dla mnie', 'dziekuje', 'pozdrawiam'],
  },
  proposal: {
    agree: ['zgadzam sie', 'zgoda', 'popieram', 'jestem za', 'za', 'brak sprzeciwu'],
    agreeShort: ['tak'],
    object: ['nigdy nie popre', 'nie moge poprzec', 'odrzucam', 'nie zgadzam sie', 'sprzeciw', 'sprzeciwiam sie', 'jestem przeciw', 'przeciw', 'jestem przeciwny',
      'jestem przeciwna'],
    objectShort: ['nie'],
    abstain: ['nie jestem przeciw ale tez nie jestem za', 'nie przeciw ale tez nie za', 'wstrzymuje sie', 'wstrzymuje sie od glosu', 'nie mam zdania', 'ani za ani przeciw'],
    lead: ['glosuje', 'jestem', 'ja', 'w pelni', 'calkowicie', 'wiec', 'ale', 'szczerze', 'osobiscie', 'coz'],
  },
  doubt: {
    otherwise: ['w przeciwnym razie', 'inaczej', 'jesli nie'],
    notBlocking: ['nie bede blokowac', 'nie blokuje', 'nie bede blokowal', 'nie bede blokowala'],
    proxy: [
      // someone close answering through this reply: "my wife and I", "ma femme vote"
      'moja zona i ja', 'moja zona glosuje', 'moja zona woli', 'moja zona wybiera', 'moja zona mowi', 'moj maz i ja', 'moj maz glosuje', 'moj maz woli', 'moj maz wybiera', 'moj maz mowi', 'moja partnerka i ja', 'moja partnerka glosuje', 'moja partnerka woli', 'moja partnerka wybiera', 'moja partnerka mowi', 'moj partner i ja', 'moj partner glosuje', 'moj partner woli', 'moj partner wybiera', 'moj partner mowi',
      'woli', 'wola', 'glosuja', 'poprosil mnie', 'poprosila mnie', 'w imieniu'],
    correction: ['nie czekaj', 'chodzilo mi o', 'wlasciwie', 'jednak'],
    condition: ['jesli', 'pod warunkiem'],
    undecided: ['nie jestem pewien', 'nie jestem pewna', 'nie wiem', 'waham sie', 'niezdecydowany', 'niezdecydowana'],
    away: ['poza biurem', 'odpowiedz automatyczna', 'po powrocie', 'jestem nieobecny', 'jestem nieobecna'],
  },
  ordinals: [['pierwszy', 'pierwsza', 'pierwsze'], ['drugi', 'druga', 'drugie'], ['trzeci', 'trzecia', 'trzecie'], ['czwarty', 'czwarta']],
  greetings: ['czesc', 'witam', 'dzien dobry', 'drogi', 'droga', 'drodzy', 'szanowni'],
  closings: ['pozdrawiam', 'pozdrowienia', 'z powazaniem', 'dziekuje'],
  sequence: ['potem', 'nastepnie', 'a potem'],
  optionWords: ['opcja', 'wariant'],
};
