/**
 * Drawn portraits for the demo's residents and staff: friendly, clearly different cartoon faces
 * (no real people), so the kiosk's photo buttons and duty roster look as they will in a centre.
 */
import {
  Canvas,
  above,
  arc,
  below,
  capsule,
  circle,
  ellipse,
  intersect,
  radial,
  rect,
  shade,
  subtract,
  tint,
  union,
  type Rgb,
  type Shape,
} from './draw.js';
import type { Image } from './png.js';

export type HairStyle =
  'short' | 'side-part' | 'quiff' | 'bald' | 'long' | 'bob' | 'bun' | 'ponytail' | 'curly' | 'afro';

export interface Face {
  background: Rgb;
  skin: Rgb;
  hair: Rgb;
  style: HairStyle;
  shirt: Rgb;
  glasses?: boolean;
  beard?: 'full' | 'moustache';
  /** An open, laughing smile instead of a closed one. */
  laugh?: boolean;
  earrings?: Rgb;
}

export const SKIN = {
  fair: [255, 222, 196],
  light: [243, 198, 165],
  medium: [226, 174, 128],
  olive: [200, 144, 100],
  brown: [150, 98, 62],
  dark: [104, 66, 44],
} as const satisfies Record<string, Rgb>;

export const HAIR = {
  black: [40, 32, 30],
  darkBrown: [78, 52, 36],
  brown: [128, 84, 50],
  auburn: [160, 72, 38],
  blond: [226, 186, 106],
  grey: [178, 176, 172],
  white: [232, 230, 226],
} as const satisfies Record<string, Rgb>;

const S = 256;
const CX = S / 2;
/** The head: centre and radii. */
const HY = 116;
const HRX = 50;
const HRY = 60;

/** Hair behind the head and neck (long styles). */
function backHair(style: HairStyle): Shape | null {
  switch (style) {
    case 'long':
      return union(ellipse(CX, HY - 6, HRX + 10, HRY + 6), rect(CX - 60, HY, CX + 60, 230, 30));
    case 'bob':
      return union(
        ellipse(CX, HY - 6, HRX + 11, HRY + 4),
        rect(CX - 62, HY - 10, CX + 62, 172, 26),
      );
    case 'ponytail':
      return union(ellipse(CX + 52, HY + 10, 18, 46, -0.35), circle(CX + 40, HY - 26, 14));
    case 'bun':
      return circle(CX, HY - HRY - 4, 24);
    case 'afro':
      return union(
        ...Array.from({ length: 14 }, (_, i) => {
          const a = (i / 14) * Math.PI * 2;
          return circle(CX + Math.cos(a) * 58, HY - 14 + Math.sin(a) * 56, 26);
        }),
        circle(CX, HY - 14, 62),
      );
    case 'curly':
      return union(
        ...Array.from({ length: 9 }, (_, i) => {
          const a = Math.PI * (0.95 + (i / 8) * 1.1);
          return circle(CX + Math.cos(a) * 52, HY - 4 + Math.sin(a) * 58, 19);
        }),
        ...[-1, 1].map((side) => circle(CX + side * 54, HY + 20, 17)),
      );
    default:
      return null;
  }
}

/** Hair over the head: a cap, less the face it frames. */
function frontHair(style: HairStyle): Shape | null {
  const cap = (bottom: number): Shape =>
    intersect(ellipse(CX, HY - 8, HRX + 5, HRY + 2), above(bottom));
  switch (style) {
    case 'short':
      return subtract(cap(HY + 4), ellipse(CX, HY + 34, HRX - 4, 62));
    case 'side-part':
      return subtract(
        union(cap(HY), ellipse(CX + 18, HY - 46, 40, 20, 0.25)),
        union(ellipse(CX + 14, HY + 32, HRX - 6, 60), ellipse(CX - 22, HY + 20, 24, 50, 0.4)),
      );
    case 'quiff':
      return union(
        subtract(cap(HY - 4), ellipse(CX, HY + 30, HRX - 3, 60)),
        ellipse(CX - 6, HY - 60, 36, 16, -0.2),
      );
    case 'bald':
      // A fringe of hair above the ears, inside the head's outline.
      return union(
        ...[-1, 1].map((side) =>
          intersect(
            ellipse(CX + side * 46, HY - 6, 11, 22, side * 0.2),
            ellipse(CX, HY, HRX + 1, HRY),
          ),
        ),
      );
    case 'long':
    case 'bob':
      return subtract(cap(HY + 30), ellipse(CX, HY + 28, HRX - 8, 58));
    case 'bun':
    case 'ponytail':
      return subtract(cap(HY), ellipse(CX, HY + 30, HRX - 4, 60));
    case 'curly':
      return union(
        ...Array.from({ length: 7 }, (_, i) => {
          const a = Math.PI * (1.12 + (i / 6) * 0.76);
          return circle(CX + Math.cos(a) * 46, HY - 2 + Math.sin(a) * 56, 17);
        }),
      );
    case 'afro':
      return subtract(cap(HY - 10), ellipse(CX, HY + 20, HRX - 2, 58));
  }
}

