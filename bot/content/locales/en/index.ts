/** Every content file of this locale. A new theme adds its file here (and in the other locale). */
import common from './common.json';
import pro_points from './pro_points.json';

export const files = { common, pro_points };
