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
