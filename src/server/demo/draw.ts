/**
 * Just enough 2-D drawing for the demo's pictures: shapes are signed distance functions (negative
 * inside, in pixels), so each edge pixel is covered by exactly the share of it the shape covers,
 * which anti-aliases every edge without drawing at a larger size first. Shapes combine with union,
 * intersection and subtraction and carry a bounding box, so a fill only visits its own pixels.
 */
import type { Image } from './png.js';

export type Rgb = readonly [number, number, number];
/** A colour, or one that varies over the picture (a gradient). */
export type Paint = Rgb | ((x: number, y: number) => Rgb);
type Box = readonly [x0: number, y0: number, x1: number, y1: number];

export interface Shape {
  d(x: number, y: number): number;
  box: Box;
}

const len = (x: number, y: number): number => Math.sqrt(x * x + y * y);
const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);

export const circle = (cx: number, cy: number, r: number): Shape => ({
  d: (x, y) => len(x - cx, y - cy) - r,
  box: [cx - r, cy - r, cx + r, cy + r],
});

/** An ellipse, turned by `angle` radians (an approximate distance, exact enough near its edge). */
export function ellipse(cx: number, cy: number, rx: number, ry: number, angle = 0): Shape {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const reach = Math.max(rx, ry);
  return {
    d: (x, y) => {
      const px = (x - cx) * cos + (y - cy) * sin;
      const py = -(x - cx) * sin + (y - cy) * cos;
      const k0 = len(px / rx, py / ry);
      const k1 = len(px / (rx * rx), py / (ry * ry));
      return k1 === 0 ? -Math.min(rx, ry) : (k0 * (k0 - 1)) / k1;
    },
    box: [cx - reach, cy - reach, cx + reach, cy + reach],
  };
}

