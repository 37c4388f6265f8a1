/**
 * A pure string function with its last `size` results remembered: cleared, not
 * evicted one by one, when full, so memory stays bounded (slugs, stems).
 */
export const boundedMemo = (fn: (input: string) => string, size: number): ((input: string) => string) => {
  const remembered = new Map<string, string>();
  return (input) => {
    const known = remembered.get(input);
    if (known !== undefined) return known;
    const result = fn(input);
    if (remembered.size >= size) remembered.clear();
    remembered.set(input, result);
    return result;
  };
};
