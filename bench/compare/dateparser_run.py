#!/usr/bin/env python3
"""Side-by-side run of python3-dateparser (Debian) over a phrase corpus, for bench/compare/run.sh.

Two ways of using it, each timed on one core over the whole corpus, repeated for at least
MIN_SECONDS of process CPU time after one untimed warm-up pass (dateparser loads its language data
lazily):
- dateparser.parse(phrase): "fully read" when it returns a date for the whole string;
- dateparser.search.search_dates(phrase): "fully read" when the substrings it found cover every
  non-space character of the phrase (strict), or every letter and digit (words).
Prints one line per mode, tab-separated: tool, corpus, phrases, fully read (strict), fully read
(words), phrases per second.
Usage: dateparser_run.py CORPUS_FILE LANG [MIN_SECONDS]
"""
import datetime
import os
import sys
import time
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from phrases import coverage, read_phrases  # noqa: E402

warnings.filterwarnings("ignore")  # dateparser 1.1 warns about pytz/tzlocal on every call
import dateparser  # noqa: E402
import dateparser.search  # noqa: E402

# A fixed reference date so that relative words ("в течение года") resolve the same way each run.
SETTINGS = {"RELATIVE_BASE": datetime.datetime(2023, 9, 1)}


def parse_fully(phrase, lang):
    found = dateparser.parse(phrase, languages=[lang], settings=SETTINGS) is not None
    return found, found


def search_fully(phrase, lang):
    found = dateparser.search.search_dates(phrase, languages=[lang], settings=SETTINGS)
    if not found:
        return False, False
    spans, pos = [], 0
    for substring, _ in found:
        start = phrase.find(substring, pos)
        if start < 0:
            start = phrase.find(substring)
        if start < 0:
            continue
        spans.append((start, start + len(substring)))
        pos = start + len(substring)
    return coverage(phrase, spans)


def measure(fn, phrases, lang, min_seconds):
    readings = [fn(p, lang) for p in phrases]  # the warm-up pass, also the count
    fully = (sum(r[0] for r in readings), sum(r[1] for r in readings))
    done, start = 0, time.process_time()
    while True:
        for p in phrases:
            fn(p, lang)
        done += len(phrases)
        elapsed = time.process_time() - start
        if elapsed >= min_seconds:
            return fully, done / elapsed


def main():
    path, lang = sys.argv[1], sys.argv[2]
    min_seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 2.0
    phrases = read_phrases(path)
    corpus = os.path.basename(path)
    for name, fn in (("dateparser.parse", parse_fully), ("dateparser.search_dates", search_fully)):
        fully, rate = measure(fn, phrases, lang, min_seconds)
        print(f"{name}\t{corpus}\t{len(phrases)}\t{fully[0]}\t{fully[1]}\t{rate:.1f}", flush=True)


if __name__ == "__main__":
    main()
