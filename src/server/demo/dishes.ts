/**
 * Drawn "photos" for the demo's meals (a plate seen from above, one picture per dish) and its
 * news (a festive table), 4:3 like a photo from a phone.
 */
import {
  Canvas,
  capsule,
  circle,
  ellipse,
  intersect,
  polygon,
  radial,
  rect,
  shade,
  tint,
  union,
  vertical,
  grow,
  type Rgb,
  type Shape,
} from './draw.js';
import type { Image } from './png.js';

export type Dish =
  | 'meatballs'
  | 'fishcakes'
  | 'curry'
  | 'chicken'
  | 'soup'
  | 'lasagne'
  | 'pork'
  | 'porridge'
  | 'open-sandwiches';

const W = 320;
const H = 240;
const PX = 160;
const PY = 122;

/** The same scattering every run: the demo's pictures (and so their hashes) never change. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const POTATO: Rgb = [236, 204, 120];
const GREEN: Rgb = [90, 160, 60];

function table(c: Canvas): void {
  for (let x = 0; x < W; x += 64) c.fill(rect(x, 0, x + 1.5, H), [150, 104, 62], 0.5);
  c.fill(rect(0, 0, W, H), radial(PX, PY, 240, [255, 240, 210], [120, 80, 40]), 0.25);
  // Fork and knife.
  c.fill(capsule(34, 40, 34, 200, 5), [190, 190, 196]);
  for (const dx of [-7, 0, 7]) c.fill(capsule(34 + dx, 30, 34 + dx, 70, 2), [190, 190, 196]);
  c.fill(union(capsule(286, 40, 286, 200, 5), ellipse(286, 80, 7, 40)), [196, 196, 202]);
}

function plate(c: Canvas): void {
  c.fill(circle(PX + 4, PY + 7, 102), [60, 40, 20], 0.22);
  c.fill(circle(PX, PY, 100), [236, 238, 240]);
  c.fill(circle(PX, PY, 78), radial(PX - 20, PY - 20, 90, [255, 255, 255], [244, 245, 247]));
}

function bowl(c: Canvas, x: number, y: number, r: number, rim: Rgb, food: Rgb): Shape {
  c.fill(circle(x + 4, y + 6, r + 2), [60, 40, 20], 0.22);
  c.fill(circle(x, y, r), rim);
  const inside = circle(x, y, r - 12);
  c.fill(inside, food);
  return inside;
}

/** A shape with a lighter top-left, so it reads as a round thing. */
function lump(c: Canvas, s: Shape, colour: Rgb, x: number, y: number): void {
  c.fill(s, colour);
  c.fill(s, radial(x - 6, y - 6, 22, tint(colour, 0.35), colour), 0.6);
}

function potatoes(c: Canvas, spots: [number, number][]): void {
  for (const [x, y] of spots) lump(c, ellipse(x, y, 15, 12, x * 0.1), POTATO, x, y);
}

function sprinkle(c: Canvas, seed: number, area: Shape, n: number, r: number, colour: Rgb): void {
  const rnd = random(seed);
  const [x0, y0, x1, y1] = area.box;
  for (let placed = 0, tries = 0; placed < n && tries < n * 20; tries++) {
    const x = x0 + rnd() * (x1 - x0);
    const y = y0 + rnd() * (y1 - y0);
    if (area.d(x, y) > -r) continue;
    c.fill(circle(x, y, r * (0.7 + rnd() * 0.6)), colour);
    placed++;
  }
}

function rice(c: Canvas, x: number, y: number): Shape {
  const heap = union(ellipse(x, y, 40, 32), ellipse(x + 14, y + 14, 30, 24));
  c.fill(heap, [246, 243, 232]);
  sprinkle(c, x * 7 + y, heap, 60, 2.2, [226, 220, 204]);
  return heap;
}

