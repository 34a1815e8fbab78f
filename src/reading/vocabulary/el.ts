import type { Vocabulary } from './types.ts';

// Greek and Turkish: the words of the shorter replies (agree, abstain, prefer).
export const el: Vocabulary = {
  language: 'el',
  choice: {
    any: ['οποιαδηποτε', 'αδιαφορο', 'δεν με νοιαζει'],
    neg: ['οχι', 'ποτε'],
    accept: ['εντασει', 'καλα'],
    pref: ['lutfen', 'προτιμω', 'ψηφιζω'],
    conj: ['και', 'η'],
    filler: ['τη', 'το', 'την', 'τον', 'ο', 'εγω'],
  },
  proposal: {
    agree: ['συμφωνω', 'συμφωνω απολυτα', 'υπερ'],
    agreeShort: ['ναι'],
    object: ['διαφωνω', 'κατα', 'αντιρρηση'],
    objectShort: ['οχι'],
    abstain: ['απεχω', 'αποχη'],
    lead: ['ψηφιζω', 'η ψηφος μου'],
  },
  greetings: ['γεια', 'γεια σας'],
  sequence: ['μετα', 'επειτα'],
  optionWords: ['επιλογη'],
};

export const tr: Vocabulary = {
  language: 'tr',
  choice: {
    any: ['farketmez', 'fark etmez', 'hepsi olur'],
    neg: ['degil', 'hayir', 'asla'],
    accept: ['olur', 'uygun'],
    pref: ['olsun', 'tercihim', 'tercih ederim', 'oyum'],
    conj: ['ve', 'veya', 'ya da'],
    filler: ['benim', 'bence', 'secenek'],
  },
  proposal: {
    agree: ['katiliyorum', 'kabul', 'onayliyorum', 'evet'],
    object: ['itiraz ediyorum', 'itiraz', 'karsiyim', 'katilmiyorum'],
    objectShort: ['hayir'],
    abstain: ['cekimserim', 'cekimser'],
  },
  greetings: ['merhaba'],
  sequence: ['sonra', 'ardindan'],
  optionWords: ['secenek'],
};
