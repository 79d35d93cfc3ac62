/** Wraps text to a width for the terminal, keeping paragraphs apart. */
export function wrapText(text: string, width = 80, indent = ''): string {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => {
      const lines: string[] = [];
      let current = '';
      for (const word of paragraph.split(/\s+/).filter(Boolean)) {
        if (current && current.length + 1 + word.length > width - indent.length) {
          lines.push(indent + current);
          current = word;
        } else {
          current = current ? `${current} ${word}` : word;
        }
      }
      if (current) lines.push(indent + current);
      return lines.join('\n');
    })
    .join('\n\n');
}
