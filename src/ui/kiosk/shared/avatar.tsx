/**
 * A resident's (or staff member's) photo with the first name under it. Without a photo: a calm
 * coloured circle with the initial, so every face tile still looks different.
 */
import type { Resident } from '../../../domain/model.js';

export const firstName = (displayName: string): string =>
  displayName.trim().split(/\s+/)[0] ?? displayName;

const TINTS = ['#dbe8f5', '#f5e3d3', '#dcefdc', '#efe0f2', '#f4edc9', '#d9eeee'];

function tintOf(name: string): string {
  let h = 0;
  for (const ch of name) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return TINTS[h % TINTS.length] ?? '#dbe8f5';
}

export function Face({
  name,
  photo,
  className,
}: {
  name: string;
  photo: string | null;
  className?: string;
}) {
  const cls = className ? `face ${className}` : 'face';
  if (photo) return <img className={cls} src={`/media/${photo}`} alt="" draggable={false} />;
  return (
    <span className={`${cls} face-initial`} style={{ background: tintOf(name) }} aria-hidden="true">
      {firstName(name).charAt(0).toLocaleUpperCase()}
    </span>
  );
}

export function Avatar({ resident, className }: { resident: Resident; className?: string }) {
  return (
    <Face
      name={resident.displayName}
      photo={resident.photo}
      {...(className ? { className } : {})}
    />
  );
}
