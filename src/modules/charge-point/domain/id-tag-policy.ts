// Until an id tag list exists, every tag is unknown: OCPP_ACCEPT_UNKNOWN_ID_TAGS (default true)
// decides whether unknown tags may charge, so that a fresh install works out of the box.
export type IdTagStatus = 'Accepted' | 'Invalid';

export function idTagStatus(_idTag: string, acceptUnknown: boolean): IdTagStatus {
  return acceptUnknown ? 'Accepted' : 'Invalid';
}
