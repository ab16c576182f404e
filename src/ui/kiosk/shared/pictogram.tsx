/**
 * A pictogram from `assets/pictograms` (the name stored on an activity, meal, day item or
 * resource). Beside a word it is decorative for a screen reader (`alt=""`); an unknown or missing
 * name shows the fallback for that kind of item, so every item always has a picture.
 */
const files = import.meta.glob<string>('../../../../assets/pictograms/*.svg', {
  eager: true,
  query: '?url',
  import: 'default',
});

const urls = new Map(
  Object.entries(files).map(([path, url]) => [path.replace(/^.*\/(.+)\.svg$/, '$1'), url]),
);

export function pictogramUrl(name: string | null | undefined, fallback: string): string | null {
  return (name ? urls.get(name) : undefined) ?? urls.get(fallback) ?? null;
}

interface Props {
  name: string | null | undefined;
  /** The pictogram to show when `name` is missing or unknown. */
  fallback?: string;
  className?: string;
  /** Text for a screen reader when the pictogram stands alone (no word beside it). */
  alt?: string;
}

export function Pictogram({ name, fallback = 'activity', className, alt = '' }: Props) {
  const url = pictogramUrl(name, fallback);
  const cls = className ? `picto ${className}` : 'picto';
  if (!url) return <span className={`${cls} picto-missing`} aria-hidden="true" />;
  return <img className={cls} src={url} alt={alt} draggable={false} />;
}