const dishes: Record<Dish, (c: Canvas) => void> = {
  meatballs(c) {
    potatoes(c, [
      [118, 150],
      [146, 166],
      [112, 120],
    ]);
    c.fill(ellipse(182, 118, 52, 44), [120, 70, 36], 0.85);
    for (const [x, y] of [
      [170, 100],
      [200, 128],
      [166, 140],
    ] as [number, number][])
      lump(c, ellipse(x, y, 22, 18, 0.4), [130, 76, 40], x, y);
    sprinkle(c, 1, circle(130, 142, 30), 12, 2, GREEN);
  },
  fishcakes(c) {
    potatoes(c, [
      [120, 152],
      [148, 168],
      [114, 122],
    ]);
    for (const [x, y] of [
      [176, 96],
      [198, 130],
      [160, 140],
    ] as [number, number][])
      lump(c, ellipse(x, y, 22, 16, -0.3), [214, 160, 80], x, y);
    c.fill(ellipse(134, 92, 22, 15), [240, 222, 120]);
    c.fill(intersect(circle(210, 170, 18), rect(190, 150, 230, 170)), [250, 220, 60]);
  },
  curry(c) {
    rice(c, 124, 110);
    const sauce = ellipse(186, 136, 46, 40);
    c.fill(sauce, [232, 176, 40]);
    for (const [x, y] of [
      [176, 122],
      [200, 140],
      [178, 156],
      [204, 114],
    ] as [number, number][])
      lump(c, circle(x, y, 12), [226, 196, 150], x, y);
    sprinkle(c, 3, sauce, 10, 2, GREEN);
  },
  chicken(c) {
    rice(c, 126, 116);
    for (const [x, y, a] of [
      [186, 110, 0.5],
      [176, 150, -0.2],
    ] as [number, number, number][]) {
      c.fill(capsule(x + 26 * Math.cos(a), y + 26 * Math.sin(a), x, y, 5), [244, 236, 220]);
      lump(c, ellipse(x, y, 26, 18, a), [200, 130, 60], x, y);
    }
    sprinkle(c, 4, circle(200, 180, 22), 14, 4.5, GREEN);
  },
  soup(c) {
    const soup = bowl(c, 150, 122, 84, [70, 120, 180], [226, 128, 50]);
    sprinkle(c, 5, soup, 10, 5, [246, 160, 60]);
    sprinkle(c, 6, soup, 10, 4, GREEN);
    sprinkle(c, 7, soup, 6, 5, [250, 236, 190]);
    c.fill(rect(220, 140, 290, 210, 16), [150, 96, 50]);
    c.fill(rect(228, 148, 282, 202, 12), [236, 206, 150]);
  },
  lasagne(c) {
    c.fill(rect(106, 84, 196, 164, 10), [200, 80, 40]);
    c.fill(rect(112, 88, 190, 158, 10), [236, 176, 80]);
    sprinkle(c, 8, rect(112, 88, 190, 158, 10), 14, 6, [214, 130, 50]);
    for (const [x, y, a] of [
      [212, 170, 0.4],
      [226, 140, -0.5],
      [196, 186, 1.1],
    ] as [number, number, number][])
      lump(c, ellipse(x, y, 18, 10, a), GREEN, x, y);
  },
  pork(c) {
    potatoes(c, [
      [118, 150],
      [146, 168],
      [110, 120],
    ]);
    for (const y of [88, 112, 136]) {
      const strip = rect(150, y, 214, y + 18, 7);
      c.fill(strip, [170, 90, 50]);
      c.fill(
        intersect(strip, union(rect(150, y + 5, 214, y + 9), rect(150, y + 13, 214, y + 15))),
        [240, 220, 190],
      );
    }
    const sauce = ellipse(150, 186, 40, 14);
    c.fill(sauce, [244, 244, 232]);
    sprinkle(c, 9, sauce, 26, 1.8, GREEN);
  },
  porridge(c) {
    const oats = bowl(c, 150, 118, 80, [240, 240, 236], [230, 212, 170]);
    sprinkle(c, 10, oats, 30, 2.5, [214, 192, 146]);
    sprinkle(c, 11, circle(150, 110, 30), 6, 6, [200, 40, 60]);
    sprinkle(c, 12, circle(156, 124, 28), 6, 5, [70, 60, 150]);
    c.fill(rect(226, 150, 290, 214, 8), [110, 70, 40]);
  },
  'open-sandwiches'(c) {
    const rye: Rgb = [96, 62, 40];
    for (const [i, [x, y]] of (
      [
        [96, 74],
        [166, 70],
        [126, 134],
      ] as [number, number][]
    ).entries()) {
      c.fill(rect(x, y, x + 64, y + 48, 5), rye);
      if (i === 0)
        for (const dx of [14, 32, 50]) {
          c.fill(circle(x + dx, y + 24, 10), [252, 252, 246]);
          c.fill(circle(x + dx, y + 24, 5), [250, 190, 40]);
        }
      if (i === 1) c.fill(rect(x + 4, y + 4, x + 60, y + 44, 10), [250, 140, 110]);
      if (i === 2)
        for (const dx of [12, 28, 44, 58]) c.fill(circle(x + dx, y + 24, 9), [140, 190, 90]);
      if (i === 1) sprinkle(c, 13, rect(x + 4, y + 4, x + 60, y + 44), 6, 2, GREEN);
    }
  },
};

