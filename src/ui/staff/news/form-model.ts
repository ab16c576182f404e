/**
 * The news form's values and how they become `news.put` arguments: the publish and expiry
 * moments as a day and a wall-clock time in the centre's zone (as staff think of them), the
 * audience as "all" or chosen groups. The fields' rules are the protocol's own (`News`), so the
 * form shows the server's rules. Pure: no React.
 */
import { z } from 'zod';
import { Id, LocalDate, LocalTime, News, NewsMedia } from '../../../domain/model.js';
import { dayOf, localTimeOf, zonedInstant } from '../../../domain/rules/days.js';
import type { MutationArgs } from '../../../protocol/index.js';

const f = News.shape;

export interface NewsFormMessages {
  expiryBefore: string;
  expiryMissing: string;
  chooseGroup: string;
}

export function newsFormSchema(m: NewsFormMessages, timeZone: string) {
  return z
    .object({
      title: f.title,
      body: f.body,
      media: z.array(NewsMedia).max(10),
      publishDate: LocalDate,
      publishTime: LocalTime,
      expires: z.boolean(),
      expiryDate: LocalDate.nullable(),
      expiryTime: LocalTime.nullable(),
      audienceKind: z.enum(['all', 'groups']),
      groupIds: z.array(Id).max(100),
    })
    .superRefine((v, ctx) => {
      if (v.audienceKind === 'groups' && v.groupIds.length === 0)
        ctx.addIssue({ code: 'custom', path: ['groupIds'], message: m.chooseGroup });
      if (!v.expires) return;
      if (v.expiryDate === null || v.expiryTime === null) {
        ctx.addIssue({ code: 'custom', path: ['expiryDate'], message: m.expiryMissing });
        return;
      }
      const publish = zonedInstant(v.publishDate, v.publishTime, timeZone);
      if (zonedInstant(v.expiryDate, v.expiryTime, timeZone) <= publish)
        ctx.addIssue({ code: 'custom', path: ['expiryDate'], message: m.expiryBefore });
    });
}
export type NewsFormValues = z.infer<ReturnType<typeof newsFormSchema>>;

/** The form's values for a stored post, or for a new one published now. */
export function formValuesOf(news: News | null, now: Date, timeZone: string): NewsFormValues {
  const publishAt = news?.publishAt ?? now.toISOString();
  return {
    title: news?.title ?? '',
    body: news?.body ?? '',
    media: news?.media ?? [],
    publishDate: dayOf(publishAt, timeZone),
    publishTime: localTimeOf(publishAt, timeZone),
    expires: news ? news.expiresAt !== null : false,
    expiryDate: news?.expiresAt ? dayOf(news.expiresAt, timeZone) : null,
    expiryTime: news?.expiresAt ? localTimeOf(news.expiresAt, timeZone) : null,
    audienceKind: news?.audience.kind ?? 'all',
    groupIds: news?.audience.kind === 'groups' ? news.audience.groupIds : [],
  };
}

/** `news.put`'s arguments. */
export function toNewsArgs(
  v: NewsFormValues,
  id: string,
  timeZone: string,
): MutationArgs<'news.put'> {
  return {
    id,
    title: v.title,
    body: v.body,
    media: v.media,
    publishAt: zonedInstant(v.publishDate, v.publishTime, timeZone).toISOString(),
    expiresAt:
      v.expires && v.expiryDate && v.expiryTime
        ? zonedInstant(v.expiryDate, v.expiryTime, timeZone).toISOString()
        : null,
    audience:
      v.audienceKind === 'groups' ? { kind: 'groups', groupIds: v.groupIds } : { kind: 'all' },
  };
}
