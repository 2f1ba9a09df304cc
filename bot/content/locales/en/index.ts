/** Every content file of this locale. A new theme adds its file here (and in the other locale). */
import civil_registry from './civil_registry.json';
import common from './common.json';
import education from './education.json';
import handoff from './handoff.json';
import health from './health.json';
import pro_points from './pro_points.json';
import profile from './profile.json';
import protection from './protection.json';
import regularization from './regularization.json';
import rights from './rights.json';
import services from './services.json';
import understanding from './understanding.json';
import work from './work.json';
import whatsapp from './whatsapp.json';

export const files = { common, pro_points, profile, regularization, rights, civil_registry, health, education, work, protection, services, understanding, whatsapp, handoff };
