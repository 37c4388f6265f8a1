import { bodyToText, countWords } from './blocks';

/** Words per minute of an average adult reader, the figure most news sites use. */
export const WORDS_PER_MINUTE = 200;

/** Whole minutes, rounded up, to read the standfirst and the story text; 0 when there is no text. */
export const readingTimeMinutes = (excerpt: unknown, body: unknown): number => {
  const words = countWords(typeof excerpt === 'string' ? excerpt : '') + countWords(bodyToText(body));
  return words === 0 ? 0 : Math.ceil(words / WORDS_PER_MINUTE);
};