export function drawDish(dish: Dish): Image {
  const c = new Canvas(W, H, vertical(0, H, [214, 166, 112], [190, 140, 90]));
  table(c);
  if (dish !== 'soup' && dish !== 'porridge') plate(c);
  dishes[dish](c);
  return c.toImage();
}

/** Danish Christmas hearts, candles and plates on a red cloth: the julefrokost. */
export function drawFestiveTable(): Image {
  const c = new Canvas(W, H, radial(PX, PY, 220, [200, 40, 50], [120, 20, 30]));
  for (const [x, y] of [
    [70, 70],
    [250, 70],
    [70, 180],
    [250, 180],
  ] as [number, number][]) {
    c.fill(circle(x + 3, y + 5, 44), [40, 0, 0], 0.25);
    c.fill(circle(x, y, 44), [240, 240, 236]);
    c.fill(circle(x, y, 32), [252, 252, 250]);
  }
  // Fir branches down the middle.
  const rnd = random(20);
  for (let i = 0; i < 26; i++) {
    const x = 110 + rnd() * 100;
    const y = 60 + rnd() * 120;
    c.fill(ellipse(x, y, 22, 6, rnd() * Math.PI), shade([60, 130, 70], rnd() * 0.4));
  }
  // Candles with a warm glow.
  for (const [x, y] of [
    [140, 120],
    [180, 120],
  ] as [number, number][]) {
    c.fill(circle(x, y - 6, 46), radial(x, y - 6, 46, [255, 230, 140], [255, 230, 140]), 0.18);
    c.fill(rect(x - 9, y - 10, x + 9, y + 34, 3), [250, 250, 244]);
    c.fill(ellipse(x, y - 20, 6, 11), [255, 200, 60]);
    c.fill(ellipse(x, y - 17, 3, 6), [255, 250, 220]);
  }
  // Woven paper hearts, half red and half white, with a white edge.
  for (const [x, y] of [
    [70, 125],
    [250, 125],
    [160, 30],
    [160, 212],
  ] as [number, number][]) {
    const heart = union(
      circle(x - 9, y - 6, 11),
      circle(x + 9, y - 6, 11),
      polygon([
        [x - 19.5, y - 3],
        [x + 19.5, y - 3],
        [x, y + 20],
      ]),
    );
    c.fill(grow(heart, 2), [255, 255, 255]);
    c.fill(intersect(heart, rect(x - 22, y - 20, x, y + 22)), [220, 30, 40]);
    c.fill(
      intersect(
        heart,
        union(rect(x - 22, y - 9, x + 22, y - 4), rect(x - 22, y + 3, x + 22, y + 8)),
      ),
      [236, 90, 96],
    );
  }
  return c.toImage();
}
