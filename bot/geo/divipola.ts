/**
 * DIVIPOLA (DANE's codes for Colombia's departments and municipalities) as the product ships it.
 * Codes are strings with their leading zeros ("05001", never 5001): spreadsheets and JSON numbers
 * silently drop them, which would make Medellín unfindable.
 */

export interface Department {
  /** Two digits, e.g. "54" (Norte de Santander). */
  code: string;
  name: string;
}

export interface Municipality {
  /** Five digits: the department's two then three of its own, e.g. "54001" (Cúcuta). */
  code: string;
  name: string;
  departmentCode: string;
}

/** The shape of bot/geo/divipola.json. */
export interface DivipolaData {
  /** Where the data came from (the file an admin refreshed it from). */
  source: string;
  /** ISO date of the last refresh. */
  refreshedAt: string;
  departments: Department[];
  municipalities: Municipality[];
}

export const DEPARTMENT_CODE = /^\d{2}$/;
export const MUNICIPALITY_CODE = /^\d{5}$/;

/** DIVIPOLA since 2019: 32 departments plus Bogotá D.C. */
export const DEPARTMENT_COUNT = 33;
