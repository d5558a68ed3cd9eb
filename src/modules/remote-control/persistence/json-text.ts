import type { ValueTransformer } from 'typeorm';

/** JSON kept as text on both dialects (read back exactly as written). */
export const jsonText: ValueTransformer = {
  to: (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value)),
  from: (value: string | null) => (value === null ? null : (JSON.parse(value) as unknown)),
};
