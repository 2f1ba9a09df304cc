/** Great-circle distances, for "services near my location pin". */

export interface Coordinates {
  lat: number;
  lon: number;
}

/** A box of latitudes and longitudes; entries without coordinates never fall inside one. */
export interface BoundingBox {
  minLatitude: number;
  maxLatitude: number;
  minLongitude: number;
  maxLongitude: number;
}

const EARTH_RADIUS_KM = 6371.0088;
const KM_PER_DEGREE_LATITUDE = 111.32;

const radians = (degrees: number): number => (degrees * Math.PI) / 180;

/** Haversine distance in kilometres. */
export function distanceKm(a: Coordinates, b: Coordinates): number {
  const dLat = radians(b.lat - a.lat);
  const dLon = radians(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The latitude/longitude box that contains every point within `radiusKm` of `centre`. */
export function boxAround(centre: Coordinates, radiusKm: number): BoundingBox {
  const dLat = radiusKm / KM_PER_DEGREE_LATITUDE;
  // Colombia spans about 4°S to 16°N, so cos(latitude) never gets near zero here.
  const dLon = radiusKm / (KM_PER_DEGREE_LATITUDE * Math.cos(radians(centre.lat)));
  return { minLatitude: centre.lat - dLat, maxLatitude: centre.lat + dLat, minLongitude: centre.lon - dLon, maxLongitude: centre.lon + dLon };
}

/**
 * How far a service may be from a shared location and still be called "near": about an hour by
 * road, or a bus fare most people can pay. Beyond it the bot says how far the nearest one is.
 */
export const NEARBY_KM = 50;

/** Distances below this read "less than 1 km": a GPS pin is rarely more exact, and "0.0 km" reads like an error. */
export const UNDER_ONE_KM = 1;

/**
 * A distance in kilometres as the person's locale writes it: one decimal below 10 km ("2,5" in
 * Spanish, "2.5" in English), whole kilometres above ("406").
 *
 * @example
 * formatKm(2.46, 'es'); // "2,5"
 * formatKm(406.2, 'en'); // "406"
 */
export function formatKm(km: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: km < 10 ? 1 : 0 }).format(km);
}
