/** The words of the News screen (Danish first; English must have the same keys). */
import { defineWords } from '../../shared/i18n/words.js';

export const newsWords = defineWords(
  {
    title: 'Nyheder',
    empty: 'Der er ingen nyheder lige nu.',
    open: 'Åbn nyheden',
    play: 'Afspil',
    pause: 'Pause',
    video: 'Video: {{title}}',
    signLanguage: 'Tegnsprog',
    spokenSignLanguage: 'Der er en video på tegnsprog.',
    spokenVideo: 'Der er en video.',
  },
  {
    title: 'News',
    empty: 'There is no news right now.',
    open: 'Open the news item',
    play: 'Play',
    pause: 'Pause',
    video: 'Video: {{title}}',
    signLanguage: 'Sign language',
    spokenSignLanguage: 'There is a video in sign language.',
    spokenVideo: 'There is a video.',
  },
);
