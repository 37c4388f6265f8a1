// The project resolves modules the Node 10 way (tsconfig `moduleResolution: Node`), which does not read
// package `exports` maps: @orama/stemmers ships its types behind one, and wink-porter2-stemmer ships none.
declare module '@orama/stemmers/indonesian' {
  export function stemmer(word: string): string;
}
declare module 'wink-porter2-stemmer' {
  const stem: (word: string) => string;
  export = stem;
}
