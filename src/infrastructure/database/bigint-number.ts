// PostgreSQL hands bigint back as a string (it may pass 2^53); ours stay below 2^53 (checked on
// arrival), so they are read as numbers.
export const bigintNumber = {
  to: (v: number | null | undefined) => v,
  from: (v: unknown) => (v === null || v === undefined ? null : Number(v)),
};

/** The largest id our 32-bit serial columns hold: a larger one was never issued by us. */
export const INT32_MAX = 2_147_483_647;
