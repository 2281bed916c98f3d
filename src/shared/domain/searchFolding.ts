/**
 * Folding for name search: case, accents and letter variants are ignored, so "asa" finds "Åsa", "ohman" finds
 * "Öhman" and "nguyen" finds "Nguyễn". Letters that Unicode does not decompose are mapped by hand.
 */
const UNDECOMPOSED: Readonly<Record<string, string>> = {
  ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ð: 'd', þ: 'th', ł: 'l', ı: 'i', ħ: 'h', ŧ: 't',
};

export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[øæœßđðþłıħŧ]/g, (ch) => UNDECOMPOSED[ch] ?? ch)
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when every word of the query starts a word of the text, in any order: "nguyen v" finds "Văn Nguyễn". */
export function matchesQuery(foldedText: string, foldedQuery: string): boolean {
  if (foldedQuery === '') return true;
  const words = foldedText.split(/[\s\-']+/);
  return foldedQuery.split(' ').every((q) => words.some((w) => w.startsWith(q)));
}