/** The portrait is drawn in a 256 × 256 design and framed a little closer to the face. */
const ZOOM = 1.18;

export function drawPortrait(face: Face, { size = S }: { size?: number } = {}): Image {
  const scale = (size / S) * ZOOM;
  const c = new Canvas(
    size,
    size,
    radial(CX, 96, 190, tint(face.background, 0.45), face.background),
    { scale, originX: CX - size / 2 / scale, originY: 120 - (size * 0.485) / scale },
  );
  const skinShadow = shade(face.skin, 0.12);
  const hairLine = shade(face.hair, 0.25);

  // Hair behind the shoulders, the shoulders in a shirt with a collar, and the neck.
  const back = backHair(face.style);
  if (back) c.fill(back, face.hair);
  c.fill(
    ellipse(CX, 296, 116, 88),
    radial(CX, 220, 130, tint(face.shirt, 0.12), shade(face.shirt, 0.1)),
  );
  if (face.style === 'long') {
    // Two locks falling forward over the shoulders.
    for (const side of [-1, 1])
      c.fill(ellipse(CX + side * 44, HY + 62, 17, 62, side * 0.08), face.hair);
  }
  const neck = rect(CX - 21, HY + 30, CX + 21, 228, 14);
  c.fill(neck, face.skin);
  c.fill(intersect(neck, ellipse(CX, HY + 48, 30, 20)), skinShadow);
  c.fill(
    union(capsule(CX - 24, 212, CX - 4, 232, 5), capsule(CX + 24, 212, CX + 4, 232, 5)),
    tint(face.shirt, 0.35),
  );

  // Head and ears.
  for (const side of [-1, 1]) {
    c.fill(circle(CX + side * HRX, HY + 6, 11), face.skin);
    c.fill(circle(CX + side * (HRX + 2), HY + 6, 5), skinShadow, 0.6);
  }
  const head = ellipse(CX, HY, HRX, HRY);
  c.fill(head, face.skin);
  if (face.earrings)
    for (const side of [-1, 1]) c.fill(circle(CX + side * (HRX + 1), HY + 20, 4), face.earrings);

  // Cheeks, eyes with a glint, brows, nose.
  for (const side of [-1, 1]) {
    const ex = CX + side * 19;
    c.fill(circle(CX + side * 28, HY + 24, 10), [240, 120, 120], 0.22);
    c.fill(ellipse(ex, HY + 4, 5.5, 7), [44, 36, 40]);
    c.fill(circle(ex + 2, HY + 1.5, 2), [255, 255, 255], 0.9);
    c.fill(capsule(ex - 9, HY - 12 + side, ex + 8, HY - 12 - side, 2.6), hairLine);
  }
  c.fill(arc(CX, HY + 10, 8, 0.7, 2), skinShadow);

  // A beard goes under the mouth.
  if (face.beard === 'full') {
    const jaw = intersect(ellipse(CX, HY + 6, HRX + 1, HRY + 2), below(HY + 18));
    c.fill(subtract(jaw, ellipse(CX, HY + 22, 30, 22)), face.hair);
  }
  if (face.beard) {
    c.fill(
      union(
        capsule(CX - 16, HY + 27, CX - 3, HY + 23, 5),
        capsule(CX + 16, HY + 27, CX + 3, HY + 23, 5),
      ),
      face.hair,
    );
  }
  if (face.laugh) {
    const mouth = intersect(ellipse(CX, HY + 30, 17, 14), below(HY + 30));
    c.fill(mouth, [150, 50, 60]);
    c.fill(intersect(mouth, ellipse(CX, HY + 30, 15, 5)), [255, 255, 255]);
    c.fill(intersect(mouth, ellipse(CX, HY + 46, 10, 7)), [236, 120, 120]);
  } else {
    c.fill(arc(CX, HY + 18, 16, 0.9, 2.4), [150, 60, 66]);
  }

  // Hair over the forehead, with a soft shine.
  const front = frontHair(face.style);
  if (front) {
    c.fill(front, face.hair);
    c.fill(intersect(front, ellipse(CX - 14, HY - 46, 24, 9, -0.4)), tint(face.hair, 0.18));
  }

  if (face.glasses) {
    const frame: Rgb = [60, 50, 60];
    for (const side of [-1, 1]) {
      const ring = subtract(circle(CX + side * 20, HY + 4, 14), circle(CX + side * 20, HY + 4, 11));
      c.fill(ring, frame);
    }
    c.fill(capsule(CX - 7, HY + 1, CX + 7, HY + 1, 1.6), frame);
  }
  return c.toImage();
}
