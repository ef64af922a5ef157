"""Reads a phrase corpus of bench/phrases/ (format in bench/phrases/README.md)."""


def read_phrases(path):
    phrases = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            out, i = [], 0
            while i < len(line):
                if line[i] == "\\" and i + 1 < len(line) and line[i + 1] in "n\\":
                    out.append("\n" if line[i + 1] == "n" else "\\")
                    i += 2
                else:
                    out.append(line[i])
                    i += 1
            phrases.append("".join(out))
    return phrases


def coverage(text, spans):
    """(strict, words): whether the (start, end) spans cover every non-space character of text,
    and whether they cover every letter and digit (punctuation between results not required)."""
    covered = [False] * len(text)
    for start, end in spans:
        for i in range(max(start, 0), min(end, len(text))):
            covered[i] = True
    strict = all(covered[i] or text[i].isspace() for i in range(len(text)))
    words = all(covered[i] or not text[i].isalnum() for i in range(len(text)))
    return strict, words
