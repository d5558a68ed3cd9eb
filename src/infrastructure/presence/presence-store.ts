// Where the instances of a cluster record which of them holds each charger: a key per charger
// with a time to live, refreshed while the charger stays connected, so that the chargers of an
// instance that died can be told apart (their keys run out). The port is what the OCPP module
// depends on; Redis is one adapter, and a single instance has nothing to share (LocalPresenceStore).
// Every operation may fail (the store is away): callers decide what that means.

/** Abstract class: its own injection token. */
export abstract class PresenceStore {
  /** whether other instances read what this one records */
  abstract readonly shared: boolean;

  /** Records `holder` for the charger; returns the holder recorded before, if any. */
  abstract claim(chargePointId: string, holder: string, ttlS: number): Promise<string | null>;

  abstract holder(chargePointId: string): Promise<string | null>;

  /** Removes the record only if `holder` still holds the charger (a newer holder keeps it). */
  abstract release(chargePointId: string, holder: string): Promise<void>;

  /** Records `holder` again for each charger, with a fresh time to live. */
  abstract refresh(chargePointIds: readonly string[], holder: string, ttlS: number): Promise<void>;

  /** The holder of each charger, in the same order (null: none recorded). */
  abstract holders(chargePointIds: readonly string[]): Promise<(string | null)[]>;

  abstract close(): Promise<void>;
}
