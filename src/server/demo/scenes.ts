/**
 * Drawn "photos" for the demo's photo albums: a day at the beach, the bus home, the garden in
 * spring and coffee with cake, 4:3 like a photo from a phone. Nobody is pictured, so no consent
 * is needed for the demo's own pictures; the albums still carry the staff's tick.
 */
import {
  Canvas,
  capsule,
  circle,
  ellipse,
  polygon,
  radial,
  rect,
  shade,
  tint,
  union,
  vertical,
  type Rgb,
} from './draw.js';
import type { Image } from './png.js';

export type Scene = 'beach' | 'bus' | 'garden' | 'cake';
export const scenes: readonly Scene[] = ['beach', 'bus', 'garden', 'cake'];

const W = 320;
const H = 240;
/** Drawn at twice the design size, as sharp as a phone photo scaled down. */
const SCALE = 2;

/** A picture with a sky (or wall) from `top` to `bottom`. */
const canvas = (top: Rgb, bottom: Rgb): Canvas =>
  new Canvas(W * SCALE, H * SCALE, vertical(0, H, top, bottom), {
    scale: SCALE,
    originX: 0,
    originY: 0,
  });

function beach(): Image {
  const c = canvas([120, 180, 235], [210, 235, 250]);
  c.fill(circle(250, 50, 44), radial(250, 50, 44, [255, 250, 200], [255, 220, 120]), 0.35);
  c.fill(circle(250, 50, 24), [255, 226, 110]);
  c.fill(rect(0, 120, W, 170), vertical(120, 170, [40, 110, 170], [70, 150, 200]));
  for (const y of [132, 146, 160])
    for (let x = 10; x < W; x += 46)
      c.fill(capsule(x, y, x + 20, y, 1.5), tint([70, 150, 200], 0.5));
  c.fill(rect(0, 165, W, H), vertical(165, H, [240, 214, 160], [222, 190, 130]));
  // A parasol and a towel.
  c.fill(capsule(96, 120, 104, 200, 2.5), [120, 90, 60]);
  c.fill(
    polygon([
      [46, 124],
      [100, 92],
      [154, 124],
    ]),
    [220, 60, 60],
  );
  c.fill(
    polygon([
      [82, 124],
      [100, 92],
      [118, 124],
    ]),
    [250, 250, 245],
  );
  c.fill(rect(150, 190, 230, 218, 4), [60, 140, 200]);
  for (const x of [162, 186, 210]) c.fill(rect(x, 190, x + 10, 218), [250, 250, 245]);
  return c.toImage();
}

function bus(): Image {
  const c = canvas([170, 205, 235], [225, 238, 248]);
  c.fill(rect(0, 170, W, H), [90, 96, 104]);
  for (let x = 10; x < W; x += 60) c.fill(rect(x, 202, x + 30, 207), [240, 240, 230]);
  c.fill(rect(0, 150, W, 172), [110, 170, 90]);
  // The minibus, from the side.
  c.fill(rect(44, 82, 270, 184, 18), [245, 200, 60]);
  c.fill(rect(44, 150, 270, 160), shade([245, 200, 60], 0.25));
  for (let x = 62; x < 200; x += 48) c.fill(rect(x, 96, x + 38, 130, 5), [180, 220, 245]);
  c.fill(rect(228, 96, 258, 146, 5), [180, 220, 245]);
  for (const x of [90, 224]) {
    c.fill(circle(x, 184, 20), [40, 40, 44]);
    c.fill(circle(x, 184, 9), [200, 200, 205]);
  }
  c.fill(circle(262, 166, 5), [255, 245, 200]);
  return c.toImage();
}

function garden(): Image {
  const c = canvas([150, 200, 240], [220, 240, 250]);
  c.fill(circle(60, 50, 26), [255, 230, 120]);
  c.fill(
    union(ellipse(220, 50, 40, 16), ellipse(250, 42, 30, 16), ellipse(196, 44, 24, 12)),
    [250, 250, 252],
  );
  c.fill(rect(0, 130, W, H), vertical(130, H, [120, 190, 90], [70, 140, 60]));
  const colours: Rgb[] = [
    [230, 60, 70],
    [250, 190, 50],
    [240, 120, 170],
    [230, 60, 70],
    [160, 90, 200],
    [250, 190, 50],
    [240, 120, 170],
  ];
  for (const [i, colour] of colours.entries()) {
    const x = 30 + i * 42;
    const y = 150 + (i % 2) * 22;
    c.fill(capsule(x, y, x, y + 50, 2.5), [50, 120, 50]);
    c.fill(ellipse(x + 9, y + 30, 10, 4, -0.6), [60, 140, 60]);
    c.fill(
      union(ellipse(x, y, 10, 14), ellipse(x - 7, y - 4, 6, 11), ellipse(x + 7, y - 4, 6, 11)),
      colour,
    );
  }
  return c.toImage();
}

function cake(): Image {
  const c = canvas([250, 236, 214], [236, 214, 184]);
  c.fill(rect(0, 150, W, H), [170, 120, 80]);
  c.fill(ellipse(160, 176, 120, 26), [245, 245, 242]);
  // A layer cake with strawberries and three candles.
  c.fill(rect(80, 110, 240, 176, 8), [250, 236, 220]);
  c.fill(rect(80, 136, 240, 146), [230, 120, 130]);
  c.fill(ellipse(160, 110, 80, 14), [255, 246, 236]);
  for (let x = 96; x <= 224; x += 32) c.fill(circle(x, 106, 7), [220, 40, 60]);
  for (const x of [130, 160, 190]) {
    c.fill(rect(x - 3, 72, x + 3, 104, 2), [120, 180, 230]);
    c.fill(ellipse(x, 64, 4, 8), [255, 190, 60]);
  }
  // A coffee cup beside it.
  c.fill(ellipse(276, 196, 26, 8), [235, 235, 232]);
  c.fill(rect(260, 160, 292, 194, 6), [250, 250, 248]);
  c.fill(ellipse(276, 162, 16, 5), [110, 70, 40]);
  return c.toImage();
}

const drawers: Record<Scene, () => Image> = { beach, bus, garden, cake };

export const drawScene = (scene: Scene): Image => drawers[scene]();
