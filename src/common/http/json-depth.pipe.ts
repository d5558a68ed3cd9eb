import { type ArgumentMetadata, BadRequestException, type PipeTransform } from '@nestjs/common';

/** Deeper than any body of this API; deep enough to be no constraint on a real client. */
export const MAX_JSON_DEPTH = 32;

// A deeply nested JSON body parses, then overflows the stack of the recursive transformation and
// validation that follow (a 500). It is refused first, with a 400 that says why. Runs before the
// ValidationPipe; its own walk is iterative.
export class JsonDepthPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'body' && depthExceeds(value, MAX_JSON_DEPTH)) {
      throw new BadRequestException(`The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`);
    }
    return value;
  }
}

export function depthExceeds(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(node)) {
      if (child && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}
