// IPFilter/IPClassifier language: splits one pattern into words with Click's rules.
// Space separates words; "&&" "||" "==" "!=" "<=" ">=" are two-character words;
// "& | < > ! = ( ) [ ] , ; ?" stand alone; a run of letters, digits and "-./@_:" is one
// word (so "10.0.0.0/8", "ftp-data", "00:11:22:33:44:55" and "1000-2000" stay whole);
// any other character is a word by itself. Configuration time only.

function isSpace(c: i32): bool { return c == 32 || (c >= 9 && c <= 13); }

function isWordChar(c: i32): bool {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
    || c == 45 || c == 46 || c == 47 || c == 64 || c == 95 || c == 58;
}

export function separateWords(text: string): string[] {
  const words: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const c = text.charCodeAt(i);
    const next = i + 1 < n ? text.charCodeAt(i + 1) : -1;
    let len = 1;
    if ((c == 38 || c == 124) && next == c) len = 2; // && ||
    else if ((c == 60 || c == 62 || c == 33 || c == 61) && next == 61) len = 2; // <= >= != ==
    else if (isWordChar(c)) {
      while (i + len < n && isWordChar(text.charCodeAt(i + len))) len++;
    }
    words.push(text.substring(i, i + len));
    i += len;
  }
  return words;
}
