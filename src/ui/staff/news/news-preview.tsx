/** The post as the wall will show it: the kiosk's own NewsCard, open, in a kiosk surface. */
import { useTranslation } from 'react-i18next';
import type { News } from '../../../domain/model.js';
import { addDaysToDate, dayOf } from '../../../domain/rules/days.js';
import { commonWords } from '../../kiosk/frame/words.js';
import { NewsCard } from '../../kiosk/news/news-screen.js';
import newsCss from '../../kiosk/news/news.css?inline';
import { capitalise, dateInWords } from '../../kiosk/time/format.js';
import { KioskSurface } from '../shell/kiosk-surface.js';

const CSS = [newsCss];

interface Props {
  news: News | null;
  today: string;
  timeZone: string;
}

export function NewsPreview({ news, today, timeZone }: Props) {
  const { t } = useTranslation('staffNews');
  // The day word the wall uses ("I dag", "I går", else the date), in the kiosk's words.
  const when = (publishAt: string) => {
    const d = dayOf(publishAt, timeZone);
    if (d === today) return commonWords.da.today;
    if (d === addDaysToDate(today, -1)) return commonWords.da.yesterday;
    return capitalise(dateInWords(d, 'da'));
  };
  return (
    <figure className="kiosk-preview" aria-label={t('form.preview')}>
      <figcaption>{t('form.preview')}</figcaption>
      {news ? (
        <KioskSurface css={CSS}>
          <NewsCard news={news} open when={when(news.publishAt)} onOpen={() => undefined} />
        </KioskSurface>
      ) : (
        <p className="muted">{t('form.previewEmpty')}</p>
      )}
    </figure>
  );
}
