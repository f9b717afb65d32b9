/** The Notities of a task or contact moment are comment lines of 80 characters (tables 5061, 5123). */

/** A note as comment lines of at most 80 characters, split on line breaks and then on words. */
export function splitComment(text: string, width = 80): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n/g, '\n').split('\n')) {
    let current = '';
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      if (word.length > width) {
        if (current) lines.push(current);
        for (let i = 0; i < word.length; i += width) lines.push(word.slice(i, i + width));
        current = '';
        continue;
      }
      const candidate = current ? `${current} ${word}` : word;
      if (candidate.length > width) {
        lines.push(current);
        current = word;
      } else current = candidate;
    }
    if (current) lines.push(current);
  }
  return lines;
}
