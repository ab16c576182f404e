/**
 * "See it as the resident will" (ADMIN-UX): the kiosk's own ItemCard for a day item, with the
 * kiosk's words, pictogram, "Ændret" mark and read-aloud button, inside a shadow root so the
 * kiosk's styles and the admin's never touch each other.
 */
import { useTranslation } from 'react-i18next';
import { ItemCard } from '../../kiosk/shared/item-card.js';
import { sentences } from '../../kiosk/shared/read-aloud.js';
import { shownTime, spokenTime } from '../../kiosk/time/format.js';
import { KioskSurface } from '../shell/kiosk-surface.js';

export interface PreviewItem {
  title: string;
  start: string;
  end: string | null;
  pictogram: string | null;
  changed: boolean;
}

export function ItemPreview({ item }: { item: PreviewItem }) {
  const { t } = useTranslation('staffDayStructure');
  const title = item.title.trim() || '…';
  const when =
    item.end !== null
      ? `kl. ${shownTime(item.start, 'da')} til ${shownTime(item.end, 'da')}`
      : `kl. ${shownTime(item.start, 'da')}`;
  return (
    <figure className="kiosk-preview" aria-label={t('preview')}>
      <figcaption>{t('preview')}</figcaption>
      <KioskSurface>
        <ItemCard
          pictogram={item.pictogram}
          title={title}
          when={when}
          changed={item.changed}
          speech={sentences(title, `Klokken ${spokenTime(item.start)}`)}
        />
      </KioskSurface>
    </figure>
  );
}
