import { defineWords } from '../../shared/i18n/words.js';

export const dutyWords = defineWords(
  {
    title: 'Hvem er på arbejde',
    intro: 'Personalet hos {{name}} i dag og de næste dage.',
    today: 'I dag',
    nobody: 'Ingen vagter skrevet på.',
    noneAtAll: 'Vagtplanen er ikke lagt ind endnu.',
    time: '{{from}} til {{to}}',
    now: 'På arbejde nu',
  },
  {
    title: 'Who is on duty',
    intro: 'The staff with {{name}} today and the coming days.',
    today: 'Today',
    nobody: 'No shifts entered.',
    noneAtAll: 'The duty roster has not been entered yet.',
    time: '{{from}} to {{to}}',
    now: 'On duty now',
  },
);
