import type { ChoiceStance, ProposalStanceValue } from '../../../src/reading/stance.ts';

/**
 * The conformance suite's table: plain answers and what they mean, per
 * language, and the words each language wraps an answer in. The generator
 * (generate.ts) multiplies every answer by every wrapping, placement and
 * client; each generated reply must read as its bare answer does.
 *
 * Cases are only ever added: a wrapping that changes a reading is a bug in
 * how the reader handles that wrapping, not a reason to drop the case.
 */

export interface ProposalExpectation {
  stance: ProposalStanceValue;
  /** For an objection with a reason: the reason, without the stance word. */
  reason?: string;
  /** A concern that does not block: agree, with the concern kept in the comment. */
  comment?: string;
}

export interface LanguageTable {
  language: string;
  /** The consultations as a chapter writing in this language would open them. */
  question: string;
  proposal: string;
  options: [a: string, b: string, c: string];
  choice: Array<[answer: string, expected: ChoiceStance]>;
  proposalAnswers: Array<[answer: string, expected: ProposalExpectation]>;
  greeting: string;
  thanks: string;
  signoff: string;
  /** A signature: a name with initials and degrees, a chapter named by a letter, a phone number. */
  signature: string;
  /** A paragraph of discussion that names no option and takes no stance. */
  discussion: string;
  disclaimer: string;
  /** The client's line above a quote. */
  attribution: string;
  /** The subject's reply prefix. */
  re: string;
}

const B: ChoiceStance = { first: 'B' };
const BAC: ChoiceStance = { first: 'B', ranking: ['B', 'A', 'C'] };
const B_NOT_C: ChoiceStance = { first: 'B', reject: ['C'] };
const NOT_C: ChoiceStance = { first: null, reject: ['C'] };
const A_OR_B_NOT_C: ChoiceStance = { first: null, accept: ['A', 'B'], reject: ['C'] };
const ANY: ChoiceStance = { first: null, any: true };

const agree: ProposalExpectation = { stance: 'agree' };
const object: ProposalExpectation = { stance: 'object' };
const abstain: ProposalExpectation = { stance: 'abstain' };
const objectBecause = (reason: string): ProposalExpectation => ({ stance: 'object', reason });
const concern = (comment: string): ProposalExpectation => ({ stance: 'agree', comment });

// The same answers in every language: letters, rankings in each notation, +1 / -1 / 0.
const letters = (option: string): Array<[string, ChoiceStance]> => [
  ['B', B],
  [`${option} B`, B],
  ['B > A > C', BAC],
  ['B, A, C', BAC],
  ['1. B\n2. A\n3. C', BAC],
];
const signs: Array<[string, ProposalExpectation]> = [['+1', agree], ['-1', object], ['0', abstain]];

