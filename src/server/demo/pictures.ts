/**
 * The demo centre's pictures, drawn (see `portraits.ts`, `dishes.ts`) and stored as media blobs.
 * Drawing is deterministic, so every demo has the same hashes and a reopened data directory
 * already holds them.
 */
import { putMedia } from '../media/media-store.js';
import { drawDish, drawFestiveTable, type Dish } from './dishes.js';
import { residentFaces, staffFaces } from './people.js';
import { encodePng } from './png.js';
import { drawPortrait } from './portraits.js';
import { drawScene, scenes, type Scene } from './scenes.js';

export interface DemoPictures {
  /** Media hash of a demo person's portrait, by first name (residents and staff). */
  portrait(name: string): string | null;
  dish(dish: Dish): string;
  /** The julefrokost table, for a news post. */
  festiveTable: string;
  /** A scene for a photo album (the beach, the bus, the garden, a cake). */
  scene(scene: Scene): string;
}

export async function storeDemoPictures(dataDir: string): Promise<DemoPictures> {
  const portraits = new Map<string, string>();
  for (const [name, face] of Object.entries({ ...residentFaces, ...staffFaces }))
    portraits.set(name, await putMedia(dataDir, encodePng(drawPortrait(face))));
  const dishes = new Map<Dish, string>();
  const kinds: Dish[] = [
    'meatballs',
    'fishcakes',
    'curry',
    'chicken',
    'soup',
    'lasagne',
    'pork',
    'porridge',
    'open-sandwiches',
  ];
  for (const kind of kinds) dishes.set(kind, await putMedia(dataDir, encodePng(drawDish(kind))));
  const festiveTable = await putMedia(dataDir, encodePng(drawFestiveTable()));
  const sceneHashes = new Map<Scene, string>();
  for (const scene of scenes)
    sceneHashes.set(scene, await putMedia(dataDir, encodePng(drawScene(scene))));
  return {
    portrait: (name) => portraits.get(name) ?? null,
    dish: (kind) => dishes.get(kind) ?? festiveTable,
    festiveTable,
    scene: (scene) => sceneHashes.get(scene) ?? festiveTable,
  };
}
