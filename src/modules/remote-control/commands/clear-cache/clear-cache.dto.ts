/** Clears the charger's authorisation cache: no parameters. */
export class ClearCacheDto {}
