import type { Vocabulary } from './types.ts';

export const pt: Vocabulary = {
  language: 'pt',
  choice: {
    neither: ['nem'],
    between: ['entre'],
    any: ['nao tenho preferencia', 'sem preferencia', 'nao tenho preferencias', 'tanto faz', 'qualquer uma', 'qualquer um', 'qualquer', 'sem preferencia', 'indiferente', 'todas servem',
      'todas me servem', 'qualquer opcao'],
    anyWeak: ['todas', 'todos', 'tudo'],
    none: ['nenhuma', 'nenhum'],
    except: ['desde que nao seja', 'contanto que nao seja', 'so nao', 'exceto', 'menos', 'salvo'],
    but: ['mas sim', 'mas', 'porem'],
    neg: ['rejeito', 'recuso', 'descarto', 'inaceitavel', 'e inaceitavel', 'nunca poderia apoiar', 'jamais poderia apoiar', 'esta fora de questao', 'nao posso apoiar', 'nao posso', 'impossivel', 'nao', 'nunca', 'jamais', 'contra', 'de jeito nenhum', 'fora de questao', 'descartado'],
    accept: ['nada mal', 'nao e mau', 'tambem nao e mau', 'nao e ma', 'nao esta mal', 'serve', 'servem', 'tambem', 'bem', 'aceitavel', 'pode ser', 'ok tambem', 'me serve'],
    acceptPrefix: ['de acordo com'],
    pref: ['tem o meu voto', 'tem meu voto', 'leva o meu voto', 'se tiver que escolher', 'se eu tiver que escolher', 'se tivesse que escolher', 'prefiro', 'claro', 'com certeza', 'escolho', 'voto em', 'voto na', 'voto no', 'meu voto', 'por favor',
      'preferencia', 'minha preferencia', 'sem duvida'],
    conj: ['e', 'ou'],
    rank: ['senao', 'se nao', 'ou entao', 'depois', 'em seguida', 'antes de'],
    intro: ['porque', 'pois', 'embora', 'ja que', 'se'],
    filler: ['sao', 'estao', 'esta', 'ambas', 'ambos', 'para mim', 'primeiro', 'um', 'uma', "por agora", "por enquanto", 'eu', 'as', 'os', 'opcao', 'meu', 'minha', 'para', 'mim', 'obrigado', 'obrigada', 'na', 'no', 'em'],
  },
  proposal: {
    agree: ['tudo bem', 'tudo bem por mim', 'por mim tudo bem', 'por mim esta bem', 'esta bem para mim', 'sem problema', 'concordo', 'de acordo', 'estou de acordo', 'a favor', 'apoio', 'sem objecoes'],
    agreeShort: ['sim'],
    object: ['nunca poderia apoiar', 'nao posso apoiar', 'rejeito', 'oponho-me', 'oponho me', 'eu me oponho', 'discordo', 'nao concordo', 'contra', 'sou contra', 'me oponho', 'objecao', 'em desacordo'],
    objectShort: ['nao'],
    abstain: ['abstenho', 'eu me abstenho', 'voto em branco', 'nao sou contra mas tambem nao sou a favor', 'nao sou contra mas tambem nao a favor', 'prefiro abster-me', 'prefiro me abster', 'abster-me', 'prefiro nao opinar', 'prefiro nao votar', 'nao opino', 'abstencao', 'me abstenho', 'abstenho-me', 'sem opiniao', 'nem a favor nem contra'],
    lead: ['voto', 'sou', 'eu sou', 'estou', 'eu voto', 'eu', 'bem', 'bom', 'entao', 'mas', 'sinceramente', 'pessoalmente'],
  },
  doubt: {
    otherwise: ['senao', 'caso contrario', 'se nao'],
    notBlocking: ['nao vou bloquear', 'nao bloqueio', 'nao vou bloquea-la', 'nao vou bloquea-lo'],
    proxy: [
      // someone close answering through this reply: "my wife and I", "ma femme vote"
      'minha mulher e eu', 'minha mulher vota', 'minha mulher prefere', 'minha mulher escolhe', 'minha mulher diz', 'minha esposa e eu', 'minha esposa vota', 'minha esposa prefere', 'minha esposa escolhe', 'minha esposa diz', 'meu marido e eu', 'meu marido vota', 'meu marido prefere', 'meu marido escolhe', 'meu marido diz', 'meu esposo e eu', 'meu esposo vota', 'meu esposo prefere', 'meu esposo escolhe', 'meu esposo diz', 'meu companheiro e eu', 'meu companheiro vota', 'meu companheiro prefere', 'meu companheiro escolhe', 'meu companheiro diz', 'minha companheira e eu', 'minha companheira vota', 'minha companheira prefere', 'minha companheira escolhe', 'minha companheira diz',
      'vota', 'votam', 'preferem', 'pediu-me para', 'me pediu para', 'em nome de'],
    correction: ['nao espera', 'quis dizer', 'quero dizer', 'na verdade', 'pensando melhor', 'corrigindo'],
    condition: ['se', 'desde que'],
    undecided: ['nao tenho certeza', 'nao sei', 'indeciso', 'indecisa', 'em duvida', 'estou em duvida'],
    away: ['fora do escritorio', 'resposta automatica', 'no meu regresso', 'estou ausente', 'responderei mais tarde'],
  },
  ordinals: [['primeira', 'primeiro'], ['segunda', 'segundo'], ['terceira', 'terceiro'], ['quarta', 'quarto']],
  greetings: ['ola', 'oi', 'bom dia', 'boa tarde', 'caro', 'cara', 'caros', 'prezado', 'prezada', 'prezados'],
  closings: ['abracos', 'abraco', 'um abraco', 'atenciosamente', 'obrigado', 'obrigada', 'cumprimentos', 'saudacoes'],
  sequence: ['depois', 'em seguida', 'e depois', 'seguido de', 'seguida de'],
  optionWords: ['opcao', 'alternativa', 'variante'],
};
