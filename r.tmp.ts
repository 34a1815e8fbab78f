import { renderMail } from './src/shared/templates/render.ts';
import { takeMissingTranslations } from './src/shared/i18n/catalogue.ts';
import { samples } from './test/helpers/i18nSamples.ts';
const lang = (process.argv[2] ?? 'fr') as any;
const want = process.argv[3]?.split(',');
for (const s of samples(lang)) {
  if (want && !want.includes(s.template)) continue;
  const m = renderMail(s.template, s.data);
  console.log('=====', s.template, '|', m.subject); console.log(m.text);
}
console.log('MISSING', takeMissingTranslations());
