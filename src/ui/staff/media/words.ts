/** Words of the upload control (photos and videos on the news and meal pages). */
import { defineWords } from '../../shared/i18n/words.js';

export const mediaWords = defineWords(
  {
    choosePhoto: 'Vælg et foto',
    chooseMedia: 'Vælg foto eller video',
    replace: 'Skift',
    remove: 'Fjern',
    uploading: 'Sender … {{percent}} %',
    processing: 'Gøres klar til skærmen …',
    rulesPhoto:
      'JPEG, PNG, WebP, GIF eller AVIF, højst 15 MB. Billedet gøres mindre, og placering og kameraoplysninger fjernes.',
    rulesMedia:
      'Foto: JPEG, PNG, WebP, GIF eller AVIF, højst 15 MB. Video: MP4 eller WebM, højst 200 MB. Placering og kameraoplysninger fjernes.',
    photo: 'Foto',
    video: 'Video',
    problem: {
      too_large: 'Filen er for stor. Et foto må højst fylde 15 MB og en video 200 MB.',
      wrong_type: 'Filen er hverken et foto eller en video, som skærmen kan vise.',
      unreadable: 'Filen kunne ikke læses. Den er måske tom eller ødelagt.',
      signed_out: 'Du er ikke logget ind længere. Log ind igen, og prøv så igen.',
      forbidden: 'Du må ikke lægge filer op.',
      offline: 'Der er ingen forbindelse til serveren. Prøv igen, når der er net.',
      failed: 'Filen kunne ikke sendes. Prøv igen.',
    },
  },
  {
    choosePhoto: 'Choose a photo',
    chooseMedia: 'Choose a photo or video',
    replace: 'Change',
    remove: 'Remove',
    uploading: 'Sending … {{percent}} %',
    processing: 'Getting it ready for the screen …',
    rulesPhoto:
      'JPEG, PNG, WebP, GIF or AVIF, at most 15 MB. The picture is made smaller, and its location and camera details are removed.',
    rulesMedia:
      'Photo: JPEG, PNG, WebP, GIF or AVIF, at most 15 MB. Video: MP4 or WebM, at most 200 MB. Location and camera details are removed.',
    photo: 'Photo',
    video: 'Video',
    problem: {
      too_large: 'The file is too large. A photo may be at most 15 MB and a video 200 MB.',
      wrong_type: 'The file is neither a photo nor a video the screen can show.',
      unreadable: 'The file could not be read. It may be empty or damaged.',
      signed_out: 'You are no longer signed in. Sign in again and try once more.',
      forbidden: 'You may not upload files.',
      offline: 'There is no connection to the server. Try again when the network is back.',
      failed: 'The file could not be sent. Try again.',
    },
  },
);
