/**
 * Rejects bodies nested deeper than any valid request. Validation and merging walk values recursively, and a
 * 1 MiB body of brackets would otherwise overflow the stack and turn a bad request into a server error.
 */
export const MAX_JSON_DEPTH = 32;

export function isShallowerThan(value: unknown, maxDepth: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (current === null || typeof current !== 'object') continue;
    if (depth >= maxDepth) return false;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return true;
}