export const CONFORMANCE_TABLE: LanguageTable[] = [
  {
    language: 'en',
    question: 'Where should the spring assembly be held?',
    proposal: 'We propose raising the student fee from 5 to 8 EUR a year.',
    options: ['Riverside Hall', 'Garden Pavilion', 'Old Library'],
    choice: [
      ...letters('Option'),
      ['Garden Pavilion', B],
      ['I vote for Garden Pavilion', B],
      ['B has my vote', B],
      ['B, then A, then C', BAC],
      ['B, not C', B_NOT_C],
      ['Not C', NOT_C],
      ['C is unacceptable', NOT_C],
      ['I could never support C', NOT_C],
      ['Old Library is out of the question', NOT_C],
      ['A or B, but not C', A_OR_B_NOT_C],
      ['Any of them is fine', ANY],
    ],
    proposalAnswers: [
      ['I agree', agree],
      ['I am in favour', agree],
      ['I abstain', abstain],
      ...signs,
      ['I object: the fee is too high for students.', objectBecause('the fee is too high for students.')],
      ["I object to the wording, but I won't block.", concern('I object to the wording')],
    ],
    greeting: 'Hi all,',
    thanks: 'Thanks for organising this.',
    signoff: 'Best regards,',
    signature: 'Dr. Anna B. Costa, MA, PhD\nChapter C secretary\n+44 20 7946 0000',
    discussion: 'I have been thinking about this since the last meeting, and I talked it over with a few people in our branch.',
    disclaimer: 'This message and any attachments are confidential. If you received it in error, please delete it.',
    attribution: 'On Mon, 30 Nov 2026 at 09:00, Tacit <consult@tacit.localhost> wrote:',
    re: 'Re:',
  },
  {
    language: 'fr',
    question: "Où organiser l'assemblée de printemps ?",
    proposal: 'Nous proposons de porter la cotisation étudiante de 5 à 8 EUR par an.',
    options: ['Salle du Port', 'Pavillon du Jardin', 'Ancienne Bibliothèque'],
    choice: [
      ...letters('Option'),
      ['Pavillon du Jardin', B],
      ['Je vote pour le Pavillon du Jardin', B],
      ['B a ma voix', B],
      ['B, puis A, puis C', BAC],
      ['B, pas C', B_NOT_C],
      ['Pas C', NOT_C],
      ['C est inacceptable', NOT_C],
      ['Je ne pourrai jamais soutenir C', NOT_C],
      ["L'Ancienne Bibliothèque est hors de question", NOT_C],
      ['A ou B, mais pas C', A_OR_B_NOT_C],
      ["N'importe laquelle me va", ANY],
    ],
    proposalAnswers: [
      ["Je suis d'accord", agree],
      ['Je suis pour', agree],
      ["Je m'abstiens", abstain],
      ...signs,
      ["Je m'oppose : la cotisation est trop élevée pour les étudiants.", objectBecause('la cotisation est trop élevée pour les étudiants.')],
      ['Je conteste la formulation, mais je ne bloquerai pas.', concern('Je conteste la formulation')],
    ],
    greeting: 'Bonjour à tous,',
    thanks: "Merci pour l'organisation.",
    signoff: 'Cordialement,',
    signature: 'Dr Anne-B. Moreau, M. Sc.\nSection C, secrétaire\n+33 1 23 45 67 89',
    discussion: "J'y ai réfléchi depuis la dernière réunion et j'en ai parlé avec quelques personnes de notre section.",
    disclaimer: "Ce message et ses pièces jointes sont confidentiels. Si vous l'avez reçu par erreur, merci de le supprimer.",
    attribution: 'Le lun. 30 nov. 2026 à 09:00, Tacit <consult@tacit.localhost> a écrit :',
    re: 'RE :',
  },
  {
    language: 'de',
    question: 'Wo soll die Frühjahrsversammlung stattfinden?',
    proposal: 'Wir schlagen vor, den Studierendenbeitrag von 5 auf 8 EUR im Jahr zu erhöhen.',
    options: ['Hafenhalle', 'Gartenpavillon', 'Alte Bibliothek'],
    choice: [
      ...letters('Option'),
      ['Gartenpavillon', B],
      ['Ich stimme für den Gartenpavillon', B],
      ['B hat meine Stimme', B],
      ['B, dann A, dann C', BAC],
      ['B, nicht C', B_NOT_C],
      ['Nicht C', NOT_C],
      ['C ist inakzeptabel', NOT_C],
      ['C könnte ich nie unterstützen', NOT_C],
      ['Die Alte Bibliothek kommt nicht in Frage', NOT_C],
      ['A oder B, aber nicht C', A_OR_B_NOT_C],
      ['Mir ist jede recht', ANY],
    ],
    proposalAnswers: [
      ['Ich stimme zu', agree],
      ['Ich bin dafür', agree],
      ['Ich enthalte mich', abstain],
      ...signs,
      ['Ich widerspreche: der Beitrag ist für Studierende zu hoch.', objectBecause('der Beitrag ist für Studierende zu hoch.')],
      ['Ich habe Bedenken bei der Formulierung, aber ich werde nicht blockieren.', concern('Ich habe Bedenken bei der Formulierung')],
    ],
    greeting: 'Hallo zusammen,',
    thanks: 'Danke für die Organisation.',
    signoff: 'Viele Grüße',
    signature: 'Dr. Anna B. Keller, M.A.\nOrtsgruppe C, Schriftführerin\n+49 30 1234567',
    discussion: 'Ich habe seit dem letzten Treffen darüber nachgedacht und mit einigen Leuten aus unserer Ortsgruppe gesprochen.',
    disclaimer: 'Diese Nachricht und ihre Anhänge sind vertraulich. Wenn Sie sie irrtümlich erhalten haben, löschen Sie sie bitte.',
    attribution: 'Am Mo., 30. Nov. 2026 um 09:00 schrieb Tacit <consult@tacit.localhost>:',
    re: 'AW:',
  },
  {
    language: 'es',
    question: '¿Dónde celebramos la asamblea de primavera?',
    proposal: 'Proponemos subir la cuota de estudiante de 5 a 8 EUR al año.',
    options: ['Sala del Puerto', 'Pabellón del Jardín', 'Biblioteca Antigua'],
    choice: [
      ...letters('Opción'),
      ['Pabellón del Jardín', B],
      ['Voto por el Pabellón del Jardín', B],
      ['B tiene mi voto', B],
      ['B, luego A, luego C', BAC],
      ['B, no C', B_NOT_C],
      ['No C', NOT_C],
      ['C es inaceptable', NOT_C],
      ['Nunca podría apoyar C', NOT_C],
      ['La Biblioteca Antigua, de ninguna manera', NOT_C],
      ['A o B, pero no C', A_OR_B_NOT_C],
      ['Cualquiera me vale', ANY],
    ],
    proposalAnswers: [
      ['Estoy de acuerdo', agree],
      ['Estoy a favor', agree],
      ['Me abstengo', abstain],
      ...signs,
      ['Me opongo: la cuota es demasiado alta para los estudiantes.', objectBecause('la cuota es demasiado alta para los estudiantes.')],
      ['Tengo reparos con la redacción, pero no voy a bloquear.', concern('Tengo reparos con la redacción')],
    ],
    greeting: 'Hola a todos:',
    thanks: 'Gracias por organizarlo.',
    signoff: 'Saludos,',
    signature: 'Dra. Ana B. Ruiz, MSc\nSección C, secretaria\n+34 912 345 678',
    discussion: 'Lo he estado pensando desde la última reunión y lo hablé con varias personas de nuestra sección.',
    disclaimer: 'Este mensaje y sus adjuntos son confidenciales. Si lo ha recibido por error, por favor elimínelo.',
    attribution: 'El lun, 30 nov 2026 a las 09:00, Tacit (<consult@tacit.localhost>) escribió:',
    re: 'RE:',
  },
  {
    language: 'pt',
    question: 'Onde realizamos a assembleia de primavera?',
    proposal: 'Propomos aumentar a quota de estudante de 5 para 8 EUR por ano.',
    options: ['Sala do Porto', 'Pavilhão do Jardim', 'Biblioteca Antiga'],
    choice: [
      ...letters('Opção'),
      ['Pavilhão do Jardim', B],
      ['Voto no Pavilhão do Jardim', B],
      ['B tem o meu voto', B],
      ['B, depois A, depois C', BAC],
      ['B, não C', B_NOT_C],
      ['Não C', NOT_C],
      ['C é inaceitável', NOT_C],
      ['Nunca poderia apoiar C', NOT_C],
      ['A Biblioteca Antiga está fora de questão', NOT_C],
      ['A ou B, mas não C', A_OR_B_NOT_C],
      ['Qualquer uma serve', ANY],
    ],
    proposalAnswers: [
      ['Concordo', agree],
      ['Sou a favor', agree],
      ['Abstenho-me', abstain],
      ...signs,
      ['Oponho-me: a quota é alta demais para os estudantes.', objectBecause('a quota é alta demais para os estudantes.')],
      ['Tenho reservas quanto à redação, mas não vou bloquear.', concern('Tenho reservas quanto à redação')],
    ],
    greeting: 'Olá a todos,',
    thanks: 'Obrigado pela organização.',
    signoff: 'Cumprimentos,',
    signature: 'Dra. Ana B. Sousa, MSc\nSecção C, secretária\n+351 21 123 4567',
    discussion: 'Tenho pensado nisto desde a última reunião e falei com algumas pessoas da nossa secção.',
    disclaimer: 'Esta mensagem e os seus anexos são confidenciais. Se a recebeu por engano, por favor apague-a.',
    attribution: 'Em seg., 30 de nov. de 2026 às 09:00, Tacit <consult@tacit.localhost> escreveu:',
    re: 'RE:',
  },
  {
    language: 'it',
    question: "Dove teniamo l'assemblea di primavera?",
    proposal: 'Proponiamo di portare la quota studenti da 5 a 8 EUR all\'anno.',
    options: ['Sala del Porto', 'Padiglione del Giardino', 'Biblioteca Antica'],
    choice: [
      ...letters('Opzione'),
      ['Padiglione del Giardino', B],
      ['Voto per il Padiglione del Giardino', B],
      ['B ha il mio voto', B],
      ['B, poi A, poi C', BAC],
      ['B, non C', B_NOT_C],
      ['Non C', NOT_C],
      ['C è inaccettabile', NOT_C],
      ['Non potrei mai sostenere C', NOT_C],
      ['La Biblioteca Antica è fuori discussione', NOT_C],
      ['A o B, ma non C', A_OR_B_NOT_C],
      ['Qualsiasi va bene', ANY],
    ],
    proposalAnswers: [
      ["Sono d'accordo", agree],
      ['Sono favorevole', agree],
      ['Mi astengo', abstain],
      ...signs,
      ['Mi oppongo: la quota è troppo alta per gli studenti.', objectBecause('la quota è troppo alta per gli studenti.')],
      ['Ho qualche riserva sulla formulazione, ma non blocco.', concern('Ho qualche riserva sulla formulazione')],
    ],
    greeting: 'Ciao a tutti,',
    thanks: "Grazie per l'organizzazione.",
    signoff: 'Cordiali saluti,',
    signature: 'Dott.ssa Anna B. Ricci, PhD\nSezione C, segretaria\n+39 06 1234 5678',
    discussion: "Ci ho pensato dall'ultima riunione e ne ho parlato con alcune persone della nostra sezione.",
    disclaimer: 'Questo messaggio e i suoi allegati sono riservati. Se lo ha ricevuto per errore, la preghiamo di cancellarlo.',
    attribution: 'Il giorno lun 30 nov 2026 alle ore 09:00 Tacit <consult@tacit.localhost> ha scritto:',
    re: 'R:',
  },
  {
    language: 'nl',
    question: 'Waar houden we de voorjaarsvergadering?',
    proposal: 'We stellen voor de studentencontributie te verhogen van 5 naar 8 EUR per jaar.',
    options: ['Havenzaal', 'Tuinpaviljoen', 'Oude Bibliotheek'],
    choice: [
      ...letters('Optie'),
      ['Tuinpaviljoen', B],
      ['Ik stem voor het Tuinpaviljoen', B],
      ['B krijgt mijn stem', B],
      ['B, dan A, dan C', BAC],
      ['B, niet C', B_NOT_C],
      ['Niet C', NOT_C],
      ['C is onaanvaardbaar', NOT_C],
      ['C zou ik nooit kunnen steunen', NOT_C],
      ['De Oude Bibliotheek is uitgesloten', NOT_C],
      ['A of B, maar niet C', A_OR_B_NOT_C],
      ['Alles is goed', ANY],
    ],
    proposalAnswers: [
      ['Ik ga akkoord', agree],
      ['Ik ben voor', agree],
      ['Ik onthoud me van stemming', abstain],
      ...signs,
      ['Ik maak bezwaar: de contributie is te hoog voor studenten.', objectBecause('de contributie is te hoog voor studenten.')],
      ['Ik heb bedenkingen bij de formulering, maar ik blokkeer niet.', concern('Ik heb bedenkingen bij de formulering')],
    ],
    greeting: 'Hallo allemaal,',
    thanks: 'Bedankt voor het organiseren.',
    signoff: 'Met vriendelijke groet,',
    signature: 'Dr. Anna B. de Vries, MSc\nAfdeling C, secretaris\n+31 20 123 4567',
    discussion: 'Ik heb er sinds de vorige vergadering over nagedacht en het met een paar mensen uit onze afdeling besproken.',
    disclaimer: 'Dit bericht en de bijlagen zijn vertrouwelijk. Als u het per vergissing heeft ontvangen, verwijder het dan.',
    attribution: 'Op ma 30 nov 2026 om 09:00 schreef Tacit <consult@tacit.localhost>:',
    re: 'Antw:',
  },
  {
    language: 'pl',
    question: 'Gdzie zorganizujemy wiosenne zgromadzenie?',
    proposal: 'Proponujemy podniesienie składki studenckiej z 5 do 8 EUR rocznie.',
    options: ['Sala Portowa', 'Pawilon Ogrodowy', 'Stara Biblioteka'],
    choice: [
      ...letters('Opcja'),
      ['Pawilon Ogrodowy', B],
      ['Głosuję na Pawilon Ogrodowy', B],
      ['B ma mój głos', B],
      ['B, potem A, potem C', BAC],
      ['B, nie C', B_NOT_C],
      ['Nie C', NOT_C],
      ['C jest nie do przyjęcia', NOT_C],
      ['Nigdy nie poprę C', NOT_C],
      ['Stara Biblioteka nie wchodzi w grę', NOT_C],
      ['A lub B, ale nie C', A_OR_B_NOT_C],
      ['Każda mi pasuje', ANY],
    ],
    proposalAnswers: [
      ['Zgadzam się', agree],
      ['Jestem za', agree],
      ['Wstrzymuję się', abstain],
      ...signs,
      ['Sprzeciwiam się: składka jest za wysoka dla studentów.', objectBecause('składka jest za wysoka dla studentów.')],
      ['Mam zastrzeżenia do sformułowania, ale nie będę blokować.', concern('Mam zastrzeżenia do sformułowania')],
    ],
    greeting: 'Cześć wszystkim,',
    thanks: 'Dziękuję za organizację.',
    signoff: 'Pozdrawiam,',
    signature: 'Dr Anna B. Nowak, mgr inż.\nKoło C, sekretarz\n+48 22 123 45 67',
    discussion: 'Myślałam o tym od ostatniego spotkania i rozmawiałam z kilkoma osobami z naszego koła.',
    disclaimer: 'Ta wiadomość i jej załączniki są poufne. Jeśli otrzymali ją Państwo przez pomyłkę, prosimy ją usunąć.',
    attribution: 'W dniu 30.11.2026 o 09:00, Tacit <consult@tacit.localhost> pisze:',
    re: 'Odp:',
  },
  {
    language: 'sv',
    question: 'Var ska vårmötet hållas?',
    proposal: 'Vi föreslår att studentavgiften höjs från 5 till 8 EUR per år.',
    options: ['Hamnsalen', 'Trädgårdspaviljongen', 'Gamla biblioteket'],
    choice: [
      ...letters('Alternativ'),
      ['Trädgårdspaviljongen', B],
      ['Jag röstar på Trädgårdspaviljongen', B],
      ['B har min röst', B],
      ['B, sedan A, sedan C', BAC],
      ['B, inte C', B_NOT_C],
      ['Inte C', NOT_C],
      ['C är oacceptabelt', NOT_C],
      ['Jag skulle aldrig kunna stödja C', NOT_C],
      ['Gamla biblioteket är uteslutet', NOT_C],
      ['A eller B, men inte C', A_OR_B_NOT_C],
      ['Vilken som helst går bra', ANY],
    ],
    proposalAnswers: [
      ['Jag håller med', agree],
      ['Jag är för', agree],
      ['Jag avstår', abstain],
      ...signs,
      ['Jag invänder: avgiften är för hög för studenter.', objectBecause('avgiften är för hög för studenter.')],
      ['Jag har invändningar mot formuleringen, men jag kommer inte att blockera.', concern('Jag har invändningar mot formuleringen')],
    ],
    greeting: 'Hej alla,',
    thanks: 'Tack för att ni ordnar detta.',
    signoff: 'Vänliga hälsningar',
    signature: 'Dr. Anna B. Lind, fil. kand.\nLokalgrupp C, sekreterare\n+46 8 123 456 78',
    discussion: 'Jag har funderat på det sedan förra mötet och pratat med några i vår lokalgrupp.',
    disclaimer: 'Detta meddelande och dess bilagor är konfidentiella. Om du har fått det av misstag, radera det.',
    attribution: 'Den mån 30 nov. 2026 kl. 09:00 skrev Tacit <consult@tacit.localhost>:',
    re: 'SV:',
  },
];
