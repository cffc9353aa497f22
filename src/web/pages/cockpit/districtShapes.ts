/**
 * A hand-drawn schematic of Panzhihua's six county-level units — NOT a survey map and not to scale. The urban
 * districts are enlarged so that they can be read and clicked. Placement follows the real layout roughly:
 * 盐边县 west and north, 米易县 east and south-east, 仁和区 south, 西区 north-west of 东区, 东区 in the centre
 * north, 钒钛高新区 between 东区 and 仁和区. Coordinates are on a 100 × 84 grid, north up; neighbouring units
 * share their border vertices, so the pieces fit without gaps.
 */

type Point = [number, number];

// Shared vertices: the outline of the city (o*) and the inner junctions between units.
const o1: Point = [6, 76];
const o2: Point = [24, 84];
const o3: Point = [44, 80];
const o4: Point = [58, 78];
const o5: Point = [72, 76];
const o6: Point = [86, 70];
const o7: Point = [98, 56];
const o8: Point = [96, 38];
const o9: Point = [88, 22];
const o10: Point = [74, 10];
const o11: Point = [56, 4];
const o12: Point = [38, 2];
const o13: Point = [22, 10];
const o14: Point = [12, 24];
const o15: Point = [2, 40];
const o16: Point = [0, 60];
const a: Point = [38, 64]; // 盐边 / 西区 (north-west corner of 西区)
const j: Point = [50, 62]; // 盐边 / 西区 / 东区
const b: Point = [62, 64]; // 盐边 / 东区 / 米易
const c: Point = [68, 50]; // 东区 / 米易 / 高新区
const d: Point = [58, 44]; // 东区 / 高新区
const k: Point = [50, 48]; // 西区 / 东区 / 高新区 / 仁和
const e: Point = [36, 50]; // 盐边 / 西区 / 仁和
const f: Point = [48, 36]; // 高新区 / 仁和
const h: Point = [58, 30]; // 高新区 / 仁和
const g: Point = [70, 34]; // 高新区 / 米易 / 仁和
const m: Point = [78, 22]; // 米易 / 仁和
const i: Point = [26, 32]; // 盐边 / 仁和

export interface DistrictShape {
  /** GB/T 2260 code (or the zone's own code) and the seed id: either matches a cockpit district. */
  code: string;
  id: string;
  /** The label's anchor, inside the polygon. */
  centre: Point;
  polygon: Point[];
}

export const DISTRICT_SHAPES: readonly DistrictShape[] = [
  { code: '510422', id: 'yanbian', centre: [20, 58], polygon: [o16, o1, o2, o3, o4, b, j, a, e, i, o14, o15] },
  { code: '510403', id: 'xiqu', centre: [43, 56], polygon: [a, j, k, e] },
  { code: '510402', id: 'dongqu', centre: [58, 55], polygon: [j, b, c, d, k] },
  { code: 'Z510400-01', id: 'hitech', centre: [58, 39], polygon: [k, d, c, g, h, f] },
  { code: '510411', id: 'renhe', centre: [42, 18], polygon: [e, k, f, h, g, m, o10, o11, o12, o13, o14, i] },
  { code: '510421', id: 'miyi', centre: [84, 46], polygon: [o4, o5, o6, o7, o8, o9, o10, m, g, c, b] },
];

/** The schematic as GeoJSON for `echarts.registerMap`; each feature is named by its shape's `id`. */
export function schematicGeoJson() {
  return {
    type: 'FeatureCollection' as const,
    features: DISTRICT_SHAPES.map((s) => ({
      type: 'Feature' as const,
      properties: { name: s.id, cp: s.centre },
      geometry: { type: 'Polygon' as const, coordinates: [[...s.polygon, s.polygon[0] as Point]] },
    })),
  };
}