export const rect = (x0: number, y0: number, x1: number, y1: number, r = 0): Shape => {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - r;
  const hy = (y1 - y0) / 2 - r;
  return {
    d: (x, y) => {
      const qx = Math.abs(x - cx) - hx;
      const qy = Math.abs(y - cy) - hy;
      return len(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
    },
    box: [x0, y0, x1, y1],
  };
};

/** A line from a to b with round ends, `r` thick on each side. */
export const capsule = (ax: number, ay: number, bx: number, by: number, r: number): Shape => ({
  d: (x, y) => {
    const ex = bx - ax;
    const ey = by - ay;
    const t = clamp01(((x - ax) * ex + (y - ay) * ey) / (ex * ex + ey * ey));
    return len(x - ax - ex * t, y - ay - ey * t) - r;
  },
  box: [Math.min(ax, bx) - r, Math.min(ay, by) - r, Math.max(ax, bx) + r, Math.max(ay, by) + r],
});

/**
 * A round-ended arc of radius `r` around (cx, cy), `half` radians either side of straight down
 * (a smile), drawn `thick` either side of the circle.
 */
export function arc(cx: number, cy: number, r: number, half: number, thick: number): Shape {
  const sx = Math.sin(half);
  const sy = Math.cos(half);
  return {
    d: (x, y) => {
      const px = Math.abs(x - cx);
      const py = y - cy;
      return (
        (sy * px > sx * py ? len(px - sx * r, py - sy * r) : Math.abs(len(px, py) - r)) - thick
      );
    },
    box: [cx - r - thick, cy - r - thick, cx + r + thick, cy + r + thick],
  };
}

export function polygon(points: readonly (readonly [number, number])[]): Shape {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return {
    d: (x, y) => {
      let best = Infinity;
      let sign = 1;
      for (let i = 0, j = points.length - 1; i < points.length; j = i, i++) {
        const [vx, vy] = points[i] ?? [0, 0];
        const [ux, uy] = points[j] ?? [0, 0];
        const ex = ux - vx;
        const ey = uy - vy;
        const wx = x - vx;
        const wy = y - vy;
        const t = clamp01((wx * ex + wy * ey) / (ex * ex + ey * ey));
        best = Math.min(best, len(wx - ex * t, wy - ey * t));
        const a = y >= vy;
        const b = y < uy;
        const c = ex * wy > ey * wx;
        if ((a && b && c) || (!a && !b && !c)) sign = -sign;
      }
      return sign * best;
    },
    box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
  };
}

export const union = (...shapes: Shape[]): Shape => ({
  d: (x, y) => shapes.reduce((m, s) => Math.min(m, s.d(x, y)), Infinity),
  box: [
    Math.min(...shapes.map((s) => s.box[0])),
    Math.min(...shapes.map((s) => s.box[1])),
    Math.max(...shapes.map((s) => s.box[2])),
    Math.max(...shapes.map((s) => s.box[3])),
  ],
});

export const intersect = (a: Shape, b: Shape): Shape => ({
  d: (x, y) => Math.max(a.d(x, y), b.d(x, y)),
  box: [
    Math.max(a.box[0], b.box[0]),
    Math.max(a.box[1], b.box[1]),
    Math.min(a.box[2], b.box[2]),
    Math.min(a.box[3], b.box[3]),
  ],
});

export const subtract = (a: Shape, b: Shape): Shape => ({
  d: (x, y) => Math.max(a.d(x, y), -b.d(x, y)),
  box: a.box,
});

/** The shape made `by` larger on every side. */
export const grow = (shape: Shape, by: number): Shape => ({
  d: (x, y) => shape.d(x, y) - by,
  box: [shape.box[0] - by, shape.box[1] - by, shape.box[2] + by, shape.box[3] + by],
});

/** Everything above (y < `at`) or below the line y = at, within the picture. */
export const above = (at: number): Shape => ({ d: (_, y) => y - at, box: [-1e4, -1e4, 1e4, at] });
export const below = (at: number): Shape => ({ d: (_, y) => at - y, box: [-1e4, at, 1e4, 1e4] });

export const mix = (a: Rgb, b: Rgb, t: number): Rgb => [
  a[0] + (b[0] - a[0]) * t,
  a[1] + (b[1] - a[1]) * t,
  a[2] + (b[2] - a[2]) * t,
];
export const shade = (c: Rgb, t: number): Rgb => mix(c, [0, 0, 0], t);
export const tint = (c: Rgb, t: number): Rgb => mix(c, [255, 255, 255], t);

/** A radial gradient from `inner` at (cx, cy) to `outer` at distance r and beyond. */
export const radial =
  (cx: number, cy: number, r: number, inner: Rgb, outer: Rgb): Paint =>
  (x, y) =>
    mix(inner, outer, clamp01(len(x - cx, y - cy) / r));

export const vertical =
  (y0: number, y1: number, top: Rgb, bottom: Rgb): Paint =>
  (_, y) =>
    mix(top, bottom, clamp01((y - y0) / (y1 - y0)));

/** Pixels per side of the squares `fill` first checks as a whole. */
const TILE = 8;

export class Canvas {
  private readonly rgb: Float32Array;

  /**
   * Shapes are given in design units: pixel = (design − origin) × scale, so a picture drawn once
   * can be framed closer or rendered at another size.
   */
  constructor(
    readonly width: number,
    readonly height: number,
    background: Paint,
    private readonly view = { scale: 1, originX: 0, originY: 0 },
  ) {
    this.rgb = new Float32Array(width * height * 3);
    this.fill({ d: () => -1e4, box: [-1e4, -1e4, 1e4, 1e4] }, background);
  }

  /** Paints `shape` over what is there, `opacity` 0–1. */
  fill(shape: Shape, paint: Paint, opacity = 1): this {
    const { scale, originX, originY } = this.view;
    const [bx0, by0, bx1, by1] = shape.box;
    const x0 = Math.max(0, Math.floor((bx0 - originX) * scale) - 1);
    const y0 = Math.max(0, Math.floor((by0 - originY) * scale) - 1);
    const x1 = Math.min(this.width, Math.ceil((bx1 - originX) * scale) + 1);
    const y1 = Math.min(this.height, Math.ceil((by1 - originY) * scale) + 1);
    // Tiles far enough outside the edge are skipped and those far inside are covered whole, so
    // the distance is worked out per pixel only along edges. "Far" leaves room for distances
    // that are estimates (ellipses) and bounds (intersections), both of which may be off by a
    // share of the true distance.
    const far = (TILE * Math.SQRT1_2 + 0.5) / 0.6;
    for (let ty = y0; ty < y1; ty += TILE) {
      for (let tx = x0; tx < x1; tx += TILE) {
        const centre =
          shape.d((tx + TILE / 2) / scale + originX, (ty + TILE / 2) / scale + originY) * scale;
        if (centre > far) continue;
        this.fillTile(
          shape,
          paint,
          opacity,
          tx,
          ty,
          Math.min(tx + TILE, x1),
          Math.min(ty + TILE, y1),
          centre < -far,
        );
      }
    }
    return this;
  }

  private fillTile(
    shape: Shape,
    paint: Paint,
    opacity: number,
    x0: number,
    y0: number,
    x1: number,
    y1: number,
    inside: boolean,
  ): void {
    const { scale, originX, originY } = this.view;
    for (let y = y0; y < y1; y++) {
      const dy = (y + 0.5) / scale + originY;
      for (let x = x0; x < x1; x++) {
        // At the pixel's centre, 0.5 − distance (in pixels) is the share of it the shape covers.
        const dx = (x + 0.5) / scale + originX;
        const cover = (inside ? 1 : clamp01(0.5 - shape.d(dx, dy) * scale)) * opacity;
        if (cover <= 0) continue;
        const c = typeof paint === 'function' ? paint(dx, dy) : paint;
        const i = (y * this.width + x) * 3;
        for (let k = 0; k < 3; k++) {
          const was = this.rgb[i + k] ?? 0;
          this.rgb[i + k] = was + ((c[k] ?? 0) - was) * cover;
        }
      }
    }
  }

  toImage(): Image {
    const data = new Uint8Array(this.rgb.length);
    for (let i = 0; i < data.length; i++) data[i] = Math.round(this.rgb[i] ?? 0);
    return { width: this.width, height: this.height, channels: 3, data };
  }
}
